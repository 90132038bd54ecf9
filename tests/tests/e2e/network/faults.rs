//! Faults on the four-authority local network, one after another on the same chain, with every
//! transaction submitted meanwhile tallied:
//!
//! 1. one authority is killed (SIGKILL): blocks and finality go on;
//! 2. a second is killed: finality stalls, blocks go on;
//! 3. it comes back: finality catches up, and every block made meanwhile is finalized;
//! 4. the first is restarted and killed with SIGKILL while it imports the blocks it missed; it
//!    restarts on the same database and catches up;
//! 5. it is cut off from its peers (its only peers are reserved ones, removed over RPC): it
//!    authors nothing alone, and when it rejoins it converges to the finalized chain, and the
//!    transaction only it had gets in.
//!
//! Every transaction ends finalized or rejected with a reason; none is lost.

use educhain_e2e::{
	chain::{nonce, peers, remark, signed, signing_context},
	network::LocalNetwork,
	rpc::Rpc,
	tally::{block_contains, Tally},
	wait_for,
};
use educhain_runtime::signing::SigningContext;
use sp_keyring::Sr25519Keyring::{self, *};
use std::{collections::HashMap, sync::Arc, time::Duration};

const LIMIT: Duration = Duration::from_secs(120);
/// Transactions that wait for finality through a stall.
const THROUGH_A_STALL: Duration = Duration::from_secs(300);

/// Signs remarks with each account's next nonce.
struct Signers {
	ctx: SigningContext,
	nonces: HashMap<Sr25519Keyring, u32>,
}

impl Signers {
	async fn new(rpc: &Rpc) -> Self {
		let mut nonces = HashMap::new();
		for who in [Alice, Bob, Charlie, Dave] {
			nonces.insert(who, nonce(rpc, who).await);
		}
		Signers { ctx: signing_context(rpc).await, nonces }
	}

	/// A remark of `size` bytes by `who`, with its next nonce.
	fn remark(&mut self, who: Sr25519Keyring, size: usize) -> Vec<u8> {
		let nonce = self.nonces.get_mut(&who).expect("a known signer");
		*nonce += 1;
		signed(remark(vec![*nonce as u8; size]), who, *nonce - 1, self.ctx)
	}
}

/// Slows a process down by stopping it most of the time, as an overloaded machine would.
struct Throttle {
	done: Arc<std::sync::atomic::AtomicBool>,
	thread: Option<std::thread::JoinHandle<()>>,
	pid: libc::pid_t,
}

impl Throttle {
	fn start(pid: u32) -> Throttle {
		let pid = pid as libc::pid_t;
		let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
		let flag = done.clone();
		let thread = std::thread::spawn(move || {
			while !flag.load(std::sync::atomic::Ordering::Relaxed) {
				// SAFETY: signals to a child process of this test, which has not been reaped while
				// the throttle runs (it is stopped before the child is killed).
				unsafe { libc::kill(pid, libc::SIGSTOP) };
				std::thread::sleep(Duration::from_millis(20));
				unsafe { libc::kill(pid, libc::SIGCONT) };
				std::thread::sleep(Duration::from_millis(2));
			}
		});
		Throttle { done, thread: Some(thread), pid }
	}

	/// Stop throttling and let the process run.
	fn stop(&mut self) {
		self.done.store(true, std::sync::atomic::Ordering::Relaxed);
		if let Some(thread) = self.thread.take() {
			let _ = thread.join();
		}
		if self.pid != 0 {
			// SAFETY: as above.
			unsafe { libc::kill(self.pid, libc::SIGCONT) };
			self.pid = 0;
		}
	}
}

impl Drop for Throttle {
	fn drop(&mut self) {
		self.stop();
	}
}

async fn connect(net: &LocalNetwork, i: usize) -> Arc<Rpc> {
	Arc::new(net.rpc(i).await)
}

/// The hashes of blocks `from..=to` on `rpc`'s best chain.
async fn hashes(rpc: &Rpc, from: u32, to: u32) -> Vec<Option<String>> {
	let mut out = Vec::new();
	for n in from..=to {
		out.push(rpc.block_hash(n).await);
	}
	out
}

#[tokio::test(flavor = "multi_thread")]
async fn the_network_survives_faults_and_loses_no_transaction() {
	let _gate = educhain_e2e::together();
	let mut net = LocalNetwork::start().await;
	let mut rpcs = Vec::new();
	for i in 0..4 {
		rpcs.push(connect(&net, i).await);
	}
	LocalNetwork::wait_finalized(&rpcs.iter().map(|r| &**r).collect::<Vec<_>>(), 2, LIMIT).await;
	let mut signers = Signers::new(&rpcs[0]).await;
	let mut tally = Tally::default();

	// 1. Dave's node is killed; the other three author and finalize, and everything submitted
	// through them is finalized.
	net.nodes[3].kill();
	let (best, finalized) = (rpcs[0].best_number().await, rpcs[0].finalized_number().await);
	for k in 0..12 {
		let who = [Alice, Bob, Charlie][k % 3];
		// Large remarks make the blocks Dave will have to import in step 4 heavy.
		tally.submit(&rpcs[k % 3], format!("1: remark {k} by {who:?}"), signers.remark(who, 256 * 1024), LIMIT);
	}
	let stranger = signed(remark(vec![0]), Eve, 0, signers.ctx);
	tally.submit(&rpcs[1], "1: a stranger's remark", stranger, LIMIT);
	tally.settle().await;
	let replay = tally.finalized().next().expect("a finalized remark").1.to_vec();
	tally.submit(&rpcs[2], "1: a finalized remark again", replay, LIMIT);
	tally.settle().await;
	let survivors = [&*rpcs[0], &*rpcs[1], &*rpcs[2]];
	LocalNetwork::wait_finalized(&survivors, finalized + 4, LIMIT).await;
	assert!(rpcs[0].best_number().await >= best + 4, "blocks go on without Dave");

	// 2. Charlie's node is killed too: 2 of 4 cannot finalize (GRANDPA needs more than two
	// thirds), but Aura goes on in Alice's and Bob's slots.
	net.nodes[2].kill();
	let stalled = rpcs[0].finalized_number().await;
	for k in 0..6 {
		let who = [Alice, Bob][k % 2];
		tally.submit(&rpcs[k % 2], format!("2: remark {k} by {who:?}"), signers.remark(who, 256 * 1024), THROUGH_A_STALL);
	}
	rpcs[0].wait_for_block(stalled + 6, LIMIT).await;
	let still = rpcs[0].finalized_number().await;
	assert!(still <= stalled + 2, "finality stalls with 2 of 4 authorities: it went from {stalled} to {still}");
	let made = rpcs[0].best_number().await;
	let meanwhile = hashes(&rpcs[0], still + 1, made).await;

	// 3. Charlie comes back: finality catches up, and the blocks made meanwhile are the ones
	// finalized.
	net.nodes[2].restart();
	rpcs[2] = connect(&net, 2).await;
	let three = [&*rpcs[0], &*rpcs[1], &*rpcs[2]];
	LocalNetwork::wait_finalized(&three, made, LIMIT).await;
	for rpc in three {
		assert_eq!(hashes(rpc, still + 1, made).await, meanwhile, "the blocks made during the stall are finalized");
	}
	tally.settle().await;

	// 4. Dave restarts and is killed with SIGKILL while he imports what he missed. From now on
	// his node's only peers are reserved ones, for step 5.
	let mut reserved = Vec::new();
	for i in 0..3 {
		reserved.push(net.address(i).await);
	}
	net.nodes[3].config.extra =
		["--reserved-only".to_string()].into_iter().chain(reserved.iter().flat_map(|a| ["--reserved-nodes".into(), a.clone()])).collect();
	let mut killed_at = None;
	for _attempt in 0..3 {
		net.nodes[3].restart();
		// Dave's machine is made slow (stopped 20 ms of every 22), so that importing the blocks he
		// missed takes long enough to be caught in the middle; on loopback it takes milliseconds.
		let mut throttle = Throttle::start(net.nodes[3].pid());
		let dave = net.rpc(3).await;
		let start = dave.best_number().await;
		let target = rpcs[0].best_number().await;
		while killed_at.is_none() {
			let now = dave.best_number().await;
			if now > start && now + 1 < target {
				throttle.stop();
				net.nodes[3].kill();
				killed_at = Some((start, now, target));
			} else if now + 1 >= target {
				break;
			}
			tokio::time::sleep(Duration::from_millis(5)).await;
		}
		if killed_at.is_some() {
			break;
		}
		// He caught up before we could kill him: let him fall behind again.
		throttle.stop();
		net.nodes[3].kill();
		rpcs[0].wait_for_block(target + 12, LIMIT).await;
	}
	let (start, at, target) = killed_at.expect("Dave was killed in the middle of importing");
	eprintln!("Dave killed mid-import: had #{start}, had imported up to #{at} of #{target}");
	net.nodes[3].restart();
	rpcs[3] = connect(&net, 3).await;
	let reopened = rpcs[3].best_number().await;
	assert!(reopened >= start, "the database reopens with what it had (#{reopened}, had #{start})");
	let target = rpcs[0].finalized_number().await;
	wait_for("Dave to catch up after the kill", LIMIT, || async { (rpcs[3].finalized_number().await >= target).then_some(()) }).await;
	LocalNetwork::assert_same_block(&[&*rpcs[0], &*rpcs[3]], target).await;

	// 5. Dave is cut off: his reserved peers are removed, and he refuses all others.
	let dave = rpcs[3].clone();
	wait_for("Dave to have his peers", LIMIT, || async { (peers(&dave).await == 3).then_some(()) }).await;
	for address in &reserved {
		let peer_id = address.rsplit('/').next().expect("peer id");
		dave.must("system_removeReservedPeer", vec![peer_id.into()]).await;
	}
	wait_for("Dave to be cut off", LIMIT, || async { (peers(&dave).await == 0).then_some(()) }).await;
	let (cut_at, cut_best) = (dave.finalized_number().await, dave.best_number().await);
	tally.submit(&dave, "5: Dave's remark, sent to Dave cut off", signers.remark(Dave, 64), THROUGH_A_STALL);
	// The others go on and finalize. Dave authors nothing while he has no peers (Aura does not
	// author offline when there are other authorities), so he makes no fork to leave behind.
	let others = [&*rpcs[0], &*rpcs[1], &*rpcs[2]];
	LocalNetwork::wait_finalized(&others, cut_at + 6, LIMIT).await;
	assert_eq!(dave.best_number().await, cut_best, "cut off, Dave authors nothing");
	assert_eq!(dave.finalized_number().await, cut_at, "cut off, Dave finalizes nothing");

	// He rejoins: he converges to the finalized chain, and his remark, which only he had, gets in.
	for address in &reserved {
		dave.must("system_addReservedPeer", vec![address.as_str().into()]).await;
	}
	let target = rpcs[0].finalized_number().await;
	let all: Vec<&Rpc> = rpcs.iter().map(|r| &**r).collect();
	LocalNetwork::wait_finalized(&all, target, LIMIT).await;
	for n in 1..=target {
		LocalNetwork::assert_same_block(&all, n).await;
	}

	// The tally: everything valid is finalized on the canonical chain; the rest was refused
	// with a reason; nothing is lost.
	tally.settle().await;
	eprintln!("transactions during faults: {}", tally.summary());
	assert_eq!(tally.lost(), Vec::<(&str, &str)>::new(), "{}", tally.summary());
	assert_eq!(tally.finalized().count(), 12 + 6 + 1, "{}", tally.summary());
	let reasons: Vec<_> = tally.rejected().collect();
	assert_eq!(reasons.len(), 2, "{reasons:?}");
	assert!(reasons.iter().any(|(what, why)| what.contains("stranger") && why.contains("Invalid signing address")), "{reasons:?}");
	assert!(reasons.iter().any(|(what, why)| what.contains("again") && (why.contains("outdated") || why.contains("already") || why.contains("banned"))), "{reasons:?}");
	for (what, xt, block) in tally.finalized() {
		let number = rpcs[0].header(Some(educhain_e2e::chain::block(block))).await.expect("its header").number;
		assert_eq!(rpcs[0].block_hash(number).await.as_deref(), Some(block), "{what}: its block is canonical");
		assert!(block_contains(&rpcs[0], block, xt).await, "{what}: in block {block}");
	}
}
