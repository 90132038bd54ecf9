//! The load tool keeps working: `educhain-load --smoke` runs every workload for a few seconds
//! on a dev node of its own, and fails on any reject or loss. The benchmark itself is
//! `scripts/load-test.sh`; this only checks that the tool runs and reports.

use educhain_e2e::node::{run_bounded, workspace_binary};
use std::{process::Command, time::Duration};

#[test]
fn the_load_tool_runs_every_workload_and_reports_beside_b4e() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let table = dir.path().join("table.md");
	let out = run_bounded(
		Command::new(workspace_binary("educhain-load")).arg("--smoke").arg("--markdown").arg(&table),
		Duration::from_secs(400),
	);
	let stdout = String::from_utf8_lossy(&out.stdout);
	let stderr = String::from_utf8_lossy(&out.stderr);
	assert!(out.status.success(), "educhain-load --smoke failed\n{stdout}\n{stderr}");
	let table = std::fs::read_to_string(&table).expect("the table was written");
	let rows: Vec<&str> = table.lines().skip(2).collect();
	for workload in [
		"single grades",
		"class-batch grades",
		"single certificates",
		"certificate batches",
		"B4E class scenario",
		"B4E certificate scenario",
		"reads: `credentials_verify`",
		"reads: `state_getStorage`",
	] {
		let row = rows.iter().find(|r| r.starts_with(&format!("| {workload}"))).unwrap_or_else(|| panic!("no row for {workload}:\n{table}"));
		assert!(!row.contains("| 0 "), "{workload}: nothing measured: {row}");
	}
	// Every write workload followed its extrinsics to finality, with no rejects.
	assert_eq!(stdout.matches("rejects: none; lost: 0").count(), 6, "{stdout}");
}

#[test]
fn an_unknown_workload_is_a_usage_error_naming_the_workloads() {
	let _gate = educhain_e2e::together();
	let out = run_bounded(Command::new(workspace_binary("educhain-load")).arg("grade"), Duration::from_secs(30));
	let stderr = String::from_utf8_lossy(&out.stderr);
	assert_eq!(out.status.code(), Some(2), "{stderr}");
	assert!(stderr.contains("invalid value 'grade'") && stderr.contains("grade-batches"), "{stderr}");
}

#[test]
fn a_node_that_does_not_answer_is_named_before_any_set_up() {
	let _gate = educhain_e2e::together();
	let closed = format!("ws://127.0.0.1:{}", educhain_e2e::node::free_port());
	for url in [closed.as_str(), "not-a-url"] {
		let out =
			run_bounded(Command::new(workspace_binary("educhain-load")).args(["grades", "--url", url]), Duration::from_secs(60));
		let stderr = String::from_utf8_lossy(&out.stderr);
		assert_eq!(out.status.code(), Some(1), "{url}: {stderr}");
		assert!(stderr.contains(&format!("educhain-load: cannot reach {url}")), "{url}: {stderr}");
		assert!(!stderr.contains("panicked"), "{url}: {stderr}");
	}
}
