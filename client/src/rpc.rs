//! A small JSON-RPC client over jsonrpsee's WebSocket client.

use jsonrpsee::{
	core::{client::ClientT, client::SubscriptionClientT, params::ArrayParams, ClientError},
	ws_client::{WsClient, WsClientBuilder},
};
use serde_json::Value;
use std::time::Duration;

/// A connection to one node.
pub struct Rpc {
	pub client: WsClient,
}

/// What became of a watched transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum TxOutcome {
	/// Included in the block with this hash.
	InBlock(String),
	/// Finalized in the block with this hash.
	Finalized(String),
	/// Dropped, invalid, usurped or otherwise not included; the status as sent by the node.
	NotIncluded(Value),
}

/// The transaction statuses of `author_submitAndWatchExtrinsic`, grouped by what a caller does.
enum Status {
	/// `future`, `ready`, `broadcast`, `retracted`: keep waiting.
	Pending,
	InBlock(String),
	Finalized(String),
	/// `dropped`, `invalid`, `usurped`, `finalityTimeout`.
	Failed,
}

fn classify(status: &Value) -> Status {
	let hash = |key: &str| status.get(key).and_then(Value::as_str).map(str::to_string);
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

fn params(values: Vec<Value>) -> ArrayParams {
	let mut p = ArrayParams::new();
	for v in values {
		p.insert(v).expect("JSON values serialize");
	}
	p
}

/// The pool's "Transaction Already Imported" error code.
const ALREADY_IMPORTED: i32 = 1013;

/// The number of a block, from its header as `chain_getHeader` returns it.
pub fn header_number(header: &Value) -> u32 {
	let hex = header["number"].as_str().expect("header number");
	u32::from_str_radix(hex.trim_start_matches("0x"), 16).expect("hex number")
}

impl Rpc {
	/// Connect, retrying until the node answers or `limit` passes.
	pub async fn try_connect(url: &str, limit: Duration) -> Option<Rpc> {
		let deadline = tokio::time::Instant::now() + limit;
		loop {
			let client = WsClientBuilder::default()
				.max_request_size(64 * 1024 * 1024)
				.max_response_size(64 * 1024 * 1024)
				.request_timeout(Duration::from_secs(60))
				.build(url)
				.await;
			if let Ok(client) = client {
				return Some(Rpc { client });
			}
			if tokio::time::Instant::now() > deadline {
				return None;
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
	}

	/// Call `method`.
	pub async fn call(&self, method: &str, args: Vec<Value>) -> Result<Value, ClientError> {
		self.client.request::<Value, _>(method, params(args)).await
	}

	/// Wait until the best block is at least `number`.
	pub async fn wait_for_block(&self, number: u32, limit: Duration) {
		crate::wait_for(&format!("block {number}"), limit, || async {
			(self.best_number().await >= number).then_some(())
		})
		.await
	}

	/// Call `method`, panicking on error.
	pub async fn must(&self, method: &str, args: Vec<Value>) -> Value {
		self.call(method, args).await.unwrap_or_else(|e| panic!("{method} failed: {e}"))
	}

	/// The best block number.
	pub async fn best_number(&self) -> u32 {
		header_number(&self.must("chain_getHeader", vec![]).await)
	}

	/// The finalized block number.
	pub async fn finalized_number(&self) -> u32 {
		let hash = self.must("chain_getFinalizedHead", vec![]).await;
		header_number(&self.must("chain_getHeader", vec![hash]).await)
	}

	/// The hash of the block at `number` on this node's best chain, if it has one.
	pub async fn block_hash(&self, number: u32) -> Option<String> {
		self.must("chain_getBlockHash", vec![number.into()]).await.as_str().map(str::to_string)
	}

	/// The raw storage value under `key` at the best block.
	pub async fn storage(&self, key: &[u8]) -> Option<Vec<u8>> {
		let v = self.must("state_getStorage", vec![format!("0x{}", hex::encode(key)).into()]).await;
		v.as_str().map(|s| hex::decode(s.trim_start_matches("0x")).expect("hex storage"))
	}

	/// `author_submitExtrinsic`.
	pub async fn submit(&self, xt: &[u8]) -> Result<Value, ClientError> {
		self.call("author_submitExtrinsic", vec![format!("0x{}", hex::encode(xt)).into()]).await
	}

	/// `author_submitAndWatchExtrinsic`, following the transaction until it is in a block (or
	/// finalized, with `finalized`), or is known not to be included. Fails on an RPC error.
	pub async fn submit_and_watch(
		&self,
		xt: &[u8],
		finalized: bool,
		limit: Duration,
	) -> Result<TxOutcome, ClientError> {
		let subscribed = self
			.client
			.subscribe::<Value, _>(
				"author_submitAndWatchExtrinsic",
				params(vec![format!("0x{}", hex::encode(xt)).into()]),
				"author_unwatchExtrinsic",
			)
			.await;
		let mut sub = match subscribed {
			// The fork-aware pool can answer a single submission with "already imported" when a
			// new view took the transaction from its mempool meanwhile (polkadot-sdk PRs
			// #11419/#12919). The transaction is then in the pool but unwatched: find its block.
			Err(ClientError::Call(e)) if e.code() == ALREADY_IMPORTED => {
				let start = self.best_number().await.saturating_sub(1);
				return Ok(self.find_in_blocks(xt, start, finalized, limit).await);
			},
			other => other?,
		};
		let deadline = tokio::time::Instant::now() + limit;
		loop {
			let next = tokio::time::timeout_at(deadline, sub.next())
				.await
				.expect("timed out watching a transaction");
			let status = match next {
				Some(Ok(status)) => status,
				Some(Err(e)) => panic!("bad subscription item: {e}"),
				None => panic!("subscription closed before the transaction settled"),
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

	/// Follow the best chain from block `start` until a block holds `xt` (then, with
	/// `finalized`, until that block is final), or fail after `limit`.
	async fn find_in_blocks(&self, xt: &[u8], start: u32, finalized: bool, limit: Duration) -> TxOutcome {
		let wanted = format!("0x{}", hex::encode(xt));
		let deadline = tokio::time::Instant::now() + limit;
		let mut next = start;
		let (number, hash) = 'found: loop {
			assert!(tokio::time::Instant::now() < deadline, "timed out looking for a transaction in blocks");
			while next <= self.best_number().await {
				let Some(hash) = self.block_hash(next).await else { break };
				let block = self.must("chain_getBlock", vec![hash.clone().into()]).await;
				let extrinsics = block["block"]["extrinsics"].as_array().cloned().unwrap_or_default();
				if extrinsics.iter().any(|x| x.as_str() == Some(wanted.as_str())) {
					break 'found (next, hash);
				}
				next += 1;
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		};
		if !finalized {
			return TxOutcome::InBlock(hash);
		}
		crate::wait_for("the transaction's block to be finalized", limit, || async {
			(self.finalized_number().await >= number).then_some(())
		})
		.await;
		match self.block_hash(number).await {
			Some(canonical) if canonical == hash => TxOutcome::Finalized(hash),
			// Its block lost a fork after all: say so rather than guess.
			_ => TxOutcome::NotIncluded(Value::String(format!("block {number} was retracted"))),
		}
	}
}
