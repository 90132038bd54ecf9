//! `educhain-cli`: educhain for every role, over JSON-RPC, built on `educhain-client`.
//!
//! It covers keys, digests of documents, the registry (institutions, votes, ministry decisions,
//! session keys, lecturers), transcripts (programs, enrolments, classes, grades, one by one or
//! from CSV), credentials (issue, batches from CSV, revoke, reinstate, verify a document),
//! coins (courses, tasks, awards, claims), DIDs (resolve, did:web export) and the FL ledger
//! (tasks, rounds, budgets), makes a learner's presentations (`present`), and shows
//! what any metadata-driven client sees (`chain`), checks the invariants (`audit check`) and
//! finds a transaction sent earlier by its hash (`find`).
//! Transactions wait for inclusion, or finality with `--finalized`; a failed one prints its
//! pallet error and documentation and exits 1. `--json` prints JSON instead of a summary.

mod audit;
mod batch;
mod coins;
mod context;
mod credentials;
mod did;
mod digests;
mod find;
mod fl;
mod inspect;
mod keys;
mod preflight;
mod present;
mod registry;
mod signing;
mod summary;
mod transcripts;

use clap::{Parser, Subcommand};
use context::{Ctx, Error, Global, Output};
use serde_json::json;
use std::process::ExitCode;

#[derive(Parser)]
#[command(version, about)]
struct Cli {
	#[command(flatten)]
	global: Global,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Generate and inspect keys.
	#[command(subcommand)]
	Keys(keys::Keys),
	/// Digests of documents, as the chain stores them (offline).
	#[command(subcommand)]
	Digest(digests::Digest),
	/// Institutions, applications, votes, ministry decisions, session keys and lecturers.
	#[command(subcommand)]
	Registry(registry::Registry),
	/// Programs, enrolments, classes, grades and transcripts.
	#[command(subcommand)]
	Transcripts(transcripts::Transcripts),
	/// Degrees and certificates: issue, revoke, reinstate, show, verify.
	#[command(subcommand)]
	Credentials(credentials::Credentials),
	/// DIDs: resolve `did:educhain`, write `did:web` documents for institutions.
	#[command(subcommand)]
	Did(did::Did),
	/// Courses, tasks, awards, balances and micro-credential claims.
	#[command(subcommand)]
	Coins(coins::Coins),
	/// Federated-learning tasks, rounds and budgets.
	#[command(subcommand)]
	Fl(fl::Fl),
	/// What any metadata-driven client sees: pallets, every storage entry, a block's events.
	#[command(subcommand)]
	Chain(inspect::Inspect),
	/// The auditor's check of every invariant at a block (the offline replay is
	/// `educhain-node audit replay`).
	#[command(subcommand)]
	Audit(audit::Audit),
	/// Where a transaction sent earlier landed, by its hash: for one whose command timed out.
	Find(find::Find),
	/// A presentation of chosen credentials and grade records to one verifier, signed with
	/// the learner's holder keys for its challenge (offline).
	Present(present::Present),
}

async fn run(cli: &Cli) -> Result<Output, Error> {
	let online = || Ctx::open(&cli.global);
	match &cli.command {
		Command::Keys(k) => keys::run(k),
		Command::Digest(d) => Ok(digests::run(d)?),
		Command::Registry(c) => registry::run(&online().await?, c).await,
		Command::Transcripts(c) => transcripts::run(&online().await?, c).await,
		// With a receipt, verification needs no node at all.
		Command::Credentials(credentials::Credentials::Verify { file, read, receipt: Some(receipt), checkpoint }) =>
			credentials::verify_offline(file, &read.light, receipt, checkpoint.as_deref()).await,
		Command::Credentials(c) => credentials::run(&online().await?, c).await,
		Command::Coins(c) => coins::run(&online().await?, c).await,
		Command::Did(c) => did::run(&online().await?, c).await,
		Command::Fl(c) => fl::run(&online().await?, c).await,
		Command::Chain(c) => inspect::run(&cli.global, c).await,
		Command::Audit(c) => audit::run(&online().await?, c).await,
		Command::Find(f) => find::run(&online().await?, f).await,
		Command::Present(p) => present::run(p).await,
	}
}

fn print(json: bool, out: &Output) {
	if json {
		println!("{}", out.json);
	} else {
		println!("{}", out.human);
	}
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	match run(&cli).await {
		Ok(out) => {
			print(cli.global.json, &out);
			ExitCode::SUCCESS
		},
		Err(Error::Failed(f)) => {
			if cli.global.json {
				println!("{}", json!({"ok": false, "error": f.error, "docs": f.docs}));
			}
			eprintln!("error: {f}");
			ExitCode::from(1)
		},
		Err(Error::Partial(out)) => {
			print(cli.global.json, &out);
			ExitCode::from(1)
		},
		Err(Error::Usage(e)) => {
			eprintln!("error: {e}");
			ExitCode::from(2)
		},
	}
}

#[cfg(test)]
mod tests {
	use super::Cli;
	use clap::CommandFactory;

	/// The arguments of `command` and its subcommands that `--help` shows with no explanation,
	/// as `path: argument`.
	fn unexplained(command: &clap::Command, path: &str, found: &mut Vec<String>) {
		for arg in command.get_arguments().filter(|a| !a.is_hide_set() && a.get_help().is_none()) {
			found.push(format!("{path}: {}", arg.get_id()));
		}
		for sub in command.get_subcommands() {
			unexplained(sub, &format!("{path} {}", sub.get_name()), found);
		}
	}

	#[test]
	fn every_command_and_argument_is_explained_in_its_help() {
		let mut command = Cli::command();
		command.build();
		let mut found = Vec::new();
		unexplained(&command, "educhain-cli", &mut found);
		let commands = command.get_subcommands().flat_map(|c| std::iter::once(c).chain(c.get_subcommands()));
		found.extend(commands.filter(|c| c.get_about().is_none()).map(|c| format!("command {}", c.get_name())));
		assert!(found.is_empty(), "without help:\n{}", found.join("\n"));
	}
}
