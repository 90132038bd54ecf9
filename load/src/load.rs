//! The load engine: senders submit signed extrinsics over JSON-RPC while two watchers follow the
//! best and the finalized chain, find each extrinsic in its block, and time it.
//!
//! An extrinsic counts as included when it is in a block that gets finalized, and its call
//! succeeded there (`ExtrinsicFailed` counts as a reject). Its inclusion time is when the node
//! announced that block as best, its finality time when it announced the block final.

use codec::Encode;
use educhain_e2e::rpc::Rpc;
use educhain_runtime::{signing::sign, RuntimeCall};
use sp_core::{sr25519, Pair, H256};
use sp_runtime::traits::Header as _;
use std::{
	collections::{BTreeMap, HashMap},
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};
use crate::{setup::blake2_256, Context, Result};
use tokio::{sync::Notify, task::JoinHandle};

/// One account and the calls it sends, in order, with consecutive nonces.
pub struct Sender {
	pub pair: sr25519::Pair,
	pub calls: Vec<RuntimeCall>,
}

/// How a load is sent.
pub struct Plan {
	pub senders: Vec<Sender>,
	/// Grades or certificates per extrinsic (1 for single calls, the batch size for batches).
	pub items: u32,
	/// Stop submitting after this long; `None` submits every call.
	pub duration: Option<Duration>,
	/// At first, at most this many extrinsics submitted and not yet in a best block; then
	/// twice the most of ours a block has held, so that the node always has two blocks' worth.
	pub window: usize,
	/// JSON-RPC connections the senders share.
	pub connections: usize,
	/// After submitting stops, how long to wait for the rest to be finalized.
	pub drain: Duration,
	/// Other nodes of the network: an extrinsic is final once each of them has finalized its
	/// block too.
	pub also: Vec<String>,
}

/// What happened to a load.
#[derive(Default, Debug)]
pub struct Outcome {
	/// Extrinsics the node accepted into its pool.
	pub submitted: usize,
	/// Extrinsics in finalized blocks whose call succeeded.
	pub included: usize,
	pub items: u32,
	/// From the first submission to the last acceptance, inclusion and finality.
	pub submit_span: Duration,
	pub include_span: Duration,
	pub finalize_span: Duration,
	/// Submission to inclusion and to finality, for every included extrinsic.
	pub inclusion: Vec<Duration>,
	pub finality: Vec<Duration>,
	/// Refusals by the node and failures in blocks, by reason.
	pub rejects: BTreeMap<String, usize>,
	/// Accepted but not in a finalized block by the end of the drain.
	pub lost: usize,
	/// Our extrinsics in each finalized block that held any, in chain order.
	pub blocks: Vec<(u32, usize)>,
	/// The nodes whose finality counted (1 without `also`).
	pub nodes: usize,
}

/// Where each extrinsic is, shared by the senders and the watchers.
struct Ledger {
	started: Instant,
	/// Hash of the extrinsic -> its index in `sent`.
	by_hash: HashMap<[u8; 32], usize>,
	sent: Vec<Sent>,
	/// Blocks seen since the start: when, their parent, and which of ours they hold.
	blocks: HashMap<H256, Seen>,
	last_finalized: H256,
	outcome: Outcome,
	last_accepted: Instant,
	last_included: Instant,
	last_finalized_at: Instant,
	/// Each included extrinsic: its block's number, when it was sent, seen in a best block, and
	/// final here.
	finals: Vec<(u32, Instant, Instant, Instant)>,
	/// Submitted and not yet seen in a block, and how many may be.
	outstanding: usize,
	limit: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
	Submitting,
	Accepted,
	Done,
}

struct Sent {
	at: Instant,
	state: State,
}

struct Seen {
	number: u32,
	parent: H256,
	at: Instant,
	/// Ours in this block: index in `sent`, and the failure if the call failed.
	ours: Vec<(usize, Option<String>)>,
}

impl Ledger {
	fn settled(&self) -> bool {
		self.sent.iter().all(|s| s.state == State::Done)
	}
}

/// Connect to the node at `url`, retrying for up to `limit`.
pub async fn connect(url: &str, limit: Duration) -> Result<Rpc> {
	let client = educhain_client::Client::connect_within(url, limit).await.map_err(|e| e.to_string())?;
	Ok(Rpc { client })
}

/// Run `plan` against the node at `url`.
pub async fn run(url: &str, plan: Plan) -> Result<Outcome> {
	let connect = || connect(url, Duration::from_secs(30));
	let head = connect().await?;
	let ctx = head.signing_context().await.context("the chain's genesis and runtime version")?;
	let finalized = head.finalized_hash().await.context("the finalized head")?;
	let now = Instant::now();
	let ledger = Arc::new(Mutex::new(Ledger {
		started: now,
		by_hash: HashMap::new(),
		sent: Vec::new(),
		blocks: HashMap::new(),
		last_finalized: finalized,
		outcome: Outcome::default(),
		last_accepted: now,
		last_included: now,
		last_finalized_at: now,
		finals: Vec::new(),
		outstanding: 0,
		limit: plan.window,
	}));
	let window = Arc::new(Notify::new());
	let best = tokio::spawn(watch(connect().await?, ledger.clone(), window.clone(), false));
	let fin = tokio::spawn(watch(connect().await?, ledger.clone(), window.clone(), true));
	let mut others = Vec::new();
	for url in &plan.also {
		let rpc = self::connect(url, Duration::from_secs(30)).await?;
		let log = Arc::new(Mutex::new(Vec::new()));
		others.push((log.clone(), tokio::spawn(follow_finality(rpc, log))));
	}

	let monitor = {
		let ledger = ledger.clone();
		tokio::spawn(async move {
			loop {
				tokio::time::sleep(Duration::from_secs(10)).await;
				let l = ledger.lock().expect("not poisoned");
				let s = &l.outcome;
				eprintln!("  {} accepted, {} finalized, {} in flight", s.submitted, s.included, l.outstanding);
			}
		})
	};
	let mut rpcs = Vec::new();
	for _ in 0..plan.connections.max(1) {
		rpcs.push(Arc::new(connect().await?));
	}
	let deadline = plan.duration.map(|d| Instant::now() + d);
	let mut tasks = Vec::new();
	for (i, sender) in plan.senders.into_iter().enumerate() {
		let rpc = rpcs[i % rpcs.len()].clone();
		let (ledger, window) = (ledger.clone(), window.clone());
		tasks.push(tokio::spawn(async move {
			let account = sender.pair.public().into();
			let mut nonce = rpc.nonce(&account).await.context("a sender's nonce")?;
			for call in sender.calls {
				if deadline.is_some_and(|d| Instant::now() >= d) {
					break;
				}
				loop {
					let freed = window.notified();
					{
						let mut l = ledger.lock().expect("not poisoned");
						if l.outstanding < l.limit {
							l.outstanding += 1;
							break;
						}
					}
					// Past the deadline, stop waiting for room: what is outstanding may never
					// land, and the tally must still come out.
					match deadline {
						Some(d) => {
							if tokio::time::timeout_at(d.into(), freed).await.is_err() {
								return Ok(());
							}
						},
						None => freed.await,
					}
				}
				let xt = sign(call, &sender.pair, nonce, ctx).encode();
				let id = {
					let mut l = ledger.lock().expect("not poisoned");
					let id = l.sent.len();
					l.sent.push(Sent { at: Instant::now(), state: State::Submitting });
					l.by_hash.insert(blake2_256(&xt), id);
					id
				};
				let answer = rpc.submit(&xt).await;
				let mut l = ledger.lock().expect("not poisoned");
				match answer {
					Ok(_) => {
						nonce += 1;
						l.outcome.submitted += 1;
						l.last_accepted = Instant::now();
						if l.sent[id].state == State::Submitting {
							l.sent[id].state = State::Accepted;
						}
					},
					Err(e) => {
						// The next call reuses the nonce.
						*l.outcome.rejects.entry(educhain_client::error::said(&e)).or_default() += 1;
						l.sent[id].state = State::Done;
						l.outstanding -= 1;
						window.notify_waiters();
					},
				}
			}
			Ok::<_, String>(())
		}));
	}
	for task in tasks {
		task.await.context("a sender")??;
	}
	// A watcher that stopped sees nothing more: waiting for it would only delay the error.
	let drain_until = Instant::now() + plan.drain;
	let watching = || !best.is_finished() && !fin.is_finished();
	while Instant::now() < drain_until && watching() && !ledger.lock().expect("not poisoned").settled() {
		tokio::time::sleep(Duration::from_millis(100)).await;
	}
	monitor.abort();
	stop_watcher("best-heads", best).await?;
	stop_watcher("finalized-heads", fin).await?;
	let logs = settle_elsewhere(&ledger, others).await?;
	let mut l = ledger.lock().expect("not poisoned");
	if !logs.is_empty() {
		final_everywhere(&mut l, &logs);
	}
	let started = l.started;
	let (accepted, included, finalized) = (l.last_accepted, l.last_included, l.last_finalized_at);
	let lost = l.sent.iter().filter(|s| s.state != State::Done).count();
	let mut outcome = std::mem::take(&mut l.outcome);
	outcome.lost += lost;
	outcome.items = plan.items;
	outcome.nodes = 1 + plan.also.len();
	outcome.submit_span = accepted - started;
	outcome.include_span = included - started;
	outcome.finalize_span = finalized - started;
	outcome.inclusion.sort();
	outcome.finality.sort();
	Ok(outcome)
}

/// Follow new best (or finalized) heads until aborted; an error ends it.
async fn watch(rpc: Rpc, ledger: Arc<Mutex<Ledger>>, window: Arc<Notify>, finalized: bool) -> Result<()> {
	let mut heads = rpc.heads(finalized).await.context("subscribing to heads")?;
	loop {
		let header = heads.next().await.ok_or("the subscription ended")?.context("the subscription")?;
		let at = Instant::now();
		let hash = header.hash();
		if finalized {
			finalize(&rpc, &ledger, &window, hash, at).await?;
		} else {
			see(&rpc, &ledger, &window, hash, *header.number(), *header.parent_hash(), at).await?;
		}
	}
}

/// Stop a watcher. One that stopped by itself (a failed read, a closed subscription) missed
/// blocks, and what it missed would count as lost: the run fails instead of reporting that.
async fn stop_watcher(name: &str, task: JoinHandle<Result<()>>) -> Result<()> {
	if !task.is_finished() {
		task.abort();
		return Ok(());
	}
	let why = match task.await {
		Ok(Err(why)) => why,
		Ok(Ok(())) => "it ended".into(),
		Err(e) => e.to_string(),
	};
	Err(format!("the {name} watcher stopped during the run, so the figures would be wrong: {why}"))
}

/// Record block `hash` as seen at `at`, if it is new, and free a window place for each of ours
/// it holds.
async fn see(rpc: &Rpc, ledger: &Mutex<Ledger>, window: &Notify, hash: H256, number: u32, parent: H256, at: Instant) -> Result<()> {
	if ledger.lock().expect("not poisoned").blocks.contains_key(&hash) {
		return Ok(());
	}
	let extrinsics = rpc.block_extrinsics(hash).await.context("a block's extrinsics")?;
	let ours: Vec<(usize, usize)> = {
		let l = ledger.lock().expect("not poisoned");
		extrinsics
			.iter()
			.enumerate()
			.filter_map(|(index, xt)| l.by_hash.get(&blake2_256(xt)).map(|id| (index, *id)))
			.collect()
	};
	let failures = if ours.is_empty() { HashMap::new() } else { failures(rpc, hash).await? };
	let ours: Vec<_> = ours.into_iter().map(|(index, id)| (id, failures.get(&(index as u32)).cloned())).collect();
	let held = ours.len();
	let mut l = ledger.lock().expect("not poisoned");
	// The other watcher may have fetched the same block meanwhile.
	if l.blocks.contains_key(&hash) {
		return Ok(());
	}
	if held > 0 {
		l.last_included = at;
	}
	l.blocks.insert(hash, Seen { number, parent, at, ours });
	l.outstanding = l.outstanding.saturating_sub(held);
	l.limit = l.limit.max(2 * held);
	window.notify_waiters();
	Ok(())
}

/// The failed extrinsics of block `hash`, by index: the pallet error, or the dispatch error.
async fn failures(rpc: &Rpc, hash: H256) -> Result<HashMap<u32, String>> {
	let failures = rpc.failures(hash).await.context("a block's events")?;
	Ok(failures.into_iter().map(|(i, f)| (i, format!("failed in block: {}", f.error))).collect())
}

/// Everything from the last finalized block up to `hash` is final at `at`.
async fn finalize(rpc: &Rpc, ledger: &Mutex<Ledger>, window: &Notify, hash: H256, at: Instant) -> Result<()> {
	// Walk back to the previous finalized block, learning any block not seen as best.
	let mut chain = Vec::new();
	let mut cursor = hash;
	loop {
		let (last, known) = {
			let l = ledger.lock().expect("not poisoned");
			(l.last_finalized, l.blocks.get(&cursor).map(|s| s.parent))
		};
		if cursor == last {
			break;
		}
		let parent = match known {
			Some(parent) => parent,
			None => {
				let header = rpc.header(Some(cursor)).await.context("a header")?;
				see(rpc, ledger, window, cursor, header.number, header.parent_hash, at).await?;
				header.parent_hash
			},
		};
		chain.push(cursor);
		cursor = parent;
	}
	let mut l = ledger.lock().expect("not poisoned");
	l.last_finalized = hash;
	for block in chain.into_iter().rev() {
		let seen = l.blocks.get(&block).map(|s| (s.number, s.at, s.ours.clone()));
		let Some((number, seen_at, ours)) = seen else { continue };
		if !ours.is_empty() {
			l.outcome.blocks.push((number, ours.len()));
		}
		for (id, failure) in ours {
			let sent = l.sent[id].at;
			l.sent[id].state = State::Done;
			match failure {
				Some(why) => *l.outcome.rejects.entry(why).or_default() += 1,
				None => {
					l.outcome.included += 1;
					l.outcome.inclusion.push(seen_at - sent);
					l.outcome.finality.push(at - sent);
					l.finals.push((number, sent, seen_at, at));
					l.last_finalized_at = at;
				},
			}
		}
	}
	Ok(())
}

/// When another node finalized what: its finalized heads' numbers, as they came.
type FinalityLog = Arc<Mutex<Vec<(u32, Instant)>>>;

/// Record each finalized head of `rpc`'s node until aborted; an error ends it.
async fn follow_finality(rpc: Rpc, log: FinalityLog) -> Result<()> {
	let mut heads = rpc.heads(true).await.context("subscribing to finalized heads")?;
	loop {
		let header = heads.next().await.ok_or("the subscription ended")?.context("the subscription")?;
		log.lock().expect("not poisoned").push((*header.number(), Instant::now()));
	}
}

/// Wait (up to a minute) until every other node has finalized the last block that held ours;
/// then stop following them and return what they finalized when.
async fn settle_elsewhere(ledger: &Mutex<Ledger>, others: Vec<(FinalityLog, JoinHandle<Result<()>>)>) -> Result<Vec<Vec<(u32, Instant)>>> {
	let last = ledger.lock().expect("not poisoned").finals.iter().map(|f| f.0).max().unwrap_or(0);
	let until = Instant::now() + Duration::from_secs(60);
	let reached = |log: &FinalityLog| log.lock().expect("not poisoned").last().is_some_and(|(n, _)| *n >= last);
	while Instant::now() < until && !others.iter().all(|(log, _)| reached(log)) {
		tokio::time::sleep(Duration::from_millis(100)).await;
	}
	let mut logs = Vec::new();
	for (log, task) in others {
		stop_watcher("another node's finalized-heads", task).await?;
		logs.push(std::mem::take(&mut *log.lock().expect("not poisoned")));
	}
	Ok(logs)
}

/// Count an extrinsic final when every node has finalized its block: its finality time is the
/// latest of them. One that some node never finalized in time is lost.
fn final_everywhere(l: &mut Ledger, logs: &[Vec<(u32, Instant)>]) {
	let when = |log: &Vec<(u32, Instant)>, number: u32| log.iter().find(|(n, _)| *n >= number).map(|(_, at)| *at);
	let (mut inclusion, mut finality, mut last) = (Vec::new(), Vec::new(), l.started);
	for &(number, sent, seen, here) in &l.finals {
		let elsewhere: Option<Vec<Instant>> = logs.iter().map(|log| when(log, number)).collect();
		match elsewhere {
			Some(times) => {
				let at = times.into_iter().fold(here, Instant::max);
				last = last.max(at);
				inclusion.push(seen - sent);
				finality.push(at - sent);
			},
			None => {
				l.outcome.included -= 1;
				l.outcome.lost += 1;
			},
		}
	}
	(l.outcome.inclusion, l.outcome.finality) = (inclusion, finality);
	l.last_finalized_at = last;
}
