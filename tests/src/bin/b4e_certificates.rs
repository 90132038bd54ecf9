//! The B4E certificate workload on a dev node: one institution issues 5,000 certificates, first
//! one transaction each, then in batches of 200. Prints, for each way, the time until all are
//! included and finalized and the blocks they took.
//!
//!   cargo run --release -p educhain-e2e --bin b4e_certificates    (or scripts/b4e.sh)
//!
//! A benchmark, not a test. Set-up: 10,000 learners enrolled and passed in one class each.

use codec::Encode;
use educhain_e2e::{
	chain::{nonce, signing_context},
	node::{Node, NodeConfig},
	rpc::Rpc,
	wait_for,
};
use educhain_runtime::{signing::sign, AccountId, RuntimeCall};
use pallet_credentials::{CredentialKind, IssueItem};
use pallet_transcripts::{digest, GradeInput};
use sp_core::{sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring::{self, Bob, Charlie};
use std::time::{Duration, Instant};

const CERTIFICATES: u32 = 5_000;
const LEARNERS: u32 = 2 * CERTIFICATES;
const ROSTER: u32 = 500;
const GRADE_BATCH: u32 = 100;
const ISSUE_BATCH: u32 = 200;
const LIMIT: Duration = Duration::from_secs(600);

fn learner(i: u32) -> AccountId {
	sr25519::Pair::from_string(&format!("//b4e/graduate/{i}"), None).expect("uri").public().into()
}

/// A stand-in document id per certificate (the benchmark issues no real documents).
fn certificate_id(i: u32) -> H256 {
	H256::from_low_u64_be(u64::from(i) + 1)
}

/// Submit `calls` signed by `who` with consecutive nonces, at most `chunk` ahead of the chain,
/// and wait until all are in the best chain. Returns the best block numbers before and after.
///
/// The transaction pool may drop some of a burst from one sender (seen with thousands at once):
/// whatever is not included after a few blocks is submitted again.
async fn run(rpc: &Rpc, who: Sr25519Keyring, calls: Vec<RuntimeCall>, chunk: usize) -> (u32, u32) {
	let ctx = signing_context(rpc).await;
	let first = nonce(rpc, who).await;
	let xts: Vec<Vec<u8>> = calls
		.into_iter()
		.enumerate()
		.map(|(i, call)| sign(call, &who.pair(), first + i as u32, ctx).encode())
		.collect();
	let before = rpc.best_number().await;
	let total = xts.len();
	let deadline = Instant::now() + LIMIT;
	let mut done = 0;
	while done < total {
		assert!(Instant::now() < deadline, "{} of {total} transactions included in time", done);
		for xt in &xts[done..(done + chunk).min(total)] {
			// "Already imported" for those still in the pool is expected.
			let _ = rpc.submit(xt).await;
		}
		let stalled = Instant::now() + Duration::from_secs(12);
		loop {
			tokio::time::sleep(Duration::from_millis(300)).await;
			let now = (nonce(rpc, who).await - first) as usize;
			if now >= (done + chunk).min(total) || Instant::now() > stalled {
				done = now;
				break;
			}
		}
	}
	(before, rpc.best_number().await)
}

async fn wait_finalized(rpc: &Rpc, number: u32) {
	wait_for("finality", LIMIT, || async { (rpc.finalized_number().await >= number).then_some(()) }).await;
}

fn t(call: pallet_transcripts::Call<educhain_runtime::Runtime>) -> RuntimeCall {
	RuntimeCall::Transcripts(call)
}

async fn set_up(rpc: &Rpc) {
	let mut calls = vec![
		RuntimeCall::Registry(pallet_registry::Call::grant_lecturer { lecturer: Charlie.to_account_id() }),
		t(pallet_transcripts::Call::create_program {
			id: 1,
			document: digest::program_digest(b"B4E certificate").into(),
			credits_required: 1,
			min_days: 0,
			max_days: 10_000,
		}),
	];
	calls.extend((0..LEARNERS).map(|i| t(pallet_transcripts::Call::enrol { learner: learner(i), program: 1, start: 20_000 })));
	calls.extend((0..LEARNERS / ROSTER).map(|c| {
		t(pallet_transcripts::Call::create_class {
			course: digest::course_digest("B4E").into(),
			credits: 1,
			lecturer: Charlie.to_account_id(),
			term: 1,
			pass_mark: 50,
			scale_max: 100,
			roster: (u64::from(c * ROSTER)..u64::from((c + 1) * ROSTER)).collect::<Vec<_>>().try_into().unwrap(),
		})
	}));
	run(rpc, Bob, calls, 2_500).await;
	let grades = (0..LEARNERS / GRADE_BATCH).map(|b| {
		t(pallet_transcripts::Call::grade_batch {
			class: u64::from(b * GRADE_BATCH / ROSTER),
			grades: (b * GRADE_BATCH..(b + 1) * GRADE_BATCH)
				.map(|i| GradeInput { learner: learner(i), value: 80, digest: H256::zero() })
				.collect::<Vec<_>>()
				.try_into()
				.unwrap(),
		})
	});
	run(rpc, Charlie, grades.collect(), 1_000).await;
}

fn issue(i: u32) -> IssueItem<AccountId, H256> {
	IssueItem { holder: learner(i), enrolment: u64::from(i), kind: CredentialKind::Certificate, id: certificate_id(i) }
}

/// For each block of `from..=to`: its extrinsics (the inherent timestamp included) and the
/// normal-class weight it declares (`System::BlockWeight`), in ms.
async fn blocks(rpc: &Rpc, from: u32, to: u32) -> Vec<(usize, f64)> {
	use codec::Decode;
	use frame_support::{
		dispatch::{DispatchClass, PerDispatchClass},
		weights::Weight,
	};
	let key = format!("0x{}", hex::encode(frame_support::storage::storage_prefix(b"System", b"BlockWeight")));
	let mut out = Vec::new();
	for n in from..=to {
		let hash = rpc.block_hash(n).await.expect("block");
		let block = rpc.must("chain_getBlock", vec![hash.clone().into()]).await;
		let count = block["block"]["extrinsics"].as_array().map_or(0, Vec::len);
		let raw = rpc.must("state_getStorage", vec![key.clone().into(), hash.into()]).await;
		let bytes = hex::decode(raw.as_str().unwrap_or("0x").trim_start_matches("0x")).expect("hex");
		let weight = PerDispatchClass::<Weight>::decode(&mut &bytes[..]).unwrap_or_default();
		out.push((count, weight.get(DispatchClass::Normal).ref_time() as f64 / 1e9));
	}
	out
}

/// Whether certificate `i` is on chain.
async fn issued(rpc: &Rpc, i: u32) -> bool {
	let id = format!("0x{}", hex::encode(certificate_id(i)));
	rpc.must("credentials_verify", vec![id.into()]).await["found"] == true
}

async fn measure(rpc: &Rpc, what: &str, calls: Vec<RuntimeCall>) {
	let started = Instant::now();
	let (before, after) = run(rpc, Bob, calls, 8_000).await;
	let included = started.elapsed();
	wait_finalized(rpc, after).await;
	let finalized = started.elapsed();
	println!(
		"  {what}: all included after {:.1} s (blocks {}..={after}, {} blocks), finalized after {:.1} s",
		included.as_secs_f64(),
		before + 1,
		after - before,
		finalized.as_secs_f64()
	);
	for (count, ms) in blocks(rpc, before + 1, after).await {
		println!("    a block of {count} extrinsics declaring {ms:.0} ms of normal weight");
	}
}

#[tokio::main]
async fn main() {
	let dir = tempfile::tempdir().expect("temp dir");
	let node = Node::start(NodeConfig::dev(), dir.path());
	let rpc = node.rpc().await;
	rpc.wait_for_block(1, LIMIT).await;
	let setup = Instant::now();
	set_up(&rpc).await;
	eprintln!("set-up done at block {}", rpc.best_number().await);
	println!("B4E certificates: {CERTIFICATES} certificates from one institution (set-up {:.0} s)", setup.elapsed().as_secs_f64());
	let one_by_one = (0..CERTIFICATES).map(|i| {
		let item = issue(i);
		RuntimeCall::Credentials(pallet_credentials::Call::issue {
			holder: item.holder,
			enrolment: item.enrolment,
			kind: item.kind,
			id: item.id,
		})
	});
	measure(&rpc, "one transaction each", one_by_one.collect()).await;
	let batches = (0..CERTIFICATES / ISSUE_BATCH).map(|b| {
		let start = CERTIFICATES + b * ISSUE_BATCH;
		RuntimeCall::Credentials(pallet_credentials::Call::issue_batch {
			items: (start..start + ISSUE_BATCH).map(issue).collect::<Vec<_>>().try_into().unwrap(),
		})
	});
	measure(&rpc, "batches of 200", batches.collect()).await;
	for i in [0, CERTIFICATES - 1, CERTIFICATES, 2 * CERTIFICATES - 1] {
		assert!(issued(&rpc, i).await, "certificate {i} is not on chain");
	}
	println!("  checked: the first and last certificate of each way are on chain");
}
