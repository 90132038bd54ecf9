//! Bad transactions get a clear RPC error and the chain keeps going.

use educhain_e2e::{
	chain::{nonce, remark, signed, signing_context},
	node::Node,
	rpc::{Rpc, TxOutcome},
	wait_for,
};
use sp_keyring::Sr25519Keyring::{Alice, Charlie};
use std::time::Duration;

const BLOCKS: Duration = Duration::from_secs(60);

/// Submit `xt` and return the RPC error's text; panics if it was accepted.
async fn rejection(rpc: &Rpc, xt: &[u8]) -> String {
	match rpc.submit(xt).await {
		Ok(hash) => panic!("accepted, with hash {hash}"),
		Err(e) => e.to_string(),
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_transactions_are_rejected_and_the_chain_goes_on() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let (mut node, rpc) = Node::dev(dir.path()).await;
	let ctx = signing_context(&rpc).await;

	// Garbage bytes.
	let err = rejection(&rpc, &[0xde, 0xad, 0xbe, 0xef]).await;
	assert!(err.contains("Could not decode"), "{err}");

	// A wrong signature: Alice's transaction with one byte of the signature flipped. The
	// signature starts after the length prefix, version byte, address (1 + 32) and signature
	// type byte.
	let mut xt = signed(remark(b"hello".to_vec()), Alice, 0, ctx);
	let signature_byte = xt.len().min(2 + 1 + 33 + 1 + 10);
	xt[signature_byte] ^= 0xff;
	let err = rejection(&rpc, &xt).await;
	assert!(err.contains("bad signature"), "{err}");

	// A non-member (on the dev chain Alice is the ministry and Bob a university; Charlie is
	// nobody) cannot get in at all.
	let err = rejection(&rpc, &signed(remark(vec![1]), Charlie, 0, ctx)).await;
	assert!(err.contains("Invalid signing address"), "{err}");

	// A reused nonce: nonce 0 is included, then nonce 0 again is stale.
	let first = rpc
		.submit_and_watch(&signed(remark(vec![1]), Alice, 0, ctx), false, BLOCKS)
		.await
		.expect("first remark");
	assert!(matches!(first, TxOutcome::InBlock(_)), "{first:?}");
	let err = rejection(&rpc, &signed(remark(vec![2]), Alice, 0, ctx)).await;
	assert!(err.contains("outdated"), "{err}");

	// Oversized: 6 MiB does not fit a 5 MiB block.
	let big = signed(remark(vec![7; 6 * 1024 * 1024]), Alice, 1, ctx);
	let err = rejection(&rpc, &big).await;
	assert!(err.contains("exhaust the block limits"), "{err}");

	// The node is alive, the chain goes on, and a good transaction still gets in.
	assert!(node.is_running(), "node died:\n{}", node.log_tail(40));
	let best = rpc.best_number().await;
	let ok = rpc
		.submit_and_watch(&signed(remark(vec![3]), Alice, 1, ctx), false, BLOCKS)
		.await
		.expect("good remark");
	assert!(matches!(ok, TxOutcome::InBlock(_)), "{ok:?}");
	assert_eq!(nonce(&rpc, Alice).await, 2);
	wait_for("more blocks", BLOCKS, || async { (rpc.best_number().await > best + 1).then_some(()) })
		.await;
}
