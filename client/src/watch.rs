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
use tokio::time::Instant;

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
		let deadline = Instant::now() + limit;
		loop {
			let next = tokio::time::timeout_at(deadline, sub.next())
				.await
				.map_err(|_| unsettled(format!("the transaction did not settle within {limit:?}")))?;
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
	/// `finalized`, until that block is final), within `limit`. A block that loses a fork hands
	/// its transactions back to the pool, so the search then starts again on the chain that won.
	async fn find_in_blocks(&self, xt: &[u8], start: u32, finalized: bool, limit: Duration) -> Result<TxOutcome> {
		let deadline = Instant::now() + limit;
		let block = if finalized { "a final block" } else { "a block" };
		let timeout = || unsettled(format!("the transaction was not found in {block} within {limit:?}"));
		loop {
			let (number, hash) = self.first_block_with(xt, start, deadline).await?.ok_or_else(timeout)?;
			if !finalized {
				return Ok(TxOutcome::InBlock(hash));
			}
			if !self.finalized_by(number, deadline).await? {
				return Err(timeout());
			}
			if self.block_hash(number).await? == Some(hash) {
				return Ok(TxOutcome::Finalized(hash));
			}
		}
	}

	/// The first block of the best chain from `start` that holds `xt`; `None` if none does by
	/// `deadline`.
	async fn first_block_with(&self, xt: &[u8], start: u32, deadline: Instant) -> Result<Option<(u32, H256)>> {
		let mut next = start;
		loop {
			while next <= self.best_number().await? {
				let Some(hash) = self.block_hash(next).await? else { break };
				if self.block_extrinsics(hash).await?.iter().any(|x| x[..] == xt[..]) {
					return Ok(Some((next, hash)));
				}
				next += 1;
			}
			if Instant::now() > deadline {
				return Ok(None);
			}
			tokio::time::sleep(POLL).await;
		}
	}

	/// Whether block `number` is final by `deadline`.
	async fn finalized_by(&self, number: u32, deadline: Instant) -> Result<bool> {
		while self.finalized_number().await? < number {
			if Instant::now() > deadline {
				return Ok(false);
			}
			tokio::time::sleep(POLL).await;
		}
		Ok(true)
	}
}

/// A transaction the pool accepted that did not settle in time: it may still land, which its
/// sender must know before sending it again.
fn unsettled(what: String) -> Error {
	Error::Timeout(format!("{what}; the pool accepted it, so it may still land: look for it before sending it again"))
}

/// How often the block search asks the node again.
const POLL: Duration = Duration::from_millis(500);

/// Bytes as a `0x`-hex JSON-RPC parameter.
pub(crate) fn hex(bytes: &[u8]) -> Value {
	format!("0x{}", hex::encode(bytes)).into()
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::json;
	use std::sync::atomic::{AtomicBool, AtomicU32, Ordering::SeqCst};

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

	/// The transaction of [`Forking`].
	const XT: [u8; 3] = [4, 2, 0];

	/// A node whose best chain forks under the client: its block 5 holds [`XT`], then loses to a
	/// fork (at the second ask for the finalized head) whose block 6 holds it.
	#[derive(Default)]
	struct Forking {
		won: AtomicBool,
		asks: AtomicU32,
	}

	impl Forking {
		fn best(&self) -> u64 {
			if self.won.load(SeqCst) { 6 } else { 5 }
		}

		/// The hash of block `number` on the chain now best; a hash's low 32 bits are its number.
		fn hash(&self, number: u64) -> H256 {
			let fork = u64::from(self.won.load(SeqCst) && number >= 5);
			H256::from_low_u64_be(fork << 32 | number)
		}
	}

	fn header(number: u64) -> Value {
		let zero = H256::zero();
		json!({"parentHash": zero, "number": format!("0x{number:x}"), "stateRoot": zero, "extrinsicsRoot": zero, "digest": {"logs": []}})
	}

	/// What the client makes of `xt` within `limit` on a [`Forking`] node (served on a free
	/// loopback port), as after the pool's "already imported": the transaction in the pool, unwatched.
	async fn settled(xt: &[u8], finalized: bool, limit: Duration) -> Result<TxOutcome> {
		let mut node = jsonrpsee::RpcModule::new(Forking::default());
		node.register_method("chain_getBlockHash", |p, node, _| {
			let number: u64 = p.one().expect("a block number");
			(number <= node.best()).then(|| node.hash(number))
		})
		.expect("registers");
		node.register_method("chain_getHeader", |p, node, _| {
			let at: Option<H256> = p.one().expect("a hash or null");
			Some(header(at.map_or(node.best(), |h| h.to_low_u64_be() & 0xffff_ffff)))
		})
		.expect("registers");
		node.register_method("chain_getFinalizedHead", |_, node, _| {
			if node.asks.fetch_add(1, SeqCst) == 1 {
				node.won.store(true, SeqCst);
			}
			Some(node.hash(if node.won.load(SeqCst) { 6 } else { 3 }))
		})
		.expect("registers");
		node.register_method("chain_getBlock", |p, _, _| {
			let hash: H256 = p.one().expect("a hash");
			let holds = [H256::from_low_u64_be(5), H256::from_low_u64_be(1 << 32 | 6)].contains(&hash);
			let extrinsics = if holds { vec![super::hex(&XT)] } else { Vec::new() };
			Some(json!({"block": {"header": header(hash.to_low_u64_be() & 0xffff_ffff), "extrinsics": extrinsics}, "justifications": null}))
		})
		.expect("registers");
		let server = jsonrpsee::server::Server::builder().build("127.0.0.1:0").await.expect("a free port");
		let url = format!("ws://{}", server.local_addr().expect("its address"));
		let server = server.start(node);
		let client = Client::connect(&url).await.expect("the mock node answers");
		let watch = Watch { client: &client, xt: xt.to_vec(), statuses: None };
		let outcome = watch.outcome(finalized, limit).await;
		server.stop().expect("the mock node stops");
		outcome
	}

	#[tokio::test]
	async fn a_transaction_whose_block_lost_a_fork_is_found_in_the_block_that_won() {
		let outcome = settled(&XT, true, Duration::from_secs(20)).await.expect("it settles");
		assert_eq!(outcome, TxOutcome::Finalized(H256::from_low_u64_be(1 << 32 | 6)));
	}

	#[tokio::test]
	async fn an_unwatched_transaction_is_found_in_its_block() {
		let outcome = settled(&XT, false, Duration::from_secs(20)).await.expect("it settles");
		assert_eq!(outcome, TxOutcome::InBlock(H256::from_low_u64_be(5)));
	}

	#[tokio::test]
	async fn a_transaction_not_found_in_time_may_still_land_and_the_error_says_so() {
		let error = settled(&[9], false, Duration::from_secs(1)).await.expect_err("no block holds it");
		let said = error.to_string();
		assert!(matches!(error, Error::Timeout(_)), "{said}");
		assert!(said.contains("not found in a block within 1s; the pool accepted it, so it may still land"), "{said}");
	}
}
