//! The four-authority local network, started from the committed chain spec.

use crate::{
	node::{Node, NodeConfig},
	rpc::Rpc,
	wait_for,
};
use std::{path::PathBuf, time::Duration};

/// The local network's authorities: the ministry (Alice) and three universities.
pub const AUTHORITIES: [&str; 4] = ["alice", "bob", "charlie", "dave"];

/// The committed raw chain spec of the local network.
pub fn local_raw_spec() -> PathBuf {
	crate::root().join("chain-specs/local-raw.json")
}

/// A fixed libp2p node key for node `i`, so its peer id survives restarts.
pub fn node_key(i: usize) -> String {
	format!("{:064x}", i + 1)
}

/// Four authority nodes on loopback. Dropping it stops them and removes their data.
pub struct LocalNetwork {
	/// Its nodes: the authorities in [`AUTHORITIES`] order, then any added.
	pub nodes: Vec<Node>,
	boot: String,
	spec: String,
	_dir: tempfile::TempDir,
}

impl LocalNetwork {
	/// Start the four authorities; the first is every other node's boot node.
	pub async fn start() -> LocalNetwork {
		Self::start_from(&local_raw_spec()).await
	}

	/// Start the four authorities from the raw chain spec `spec` (the local network's genesis
	/// at some commit).
	pub async fn start_from(spec: &std::path::Path) -> LocalNetwork {
		let dir = tempfile::tempdir().expect("temp dir");
		let spec = spec.display().to_string();
		let config = |i: usize, bootnodes: Vec<String>| NodeConfig {
			chain: Some(spec.clone()),
			key: Some(AUTHORITIES[i]),
			node_key: Some(node_key(i)),
			bootnodes,
			..NodeConfig::default()
		};
		let first = Node::start(config(0, vec![]), &dir.path().join(AUTHORITIES[0]));
		let rpc = first.rpc().await;
		let peer_id = rpc.must("system_localPeerId", vec![]).await;
		let boot = first.multiaddr(peer_id.as_str().expect("peer id"));
		let mut nodes = vec![first];
		for i in 1..AUTHORITIES.len() {
			nodes.push(Node::start(config(i, vec![boot.clone()]), &dir.path().join(AUTHORITIES[i])));
		}
		LocalNetwork { nodes, boot, spec, _dir: dir }
	}

	/// Start one more node with the dev key `key` (for example `eve`): it joins through node 0
	/// and runs as a validator, but authors only once the chain makes it an authority.
	pub fn join(&mut self, key: &'static str) -> usize {
		self.add(key, NodeConfig { key: Some(key), ..NodeConfig::default() })
	}

	/// Start an auditor: a node with no keys that syncs in full from node 0, re-executing every
	/// block, and keeps every state (see `docs/audit.md`).
	pub fn auditor(&mut self) -> usize {
		let extra = ["--sync", "full", "--state-pruning", "archive"].map(String::from).to_vec();
		self.add("auditor", NodeConfig { extra, ..NodeConfig::default() })
	}

	/// Start node `config` of this network, with the next fixed node key, joining through node 0
	/// and keeping its chain in directory `name`; its index.
	fn add(&mut self, name: &str, config: NodeConfig) -> usize {
		let i = self.nodes.len();
		let config =
			NodeConfig { chain: Some(self.spec.clone()), node_key: Some(node_key(i)), bootnodes: vec![self.boot.clone()], ..config };
		self.nodes.push(Node::start(config, &self._dir.path().join(name)));
		i
	}

	/// Node `i`'s address with its peer id, as `--reserved-nodes` and `system_addReservedPeer`
	/// take it.
	pub async fn address(&self, i: usize) -> String {
		let peer_id = self.rpc(i).await.must("system_localPeerId", vec![]).await;
		self.nodes[i].multiaddr(peer_id.as_str().expect("peer id"))
	}

	/// An RPC connection to node `i`.
	pub async fn rpc(&self, i: usize) -> Rpc {
		self.nodes[i].rpc().await
	}

	/// Wait until every node in `rpcs` has finalized at least `number`.
	pub async fn wait_finalized(rpcs: &[&Rpc], number: u32, limit: Duration) {
		wait_for(&format!("finalized block {number} on {} nodes", rpcs.len()), limit, || async {
			for rpc in rpcs {
				if rpc.finalized_number().await < number {
					return None;
				}
			}
			Some(())
		})
		.await
	}

	/// Assert that every node in `rpcs` has the same block at `number`.
	pub async fn assert_same_block(rpcs: &[&Rpc], number: u32) {
		let first = rpcs[0].block_hash(number).await;
		assert!(first.is_some(), "no block {number}");
		for (i, rpc) in rpcs.iter().enumerate().skip(1) {
			assert_eq!(rpc.block_hash(number).await, first, "node {i} differs at block {number}");
		}
	}
}
