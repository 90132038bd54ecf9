//! What every subcommand works with: the global flags, the connection, and the two shapes of
//! result (a summary for people, JSON for programs).

use crate::keys;
use clap::Args;
use educhain_client::{Client, Failure, Landed, Signer, Wait};
use educhain_runtime::{RuntimeCall, RuntimeEvent};
use serde::Serialize;
use serde_json::{json, Value};

/// The flags every subcommand takes.
#[derive(Args)]
pub struct Global {
	/// The node's JSON-RPC endpoint: `ws://`, or `http://`, where a transaction is followed by
	/// reading the blocks (HTTP has no subscriptions).
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
	pub fn landed(what: &str, l: &Landed) -> Output {
		let (block, transaction, events) = (format!("{:?}", l.block), format!("{:?}", l.hash), l.event_names());
		let human = format!("{what}: in block {block} ({})", events.join(", "));
		Output { json: json!({"ok": true, "block": block, "transaction": transaction, "events": events}), human }
	}

	/// Add `key` to the JSON and a line to the summary, for what the command computed (an id, a
	/// digest) that the caller needs next.
	pub fn with(mut self, key: &str, value: Value) -> Output {
		let shown = value.as_str().map(str::to_string).unwrap_or_else(|| value.to_string());
		self.human.push_str(&format!("\n{key}: {shown}"));
		self.json[key] = value;
		self
	}

	/// A JSON answer, shown to people indented (or "none" for null or an empty list, such as an
	/// institution's programs before it has any).
	pub fn json(json: Value) -> Output {
		let human = match &json {
			Value::Null => "none".into(),
			Value::Array(items) if items.is_empty() => "none".into(),
			other => serde_json::to_string_pretty(other).unwrap_or_else(|_| other.to_string()),
		};
		Output { json, human }
	}

	/// An answer and the summary a person reads of it.
	pub fn described<T: Serialize>(answer: &T, human: String) -> Result<Output, Error> {
		Ok(Output { json: to_json(answer)?, human })
	}

	/// A read that may find nothing: its record as `describe` summarizes it, or "none".
	pub fn record<T: Serialize>(answer: &Option<T>, describe: impl Fn(&T) -> String) -> Result<Output, Error> {
		Output::described(answer, answer.as_ref().map_or("none".into(), describe))
	}

	/// A list, one line per item (or "none").
	pub fn list<T: Serialize>(items: &[T], describe: impl Fn(&T) -> String) -> Result<Output, Error> {
		let lines: Vec<String> = items.iter().map(describe).collect();
		Output::described(&items, if lines.is_empty() { "none".into() } else { lines.join("\n") })
	}
}

/// The one of `options` whose name (its `Debug` form) is `name`; an error lists them all.
pub fn named<T: std::fmt::Debug + Copy, const N: usize>(options: [T; N], name: &str) -> Result<T, String> {
	let names = options.map(|o| format!("{o:?}"));
	let found = names.iter().position(|n| n == name);
	found.map(|i| options[i]).ok_or_else(|| format!("{name:?}: one of {}", names.join(", ")))
}

/// Refuse a list (`what`, for the message) that names an item twice: the chain would refuse the
/// whole call for the second, in words that do not say which.
pub fn distinct<T: PartialEq + std::fmt::Display>(items: &[T], what: &str) -> Result<(), String> {
	match items.iter().enumerate().find(|(i, item)| items[..*i].contains(item)) {
		Some((_, twice)) => Err(format!("{what}: {twice} is named twice")),
		None => Ok(()),
	}
}

pub use educhain_verifier::read_json;

/// Write `value` to file `path` as indented JSON, whole ([`educhain_client::files`]).
pub fn write_json<T: Serialize + ?Sized>(path: &std::path::Path, value: &T) -> Result<(), String> {
	let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
	educhain_client::files::write_whole(path, text + "\n")
}

/// `value` as JSON.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<Value, Error> {
	serde_json::to_value(value).map_err(|e| Error::Usage(format!("printing the answer: {e}")))
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

impl From<educhain_client::Error> for Error {
	fn from(e: educhain_client::Error) -> Self {
		match e {
			educhain_client::Error::Refused(f) | educhain_client::Error::Failed(f) => Error::Failed(f),
			e @ educhain_client::Error::Unsettled { hash, from, .. } =>
				Error::Usage(format!("{e} (educhain-cli find {hash:?} --from {from})")),
			other => Error::Usage(other.to_string()),
		}
	}
}

impl From<jsonrpsee::core::ClientError> for Error {
	fn from(e: jsonrpsee::core::ClientError) -> Self {
		Error::Usage(educhain_client::error::said(&e))
	}
}

/// A connected command.
pub struct Ctx<'a> {
	pub global: &'a Global,
	pub client: Client,
}

impl<'a> Ctx<'a> {
	/// Connect to the node the flags name.
	pub async fn open(global: &'a Global) -> Result<Ctx<'a>, Error> {
		Ok(Ctx { global, client: Client::connect(&global.url).await? })
	}

	/// The signing key `--signer` names.
	pub fn signer(&self) -> Result<Signer, Error> {
		let spec = self.global.signer.as_deref().ok_or_else(|| "this command signs: give --signer".to_string())?;
		Ok(keys::load(spec).map_err(|e| format!("--signer: {e}"))?)
	}

	/// How long the flags say to wait for a transaction.
	pub fn wait(&self) -> Wait {
		if self.global.finalized {
			Wait::Finalized
		} else {
			Wait::InBlock
		}
	}

	/// Sign and submit `call`, wait as the flags say, and summarise it as `what`.
	pub async fn send(&self, what: &str, call: RuntimeCall) -> Result<Output, Error> {
		self.create(what, call, "", |_| None::<Value>).await
	}

	/// Send `call`, which creates something, and add its id under `field`: what `id` finds in
	/// the events.
	pub async fn create<T: Into<Value>>(
		&self,
		what: &str,
		call: RuntimeCall,
		field: &str,
		id: impl FnMut(&RuntimeEvent) -> Option<T>,
	) -> Result<Output, Error> {
		let landed = self.client.sign_and_submit(call, &self.signer()?, self.wait()).await?;
		let found = landed.find(id);
		let out = Output::landed(what, &landed);
		Ok(match found {
			Some(id) => out.with(field, id.into()),
			None => out,
		})
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn an_answer_with_nothing_in_it_says_none() {
		assert_eq!(Output::json(Value::Null).human, "none");
		let empty = Output::json(json!([]));
		assert_eq!((empty.human.as_str(), empty.json), ("none", json!([])), "scripts still get the list");
		assert_eq!(Output::json(json!([1])).human, "[\n  1\n]");
	}

	#[test]
	fn a_list_naming_an_item_twice_is_refused_naming_it() {
		assert_eq!(distinct(&[3u64, 1, 2], "--roster"), Ok(()));
		assert_eq!(distinct(&[3u64, 1, 3, 1], "--roster"), Err("--roster: 3 is named twice".into()));
	}

	#[test]
	fn a_transaction_that_timed_out_names_the_command_that_finds_it() {
		let hash = sp_core::H256::repeat_byte(0xab);
		let unsettled = educhain_client::Error::Unsettled { why: "not in a block within 60s".into(), hash, from: 41 };
		let Error::Usage(said) = Error::from(unsettled) else { panic!("a timeout is not a failed call") };
		assert!(said.ends_with(&format!("from #41 before sending it again (educhain-cli find {hash:?} --from 41)")), "{said}");
	}
}
