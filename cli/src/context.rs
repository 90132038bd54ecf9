//! What every subcommand works with: the global flags, the connection, and the two shapes of
//! result (a summary for people, JSON for programs).

use crate::chain::{Chain, Failure, Landed};
use crate::keys;
use clap::Args;
use serde_json::{json, Value};
use subxt::transactions::Payload;
use subxt_signer::sr25519::Keypair;

/// The flags every subcommand takes.
#[derive(Args)]
pub struct Global {
	/// The node's JSON-RPC WebSocket endpoint.
	#[arg(long, global = true, default_value = "ws://127.0.0.1:9944")]
	pub url: String,
	/// Print JSON instead of a human summary.
	#[arg(long, global = true)]
	pub json: bool,
	/// Wait for transactions to be finalized, not only included.
	#[arg(long, global = true)]
	pub finalized: bool,
	/// Who signs: a dev name or secret URI (`//Alice`, a mnemonic) or `keystore:FILE` (a
	/// polkadot.js JSON key; the password from $EDUCHAIN_KEYSTORE_PASSWORD or a prompt).
	#[arg(long, global = true)]
	pub signer: Option<String>,
}

/// What a command produced: JSON, and the summary a person reads.
pub struct Output {
	pub json: Value,
	pub human: String,
}

impl Output {
	/// `what` landed as `l`.
	pub fn landed(what: &str, l: Landed) -> Output {
		let human = format!("{what}: in block {} ({})", l.block, l.events.join(", "));
		Output { json: json!({"ok": true, "block": l.block, "transaction": l.transaction, "events": l.events}), human }
	}

	/// Add `key` to the JSON and a line to the summary, for what the command computed (an id, a
	/// digest) that the caller needs next.
	pub fn with(mut self, key: &str, value: Value) -> Output {
		let shown = value.as_str().map(str::to_string).unwrap_or_else(|| value.to_string());
		self.human.push_str(&format!("\n{key}: {shown}"));
		self.json[key] = value;
		self
	}

	/// A JSON answer, shown to people indented (or "none" for null).
	pub fn json(json: Value) -> Output {
		let human = if json.is_null() { "none".into() } else { serde_json::to_string_pretty(&json).expect("JSON prints") };
		Output { json, human }
	}

	/// A list, one line per item (or "none").
	pub fn list(json: Value, describe: impl Fn(&Value) -> String) -> Output {
		let lines: Vec<String> = json.as_array().map(|a| a.iter().map(&describe).collect()).unwrap_or_default();
		let human = if lines.is_empty() { "none".into() } else { lines.join("\n") };
		Output { json, human }
	}
}

/// A failure of the command itself: bad input, no node, a refused transaction.
pub enum Error {
	/// Usage or connection: exit 2.
	Usage(String),
	/// A transaction that did not take effect: exit 1.
	Failed(Failure),
	/// Part of a batch did not take effect: exit 1, with what did.
	Partial(Output),
}

impl From<String> for Error {
	fn from(e: String) -> Self {
		Error::Usage(e)
	}
}

impl From<Failure> for Error {
	fn from(f: Failure) -> Self {
		Error::Failed(f)
	}
}

/// A connected command.
pub struct Ctx<'a> {
	pub global: &'a Global,
	pub chain: Chain,
}

impl<'a> Ctx<'a> {
	/// Connect to the node the flags name.
	pub async fn open(global: &'a Global) -> Result<Ctx<'a>, Error> {
		Ok(Ctx { global, chain: Chain::connect(&global.url).await? })
	}

	/// The signing key `--signer` names.
	pub fn signer(&self) -> Result<Keypair, Error> {
		let spec = self.global.signer.as_deref().ok_or_else(|| "this command signs: give --signer".to_string())?;
		Ok(keys::load(spec)?)
	}

	/// Sign and submit `call`, wait as the flags say, and summarise it as `what`.
	pub async fn send(&self, what: &str, call: &impl Payload) -> Result<Output, Error> {
		let signer = self.signer()?;
		Ok(Output::landed(what, self.chain.submit(call, &signer, self.global.finalized).await?))
	}

	/// Send `call`, which creates something, and add its id (field `field` of `event`,
	/// `Pallet.Event`) to the output.
	pub async fn create(&self, what: &str, call: &impl Payload, event: &str, field: &str) -> Result<Output, Error> {
		let landed = self.chain.submit(call, &self.signer()?, self.global.finalized).await?;
		let id = landed.number(event, field);
		let out = Output::landed(what, landed);
		Ok(match id {
			Some(id) => out.with(field, (id as u64).into()),
			None => out,
		})
	}

	/// The answer of JSON-RPC method `method`.
	pub async fn call(&self, method: &str, params: Vec<Value>) -> Result<Value, Error> {
		Ok(self.chain.call(method, params).await?)
	}

	/// Method `method`'s answer, as a command's output.
	pub async fn read(&self, method: &str, params: Vec<Value>) -> Result<Output, Error> {
		Ok(Output::json(self.call(method, params).await?))
	}
}
