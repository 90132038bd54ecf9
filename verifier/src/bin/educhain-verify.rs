//! `educhain-verify [--chain-spec FILE] [--peers-from URL] [--light-db FILE] [--rpc URL]
//! <document.json>...`: checks credential documents and prints each check. By default through a
//! light client for the network of `--chain-spec` (or `$EDUCHAIN_CHAIN_SPEC`), which trusts no
//! server; peer addresses come from the spec's boot nodes and, if given, from the node at
//! `--peers-from`. `--light-db FILE` keeps the light client's state between runs, for a faster
//! start. `--rpc URL` trusts that node instead. Exits 0 when every document is valid, 1 when one is
//! not, 2 when it could not check.
//!
//! Presentations: `educhain-verify challenge --challenges FILE --domain D [--lifetime SECS]`
//! issues a challenge (printed as JSON) for a learner to answer with `educhain-cli present`;
//! `educhain-verify --challenges FILE --presentation <vp.json>...` checks the answers. FILE keeps
//! the challenges issued and answered, so that a replayed presentation is refused.

use educhain_verifier::{dates, Challenges, Source, Verifier};
use std::path::{Path, PathBuf};

const USAGE: &str = "usage: educhain-verify [--chain-spec FILE] [--peers-from URL] [--light-db FILE] [--rpc URL] <document.json>...
  light mode (the default) needs the network's raw chain spec: --chain-spec FILE or $EDUCHAIN_CHAIN_SPEC
  (for a dev chain: educhain-node build-spec --dev --raw > dev.json); --rpc URL trusts that node instead
       educhain-verify challenge --challenges FILE --domain DOMAIN [--lifetime SECONDS]
       educhain-verify [source flags] --challenges FILE --presentation <presentation.json>...";

/// The command line, read.
struct Args {
	chain_spec: Option<PathBuf>,
	peers_from: Option<String>,
	light_db: Option<PathBuf>,
	rpc: Option<String>,
	/// The file of challenges issued and answered.
	challenges: Option<PathBuf>,
	/// Whether the documents are presentations.
	presentation: bool,
	documents: Vec<PathBuf>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
	let mut parsed =
		Args { chain_spec: None, peers_from: None, light_db: None, rpc: None, challenges: None, presentation: false, documents: Vec::new() };
	while let Some(arg) = args.next() {
		let mut value = || args.next().ok_or(format!("{arg} needs a value"));
		match arg.as_str() {
			"--chain-spec" => parsed.chain_spec = Some(value()?.into()),
			"--peers-from" => parsed.peers_from = Some(value()?),
			"--light-db" => parsed.light_db = Some(value()?.into()),
			"--rpc" => parsed.rpc = Some(value()?),
			"--challenges" => parsed.challenges = Some(value()?.into()),
			"--presentation" => parsed.presentation = true,
			flag if flag.starts_with("--") => return Err(format!("unknown flag {flag}")),
			url if url.contains("://") => return Err(format!("{url}: give a node with --peers-from (light mode) or --rpc (trusting it)")),
			document => parsed.documents.push(document.into()),
		}
	}
	parsed.chain_spec = parsed.chain_spec.or_else(|| std::env::var_os("EDUCHAIN_CHAIN_SPEC").map(PathBuf::from));
	match (&parsed.rpc, &parsed.chain_spec, parsed.documents.is_empty()) {
		(_, _, true) => Err("no document given".into()),
		(None, None, _) => Err("light mode needs a chain spec".into()),
		_ if parsed.presentation && parsed.challenges.is_none() => Err("--presentation needs --challenges FILE".into()),
		_ => Ok(parsed),
	}
}

async fn source(args: &Args) -> Result<Source, String> {
	match (&args.rpc, &args.chain_spec) {
		(Some(url), _) => Ok(Source::Node(url.clone())),
		(None, Some(spec)) => {
			let source = Source::light(Path::new(spec), args.peers_from.as_deref()).await?;
			Ok(match &args.light_db {
				Some(path) => source.with_database(path.clone()),
				None => source,
			})
		},
		(None, None) => Err("light mode needs a chain spec".into()),
	}
}

/// `challenge --challenges FILE --domain D [--lifetime SECS]`: a new challenge, as JSON.
fn challenge(mut args: impl Iterator<Item = String>) -> Result<String, String> {
	let (mut file, mut domain, mut lifetime) = (None, None, 600);
	while let Some(arg) = args.next() {
		let mut value = || args.next().ok_or(format!("{arg} needs a value"));
		match arg.as_str() {
			"--challenges" => file = Some(PathBuf::from(value()?)),
			"--domain" => domain = Some(value()?),
			"--lifetime" => lifetime = value()?.parse().map_err(|_| "--lifetime takes whole seconds".to_string())?,
			other => return Err(format!("unknown argument {other}")),
		}
	}
	let (file, domain) = file.zip(domain).ok_or("challenge needs --challenges FILE and --domain DOMAIN")?;
	let request = Challenges::open(&file)?.issue(&domain, lifetime, dates::now())?;
	Ok(serde_json::json!({ "challenge": request.challenge, "domain": request.domain }).to_string())
}

/// Exit with `code` after saying why on stderr.
fn exit(code: i32, message: &str) -> ! {
	eprintln!("{message}");
	std::process::exit(code)
}

#[tokio::main]
async fn main() {
	let mut argv = std::env::args().skip(1).peekable();
	if argv.peek().map(String::as_str) == Some("challenge") {
		argv.next();
		match challenge(argv) {
			Ok(json) => println!("{json}"),
			Err(e) => exit(2, &format!("{e}\n{USAGE}")),
		}
		return;
	}
	let args = parse(argv).unwrap_or_else(|e| exit(2, &format!("{e}\n{USAGE}")));
	let mut challenges = match &args.challenges {
		Some(file) => Challenges::open(file).unwrap_or_else(|e| exit(2, &e)),
		None => Challenges::in_memory(),
	};
	let verifier = match source(&args).await {
		Ok(source) => Verifier::open(&source).await,
		Err(e) => Err(e),
	};
	let verifier = verifier.unwrap_or_else(|e| exit(2, &format!("could not verify: {e}")));
	let mut all_valid = true;
	for path in &args.documents {
		let started = std::time::Instant::now();
		let verdict = match args.presentation {
			true => presentation(&verifier, path, &mut challenges).await,
			false => verifier.verify_file(path).await.map(|report| (report.to_string(), report.valid())),
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

/// The presentation in file `path`, checked: its report and whether it is valid.
async fn presentation(verifier: &Verifier, path: &Path, challenges: &mut Challenges) -> Result<(String, bool), String> {
	let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
	let vp = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
	let report = verifier.verify_presentation(&vp, challenges, dates::now()).await?;
	Ok((report.to_string(), report.valid()))
}
