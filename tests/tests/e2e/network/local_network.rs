//! The four-authority local network: every node imports the same blocks, finality advances, and
//! an auditor node syncs by re-executing every block and finds the invariants holding. Faults are
//! in `faults.rs`.

use educhain_e2e::{network::LocalNetwork, wait_for};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread")]
async fn four_authorities_import_the_same_blocks_and_finalize() {
	let _gate = educhain_e2e::together();
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
	assert_eq!(educhain_e2e::chain::invariants(&auditor, None).await, Ok(()), "every invariant holds at the best block");
}
