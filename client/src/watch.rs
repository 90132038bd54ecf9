//! Following a transaction from the pool to its block: `author_submitAndWatchExtrinsic`'s status
//! reports, or the blocks, searched where there are none (over HTTP, after the fork-aware pool's
//! "already imported", once a connection closed), and looked through later by its hash. A node
//! that stops answering meanwhile (restarting, say) is waited for and handed the transaction
//! again, as its pool is gone.

use crate::{Client, Error, Landed, Result, Transport};
use jsonrpsee::{
	core::{
		client::{ClientT, Subscription, SubscriptionClientT},
		ClientError,
	},
	rpc_params,
};
use serde_json::Value;
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};
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
	/// Where a search of the blocks for it starts: the best block before it was handed over,
	/// less one, as a fork may replace that block.
	from: u32,
	/// The node's status reports; `None` over HTTP, or when the pool had already imported it
	/// unwatched.
	statuses: Option<Subscription<Value>>,
}

impl Client {
	/// Hand `xt` to the pool, which checks it now (an invalid one is an error here), and watch
	/// it: by `author_submitAndWatchExtrinsic`'s status reports, or over HTTP, which has no
	/// subscriptions, by `author_submitExtrinsic` and then the blocks.
	pub async fn watch(&self, xt: &[u8]) -> Result<Watch<'_>> {
		let from = self.best_number().await?.saturating_sub(1);
		let (rpc, params) = (self.rpc(), || rpc_params![hex(xt)]);
		let (method, handed) = if matches!(rpc, Transport::Http(_)) {
			let method = "author_submitExtrinsic";
			(method, rpc.request::<H256, _>(method, params()).await.map(|_| None))
		} else {
			let method = "author_submitAndWatchExtrinsic";
			(method, rpc.subscribe(method, params(), "author_unwatchExtrinsic").await.map(Some))
		};
		let statuses = match handed {
			Ok(statuses) => statuses,
			// The fork-aware pool can answer a single submission with "already imported" when a
			// new view took the transaction from its mempool meanwhile (polkadot-sdk PRs
			// #11419/#12919). The transaction is then in the pool but unwatched.
			Err(ClientError::Call(e)) if e.code() == ALREADY_IMPORTED => None,
			Err(error) => return Err(Error::Rpc { method: method.into(), error }),
		};
		Ok(Watch { client: self, xt: xt.to_vec(), from, statuses })
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
		let deadline = Instant::now() + limit;
		let Some(mut sub) = self.statuses else {
			return self.client.find_in_blocks(&self.xt, self.from, finalized, deadline, limit).await;
		};
		loop {
			let next = tokio::time::timeout_at(deadline, sub.next())
				.await
				.map_err(|_| unsettled(format!("the transaction did not settle within {limit:?}"), &self.xt, self.from))?;
			let status = match next {
				Some(Ok(status)) => status,
				Some(Err(e)) => return Err(Error::Decode(format!("a transaction status: {e}"))),
				// The connection closed (the node restarting, say) or the client fell behind:
				// the transaction is handed over again if the node lost it, and the blocks are
				// asked instead.
				None => {
					self.client.recover(&self.xt, self.from, deadline).await?;
					return self.client.find_in_blocks(&self.xt, self.from, finalized, deadline, limit).await;
				},
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
	/// `finalized`, until that block is final), by `deadline`, the end of the caller's `limit`.
	/// A block that loses a fork hands its transactions back to the pool, so the search then
	/// starts again on the chain that won.
	async fn find_in_blocks(&self, xt: &[u8], start: u32, finalized: bool, deadline: Instant, limit: Duration) -> Result<TxOutcome> {
		let block = if finalized { "a final block" } else { "a block" };
		let timeout = || unsettled(format!("the transaction was not found in {block} within {limit:?}"), xt, start);
		loop {
			let (number, hash) = self.first_block_with(xt, start, deadline).await?.ok_or_else(timeout)?;
			if !finalized {
				return Ok(TxOutcome::InBlock(hash));
			}
			if !self.finalized_by(number, start, xt, deadline).await? {
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
			match self.scan(next, |x| x == xt).await {
				Ok(Scan::Found(number, hash, ..)) => return Ok(Some((number, hash))),
				Ok(Scan::Upto(unread)) => next = unread,
				Err(e) if unanswered(&e) => self.recover(xt, start, deadline).await?,
				Err(e) => return Err(e),
			}
			if Instant::now() > deadline {
				return Ok(None);
			}
			tokio::time::sleep(POLL).await;
		}
	}

	/// Where the transaction with hash `hash` landed, in the best chain from block `from`: the
	/// block's number, and the transaction checked as one just sent is (a failed call is
	/// [`Error::Failed`]); `None` while no block holds it. For a transaction whose sender timed
	/// out ([`Error::Unsettled`]).
	pub async fn find_transaction(&self, hash: H256, from: u32) -> Result<Option<(u32, Landed)>> {
		match self.scan(from, |x| BlakeTwo256::hash(x) == hash).await? {
			Scan::Found(number, block, index, xt) => Ok(Some((number, self.landed_at(&xt, block, index).await?))),
			Scan::Upto(_) => Ok(None),
		}
	}

	/// Read the best chain's blocks from `from` to the best one now for an extrinsic `sought`
	/// picks.
	async fn scan(&self, from: u32, sought: impl Fn(&[u8]) -> bool) -> Result<Scan> {
		let (mut next, best) = (from, self.best_number().await?);
		while next <= best {
			let Some(hash) = self.block_hash(next).await? else { break };
			if let Some((index, xt)) = self.block_extrinsics(hash).await?.into_iter().enumerate().find(|(_, x)| sought(x)) {
				return Ok(Scan::Found(next, hash, index as u32, xt.to_vec()));
			}
			next += 1;
		}
		Ok(Scan::Upto(next))
	}

	/// Ask the node for its best block until it answers, by `deadline` (else the last failure):
	/// after the connection closed, the transport connects again, and a node that restarts
	/// takes a while.
	pub(crate) async fn answering_by(&self, deadline: Instant) -> Result<()> {
		loop {
			match self.best_number().await {
				Ok(_) => return Ok(()),
				Err(e) if Instant::now() > deadline => return Err(e),
				Err(_) => tokio::time::sleep(POLL).await,
			}
		}
	}

	/// After the node stopped answering (restarting, say), wait for it to answer again, by
	/// `deadline`, and hand it `xt` again unless a block from `from` holds it: a node that
	/// restarted has lost its pool. The same bytes cannot apply twice (a signed transaction's
	/// nonce forbids it, and an application's checks do), and a refusal, of what the pool has
	/// already or of what is no longer valid (landed meanwhile, or its nonce taken), leaves it
	/// to the search to tell.
	async fn recover(&self, xt: &[u8], from: u32, deadline: Instant) -> Result<()> {
		let gone = |e| unsettled(format!("the node stopped answering before the transaction settled, and did not answer again ({e})"), xt, from);
		self.answering_by(deadline).await.map_err(gone)?;
		if let Scan::Found(..) = self.scan(from, |x| x == xt).await? {
			return Ok(());
		}
		let method = "author_submitExtrinsic";
		match self.rpc().request::<H256, _>(method, rpc_params![hex(xt)]).await {
			Ok(_) | Err(ClientError::Call(_)) => Ok(()),
			Err(error) => Err(Error::Rpc { method: method.into(), error }),
		}
	}

	/// Whether block `number` is final by `deadline`.
	async fn finalized_by(&self, number: u32, from: u32, xt: &[u8], deadline: Instant) -> Result<bool> {
		loop {
			match self.finalized_number().await {
				Ok(final_number) if final_number >= number => return Ok(true),
				Ok(_) => {},
				Err(e) if unanswered(&e) => self.recover(xt, from, deadline).await?,
				Err(e) => return Err(e),
			}
			if Instant::now() > deadline {
				return Ok(false);
			}
			tokio::time::sleep(POLL).await;
		}
	}
}

/// Whether `error` is the node not answering (the connection closed or refused, or no answer in
/// time), rather than an answer.
pub(crate) fn unanswered(error: &Error) -> bool {
	use ClientError::{RequestTimeout, RestartNeeded, Transport};
	matches!(error, Error::Rpc { error: Transport(_) | RestartNeeded(_) | RequestTimeout, .. })
}

/// The transaction `xt`, which the pool accepted, did not settle in time, as `why` says: it may
/// still land, in a block from `from` on.
fn unsettled(why: String, xt: &[u8], from: u32) -> Error {
	Error::Unsettled { why, hash: BlakeTwo256::hash(xt), from }
}

/// What a read of the blocks came to.
enum Scan {
	/// The block with this number and hash holds the extrinsic sought, at this index: here it is.
	Found(u32, H256, u32, Vec<u8>),
	/// No block up to the best one does: the first block not read yet.
	Upto(u32),
}

/// How often the block search asks the node again.
pub(crate) const POLL: Duration = Duration::from_millis(500);

/// Bytes as a `0x`-hex JSON-RPC parameter.
pub(crate) fn hex(bytes: &[u8]) -> Value {
	format!("0x{}", hex::encode(bytes)).into()
}

#[cfg(test)]
pub(crate) mod tests {
	use super::*;
	use jsonrpsee::{
		server::{ServerHandle, SubscriptionMessage},
		core::SubscriptionResult,
		RpcModule,
	};
	use serde_json::json;
	use std::net::SocketAddr;
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
	/// fork (at the second ask for the finalized head) whose block 6 holds it. With `lost`, a
	/// node that restarted without it in its pool: no block holds it until it is handed over
	/// again.
	#[derive(Default)]
	struct Forking {
		won: AtomicBool,
		asks: AtomicU32,
		lost: bool,
		handed: AtomicBool,
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

	/// Block `number`'s header, as JSON, with zero hashes.
	pub(crate) fn header(number: u64) -> Value {
		let zero = H256::zero();
		json!({"parentHash": zero, "number": format!("0x{number:x}"), "stateRoot": zero, "extrinsicsRoot": zero, "digest": {"logs": []}})
	}

	/// A [`Forking`] node's RPC methods, `author_submitExtrinsic` (over HTTP) among them.
	fn forking() -> RpcModule<Forking> {
		chain(Forking::default())
	}

	/// A [`Forking`] node that restarted and lost [`XT`] from its pool.
	fn forking_lost() -> RpcModule<Forking> {
		chain(Forking { lost: true, ..Default::default() })
	}

	/// `node`'s RPC methods.
	fn chain(node: Forking) -> RpcModule<Forking> {
		let mut node = RpcModule::new(node);
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
		node.register_method("chain_getBlock", |p, node, _| {
			let hash: H256 = p.one().expect("a hash");
			let holds = [H256::from_low_u64_be(5), H256::from_low_u64_be(1 << 32 | 6)].contains(&hash) &&
				(!node.lost || node.handed.load(SeqCst));
			let extrinsics = if holds { vec![super::hex(&XT)] } else { Vec::new() };
			Some(json!({"block": {"header": header(hash.to_low_u64_be() & 0xffff_ffff), "extrinsics": extrinsics}, "justifications": null}))
		})
		.expect("registers");
		node.register_method("author_submitExtrinsic", |p, node, _| {
			let xt: Value = p.one().expect("an extrinsic");
			node.handed.fetch_or(xt == super::hex(&XT), SeqCst);
			Some(H256::repeat_byte(7))
		})
		.expect("registers");
		// No events: a found transaction's check reads an empty list.
		node.register_method("state_getStorage", |_, _, _| None::<String>).expect("registers");
		node
	}

	/// `node` served on `addr` (port 0 for a free one), and the address it has.
	pub(crate) async fn serve<C: Send + Sync + 'static>(node: RpcModule<C>, addr: &str) -> (ServerHandle, SocketAddr) {
		let server = jsonrpsee::server::Server::builder().build(addr).await.expect("the port is free");
		let addr = server.local_addr().expect("its address");
		(server.start(node), addr)
	}

	/// What the client makes of `xt` within `limit` on a [`Forking`] node, as after the pool's
	/// "already imported": the transaction in the pool, unwatched.
	async fn settled(xt: &[u8], finalized: bool, limit: Duration) -> Result<TxOutcome> {
		let (server, addr) = serve(forking(), "127.0.0.1:0").await;
		let client = Client::connect(&format!("ws://{addr}")).await.expect("the mock node answers");
		let watch = Watch { client: &client, xt: xt.to_vec(), from: 4, statuses: None };
		let outcome = watch.outcome(finalized, limit).await;
		server.stop().expect("the mock node stops");
		outcome
	}

	#[tokio::test]
	async fn over_http_a_transaction_is_handed_over_and_found_in_its_block() {
		let (server, addr) = serve(forking(), "127.0.0.1:0").await;
		let client = Client::connect(&format!("http://{addr}")).await.expect("the mock node answers");
		let outcome = client.submit_and_watch(&XT, false, Duration::from_secs(20)).await;
		server.stop().expect("the mock node stops");
		assert_eq!(outcome.expect("it lands"), TxOutcome::InBlock(H256::from_low_u64_be(5)));
	}

	/// A node restarting: `server` stops after 300 ms, and 700 ms later `after` answers on its
	/// address.
	pub(crate) async fn restart<C: Send + Sync + 'static>(server: ServerHandle, addr: SocketAddr, after: RpcModule<C>) -> ServerHandle {
		tokio::time::sleep(Duration::from_millis(300)).await;
		server.stop().expect("the mock node stops");
		server.stopped().await;
		tokio::time::sleep(Duration::from_millis(700)).await;
		serve(after, &addr.to_string()).await.0
	}

	/// What the client makes of [`XT`], sent over `scheme` to a node that takes it (and over ws
	/// reports it ready), stops, and comes back on the same address as `after`.
	async fn across_a_restart(scheme: &str, after: fn() -> RpcModule<Forking>) -> Result<TxOutcome> {
		let mut before = RpcModule::new(());
		before.register_method("chain_getHeader", |_, _, _| Some(header(5))).expect("registers");
		before.register_method("chain_getBlockHash", |_, _, _| None::<H256>).expect("registers");
		before.register_method("author_submitExtrinsic", |_, _, _| Some(H256::repeat_byte(7))).expect("registers");
		let (subscribe, update, unsubscribe) = ("author_submitAndWatchExtrinsic", "author_extrinsicUpdate", "author_unwatchExtrinsic");
		before
			.register_subscription(subscribe, update, unsubscribe, |_, pending, _, _| async move {
				let sink = pending.accept().await?;
				sink.send(SubscriptionMessage::from_json(&"ready")?).await?;
				std::future::pending::<SubscriptionResult>().await
			})
			.expect("registers");
		let (server, addr) = serve(before, "127.0.0.1:0").await;
		let client = Client::connect(&format!("{scheme}://{addr}")).await.expect("the mock node answers");
		let watch = client.watch(&XT).await.expect("the pool takes it");
		let (outcome, after) = tokio::join!(watch.outcome(true, Duration::from_secs(20)), restart(server, addr, after()));
		after.stop().expect("the mock node stops");
		outcome
	}

	#[tokio::test]
	async fn a_transaction_watched_while_its_node_restarts_is_found_in_the_blocks() {
		let outcome = across_a_restart("ws", forking).await.expect("it settles");
		assert_eq!(outcome, TxOutcome::Finalized(H256::from_low_u64_be(1 << 32 | 6)));
	}

	#[tokio::test]
	async fn a_transaction_its_restarted_node_lost_is_handed_over_again_and_lands() {
		for scheme in ["ws", "http"] {
			let outcome = across_a_restart(scheme, forking_lost).await.unwrap_or_else(|e| panic!("over {scheme}: {e}"));
			assert_eq!(outcome, TxOutcome::Finalized(H256::from_low_u64_be(1 << 32 | 6)), "over {scheme}");
		}
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
		let hash = BlakeTwo256::hash(&[9]);
		assert!(matches!(error, Error::Unsettled { hash: h, from: 4, .. } if h == hash), "{said}");
		let look = format!("the pool accepted it, so it may still land: look for transaction {hash:?} in the blocks from #4");
		assert!(said.contains("not found in a block within 1s") && said.contains(&look), "{said}");
	}

	#[tokio::test]
	async fn a_transaction_sent_earlier_is_found_by_its_hash() {
		let (server, addr) = serve(forking(), "127.0.0.1:0").await;
		let client = Client::connect(&format!("ws://{addr}")).await.expect("the mock node answers");
		let found = client.find_transaction(BlakeTwo256::hash(&XT), 0).await.expect("the blocks are read");
		let unknown = client.find_transaction(BlakeTwo256::hash(&[9]), 0).await.expect("the blocks are read");
		let later = client.find_transaction(BlakeTwo256::hash(&XT), 6).await.expect("the blocks are read");
		server.stop().expect("the mock node stops");
		let (number, found) = found.expect("block 5 holds it");
		assert_eq!((number, found.block, found.index), (5, H256::from_low_u64_be(5), 0));
		assert!(unknown.is_none() && later.is_none());
	}
}
