//! A runtime upgrade that bumps `spec_version`, applied by the ministry to a running chain that
//! holds real state in every domain pallet: every record is the same byte for byte after it, and
//! every invariant holds.

use educhain_e2e::{
	chain::{invariants, ministry_accounts_raw, nonce, remark, signed, signing_context, unsigned},
	node::Node,
	rpc::{Rpc, TxOutcome},
	wait_for,
};
use educhain_runtime::{RuntimeCall, VERSION};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::traits::{BlakeTwo256, Hash};
use std::{collections::BTreeMap, time::Duration};

const BLOCKS: Duration = Duration::from_secs(90);

/// frame-system's `AuthorizedUpgrade` is private; its key is the standard storage-value key.
fn authorized_upgrade_key() -> Vec<u8> {
	frame_support::storage::storage_prefix(b"System", b"AuthorizedUpgrade").to_vec()
}

/// The domain pallets, whose every record the upgrade must keep.
const PALLETS: [&str; 7] = ["Ministry", "Admission", "Registry", "Transcripts", "Credentials", "Coins", "FlLedger"];

/// Every storage entry of each domain pallet at block `at`.
async fn records(rpc: &Rpc, at: H256) -> BTreeMap<&'static str, Vec<(Vec<u8>, Vec<u8>)>> {
	let mut all = BTreeMap::new();
	for pallet in PALLETS {
		let pairs = rpc.client.storage_pairs(&<frame_support::Twox128 as frame_support::StorageHasher>::hash(pallet.as_bytes()), Some(at)).await.expect("the pallet's storage");
		all.insert(pallet, pairs);
	}
	all
}

async fn spec_version(rpc: &Rpc) -> u64 {
	rpc.must("state_getRuntimeVersion", vec![]).await["specVersion"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn ministry_upgrades_the_runtime_of_a_running_chain() {
	let _gate = educhain_e2e::together();
	let new_code = educhain_runtime_upgrade_test::WASM_BINARY.expect("upgrade runtime built");
	let code_hash = BlakeTwo256::hash(new_code);

	let dir = tempfile::tempdir().unwrap();
	let (_node, rpc) = Node::dev(dir.path()).await;
	assert_eq!(spec_version(&rpc).await, VERSION.spec_version as u64);

	// Real state in every domain pallet (the audit test's workload), then a remark from Alice.
	let sent = crate::workload::every_pallet(&rpc).await;
	assert!(sent.values().sum::<u32>() > 250, "{sent:?}");
	let ctx = signing_context(&rpc).await;
	let alice = nonce(&rpc, Alice).await;
	let included = rpc
		.submit_and_watch(&signed(remark(b"before".to_vec()), Alice, alice, ctx), false, BLOCKS)
		.await
		.unwrap();
	assert!(matches!(included, TxOutcome::InBlock(_)), "{included:?}");
	let ministry_before = ministry_accounts_raw(&rpc).await.expect("ministry accounts");
	let bob = nonce(&rpc, Bob).await;

	// Only the ministry may authorize. Bob, a university on the dev chain, may transact, but his
	// authorization fails in the block (bad origin) and leaves nothing behind.
	let authorize = RuntimeCall::Ministry(pallet_ministry::Call::authorize_upgrade { code_hash });
	let by_bob = rpc.submit_and_watch(&signed(authorize.clone(), Bob, bob, ctx), false, BLOCKS).await;
	assert!(matches!(by_bob, Ok(TxOutcome::InBlock(_))), "{by_bob:?}");
	assert_eq!(rpc.storage(&authorized_upgrade_key()).await, None);

	// The ministry authorizes the code hash ...
	let outcome = rpc
		.submit_and_watch(&signed(authorize, Alice, alice + 1, ctx), false, BLOCKS)
		.await
		.unwrap();
	assert!(matches!(outcome, TxOutcome::InBlock(_)), "{outcome:?}");
	wait_for("the authorization on chain", BLOCKS, || async {
		rpc.storage(&authorized_upgrade_key()).await
	})
	.await;

	// ... and anyone supplies the code, unsigned.
	let apply = RuntimeCall::System(frame_system::Call::apply_authorized_upgrade {
		code: new_code.to_vec(),
	});
	let outcome = rpc.submit_and_watch(&unsigned(apply), false, BLOCKS).await.unwrap();
	let TxOutcome::InBlock(upgraded) = outcome else { panic!("{outcome:?}") };
	assert_eq!(invariants(&rpc, Some(upgraded)).await, Ok(()), "the invariants before the upgrade");
	let before = records(&rpc, upgraded).await;
	for pallet in ["Registry", "Transcripts", "Credentials", "Coins", "FlLedger"] {
		assert!(before[pallet].len() > 5, "{pallet} holds real state: {} records", before[pallet].len());
	}

	wait_for("the new spec version", BLOCKS, || async {
		(spec_version(&rpc).await == VERSION.spec_version as u64 + 1).then_some(())
	})
	.await;

	// The first block of the new runtime keeps every record of the last block of the old one,
	// and every invariant holds there.
	let number = rpc.client.header(Some(upgraded)).await.expect("the upgrade's block").number;
	let first = wait_for("the block after the upgrade", BLOCKS, || async { rpc.client.block_hash(number + 1).await.expect("a block hash") }).await;
	let version = rpc.client.runtime_version(Some(first)).await.expect("the runtime version");
	assert_eq!(version.spec_version, VERSION.spec_version + 1);
	let after = records(&rpc, first).await;
	for pallet in PALLETS {
		assert!(before[pallet] == after[pallet], "{pallet}'s records changed across the upgrade");
	}
	assert_eq!(invariants(&rpc, Some(first)).await, Ok(()), "the invariants after the upgrade");
	assert_eq!(ministry_accounts_raw(&rpc).await, Some(ministry_before));
	assert_eq!(nonce(&rpc, Alice).await, alice + 2);

	// The chain goes on under the new runtime.
	let ctx = signing_context(&rpc).await;
	assert_eq!(ctx.spec_version, VERSION.spec_version + 1);
	let after = rpc
		.submit_and_watch(&signed(remark(b"after".to_vec()), Alice, alice + 2, ctx), true, BLOCKS)
		.await
		.unwrap();
	assert!(matches!(after, TxOutcome::Finalized(_)), "{after:?}");
}
