//! The load tool keeps working: `educhain-load --smoke` runs every workload for a few seconds
//! on a dev node of its own, and fails on any reject or loss. The benchmark itself is
//! `scripts/load-test.sh`; this only checks that the tool runs and reports.

use educhain_e2e::node::{run_bounded, workspace_binary, Node};
use std::{
	io::BufRead,
	process::{Command, Stdio},
	sync::mpsc,
	time::{Duration, Instant},
};

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
	// A workload of no time is refused before a node starts (it divided by zero, or never ended).
	for flag in ["--secs", "--read-secs"] {
		let out = run_bounded(Command::new(workspace_binary("educhain-load")).args([flag, "0", "reads"]), Duration::from_secs(30));
		let stderr = String::from_utf8_lossy(&out.stderr);
		assert_eq!(out.status.code(), Some(2), "{flag} 0: {stderr}");
		assert!(stderr.contains(&format!("invalid value '0' for '{flag} <")), "{flag} 0: {stderr}");
	}
	// A table with no folder to go to is refused before a node starts, not after the run.
	let out = run_bounded(
		Command::new(workspace_binary("educhain-load")).args(["reads", "--markdown", "no-such-folder/table.md"]),
		Duration::from_secs(30),
	);
	let stderr = String::from_utf8_lossy(&out.stderr);
	assert_eq!(out.status.code(), Some(2), "{stderr}");
	assert!(stderr.contains("no-such-folder/table.md: the folder no-such-folder does not exist"), "{stderr}");
	assert!(!stderr.contains("== reads"), "a workload ran: {stderr}");
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

/// A process a test started, killed if the test ends before it does.
struct Running(std::process::Child);

impl Drop for Running {
	fn drop(&mut self) {
		if let Ok(None) = self.0.try_wait() {
			self.0.kill().expect("the process is killed");
			self.0.wait().expect("the killed process is reaped");
		}
	}
}

/// A node that dies under the tool, in the set-up or under load, ends the run at once with the
/// workload and the reason, exit 1: no panic, and no table of figures that would be wrong.
#[tokio::test(flavor = "multi_thread")]
async fn a_node_that_dies_mid_run_ends_it_with_the_reason() {
	let _gate = educhain_e2e::together();
	// The tool's first line, then its first progress line, which comes 10 s into the load.
	for (stage, said) in [("== grades", "set-up: "), ("accepted,", "watcher stopped during the run")] {
		let dir = tempfile::tempdir().unwrap();
		let (mut node, _rpc) = Node::dev(dir.path()).await;
		let mut tool = Running(
			Command::new(workspace_binary("educhain-load"))
				.args(["grades", "--secs", "20", "--url", &node.rpc_url()])
				.stdout(Stdio::piped())
				.stderr(Stdio::piped())
				.spawn()
				.expect("educhain-load starts"),
		);
		let (lines, stdout) = (mpsc::channel(), tool.0.stdout.take().expect("piped"));
		let stderr = std::io::BufReader::new(tool.0.stderr.take().expect("piped"));
		std::thread::spawn(move || stderr.lines().map_while(Result::ok).try_for_each(|line| lines.0.send(line)));
		let mut seen = Vec::new();
		while !seen.iter().any(|l: &String| l.contains(stage)) {
			seen.push(lines.1.recv_timeout(Duration::from_secs(180)).unwrap_or_else(|_| panic!("no {stage:?} in {seen:?}")));
		}
		// A second on, the tool is well inside that stage: the set-up takes over ten.
		std::thread::sleep(Duration::from_secs(1));
		node.kill();
		let deadline = Instant::now() + Duration::from_secs(60);
		let status = loop {
			if let Some(status) = tool.0.try_wait().expect("waiting for the tool") {
				break status;
			}
			assert!(Instant::now() < deadline, "the tool went on for a minute after its node died: {seen:?}");
			std::thread::sleep(Duration::from_millis(100));
		};
		seen.extend(lines.1.iter());
		let (stderr, table) = (seen.join("\n"), std::io::read_to_string(stdout).expect("its stdout"));
		assert_eq!(status.code(), Some(1), "killed at {stage:?}: {stderr}");
		assert!(stderr.contains("educhain-load: grades: ") && stderr.contains(said), "killed at {stage:?}: {stderr}");
		assert!(!stderr.contains("panicked") && table.is_empty(), "killed at {stage:?}: {stderr}\n{table}");
	}
}
