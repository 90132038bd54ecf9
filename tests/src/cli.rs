//! Running `educhain-cli` from a test: from the repository root (the README's commands name
//! files from there), against one node.

use crate::{node::workspace_binary, root};
use serde_json::Value;
use std::process::{Command, Output};

/// Run the CLI against `url` with `args`. Its light client (`credentials verify`) starts from
/// the dev chain's spec (the CLI tests run on dev nodes) and may take [`crate::LIGHT_SYNC_LIMIT`].
pub fn cli(url: &str, args: &[&str]) -> Output {
	Command::new(workspace_binary("educhain-cli"))
		.current_dir(root())
		.env("EDUCHAIN_CHAIN_SPEC", crate::node::dev_spec())
		.env("EDUCHAIN_SYNC_LIMIT", crate::LIGHT_SYNC_LIMIT.as_secs().to_string())
		.arg("--url")
		.arg(url)
		.args(args)
		.output()
		.expect("educhain-cli runs")
}

/// What a run printed on stdout.
pub fn stdout(out: &Output) -> String {
	String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What a run printed, stdout then stderr.
pub fn text(out: &Output) -> String {
	format!("{}{}", stdout(out), String::from_utf8_lossy(&out.stderr))
}

/// Run with `--json`, expecting success; the JSON printed.
pub fn json(url: &str, args: &[&str]) -> Value {
	let out = cli(url, &[&["--json"], args].concat());
	assert!(out.status.success(), "{args:?}: {}", text(&out));
	serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{args:?} printed no JSON ({e}): {}", stdout(&out)))
}

/// Run, expecting exit code `code` with `said` in the output; the output.
pub fn fails(url: &str, args: &[&str], code: i32, said: &str) -> String {
	let out = cli(url, args);
	let all = text(&out);
	assert_eq!(out.status.code(), Some(code), "{args:?}: {all}");
	assert!(all.contains(said), "{args:?} should say {said:?}: {all}");
	all
}
