//! `educhain-verify [--chain-spec FILE] [--peers-from URL] [--light-db FILE] [--rpc URL]
//! <document.json>...`: checks credential documents and prints each check. By default through a
//! light client for the network of `--chain-spec` (or `$EDUCHAIN_CHAIN_SPEC`), which trusts no
//! server; peer addresses come from the spec's boot nodes and, if given, from the node at
//! `--peers-from`. `--light-db FILE` keeps the light client's state between runs, for a faster
//! start. `--rpc URL` trusts that node instead. Exits 0 when every document is valid, 1 when one is
//! not, 2 when it could not check.

use educhain_verifier::{Source, Verifier};
use std::path::{Path, PathBuf};

const USAGE: &str = "usage: educhain-verify [--chain-spec FILE] [--peers-from URL] [--light-db FILE] [--rpc URL] <document.json>...
  light mode (the default) needs the network's raw chain spec: --chain-spec FILE or $EDUCHAIN_CHAIN_SPEC
  (for a dev chain: educhain-node build-spec --dev --raw > dev.json); --rpc URL trusts that node instead";

/// The command line, read.
struct Args {
	chain_spec: Option<PathBuf>,
	peers_from: Option<String>,
	light_db: Option<PathBuf>,
	rpc: Option<String>,
	documents: Vec<PathBuf>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
	let mut parsed = Args { chain_spec: None, peers_from: None, light_db: None, rpc: None, documents: Vec::new() };
	while let Some(arg) = args.next() {
		let mut value = || args.next().ok_or(format!("{arg} needs a value"));
		match arg.as_str() {
			"--chain-spec" => parsed.chain_spec = Some(value()?.into()),
			"--peers-from" => parsed.peers_from = Some(value()?),
			"--light-db" => parsed.light_db = Some(value()?.into()),
			"--rpc" => parsed.rpc = Some(value()?),
			flag if flag.starts_with("--") => return Err(format!("unknown flag {flag}")),
			url if url.contains("://") => return Err(format!("{url}: give a node with --peers-from (light mode) or --rpc (trusting it)")),
			document => parsed.documents.push(document.into()),
		}
	}
	parsed.chain_spec = parsed.chain_spec.or_else(|| std::env::var_os("EDUCHAIN_CHAIN_SPEC").map(PathBuf::from));
	match (&parsed.rpc, &parsed.chain_spec, parsed.documents.is_empty()) {
		(_, _, true) => Err("no document given".into()),
		(None, None, _) => Err("light mode needs a chain spec".into()),
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

#[tokio::main]
async fn main() {
	let args = parse(std::env::args().skip(1)).unwrap_or_else(|e| {
		eprintln!("{e}\n{USAGE}");
		std::process::exit(2);
	});
	let verifier = match source(&args).await {
		Ok(source) => Verifier::open(&source).await,
		Err(e) => Err(e),
	};
	let verifier = verifier.unwrap_or_else(|e| {
		eprintln!("could not verify: {e}");
		std::process::exit(2);
	});
	let mut all_valid = true;
	for path in &args.documents {
		let started = std::time::Instant::now();
		match verifier.verify_file(path).await {
			Ok(report) => {
				println!("{}\n{report}", path.display());
				eprintln!("{}: verdict in {} ms", path.display(), started.elapsed().as_millis());
				all_valid &= report.valid();
			},
			Err(e) => {
				eprintln!("{}: could not verify: {e}", path.display());
				std::process::exit(2);
			},
		}
	}
	if let Err(e) = verifier.save().await {
		eprintln!("the light client's state was not saved: {e}");
	}
	std::process::exit(if all_valid { 0 } else { 1 });
}
