//! `educhain-cli`: educhain for every role, over JSON-RPC, built on subxt.
//!
//! So far it covers keys, the registry (institutions, votes, ministry decisions, lecturers),
//! and reads of transcripts, credentials, coins and the FL ledger. Transactions wait for inclusion, or finality with `--finalized`; a failed one
//! prints its pallet error and documentation and exits 1. `--json` prints JSON instead of a
//! summary.

mod chain;
mod keys;
mod reads;

use chain::{Chain, Failure, Landed};
use clap::{Parser, Subcommand};
use serde_json::{json, Value};
use std::process::ExitCode;
use subxt::{dynamic, utils::AccountId32};

#[derive(Parser)]
#[command(version, about)]
struct Cli {
	/// The node's JSON-RPC WebSocket endpoint.
	#[arg(long, global = true, default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// Print JSON instead of a human summary.
	#[arg(long, global = true)]
	json: bool,
	/// Wait for transactions to be finalized, not only included.
	#[arg(long, global = true)]
	finalized: bool,
	/// Who signs: a dev name or secret URI (`//Alice`, a mnemonic) or `keystore:FILE` (a
	/// polkadot.js JSON key; the password from $EDUCHAIN_KEYSTORE_PASSWORD or a prompt).
	#[arg(long, global = true)]
	signer: Option<String>,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Generate and inspect keys.
	#[command(subcommand)]
	Keys(KeysCommand),
	/// Institutions, applications, votes, ministry decisions and lecturers.
	#[command(subcommand)]
	Registry(RegistryCommand),
	/// Transcripts, classes and programs (reads).
	#[command(subcommand)]
	Transcripts(reads::Transcripts),
	/// Credential records (reads).
	#[command(subcommand)]
	Credentials(reads::Credentials),
	/// Courses, balances and awards (reads).
	#[command(subcommand)]
	Coins(reads::Coins),
	/// Federated-learning tasks, rounds and budgets (reads).
	#[command(subcommand)]
	Fl(reads::Fl),
}

#[derive(Subcommand)]
enum KeysCommand {
	/// A new 12-word mnemonic and its account.
	Generate,
	/// The account and public key of a secret URI, mnemonic or keystore file.
	Inspect {
		/// As for `--signer`.
		key: String,
	},
}

#[derive(Subcommand)]
enum RegistryCommand {
	/// Apply to join (as the candidate institution, the signer).
	Apply {
		/// University, College, School or Other.
		#[arg(long, value_parser = ["University", "College", "School", "Other"])]
		kind: String,
		/// Digest of the institution's off-chain profile (32 bytes, 0x-hex).
		#[arg(long, value_parser = digest)]
		profile: [u8; 32],
	},
	/// An institution's record.
	Institution { account: AccountId32 },
	/// Every institution that is or was a member.
	Members,
	/// Open applications, with their tallies.
	Applications,
	/// Open motions to suspend, reinstate or remove members.
	Motions,
	/// An institution's lecturers.
	Lecturers { institution: AccountId32 },
	/// Vote on an application or motion about `subject` (as a member institution).
	Vote {
		subject: AccountId32,
		/// aye or nay.
		#[arg(value_parser = ["aye", "nay"])]
		vote: String,
	},
	/// Admit an applicant (as the ministry).
	Approve { subject: AccountId32 },
	/// Refuse an applicant (as the ministry).
	Reject { subject: AccountId32 },
	/// Appoint a lecturer (as an institution).
	GrantLecturer { lecturer: AccountId32 },
	/// Withdraw a lecturer's appointment (as an institution).
	RevokeLecturer { lecturer: AccountId32 },
}

/// What a command produced: JSON, and the summary a person reads.
struct Output {
	json: Value,
	human: String,
}

fn landed(what: &str, l: Landed) -> Output {
	let human = format!("{what}: in block {} ({})", l.block, l.events.join(", "));
	Output { json: json!({"ok": true, "block": l.block, "transaction": l.transaction, "events": l.events}), human }
}

/// A failure of the command itself: bad input, no node, a refused transaction.
enum Error {
	/// Usage or connection: exit 2.
	Usage(String),
	/// A transaction that did not take effect: exit 1.
	Failed(Failure),
}

impl From<String> for Error {
	fn from(e: String) -> Self {
		Error::Usage(e)
	}
}

fn digest(text: &str) -> Result<[u8; 32], String> {
	let bytes = hex::decode(text.trim_start_matches("0x")).map_err(|e| format!("not hex: {e}"))?;
	bytes.try_into().map_err(|_| "a digest is 32 bytes".to_string())
}

fn signer(cli: &Cli) -> Result<subxt_signer::sr25519::Keypair, Error> {
	let spec = cli.signer.as_deref().ok_or_else(|| "this command signs: give --signer".to_string())?;
	Ok(keys::load(spec)?)
}

fn list(value: Value, describe: impl Fn(&Value) -> String) -> Output {
	let lines: Vec<String> = value.as_array().map(|a| a.iter().map(&describe).collect()).unwrap_or_default();
	let human = if lines.is_empty() { "none".into() } else { lines.join("\n") };
	Output { json: value, human }
}

fn institution_line(i: &Value) -> String {
	format!("{} {} {} (joined at block {})", i["account"].as_str().unwrap_or("?"), i["kind"].as_str().unwrap_or("?"), i["status"].as_str().unwrap_or("?"), i["joined"])
}

fn proposal_line(p: &Value) -> String {
	format!(
		"{} {}: {} ayes, {} nays of {} (needs {}), expires at block {}",
		p["action"].as_str().unwrap_or("?"),
		p["subject"].as_str().unwrap_or("?"),
		p["ayes"],
		p["nays"],
		p["electorate"],
		p["threshold"],
		p["expires"]
	)
}

async fn registry(cli: &Cli, command: &RegistryCommand) -> Result<Output, Error> {
	let chain = Chain::connect(&cli.url).await?;
	let account = |a: &AccountId32| Value::String(a.to_string());
	let read = |method: &'static str, params: Vec<Value>| {
		let chain = &chain;
		async move { chain.call(method, params).await.map_err(Error::Usage) }
	};
	let send = |what: &'static str, call: &'static str, args: (AccountId32,)| {
		let chain = &chain;
		async move {
			let signer = signer(cli)?;
			let tx = dynamic::tx("Registry", call, args);
			chain.submit(&tx, &signer, cli.finalized).await.map(|l| landed(what, l)).map_err(Error::Failed)
		}
	};
	Ok(match command {
		RegistryCommand::Apply { kind, profile } => {
			let signer = signer(cli)?;
			let done = chain.apply(&signer, kind, *profile, cli.finalized).await;
			done.map(|l| landed("applied", l)).map_err(Error::Failed)?
		},
		RegistryCommand::Institution { account: a } => {
			let v = read("registry_institution", vec![account(a)]).await?;
			let human = if v.is_null() { format!("{a} never applied") } else { institution_line(&v) };
			Output { json: v, human }
		},
		RegistryCommand::Members => list(read("registry_members", vec![]).await?, institution_line),
		RegistryCommand::Applications => list(read("registry_applications", vec![]).await?, proposal_line),
		RegistryCommand::Motions => list(read("registry_motions", vec![]).await?, proposal_line),
		RegistryCommand::Lecturers { institution } =>
			list(read("registry_lecturers", vec![account(institution)]).await?, |l| l.as_str().unwrap_or("?").to_string()),
		RegistryCommand::Vote { subject, vote } => {
			let signer = signer(cli)?;
			let tx = dynamic::tx("Registry", "vote", (subject.clone(), vote == "aye"));
			chain.submit(&tx, &signer, cli.finalized).await.map(|l| landed("voted", l)).map_err(Error::Failed)?
		},
		RegistryCommand::Approve { subject } => send("approved", "approve", (subject.clone(),)).await?,
		RegistryCommand::Reject { subject } => send("rejected", "reject", (subject.clone(),)).await?,
		RegistryCommand::GrantLecturer { lecturer } => send("appointed", "grant_lecturer", (lecturer.clone(),)).await?,
		RegistryCommand::RevokeLecturer { lecturer } => send("withdrawn", "revoke_lecturer", (lecturer.clone(),)).await?,
	})
}

/// Run one JSON-RPC read; the human form is the JSON, indented (or "none").
async fn read(cli: &Cli, what: &dyn reads::Read) -> Result<Output, Error> {
	let chain = Chain::connect(&cli.url).await?;
	let (method, params) = what.request();
	let json = chain.call(method, params).await?;
	let human = if json.is_null() { "none".into() } else { serde_json::to_string_pretty(&json).expect("JSON prints") };
	Ok(Output { json, human })
}

fn keys_command(command: &KeysCommand) -> Result<Output, Error> {
	Ok(match command {
		KeysCommand::Generate => {
			let (phrase, account) = keys::generate();
			Output {
				human: format!("mnemonic: {phrase}\naccount:  {account}\nKeep the mnemonic secret: it is the key."),
				json: json!({"mnemonic": phrase, "account": account.to_string()}),
			}
		},
		KeysCommand::Inspect { key } => {
			let (account, public) = keys::inspect(key)?;
			Output { human: format!("account: {account}\npublic:  {public}"), json: json!({"account": account.to_string(), "public": public}) }
		},
	})
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	let result = match &cli.command {
		Command::Keys(k) => keys_command(k),
		Command::Registry(r) => registry(&cli, r).await,
		Command::Transcripts(r) => read(&cli, r).await,
		Command::Credentials(r) => read(&cli, r).await,
		Command::Coins(r) => read(&cli, r).await,
		Command::Fl(r) => read(&cli, r).await,
	};
	match result {
		Ok(out) => {
			if cli.json {
				println!("{}", out.json);
			} else {
				println!("{}", out.human);
			}
			ExitCode::SUCCESS
		},
		Err(Error::Failed(f)) => {
			if cli.json {
				println!("{}", json!({"ok": false, "error": f.error, "docs": f.docs}));
			}
			eprintln!("error: {f}");
			ExitCode::from(1)
		},
		Err(Error::Usage(e)) => {
			eprintln!("error: {e}");
			ExitCode::from(2)
		},
	}
}
