//! Spam: accounts that are not members flood a dev node. Their signed transactions are refused at
//! the pool; of their applications to join (the one open call), no more than the registry's
//! bound (`MaxProposals`) ever reach a block; and a member's transactions get in all the while.

use codec::Decode;
use educhain_e2e::{
	chain::{nonce, remark, signed, signing_context},
	node::Node,
	tally::Tally,
};
use educhain_runtime::{signing::sign, RuntimeCall, UncheckedExtrinsic};
use sp_core::{crypto::Pair as _, sr25519, H256};
use sp_keyring::Sr25519Keyring::Alice;
use std::{sync::Arc, time::Duration};

const LIMIT: Duration = Duration::from_secs(120);
/// `MaxProposals` in the runtime's registry configuration.
const MAX_PROPOSALS: usize = 16;

fn stranger(i: u32) -> sr25519::Pair {
	let mut seed = [0x5a; 32];
	seed[..4].copy_from_slice(&i.to_le_bytes());
	sr25519::Pair::from_seed(&seed)
}

#[tokio::test(flavor = "multi_thread")]
async fn strangers_cannot_fill_blocks_and_members_still_get_in() {
	let _gate = educhain_e2e::alone();
	let dir = tempfile::tempdir().unwrap();
	let (_node, rpc) = Node::dev(dir.path()).await;
	let rpc = Arc::new(rpc);
	let ctx = signing_context(&rpc).await;
	let first = rpc.best_number().await + 1;

	// The ministry goes on working while the flood runs: 20 remarks, followed to finality.
	let mut members = Tally::default();
	let start = nonce(&rpc, Alice).await;
	for n in 0..20 {
		members.submit(&rpc, format!("Alice's remark {n}"), signed(remark(vec![n as u8]), Alice, start + n, ctx), LIMIT);
	}

	// 400 strangers send 5 signed remarks each; 40 strangers apply to join.
	let started = std::time::Instant::now();
	let remarks: Vec<Vec<u8>> = (0..2000u32)
		.map(|i| codec::Encode::encode(&sign(remark(vec![1; 32]), &stranger(i / 5), i % 5, ctx)))
		.collect();
	let mut applications = Vec::new();
	for i in 0..40u32 {
		let kind = pallet_registry::InstitutionKind::College;
		let pair = stranger(10_000 + i);
		applications.push(rpc.client.application_at(&pair.into(), kind, H256::repeat_byte(i as u8), 0).await.expect("an application"));
	}
	let refused = futures::future::join_all(remarks.iter().map(|xt| rpc.submit(xt))).await;
	let took = started.elapsed();
	for (i, outcome) in refused.iter().enumerate() {
		let reason = outcome.as_ref().err().map(ToString::to_string).unwrap_or_else(|| panic!("stranger's remark {i} was accepted"));
		assert!(reason.contains("Invalid signing address"), "{reason}");
	}
	eprintln!("2,000 strangers' remarks refused at the pool in {took:?}");
	let submitted = futures::future::join_all(applications.iter().map(|xt| rpc.submit(xt))).await;
	let pooled = submitted.iter().filter(|s| s.is_ok()).count();
	for outcome in submitted.iter().filter_map(|s| s.as_ref().err()) {
		assert!(outcome.to_string().contains("Custom error"), "an application refused with the registry's reason: {outcome}");
	}
	// More applications entered the pool than the registry takes: its bound, not the pool, is
	// what stops the rest.
	assert!(pooled > MAX_PROPOSALS, "only {pooled} of 40 applications entered the pool");

	// Every member transaction is finalized.
	members.settle().await;
	assert_eq!(members.lost(), Vec::<(&str, &str)>::new(), "{}", members.summary());
	assert_eq!(members.finalized().count(), 20, "{}", members.summary());

	// Let the pool drain what it accepted, then read every block since the flood began: nothing
	// but the ministry's remarks, the inherents and at most MAX_PROPOSALS applications.
	let best = rpc.best_number().await;
	rpc.wait_for_block(best + 3, LIMIT).await;
	let last = rpc.best_number().await;
	let (mut alice, mut applied) = (0, 0);
	for n in first..=last {
		let hash = rpc.block_hash(n).await.expect("a block");
		let block = rpc.must("chain_getBlock", vec![hash.into()]).await;
		for xt in block["block"]["extrinsics"].as_array().expect("extrinsics") {
			let bytes = hex::decode(xt.as_str().unwrap().trim_start_matches("0x")).unwrap();
			let xt = UncheckedExtrinsic::decode(&mut &bytes[..]).expect("an extrinsic");
			match (&xt.function, xt.preamble.to_signed()) {
				(RuntimeCall::Timestamp(_), _) => {},
				(RuntimeCall::System(frame_system::Call::remark { .. }), Some((address, ..))) => {
					assert_eq!(address, sp_runtime::MultiAddress::Id(Alice.to_account_id()), "only the member's remarks, block {n}");
					alice += 1;
				},
				(RuntimeCall::Registry(pallet_registry::Call::apply { .. }), None) => applied += 1,
				(other, _) => panic!("block {n} holds {other:?}"),
			}
		}
	}
	let open = rpc.must("registry_applications", vec![]).await;
	eprintln!("applications: 40 sent, {pooled} pooled, {applied} in blocks; {alice} member remarks in blocks");
	assert_eq!(alice, 20);
	assert_eq!(applied, MAX_PROPOSALS, "exactly the registry's bound of applications got in");
	assert_eq!(open.as_array().map(Vec::len), Some(MAX_PROPOSALS), "{open}");
	assert!(rpc.must("author_pendingExtrinsics", vec![]).await.as_array().is_some_and(Vec::is_empty), "nothing left over");
}
