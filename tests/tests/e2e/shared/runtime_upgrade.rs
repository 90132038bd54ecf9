//! A runtime upgrade that bumps `spec_version`, applied to a running chain by the ministry.

use educhain_e2e::{
	chain::{ministry_accounts_raw, nonce, remark, signed, signing_context, unsigned},
	node::Node,
	rpc::{Rpc, TxOutcome},
	wait_for,
};
use educhain_runtime::{RuntimeCall, VERSION};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::traits::{BlakeTwo256, Hash};
use std::time::Duration;

const BLOCKS: Duration = Duration::from_secs(90);

/// frame-system's `AuthorizedUpgrade` is private; its key is the standard storage-value key.
fn authorized_upgrade_key() -> Vec<u8> {
	frame_support::storage::storage_prefix(b"System", b"AuthorizedUpgrade").to_vec()
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

	// Some state from before the upgrade.
	let ctx = signing_context(&rpc).await;
	let included = rpc
		.submit_and_watch(&signed(remark(b"before".to_vec()), Alice, 0, ctx), false, BLOCKS)
		.await
		.unwrap();
	assert!(matches!(included, TxOutcome::InBlock(_)), "{included:?}");
	let ministry_before = ministry_accounts_raw(&rpc).await.expect("ministry accounts");

	// Only the ministry may authorize. Bob, a university on the dev chain, may transact, but his
	// authorization fails in the block (bad origin) and leaves nothing behind.
	let authorize = RuntimeCall::Ministry(pallet_ministry::Call::authorize_upgrade { code_hash });
	let by_bob = rpc.submit_and_watch(&signed(authorize.clone(), Bob, 0, ctx), false, BLOCKS).await;
	assert!(matches!(by_bob, Ok(TxOutcome::InBlock(_))), "{by_bob:?}");
	assert_eq!(rpc.storage(&authorized_upgrade_key()).await, None);

	// The ministry authorizes the code hash ...
	let outcome = rpc
		.submit_and_watch(&signed(authorize, Alice, 1, ctx), false, BLOCKS)
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
	assert!(matches!(outcome, TxOutcome::InBlock(_)), "{outcome:?}");

	wait_for("the new spec version", BLOCKS, || async {
		(spec_version(&rpc).await == VERSION.spec_version as u64 + 1).then_some(())
	})
	.await;

	// State from before the upgrade is intact, and the chain goes on under the new runtime.
	assert_eq!(ministry_accounts_raw(&rpc).await, Some(ministry_before));
	assert_eq!(nonce(&rpc, Alice).await, 2);
	let ctx = signing_context(&rpc).await;
	assert_eq!(ctx.spec_version, VERSION.spec_version + 1);
	let after = rpc
		.submit_and_watch(&signed(remark(b"after".to_vec()), Alice, 2, ctx), true, BLOCKS)
		.await
		.unwrap();
	assert!(matches!(after, TxOutcome::Finalized(_)), "{after:?}");
}
