//! `educhain-verify`: checks credential documents, or presentations, and prints each check. By
//! default through a light client for the network of `--chain-spec`, which trusts no server;
//! `--rpc URL` trusts that node instead. `educhain-verify challenge` issues the challenges that
//! presentations answer; the challenges file refuses a replay. Exits 0 when every document is
//! valid, 1 when one is not, 2 when it could not check (`--help` lists the flags).

use clap::{error::ErrorKind, CommandFactory, Parser, Subcommand};
use educhain_verifier::{dates, read_json, Challenges, LightArgs, Source, Verifier};
use serde_json::Value;
use std::path::PathBuf;

/// The command line.
#[derive(Parser)]
#[command(name = "educhain-verify", about = "Check educhain credential documents, or presentations, against the chain")]
#[command(args_conflicts_with_subcommands = true)]
struct Args {
	#[command(subcommand)]
	command: Option<Command>,
	#[command(flatten)]
	light: LightArgs,
	/// A node to learn peer addresses from (only addresses: nothing it says is believed).
	#[arg(long)]
	peers_from: Option<String>,
	/// Trust the node at this URL instead of checking by a light client.
	#[arg(long, conflicts_with_all = ["light_db", "sync_limit"])]
	rpc: Option<String>,
	/// The file of challenges issued and answered (for --presentation).
	#[arg(long, required_if_eq("presentation", "true"))]
	challenges: Option<PathBuf>,
	/// The files are presentations (`educhain-cli present`), not credential documents.
	#[arg(long)]
	presentation: bool,
	/// The documents (or presentations), JSON files.
	documents: Vec<PathBuf>,
}

/// What else the command does than check documents.
#[derive(Subcommand)]
enum Command {
	/// Issue a challenge (printed as JSON) for a learner to answer with `educhain-cli present`.
	Challenge {
		/// The file of challenges issued and answered.
		#[arg(long)]
		challenges: PathBuf,
		/// The verifier's domain, which the presentation must name.
		#[arg(long)]
		domain: String,
		/// Seconds the challenge stays open.
		#[arg(long, default_value_t = 600)]
		lifetime: u64,
	},
}

/// Where to read the chain: the node `--rpc` names, or a light client for the chain spec.
async fn source(args: &Args) -> Result<Source, String> {
	match &args.rpc {
		Some(url) => Ok(Source::Node(url.clone())),
		None => {
			// The flags' faults are usage errors, found before any node is asked.
			let flags = args.light.chain_spec().map_err(|e| format!("{e}, or --rpc URL")).and(args.light.sync_limit());
			if let Err(e) = flags {
				usage(e)
			}
			args.light.source(args.peers_from.as_deref()).await
		},
	}
}

/// A usage error, as clap reports its own: exit 2.
fn usage(message: String) -> ! {
	Args::command().error(ErrorKind::ValueValidation, message).exit()
}

/// Exit with `code` after saying why on stderr.
fn exit(code: i32, message: &str) -> ! {
	eprintln!("{message}");
	std::process::exit(code)
}

#[tokio::main]
async fn main() {
	let args = Args::parse();
	if let Some(Command::Challenge { challenges, domain, lifetime }) = &args.command {
		let request = Challenges::open(challenges).and_then(|mut c| c.issue(domain, *lifetime, dates::now()));
		let request = request.unwrap_or_else(|e| exit(2, &e));
		println!("{}", serde_json::json!({ "challenge": request.challenge, "domain": request.domain }));
		return;
	}
	if let Some(url) = args.documents.iter().find(|d| d.to_string_lossy().contains("://")) {
		usage(format!("{}: give a node with --peers-from (light mode) or --rpc (trusting it)", url.display()));
	}
	if args.documents.is_empty() {
		usage("no document given".into());
	}
	let mut challenges = match &args.challenges {
		Some(file) => Challenges::open(file).unwrap_or_else(|e| exit(2, &e)),
		None => Challenges::in_memory(),
	};
	// Every file is read before the light client syncs, so that a wrong one fails at once.
	let files: Result<Vec<Value>, String> = args.documents.iter().map(|path| read_json(path, "JSON")).collect();
	let files = files.unwrap_or_else(|e| exit(2, &format!("could not verify: {e}")));
	let verifier = match source(&args).await {
		Ok(source) => Verifier::open(&source).await,
		Err(e) => Err(e),
	};
	let verifier = verifier.unwrap_or_else(|e| exit(2, &format!("could not verify: {e}")));
	let mut all_valid = true;
	for (path, file) in args.documents.iter().zip(&files) {
		let started = std::time::Instant::now();
		let verdict = match args.presentation {
			true => presentation(&verifier, file, &mut challenges).await,
			false => verifier.verify(file).await.map(|report| (report.to_string(), report.valid())),
		};
		match verdict {
			Ok((report, valid)) => {
				println!("{}\n{report}", path.display());
				eprintln!("{}: verdict in {} ms", path.display(), started.elapsed().as_millis());
				all_valid &= valid;
			},
			Err(e) => exit(2, &format!("{}: could not verify: {e}", path.display())),
		}
	}
	if let Err(e) = verifier.save().await {
		eprintln!("the light client's state was not saved: {e}");
	}
	std::process::exit(if all_valid { 0 } else { 1 });
}

/// The presentation `vp`, checked: its report and whether it is valid.
async fn presentation(verifier: &Verifier, vp: &Value, challenges: &mut Challenges) -> Result<(String, bool), String> {
	let report = verifier.verify_presentation(vp, challenges, dates::now()).await?;
	Ok((report.to_string(), report.valid()))
}
