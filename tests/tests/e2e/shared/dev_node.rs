//! A dev node starts, produces and finalizes blocks, answers RPC and Prometheus, and keeps its
//! chain and state across a restart, through which a client waiting for a transaction follows it,
//! handing it over again if the restart took it from the pool.

use educhain_e2e::{
	chain::{ministry_accounts_raw, nonce, signed, signing_context},
	node::{Node, NodeConfig},
	wait_for,
};
use educhain_runtime::{AccountId, RuntimeCall};
use educhain_client::Wait;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave};
use std::{io::Read, io::Write, net::TcpStream, time::Duration};

const BLOCKS: Duration = Duration::from_secs(60);

fn prometheus_metrics(port: u16) -> String {
	let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("prometheus port");
	stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
	stream
		.write_all(b"GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
		.expect("send request");
	let mut body = String::new();
	stream.read_to_string(&mut body).expect("the metrics, to the end");
	body
}

#[tokio::test(flavor = "multi_thread")]
async fn dev_node_produces_finalizes_and_answers_rpc() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let node = Node::start(NodeConfig::dev(), dir.path());
	let rpc = node.rpc().await;

	assert_eq!(rpc.must("system_chain", vec![]).await, "educhain development");
	let version = rpc.must("state_getRuntimeVersion", vec![]).await;
	assert_eq!(version["specName"], "educhain");

	wait_for("block 3", BLOCKS, || async { (rpc.best_number().await >= 3).then_some(()) }).await;
	wait_for("finalized block 2", BLOCKS, || async {
		(rpc.finalized_number().await >= 2).then_some(())
	})
	.await;

	// state_getReadProof is served (light clients and verifiers rely on it).
	let key = format!("0x{}", hex::encode(pallet_ministry::Accounts::<educhain_runtime::Runtime>::hashed_key()));
	let proof = rpc.must("state_getReadProof", vec![serde_json::json!([key])]).await;
	assert!(!proof["proof"].as_array().expect("proof nodes").is_empty());

	// A WebSocket p2p address beside TCP, for light clients in browsers, and both are told.
	let listening = rpc.must("system_localListenAddresses", vec![]).await;
	let ws = format!("/ip4/127.0.0.1/tcp/{}/ws/p2p/", node.ws_port);
	assert!(listening.as_array().unwrap().iter().any(|a| a.as_str().unwrap().starts_with(&ws)), "{listening}");

	let metrics = prometheus_metrics(node.prometheus_port);
	assert!(metrics.contains("substrate_block_height"), "no block height metric in:\n{metrics}");

	// GRANDPA's methods are served, and a justification is kept every 16 blocks: once block 16
	// is final, its block carries one (engine "FRNK"), which a verifier can check.
	assert_eq!(rpc.must("grandpa_roundState", vec![]).await["setId"], 0);
	wait_for("finalized block 16", Duration::from_secs(120), || async {
		(rpc.finalized_number().await >= 16).then_some(())
	})
	.await;
	let hash = rpc.block_hash(16).await.expect("block 16");
	let block = rpc.must("chain_getBlock", vec![hash.into()]).await;
	let engines: Vec<_> = block["justifications"].as_array().into_iter().flatten().map(|j| j[0].clone()).collect();
	assert!(engines.contains(&serde_json::json!([70, 82, 78, 75])), "block 16 has no GRANDPA justification: {}", block["justifications"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn dev_node_keeps_chain_and_state_across_restart() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let mut node = Node::start(NodeConfig::dev(), dir.path());
	let rpc = node.rpc().await;
	wait_for("block 2", BLOCKS, || async { (rpc.best_number().await >= 2).then_some(()) }).await;
	let hash_2 = rpc.block_hash(2).await;

	// Change state: the ministry (Alice) adds Bob as a ministry account. The node restarts
	// once the transaction is in a block, while the client waits for it to be final: the
	// client connects again by itself, and finds the transaction, final, and its events.
	let ctx = signing_context(&rpc).await;
	let bob: AccountId = Bob.to_account_id();
	let xt = signed(RuntimeCall::Ministry(pallet_ministry::Call::add_account { account: bob.clone() }), Alice, 0, ctx);
	let watch = rpc.client.send(&xt).await.expect("the pool takes it");
	let ours = serde_json::json!(format!("0x{}", hex::encode(&xt)));
	wait_for("the transaction to leave the pool for a block", BLOCKS, || async {
		let pool = rpc.must("author_pendingExtrinsics", vec![]).await;
		(!pool.as_array().expect("a list").contains(&ours)).then_some(())
	})
	.await;
	let best_before = rpc.best_number().await;
	node.restart();
	let landed = watch.landed(Wait::Finalized).await.expect("Bob added, and found after the restart");
	let events = landed.event_names();
	assert!(events.iter().any(|e| e == "Ministry.AccountAdded"), "its events, read after the restart: {events:?}");
	assert!(rpc.finalized_number().await >= rpc.header(Some(landed.block)).await.expect("its block").number);

	// The same client, connected again: the chain and the state are as they were.
	assert_eq!(rpc.block_hash(2).await, hash_2, "block 2 changed across the restart");
	assert!(rpc.best_number().await >= best_before, "the chain went backwards");
	let accounts = ministry_accounts_raw(&rpc).await.expect("ministry accounts");
	assert!(accounts.windows(32).any(|w| w == AsRef::<[u8]>::as_ref(&bob)), "Bob is a ministry account");
	assert_eq!(nonce(&rpc, Alice).await, 1, "Alice's nonce lost");

	// And it goes on producing blocks.
	wait_for("new blocks after restart", BLOCKS, || async {
		(rpc.best_number().await > best_before + 1).then_some(())
	})
	.await;

	// A transaction only the pool holds is lost with it when the node restarts: the client
	// hands it over again once the node answers. Sent with Alice's nonce after next, it waits in
	// the pool (future) until the nonce before it lands, so the restart surely finds it there.
	let add = |who: Sr25519Keyring, nonce| signed(RuntimeCall::Ministry(pallet_ministry::Call::add_account { account: who.to_account_id() }), Alice, nonce, ctx);
	let watch = rpc.client.send(&add(Dave, 2)).await.expect("the pool takes it, for later");
	node.restart();
	let again = node.rpc().await;
	let next = add(Charlie, 1);
	let (later, next) = tokio::join!(watch.landed(Wait::InBlock), again.client.submit(&next, Wait::InBlock));
	next.expect("Charlie added");
	let events = later.expect("Dave added: handed over again after the restart").event_names();
	assert!(events.iter().any(|e| e == "Ministry.AccountAdded"), "{events:?}");
	assert_eq!(nonce(&rpc, Alice).await, 3, "Alice's two transactions in blocks");
}
