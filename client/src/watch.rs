//! Following a transaction from the pool to its block: `author_submitAndWatchExtrinsic`, with
//! the fork-aware pool's "already imported" answer handled by searching the blocks.

use crate::{Client, Error, Result};
use jsonrpsee::core::{
	client::{Subscription, SubscriptionClientT},
	params::ArrayParams,
	ClientError,
};
use serde_json::Value;
use sp_core::H256;
use std::time::Duration;

/// What became of a watched transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum TxOutcome {
	/// Included in the block with this hash.
	InBlock(H256),
	/// Finalized in the block with this hash.
	Finalized(H256),
	/// Dropped, invalid, usurped or otherwise not included: the status as the node sent it.
	NotIncluded(Value),
}

/// The transaction statuses of `author_submitAndWatchExtrinsic`, grouped by what a caller does.
enum Status {
	/// `future`, `ready`, `broadcast`, `retracted`: keep waiting.
	Pending,
	InBlock(H256),
	Finalized(H256),
	/// `dropped`, `invalid`, `usurped`, `finalityTimeout`.
	Failed,
}

fn classify(status: &Value) -> Status {
	let hash = |key: &str| status.get(key).and_then(|v| serde_json::from_value::<H256>(v.clone()).ok());
	if let Some(h) = hash("inBlock") {
		Status::InBlock(h)
	} else if let Some(h) = hash("finalized") {
		Status::Finalized(h)
	} else if matches!(status.as_str(), Some("future" | "ready")) ||
		status.get("broadcast").is_some() ||
		status.get("retracted").is_some()
	{
		Status::Pending
	} else {
		Status::Failed
	}
}

/// Whether the pool dropped the transaction for its own reasons (its limits), so that handing
/// it over again can succeed. Invalid and usurped transactions stay so.
pub(crate) fn dropped(status: &Value) -> bool {
	status == "dropped"
}

/// The pool's "Transaction Already Imported" error code.
const ALREADY_IMPORTED: i32 = 1013;

/// A transaction the pool took, being watched.
pub struct Watch<'a> {
	pub(crate) client: &'a Client,
	pub(crate) xt: Vec<u8>,
	/// The node's status reports; `None` when the pool had already imported it unwatched.
	statuses: Option<Subscription<Value>>,
}

impl Client {
	/// `author_submitAndWatchExtrinsic`: hand `xt` to the pool, which checks it now (an
	/// invalid one is an error here), and watch it.
	pub async fn watch(&self, xt: &[u8]) -> Result<Watch<'_>> {
		let method = "author_submitAndWatchExtrinsic";
		let mut params = ArrayParams::new();
		params.insert(hex(xt)).map_err(|e| Error::Decode(e.to_string()))?;
		let statuses = match self.rpc().subscribe::<Value, _>(method, params, "author_unwatchExtrinsic").await {
			Ok(sub) => Some(sub),
			// The fork-aware pool can answer a single submission with "already imported" when a
			// new view took the transaction from its mempool meanwhile (polkadot-sdk PRs
			// #11419/#12919). The transaction is then in the pool but unwatched.
			Err(ClientError::Call(e)) if e.code() == ALREADY_IMPORTED => None,
			Err(error) => return Err(Error::Rpc { method: method.into(), error }),
		};
		Ok(Watch { client: self, xt: xt.to_vec(), statuses })
	}

	/// Submit `xt` and follow it until it is in a block (or finalized, with `finalized`), or
	/// is known not to be included, within `limit`.
	pub async fn submit_and_watch(&self, xt: &[u8], finalized: bool, limit: Duration) -> Result<TxOutcome> {
		self.watch(xt).await?.outcome(finalized, limit).await
	}
}

impl Watch<'_> {
	/// Follow the transaction until it is in a block (or finalized, with `finalized`), or is
	/// known not to be included, within `limit`.
	pub async fn outcome(self, finalized: bool, limit: Duration) -> Result<TxOutcome> {
		let Some(mut sub) = self.statuses else {
			let start = self.client.best_number().await?.saturating_sub(1);
			return self.client.find_in_blocks(&self.xt, start, finalized, limit).await;
		};
		let deadline = tokio::time::Instant::now() + limit;
		loop {
			let next = tokio::time::timeout_at(deadline, sub.next())
				.await
				.map_err(|_| Error::Timeout(format!("the transaction did not settle within {limit:?}")))?;
			let status = match next {
				Some(Ok(status)) => status,
				Some(Err(e)) => return Err(Error::Decode(format!("a transaction status: {e}"))),
				None => return Err(Error::Decode("the node closed the subscription before the transaction settled".into())),
			};
			match classify(&status) {
				Status::Pending => continue,
				Status::InBlock(hash) if !finalized => return Ok(TxOutcome::InBlock(hash)),
				Status::InBlock(_) => continue,
				Status::Finalized(hash) => return Ok(TxOutcome::Finalized(hash)),
				Status::Failed => return Ok(TxOutcome::NotIncluded(status)),
			}
		}
	}
}

impl Client {
	/// Follow the best chain from block `start` until a block holds `xt` (then, with
	/// `finalized`, until that block is final), within `limit`.
	async fn find_in_blocks(&self, xt: &[u8], start: u32, finalized: bool, limit: Duration) -> Result<TxOutcome> {
		let deadline = tokio::time::Instant::now() + limit;
		let timeout = || Error::Timeout(format!("the transaction was not found in a block within {limit:?}"));
		let mut next = start;
		let (number, hash) = 'found: loop {
			while next <= self.best_number().await? {
				let Some(hash) = self.block_hash(next).await? else { break };
				if self.block_extrinsics(hash).await?.iter().any(|x| x[..] == xt[..]) {
					break 'found (next, hash);
				}
				next += 1;
			}
			if tokio::time::Instant::now() > deadline {
				return Err(timeout());
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		};
		if !finalized {
			return Ok(TxOutcome::InBlock(hash));
		}
		while self.finalized_number().await? < number {
			if tokio::time::Instant::now() > deadline {
				return Err(timeout());
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
		Ok(match self.block_hash(number).await? {
			Some(canonical) if canonical == hash => TxOutcome::Finalized(hash),
			// Its block lost a fork after all: say so rather than guess.
			_ => TxOutcome::NotIncluded(Value::String(format!("block {number} was retracted"))),
		})
	}
}

/// Bytes as a `0x`-hex JSON-RPC parameter.
pub(crate) fn hex(bytes: &[u8]) -> Value {
	format!("0x{}", hex::encode(bytes)).into()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn only_a_drop_is_worth_resubmitting() {
		assert!(dropped(&Value::from("dropped")));
		for status in [Value::from("invalid"), serde_json::json!({"usurped": H256::zero()}), serde_json::json!({"finalityTimeout": H256::zero()})] {
			assert!(!dropped(&status), "{status}");
			assert!(matches!(classify(&status), Status::Failed), "{status}");
		}
		assert!(matches!(classify(&Value::from("dropped")), Status::Failed));
		assert!(matches!(classify(&Value::from("ready")), Status::Pending));
	}
}
