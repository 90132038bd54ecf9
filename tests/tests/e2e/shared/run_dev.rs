//! What `scripts/run-dev.sh` runs on a fresh checkout: the node built without the runtime's WASM
//! (`--no-default-features`; `scripts/test.sh` keeps a copy as `educhain-node-without-runtime`)
//! on the committed `chain-specs/dev.json`. It must be the same chain as the built-in dev spec of
//! the node that has the runtime, and it must say what to do when asked for a built-in spec.

use educhain_e2e::{
	node::{node_binary, run_bounded, workspace_binary, Node, NodeConfig},
	wait_for,
};
use std::{path::PathBuf, process::Command, time::Duration};

/// For a command that builds a genesis or fails at once.
const LIMIT: Duration = Duration::from_secs(60);

fn dev_spec() -> PathBuf {
	educhain_e2e::root().join("chain-specs/dev.json")
}

fn without_runtime() -> PathBuf {
	workspace_binary("educhain-node-without-runtime")
}

/// A node's raw genesis for `chain`, as JSON.
fn raw_genesis(binary: &std::path::Path, chain: &std::path::Path) -> serde_json::Value {
	let out = run_bounded(Command::new(binary).args(["build-spec", "--raw", "--chain"]).arg(chain), LIMIT);
	assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
	let spec: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON spec");
	spec["genesis"]["raw"].clone()
}

#[test]
fn the_committed_dev_spec_is_the_built_in_dev_chain() {
	let _gate = educhain_e2e::together();
	let committed = raw_genesis(&without_runtime(), &dev_spec());
	assert!(committed["top"].get("0x3a636f6465").is_some(), "the raw genesis holds the code");
	let built_in = raw_genesis(&node_binary(), std::path::Path::new("dev"));
	assert!(committed == built_in, "chain-specs/dev.json is another chain than `--dev`: regenerate it");
}

#[test]
fn the_node_without_its_runtime_refuses_a_built_in_spec_and_names_the_files() {
	let _gate = educhain_e2e::together();
	let out = run_bounded(Command::new(without_runtime()).args(["export-chain-spec", "--chain", "dev"]), LIMIT);
	assert!(!out.status.success(), "a node without the runtime exported a dev spec");
	let stderr = String::from_utf8_lossy(&out.stderr);
	assert!(stderr.contains("built without the runtime's WASM"), "{stderr}");
	assert!(stderr.contains("chain-specs/dev.json"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_node_without_its_runtime_runs_the_committed_dev_chain() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().expect("a temporary directory");
	let config = NodeConfig {
		chain: Some(dev_spec().display().to_string()),
		extra: vec!["--dev".into()],
		binary: Some(without_runtime()),
		..NodeConfig::dev()
	};
	let node = Node::start(config, dir.path());
	let rpc = node.rpc().await;
	assert_eq!(rpc.must("system_chain", vec![]).await, "educhain development");
	// The committed code is this checkout's runtime, not an older build of it.
	let version = rpc.must("state_getRuntimeVersion", vec![]).await;
	assert_eq!(version["specName"], "educhain");
	let spec_version = educhain_runtime::VERSION.spec_version;
	assert_eq!(version["specVersion"], spec_version, "chain-specs/dev.json is stale");
	wait_for("finalized block 2", Duration::from_secs(90), || async {
		(rpc.finalized_number().await >= 2).then_some(())
	})
	.await;
}
