//! The `fl-client` binary refuses settings the chain or the training cannot take, and keys it
//! cannot make, before it asks any node (none runs here: it would have said it cannot reach
//! one) or starts a run.

use std::process::Command;

/// `fl-client ARGS` against a port where no node listens: its exit code and what it said.
fn fl_client(args: &[&str]) -> (Option<i32>, String) {
	let out = Command::new(env!("CARGO_BIN_EXE_fl-client")).args(["--url", "ws://127.0.0.1:1"]).args(args).output().unwrap();
	(out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// What the binary says when it refuses settings for `reason`.
fn refused(reason: &str) -> String {
	format!("error: refused before the run: {reason}")
}

#[test]
fn bad_settings_are_refused_with_the_reason_before_any_node_is_asked() {
	for (args, wanted) in [
		(&["run", "--participants", "0"][..], refused("0 participants: a task has 2 to 32")),
		(&["run", "--participants", "100000"], refused("100000 participants: a task has 2 to 32")),
		(&["run", "--rounds", "0"], refused("0 rounds: a task has 1 to 1000")),
		(&["run", "--round-blocks", "0"], refused("rounds of 0 blocks")),
		(&["run", "--epsilon", "0"], refused("ε, δ and S give no noise bound")),
		(&["run", "--delta", "1"], refused("ε, δ and S give no noise bound")),
		(&["run", "--learning-rate", "NaN"], refused("training needs")),
		(&["run", "--mode", "fedavg", "--epochs", "0"], refused("training needs")),
		(&["bench", "--sizes", "3,40"], refused("40 participants: a task has 2 to 32")),
		(&["sweep", "--report", "0,5"], "error: invalid value '0' for '--report <REPORT>': rounds count from 1".into()),
		(&["run", "--key-prefix", ""], refused("--key-prefix \"\": participant 1's key: not a secret URI")),
		(&["bench", "--ministry", "not a key"], "error: --ministry: key: not a secret URI".into()),
		(&["run", "--ministry", ""], "error: --ministry: key: the secret is empty".into()),
		(&["audit", "--task", "1", "--round", "1", "--participant", "nobody"], "error: --participant: key: not a secret URI".into()),
		(&["audit", "--task", "1", "--round", "0", "--participant", "//Bob"], "error: invalid value '0' for '--round <ROUND>': rounds count from 1".into()),
	] {
		let (code, said) = fl_client(args);
		assert_eq!(code, Some(2), "{args:?}: {said}");
		assert!(said.starts_with(&wanted), "{args:?}: {said}");
	}
	let (code, said) = fl_client(&["run"]);
	assert_eq!(code, Some(2));
	assert!(said.contains("cannot reach ws://127.0.0.1:1"), "the default settings are taken: {said}");
}
