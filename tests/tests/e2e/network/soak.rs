//! A soak: the four-authority local network, default node settings, under a mixed domain load
//! for a set time, while one authority is killed and restarted and another is cut off from its
//! peers and rejoins. Every transaction is tallied: finalized (and its call succeeded), or
//! refused with a reason. None may be lost.
//!
//! The load, each sender one nonce sequence and one cycle at a time, each cycle followed to
//! finality before the next: Bob (a university, its own lecturer) enrols learners, opens a class
//! for them, grades them and issues their degrees; Charlie (another university) runs a coins
//! course, with a task, its learners enrolled and each awarded coins; Dave sends remarks.
//!
//! `scripts/test.sh` runs a two-minute soak. The ten-minute one, whose figures the README gives:
//! `scripts/test.sh --ignored soak::ten_minutes`.

use educhain_e2e::{
	chain::{block, invariants, nonce, peers, remark, signed, signing_context},
	network::LocalNetwork,
	rpc::Rpc,
	tally::Tally,
	today, wait_for,
};
use educhain_runtime::{signing::SigningContext, Runtime, RuntimeCall};
use pallet_credentials::CredentialKind;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave};
use sp_runtime::{
	traits::{BlakeTwo256, Hash as _},
	AccountId32,
};
use std::{
	sync::Arc,
	time::{Duration, Instant},
};

const LIMIT: Duration = Duration::from_secs(180);
/// Learners in each of Bob's cycles and Charlie's courses.
const PER_CYCLE: u32 = 8;
/// Bob's program, which each cycle's learners complete.
const PROGRAM: u32 = 7_001;

/// One sender's nonce sequence.
struct Seq {
	who: Sr25519Keyring,
	nonce: u32,
	ctx: SigningContext,
}

impl Seq {
	fn sign(&mut self, call: RuntimeCall) -> Vec<u8> {
		self.nonce += 1;
		signed(call, self.who, self.nonce - 1, self.ctx)
	}
}

/// The next ids of what only one sender creates: Bob's enrolments and classes, Charlie's courses.
#[derive(Clone, Copy)]
struct Ids {
	enrolment: u64,
	class: u64,
	course: u64,
}

fn learner(tag: &str, cycle: u32, k: u32) -> AccountId32 {
	AccountId32::from(BlakeTwo256::hash(format!("soak/{tag}/{cycle}/{k}").as_bytes()).0)
}

fn tag(what: &str, c: u32) -> H256 {
	BlakeTwo256::hash(format!("soak/{what}/{c}").as_bytes())
}

async fn counter(rpc: &Rpc, key: Vec<u8>) -> u64 {
	rpc.client.storage_decoded::<u64>(&key, None).await.expect("a counter").unwrap_or(0)
}

/// What `who` sends once, before its cycles: Bob and Charlie appoint themselves lecturers; Bob
/// defines the program.
fn setup(who: Sr25519Keyring) -> Vec<RuntimeCall> {
	let lecturer = RuntimeCall::Registry(pallet_registry::Call::grant_lecturer { lecturer: who.to_account_id() });
	match who {
		Bob => vec![
			lecturer,
			RuntimeCall::Transcripts(pallet_transcripts::Call::create_program {
				id: PROGRAM,
				document: tag("program", 0),
				credits_required: 10,
				min_days: 0,
				max_days: 36_500,
			}),
		],
		Charlie => vec![lecturer],
		_ => vec![],
	}
}

/// Cycle `c` of `who`'s calls, with what each is.
fn cycle(who: Sr25519Keyring, c: u32, ids: &mut Ids) -> Vec<(String, RuntimeCall)> {
	use pallet_coins::Call as Co;
	use pallet_credentials::Call as Cr;
	use pallet_transcripts::Call as Tr;
	let learners: Vec<_> = (0..PER_CYCLE).map(|k| learner(&format!("{who:?}"), c, k)).collect();
	let mut calls = Vec::new();
	let mut push = |what: String, call| calls.push((format!("{who:?} cycle {c}: {what}"), call));
	match who {
		Bob => {
			let first = ids.enrolment;
			for l in &learners {
				push("enrol".into(), RuntimeCall::Transcripts(Tr::enrol { learner: l.clone(), program: PROGRAM, start: today() }));
			}
			let roster = (first..first + u64::from(PER_CYCLE)).collect::<Vec<_>>().try_into().expect("a short roster");
			let class = Tr::create_class { course: tag("course", c), credits: 10, lecturer: Bob.to_account_id(), term: 1, pass_mark: 50, scale_max: 100, roster };
			push("class".into(), RuntimeCall::Transcripts(class));
			for (k, l) in learners.iter().enumerate() {
				let grade = Tr::grade { class: ids.class, learner: l.clone(), passed: true, digest: tag("grade", c * PER_CYCLE + k as u32) };
				push(format!("grade {k}"), RuntimeCall::Transcripts(grade));
			}
			for (k, l) in learners.iter().enumerate() {
				let enrolment = first + k as u64;
				let issue = Cr::issue { holder: l.clone(), enrolment, kind: CredentialKind::Degree, id: tag("degree", enrolment as u32) };
				push(format!("degree {k}"), RuntimeCall::Credentials(issue));
			}
			(ids.enrolment, ids.class) = (first + u64::from(PER_CYCLE), ids.class + 1);
		},
		Charlie => {
			let course = ids.course;
			push("course".into(), RuntimeCall::Coins(Co::create_course { institution: Charlie.to_account_id(), document: tag("coins", c), threshold: 10 }));
			push("task".into(), RuntimeCall::Coins(Co::add_task { course, document: tag("task", c), max_coins: 10 }));
			let enrolled = learners.clone().try_into().expect("a short batch");
			push("enrol".into(), RuntimeCall::Coins(Co::enrol { course, learners: enrolled }));
			for (k, l) in learners.iter().enumerate() {
				push(format!("award {k}"), RuntimeCall::Coins(Co::award { course, learner: l.clone(), task: 0, coins: 10 }));
			}
			ids.course += 1;
		},
		_ => {
			for k in 0..4u8 {
				push(format!("remark {k}"), remark(vec![k; 64]));
			}
		},
	}
	calls
}

/// `who` sends its set-up, then cycle after cycle until `until`, each through node 0 or 1 in
/// turn and followed to finality before the next; returns its tally and the cycles it ran.
async fn send(rpcs: [Arc<Rpc>; 2], who: Sr25519Keyring, mut ids: Ids, until: Instant) -> (Tally, u32) {
	let mut seq = Seq { who, nonce: nonce(&rpcs[0], who).await, ctx: signing_context(&rpcs[0]).await };
	let mut tally = Tally::default();
	for (i, call) in setup(who).into_iter().enumerate() {
		tally.submit(&rpcs[0], format!("{who:?} set-up {i}"), seq.sign(call), LIMIT);
	}
	tally.settle().await;
	let mut c = 0;
	while Instant::now() < until {
		let rpc = &rpcs[c as usize % 2];
		for (what, call) in cycle(who, c, &mut ids) {
			tally.submit(rpc, what, seq.sign(call), LIMIT);
		}
		tally.settle().await;
		c += 1;
	}
	(tally, c)
}

/// Run the soak for `length`; the faults come at a fifth and at half of it.
async fn soak(length: Duration) {
	let started = Instant::now();
	let mut net = LocalNetwork::start().await;
	let mut rpcs = Vec::new();
	for i in 0..4 {
		rpcs.push(Arc::new(net.rpc(i).await));
	}
	LocalNetwork::wait_finalized(&rpcs.iter().map(|r| &**r).collect::<Vec<_>>(), 1, LIMIT).await;
	// Charlie's node (2) peers only with reserved nodes, so that it can be cut off later.
	let mut reserved = Vec::new();
	for i in [0, 1, 3] {
		reserved.push(net.address(i).await);
	}
	net.nodes[2].config.extra =
		["--reserved-only".to_string()].into_iter().chain(reserved.iter().flat_map(|a| ["--reserved-nodes".into(), a.clone()])).collect();
	net.nodes[2].restart();
	rpcs[2] = Arc::new(net.rpc(2).await);
	wait_for("node 2 to have its peers", LIMIT, || async { (peers(&rpcs[2]).await == 3).then_some(()) }).await;

	let ids = Ids {
		enrolment: counter(&rpcs[0], pallet_transcripts::NextEnrolment::<Runtime>::hashed_key().to_vec()).await,
		class: counter(&rpcs[0], pallet_transcripts::NextClass::<Runtime>::hashed_key().to_vec()).await,
		course: counter(&rpcs[0], pallet_coins::NextCourse::<Runtime>::hashed_key().to_vec()).await,
	};
	let load_start = Instant::now();
	let until = load_start + length;
	let pair = [rpcs[0].clone(), rpcs[1].clone()];
	let senders: Vec<_> = [Bob, Charlie, Dave]
		.into_iter()
		.map(|who| tokio::spawn(send(pair.clone(), who, ids, until)))
		.collect();

	// A fifth in: Dave's node (3) is killed, stays down 15 s, and restarts on its database.
	tokio::time::sleep(length / 5).await;
	net.nodes[3].kill();
	tokio::time::sleep(Duration::from_secs(15)).await;
	net.nodes[3].restart();
	rpcs[3] = Arc::new(net.rpc(3).await);
	let target = rpcs[0].finalized_number().await;
	wait_for("node 3 to catch up", LIMIT, || async { (rpcs[3].finalized_number().await >= target).then_some(()) }).await;

	// Half-way: Charlie's node is cut off for 20 s, with a remark of Alice's sent only to it.
	tokio::time::sleep((load_start + length / 2).saturating_duration_since(Instant::now())).await;
	let cut = rpcs[2].clone();
	for address in &reserved {
		let peer_id = address.rsplit('/').next().expect("peer id");
		cut.must("system_removeReservedPeer", vec![peer_id.into()]).await;
	}
	wait_for("node 2 to be cut off", LIMIT, || async { (peers(&cut).await == 0).then_some(()) }).await;
	let mut faults = Tally::default();
	let alice = Seq { who: Alice, nonce: nonce(&cut, Alice).await, ctx: signing_context(&cut).await }.sign(remark(b"cut off".to_vec()));
	faults.submit(&cut, "Alice's remark, sent to node 2 cut off", alice, LIMIT);
	tokio::time::sleep(Duration::from_secs(20)).await;
	for address in &reserved {
		cut.must("system_addReservedPeer", vec![address.as_str().into()]).await;
	}

	let mut tally = Tally::default();
	let mut cycles = Vec::new();
	for (who, task) in [Bob, Charlie, Dave].into_iter().zip(senders) {
		let (t, c) = task.await.expect("a sender");
		tally.settled.extend(t.settled);
		cycles.push(format!("{who:?} {c}"));
	}
	faults.settle().await;
	tally.settled.extend(faults.settled);
	let loaded = load_start.elapsed();

	// Every node ends on the same finalized chain, with every invariant holding.
	let all: Vec<&Rpc> = rpcs.iter().map(|r| &**r).collect();
	let target = rpcs[0].finalized_number().await;
	LocalNetwork::wait_finalized(&all, target, LIMIT).await;
	for n in 1..=target {
		LocalNetwork::assert_same_block(&all, n).await;
	}
	let head = rpcs[0].client.finalized_hash().await.expect("the finalized head");
	assert_eq!(invariants(&rpcs[0], Some(head)).await, Ok(()));

	// The tally: nothing lost, nothing refused (every call was valid), every call succeeded in
	// its canonical block.
	eprintln!(
		"soak of {:.0} s ({:.0} s with set-up): cycles {}; {}; {} blocks finalized",
		loaded.as_secs_f64(),
		started.elapsed().as_secs_f64(),
		cycles.join(", "),
		tally.summary(),
		target
	);
	assert_eq!(tally.lost(), Vec::<(&str, &str)>::new(), "{}", tally.summary());
	assert_eq!(tally.rejected().collect::<Vec<_>>(), Vec::<(&str, &str)>::new(), "{}", tally.summary());
	let mut blocks = std::collections::HashMap::new();
	for (what, xt, hash) in tally.finalized() {
		let hash = block(hash);
		if !blocks.contains_key(&hash) {
			let extrinsics = rpcs[0].client.block_extrinsics(hash).await.expect("the block");
			let failures = rpcs[0].client.failures(hash).await.expect("the block's events");
			let number = rpcs[0].client.header(Some(hash)).await.expect("its header").number;
			assert_eq!(rpcs[0].client.block_hash(number).await.expect("a hash"), Some(hash), "{what}: its block is canonical");
			blocks.insert(hash, (extrinsics, failures));
		}
		let (extrinsics, failures) = &blocks[&hash];
		let index = extrinsics.iter().position(|x| x[..] == xt[..]).unwrap_or_else(|| panic!("{what}: not in its block")) as u32;
		assert!(failures.iter().all(|(i, _)| *i != index), "{what} failed: {:?}", failures.iter().find(|(i, _)| *i == index));
	}
	assert!(tally.finalized().count() > 100, "{}", tally.summary());
}

#[tokio::test(flavor = "multi_thread")]
async fn two_minutes_of_mixed_load_through_a_restart_and_a_cut_off_lose_nothing() {
	let _gate = educhain_e2e::together();
	soak(Duration::from_secs(120)).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "ten minutes: run with scripts/test.sh --ignored soak::ten_minutes"]
async fn ten_minutes_of_mixed_load_through_a_restart_and_a_cut_off_lose_nothing() {
	let _gate = educhain_e2e::together();
	soak(Duration::from_secs(600)).await;
}
