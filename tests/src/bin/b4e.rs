//! The B4E workload on a dev node: 100 lecturers each write 50 grades at the same moment (one
//! batch each). Prints the time until all 5,000 grades are in blocks, the number of blocks they
//! took, and the time until they are finalized.
//!
//!   cargo run --release -p educhain-e2e --bin b4e
//!
//! A benchmark, not a test: it asserts nothing about time. `scripts/b4e.sh` runs it.

use codec::Encode;
use educhain_e2e::{
	chain::{nonce, signing_context},
	node::{Node, NodeConfig},
	rpc::{Rpc, TxOutcome},
	wait_for,
};
use educhain_runtime::{signing::sign, RuntimeCall};
use pallet_transcripts::{digest, GradeInput};
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring::Bob;
use std::time::{Duration, Instant};

const LECTURERS: u32 = 100;
const GRADES_EACH: u32 = 50;
const LIMIT: Duration = Duration::from_secs(300);

fn lecturer(i: u32) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//b4e/lecturer/{i}"), None).expect("valid uri")
}

fn learner(i: u32) -> educhain_runtime::AccountId {
	sr25519::Pair::from_string(&format!("//b4e/learner/{i}"), None).expect("valid uri").public().into()
}

/// Submit every transaction, then wait until each is in a block; returns the block hashes.
async fn submit_all(rpc: &Rpc, xts: Vec<Vec<u8>>, finalized: bool) -> Vec<String> {
	let watches = xts.iter().map(|xt| rpc.submit_and_watch(xt, finalized, LIMIT));
	futures::future::join_all(watches)
		.await
		.into_iter()
		.map(|outcome| match outcome {
			Ok(TxOutcome::InBlock(hash) | TxOutcome::Finalized(hash)) => hash,
			other => panic!("not included: {other:?}"),
		})
		.collect()
}

/// Bob's set-up: the lecturers, a program, the learners, and one class per lecturer with all
/// learners on it. Sent with consecutive nonces in one go.
async fn set_up(rpc: &Rpc) {
	let ctx = signing_context(rpc).await;
	let mut n = nonce(rpc, Bob).await;
	let mut calls = Vec::new();
	for i in 0..LECTURERS {
		let who = lecturer(i).public().into();
		calls.push(RuntimeCall::Registry(pallet_registry::Call::grant_lecturer { lecturer: who }));
	}
	calls.push(RuntimeCall::Transcripts(pallet_transcripts::Call::create_program {
		id: 1,
		document: digest::program_digest(b"B4E").into(),
		credits_required: 1_000,
		min_days: 1,
		max_days: 10_000,
	}));
	for i in 0..GRADES_EACH {
		calls.push(RuntimeCall::Transcripts(pallet_transcripts::Call::enrol {
			learner: learner(i),
			program: 1,
			start: 20_000,
		}));
	}
	let roster: Vec<u64> = (0..GRADES_EACH as u64).collect();
	for i in 0..LECTURERS {
		calls.push(RuntimeCall::Transcripts(pallet_transcripts::Call::create_class {
			course: digest::course_digest(&format!("B4E{i}")).into(),
			credits: 1,
			lecturer: lecturer(i).public().into(),
			term: 1,
			pass_mark: 50,
			scale_max: 100,
			roster: roster.clone().try_into().unwrap(),
		}));
	}
	let xts = calls
		.into_iter()
		.map(|call| {
			let xt = sign(call, &Bob.pair(), n, ctx).encode();
			n += 1;
			xt
		})
		.collect();
	submit_all(rpc, xts, false).await;
}

#[tokio::main]
async fn main() {
	let dir = tempfile::tempdir().expect("temp dir");
	let node = Node::start(NodeConfig::dev(), dir.path());
	let rpc = node.rpc().await;
	rpc.wait_for_block(1, LIMIT).await;
	set_up(&rpc).await;
	let ctx = signing_context(&rpc).await;

	// Each lecturer's batch, signed in advance so that only submission is timed.
	let xts: Vec<Vec<u8>> = (0..LECTURERS)
		.map(|i| {
			let grades: Vec<_> = (0..GRADES_EACH)
				.map(|j| GradeInput {
					learner: learner(j),
					value: 50 + (i + j) % 50,
					digest: digest::grade_digest(&[i as u8; 32], &j.to_le_bytes()).into(),
				})
				.collect();
			let call = RuntimeCall::Transcripts(pallet_transcripts::Call::grade_batch {
				class: u64::from(i),
				grades: grades.try_into().unwrap(),
			});
			sign(call, &lecturer(i), 0, ctx).encode()
		})
		.collect();
	let start_block = rpc.best_number().await;
	let started = Instant::now();
	let blocks = submit_all(&rpc, xts, false).await;
	let included = started.elapsed();
	let mut numbers = Vec::new();
	for hash in &blocks {
		let header = rpc.must("chain_getHeader", vec![hash.clone().into()]).await;
		let number = header["number"].as_str().expect("hex number").trim_start_matches("0x");
		numbers.push(u32::from_str_radix(number, 16).expect("block number"));
	}
	numbers.sort();
	numbers.dedup();
	let last = *numbers.last().expect("at least one block");
	wait_for("the grades to be finalized", LIMIT, || async {
		(rpc.finalized_number().await >= last).then_some(())
	})
	.await;
	let finalized = started.elapsed();
	println!("B4E: {LECTURERS} lecturers x {GRADES_EACH} grades = {} grades", LECTURERS * GRADES_EACH);
	println!("  submitted after block {start_block}; included in block(s) {numbers:?}");
	println!("  all included after {:.1} s, in {} block(s)", included.as_secs_f64(), numbers.len());
	println!("  all finalized after {:.1} s", finalized.as_secs_f64());
}
