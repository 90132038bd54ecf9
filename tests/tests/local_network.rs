//! The four-authority local network: every node imports the same blocks, finality advances,
//! an auditor node syncs by re-executing every block and finds the invariants holding, losing
//! one authority stops nothing, and the lost node catches up when it returns.

use educhain_e2e::{network::LocalNetwork, wait_for};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread")]
async fn four_authorities_import_the_same_blocks_and_finalize() {
	let mut net = LocalNetwork::start().await;
	let mut rpcs = Vec::new();
	for i in 0..4 {
		rpcs.push(net.rpc(i).await);
	}
	let all: Vec<_> = rpcs.iter().collect();

	LocalNetwork::wait_finalized(&all, 4, LIMIT).await;
	for n in 1..=4 {
		LocalNetwork::assert_same_block(&all, n).await;
	}
	// Node 0, the boot node, is connected to the three others.
	let peers = rpcs[0].must("system_peers", vec![]).await;
	assert_eq!(peers.as_array().map(Vec::len), Some(3), "node 0 peers: {peers}");

	// An auditor joins with no keys, re-executes the chain from genesis and has the
	// authorities' blocks (so their state roots); the invariants hold at its best block.
	let i = net.auditor();
	let auditor = net.rpc(i).await;
	let target = rpcs[0].finalized_number().await;
	wait_for("the auditor to sync", LIMIT, || async { (auditor.finalized_number().await >= target).then_some(()) }).await;
	for n in 1..=target {
		LocalNetwork::assert_same_block(&[&rpcs[0], &auditor], n).await;
	}
	let roles = auditor.must("system_nodeRoles", vec![]).await;
	assert_eq!(roles, serde_json::json!(["Full"]), "the auditor authors nothing");
	let best = auditor.must("chain_getBlockHash", vec![]).await;
	let checked = auditor.must("state_call", vec!["AuditApi_check_invariants".into(), "0x".into(), best]).await;
	assert_eq!(checked, "0x00", "Ok(()): every invariant holds");
}

#[tokio::test(flavor = "multi_thread")]
async fn losing_one_authority_stops_nothing_and_it_catches_up() {
	let mut net = LocalNetwork::start().await;
	let mut rpcs = Vec::new();
	for i in 0..3 {
		rpcs.push(net.rpc(i).await);
	}
	let survivors: Vec<_> = rpcs.iter().collect();
	LocalNetwork::wait_finalized(&survivors, 2, LIMIT).await;

	// Dave (a university) goes down; the remaining 3 of 4 keep authoring and finalizing.
	net.nodes[3].stop();
	let finalized = rpcs[0].finalized_number().await;
	let best = rpcs[0].best_number().await;
	LocalNetwork::wait_finalized(&survivors, finalized + 4, LIMIT).await;
	assert!(rpcs[0].best_number().await >= best + 4);

	// Dave comes back on the same database and catches up with the finalized chain.
	net.nodes[3].restart();
	let dave = net.rpc(3).await;
	let target = rpcs[0].finalized_number().await;
	wait_for("Dave to catch up", LIMIT, || async {
		(dave.finalized_number().await >= target).then_some(())
	})
	.await;
	LocalNetwork::assert_same_block(&[&rpcs[0], &dave], target).await;
}
