//! The node's command line and its dependency tree.

use educhain_e2e::node::node_binary;
use std::process::Command;

#[test]
fn node_offers_the_usual_subcommands() {
	let output = Command::new(node_binary()).arg("--help").output().expect("run --help");
	assert!(output.status.success());
	let help = String::from_utf8_lossy(&output.stdout);
	for sub in [
		"build-spec",
		"export-blocks",
		"import-blocks",
		"check-block",
		"export-state",
		"purge-chain",
		"revert",
		"key",
		"benchmark",
	] {
		assert!(help.lines().any(|l| l.trim_start().starts_with(sub)), "no `{sub}` in:\n{help}");
	}
}

/// The node people run is built without frame-benchmarking-cli (minutes of every cold build); its
/// `benchmark` subcommand says how to get a node that has it.
#[test]
fn benchmarks_are_a_feature_the_usual_node_names() {
	let output = Command::new(node_binary()).args(["benchmark", "pallet", "--pallet", "pallet_coins"]).output().expect("run benchmark");
	let said = String::from_utf8_lossy(&output.stderr);
	assert!(!output.status.success(), "a node without benchmarks must not pretend to run them");
	assert!(said.contains("--features benchmark") && said.contains("scripts/weights.sh"), "{said}");
}

#[test]
fn no_rocksdb_in_the_dependency_tree() {
	let lock = std::fs::read_to_string(educhain_e2e::root().join("Cargo.lock"))
		.expect("Cargo.lock is committed");
	for name in ["librocksdb-sys", "rocksdb", "kvdb-rocksdb"] {
		assert!(
			!lock.contains(&format!("name = \"{name}\"")),
			"{name} is in Cargo.lock: disable the default features that pull it in"
		);
	}
	assert!(lock.contains("name = \"parity-db\""), "ParityDB should be the database");
}
