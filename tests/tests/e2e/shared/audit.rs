//! The auditor's offline replay: a dev chain gets a few hundred domain extrinsics across every
//! pallet, its blocks are exported with `export-blocks`, and `educhain-node audit replay`
//! re-executes them from genesis and writes a report whose counts match what was submitted.
//! Three altered copies of the file (one extrinsic byte, one state root, one block missing)
//! are each rejected naming the right block, with no report. A replay stopped part-way resumes
//! from its checkpoint and ends with the same report, also when its database lost blocks the
//! checkpoint had counted; a checkpoint it cannot read, an earlier report it cannot remove, or
//! a report with no folder to go to, stops it before it starts.

use crate::workload::{every_pallet, key, learner, Sender, CLAIMS, DEGREES, LEARNERS, REVOKED};
use educhain_e2e::node::{node_binary, run_bounded, Node};
use educhain_runtime::RuntimeCall;
use serde_json::Value;
use sp_core::{crypto::Ss58Codec, Pair, H256};
use sp_keyring::Sr25519Keyring::{Bob, Charlie, Dave, Eve};
use std::{path::Path, process::Command, time::Duration};

/// `--chain spec`, or `--dev` when `None`.
fn chain_args(cmd: &mut Command, spec: Option<&Path>) {
	match spec {
		Some(spec) => cmd.arg("--chain").arg(spec),
		None => cmd.arg("--dev"),
	};
}

/// `audit replay` of `blocks` on chain `spec` (`--dev` when `None`): whether it verified the
/// chain, and what it said.
pub(crate) fn replay_chain(spec: Option<&Path>, blocks: &Path, report: &Path, base: Option<&Path>) -> (bool, String) {
	let mut cmd = Command::new(node_binary());
	cmd.args(["audit", "replay"]);
	chain_args(&mut cmd, spec);
	cmd.arg("--blocks").arg(blocks).arg("--report").arg(report);
	if let Some(base) = base {
		cmd.arg("--base-path").arg(base);
	}
	let out = run_bounded(&mut cmd, Duration::from_secs(300));
	let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
	(out.status.success(), text)
}

fn replay(blocks: &Path, report: &Path, base: Option<&Path>) -> (bool, String) {
	replay_chain(None, blocks, report, base)
}

/// `export-blocks` of every block after genesis from the stopped node at `base_path` on chain
/// `spec` (`--dev` when `None`) into `to`, as JSON.
pub(crate) fn export_blocks(spec: Option<&Path>, base_path: &Path, to: &Path) {
	let mut export = Command::new(node_binary());
	export.arg("export-blocks");
	chain_args(&mut export, spec);
	export.args(["--from", "1", "--base-path"]).arg(base_path).arg(to);
	let out = run_bounded(&mut export, Duration::from_secs(120));
	assert!(out.status.success(), "export-blocks: {}", String::from_utf8_lossy(&out.stderr));
}

/// The blocks of an `export-blocks` JSON file, and the file from blocks.
fn read_blocks(path: &Path) -> Vec<Value> {
	let text = std::fs::read_to_string(path).unwrap();
	serde_json::Deserializer::from_str(&text).into_iter::<Value>().map(Result::unwrap).collect()
}

fn write_blocks(path: &Path, blocks: &[Value]) {
	let text: String = blocks.iter().map(Value::to_string).collect();
	std::fs::write(path, text).unwrap();
}

fn number(block: &Value) -> u64 {
	match &block["block"]["header"]["number"] {
		Value::String(hex) => u64::from_str_radix(hex.trim_start_matches("0x"), 16).unwrap(),
		n => n.as_u64().unwrap(),
	}
}

/// Expect `blocks` to be rejected naming block `bad` and saying `why`, with no report.
fn rejected(dir: &Path, name: &str, blocks: &[Value], bad: u64, why: &str) {
	let file = dir.join(format!("{name}.json"));
	write_blocks(&file, blocks);
	let report = dir.join(format!("{name}-report.json"));
	let (ok, said) = replay(&file, &report, None);
	assert!(!ok, "{name}: the replay accepted it:\n{said}");
	assert!(said.contains("REJECTED") && !said.contains("VERIFIED"), "{name}:\n{said}");
	// Said as sentences: not sc-cli's Debug form `Error: Input("…")`.
	assert!(said.contains("Error: the block file was rejected") && !said.contains("Input(\""), "{name}:\n{said}");
	assert!(said.contains(&format!("#{bad}")) && said.contains(why), "{name} should name #{bad} ({why}):\n{said}");
	assert!(!report.exists(), "{name}: a report was written");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_replayed_chain_reports_what_happened_and_altered_files_are_rejected() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let node_dir = dir.path().join("node");
	let (mut node, rpc) = Node::dev(&node_dir).await;
	let sent = every_pallet(&rpc).await;
	let best = rpc.best_number().await;
	node.stop();

	let blocks = dir.path().join("blocks.json");
	export_blocks(None, &node_dir, &blocks);
	let exported = read_blocks(&blocks);
	assert_eq!(exported.len() as u32, best, "every block exported");

	// The whole replay: verified, with the counts of what was sent.
	let report_path = dir.path().join("report.json");
	let (ok, said) = replay(&blocks, &report_path, None);
	assert!(ok && said.contains("VERIFIED"), "{said}");
	let report: Value = serde_json::from_slice(&std::fs::read(&report_path).unwrap()).unwrap();
	assert_eq!(report["blocks"], best, "{report}");
	assert_eq!(report["anomalies"], serde_json::json!([]));
	assert_eq!(report["invariantChecks"], best, "checked after every block");
	for (pallet, count) in &sent {
		assert_eq!(report["extrinsicsByPallet"][*pallet], *count, "{pallet}: {report}");
	}
	let bob = &report["institutions"][Bob.to_account_id().to_ss58check()];
	assert_eq!(bob["admission"]["by"], "genesis");
	assert_eq!(bob["enrolments"], LEARNERS);
	assert_eq!(bob["classes"], 1);
	assert_eq!(bob["gradesWritten"], LEARNERS);
	assert_eq!(bob["credentialsIssued"], DEGREES);
	assert_eq!(bob["credentialsRevoked"], REVOKED);
	assert_eq!(bob["microCredentials"], CLAIMS);
	assert_eq!(bob["votesCast"], 1);
	let program = &report["programs"][format!("{}/1", Bob.to_account_id().to_ss58check())];
	assert_eq!(program["degrees"], DEGREES);
	let dave = &report["institutions"][Dave.to_account_id().to_ss58check()];
	assert_eq!(dave["admission"]["by"], "ministry", "{dave}");
	let eve = &report["institutions"][Eve.to_account_id().to_ss58check()];
	assert_eq!((&eve["admission"]["by"], &eve["admission"]["ayes"], &eve["admission"]["electorate"]), (&"votes".into(), &2.into(), &2.into()));
	let task = &report["flTasks"]["0"];
	assert_eq!((&task["roundsClosed"], &task["updates"], &task["sigmaChecked"]), (&1.into(), &2.into(), &2.into()), "{task}");
	// ε spent of the total: one round of ε = 1 is 0.8220 by Rényi DP at δ = 1e-5 (dp-accounting
	// 0.6.0, z = 4.8448053), less than basic composition's 1.
	let bob = &task["budgets"][Bob.to_account_id().to_ss58check()];
	assert!(bob[0].as_str().is_some_and(|spent| spent.starts_with("0.82196886")) && bob[1] == "2", "{bob}");

	// Three altered copies, each rejected at the right block.
	let (k, extrinsic) = exported
		.iter()
		.enumerate()
		.find_map(|(i, b)| (b["block"]["extrinsics"].as_array().unwrap().len() > 1).then_some(i))
		.map(|i| (i, 1))
		.expect("a block with a domain extrinsic");
	let mut altered = exported.clone();
	let xt = altered[k]["block"]["extrinsics"][extrinsic].as_str().unwrap().to_string();
	let middle = xt.len() / 2;
	let flipped = if &xt[middle..=middle] == "0" { "1" } else { "0" };
	altered[k]["block"]["extrinsics"][extrinsic] = format!("{}{flipped}{}", &xt[..middle], &xt[middle + 1..]).into();
	rejected(dir.path(), "extrinsic", &altered, number(&exported[k]), "extrinsics are not those its header commits to");

	let s = exported.len() / 2;
	let mut altered = exported.clone();
	altered[s]["block"]["header"]["stateRoot"] = format!("0x{}", "ab".repeat(32)).into();
	rejected(dir.path(), "state-root", &altered, number(&exported[s]), "refused on import");

	let mut altered = exported.clone();
	let m = exported.len() / 3;
	altered.remove(m);
	rejected(dir.path(), "missing", &altered, number(&exported[m]), "is missing");

	// Stopped part-way (the first half), then resumed with the whole file: the same report.
	let base = dir.path().join("resumable");
	let half = dir.path().join("half.json");
	write_blocks(&half, &exported[..exported.len() / 2]);
	let (ok, said) = replay(&half, &dir.path().join("half-report.json"), Some(&base));
	assert!(ok, "{said}");
	let resumed_path = dir.path().join("resumed.json");
	let (ok, said) = replay(&blocks, &resumed_path, Some(&base));
	assert!(ok, "{said}");
	let mut resumed: Value = serde_json::from_slice(&std::fs::read(&resumed_path).unwrap()).unwrap();
	let mut whole = report.clone();
	for r in [&mut resumed, &mut whole] {
		r["seconds"] = Value::Null;
	}
	assert_eq!(resumed, whole, "the resumed replay reports what the whole one did");

	// A database that lost its last blocks after the checkpoint counted them (a crash before
	// ParityDB's last commits reached the disk, the checkpoint flushed): here one replayed to
	// half, with the checkpoint of one replayed to three quarters. The lost blocks are imported
	// again, not counted again, and the rest replayed on them: the same report.
	let (h, q) = (exported.len() / 2, exported.len() * 3 / 4);
	let ahead = dir.path().join("ahead");
	let three_quarters = dir.path().join("three-quarters.json");
	write_blocks(&three_quarters, &exported[..q]);
	let (ok, said) = replay(&three_quarters, &dir.path().join("ahead-report.json"), Some(&ahead));
	assert!(ok, "{said}");
	let behind = dir.path().join("behind");
	let (ok, said) = replay(&half, &dir.path().join("behind-half.json"), Some(&behind));
	assert!(ok, "{said}");
	std::fs::copy(ahead.join("audit-checkpoint.json"), behind.join("audit-checkpoint.json")).unwrap();
	// A file that ends before the checkpoint cannot be resumed: the report would be of blocks it
	// does not hold. Refused, the checkpoint as it was.
	let checkpoint = std::fs::read(behind.join("audit-checkpoint.json")).unwrap();
	let (ok, said) = replay(&half, &dir.path().join("short-report.json"), Some(&behind));
	let short = format!("the file ends at block #{}, before #{} where the checkpoint stands", number(&exported[h - 1]), number(&exported[q - 1]));
	assert!(!ok && said.contains(&short), "{said}");
	assert_eq!(std::fs::read(behind.join("audit-checkpoint.json")).unwrap(), checkpoint);
	let restored_path = dir.path().join("restored.json");
	let (ok, said) = replay(&blocks, &restored_path, Some(&behind));
	assert!(ok, "{said}");
	let again = format!("imported #{}..#{} again: the database had lost them", number(&exported[h]), number(&exported[q - 1]));
	assert!(said.contains(&again), "{said}");
	let mut restored: Value = serde_json::from_slice(&std::fs::read(&restored_path).unwrap()).unwrap();
	restored["seconds"] = Value::Null;
	assert_eq!(restored, whole, "the replay on a database that lost blocks reports what the whole one did");

	// An earlier report that cannot be removed (it would pass for this run's), or a checkpoint
	// that cannot be read (the replay would start again from genesis), stops the replay before
	// it starts, naming the file.
	let stuck = dir.path().join("stuck-report.json");
	std::fs::create_dir_all(stuck.join("inside")).unwrap();
	let fresh = dir.path().join("fresh");
	let (ok, said) = replay(&half, &stuck, Some(&fresh));
	assert!(!ok && said.contains(&format!("{}: an earlier report that cannot be removed", stuck.display())), "{said}");
	assert!(!fresh.join("audit-checkpoint.json").exists(), "blocks were replayed:\n{said}");
	let unreadable = dir.path().join("unreadable");
	let checkpoint = unreadable.join("audit-checkpoint.json");
	std::fs::create_dir_all(checkpoint.join("inside")).unwrap();
	let report = dir.path().join("unreadable-report.json");
	let (ok, said) = replay(&half, &report, Some(&unreadable));
	assert!(!ok && said.contains(&format!("{}: a checkpoint that cannot be read", checkpoint.display())), "{said}");
	let names: Vec<_> = std::fs::read_dir(&unreadable).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
	assert!(!report.exists() && !names.iter().any(|n| n.contains("partial")), "blocks were replayed: {names:?}\n{said}");
	// A report with no folder to go to would be found only at the end of the replay.
	let nowhere = dir.path().join("no-such-folder").join("report.json");
	let fresh = dir.path().join("fresh-again");
	let (ok, said) = replay(&half, &nowhere, Some(&fresh));
	assert!(!ok && said.contains(&format!("{}: the folder {} does not exist", nowhere.display(), nowhere.parent().unwrap().display())), "{said}");
	assert!(!fresh.join("audit-checkpoint.json").exists(), "blocks were replayed:\n{said}");
	// An empty block file, what a failed export leaves, is named as such (it was an EOF error).
	let empty = dir.path().join("empty.json");
	std::fs::write(&empty, "").unwrap();
	let (ok, said) = replay(&empty, &dir.path().join("empty-report.json"), None);
	assert!(!ok && said.contains(&format!("{}: the file is empty", empty.display())), "{said}");
}

/// The replay benchmark (README, "Figures"): 5,000 enrolments, 10 classes of 500 and 5,000
/// grades, replayed with the invariants after every block and with none. Run with
/// `-- --ignored --nocapture`; it prints the figures.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: minutes long"]
async fn replay_speed_on_ten_thousand_domain_extrinsics() {
	let _gate = educhain_e2e::together();
	use pallet_transcripts::Call as Tr;
	const N: u32 = 5_000;
	const CLASS: u32 = 500;
	let dir = tempfile::tempdir().unwrap();
	let node_dir = dir.path().join("node");
	let (mut node, rpc) = Node::dev(&node_dir).await;
	let mut s = Sender::new(&rpc);
	let bob = |c: Tr<educhain_runtime::Runtime>| (RuntimeCall::Transcripts(c), key(Bob));
	let appoint = pallet_registry::Call::grant_lecturer { lecturer: Charlie.to_account_id() };
	let mut calls = vec![(RuntimeCall::Registry(appoint), key(Bob))];
	calls.push(bob(Tr::create_program { id: 1, document: H256::zero(), credits_required: 10, min_days: 0, max_days: 36_500 }));
	calls.extend((0..N).map(|i| bob(Tr::enrol { learner: learner(i).public().into(), program: 1, start: educhain_e2e::today() })));
	for c in 0..N / CLASS {
		let roster = (u64::from(c * CLASS)..u64::from((c + 1) * CLASS)).collect::<Vec<_>>().try_into().unwrap();
		let course = H256::repeat_byte(c as u8);
		let lecturer = Charlie.to_account_id();
		calls.push(bob(Tr::create_class { course, credits: 10, lecturer, term: 1, pass_mark: 50, scale_max: 100, roster }));
	}
	let started = std::time::Instant::now();
	s.send(calls).await;
	let grades = (0..N).map(|i| {
		let call = Tr::grade { class: u64::from(i / CLASS), learner: learner(i).public().into(), passed: 40 + i % 60 >= 50, digest: H256::zero() };
		(RuntimeCall::Transcripts(call), key(Charlie))
	});
	s.send(grades.collect()).await;
	println!("workload of {} extrinsics included in {:.0} s", 2 + 2 * N + N / CLASS, started.elapsed().as_secs_f64());
	node.stop();

	let blocks = dir.path().join("blocks.json");
	let mut export = Command::new(node_binary());
	export.args(["export-blocks", "--dev", "--from", "1", "--base-path"]).arg(&node_dir).arg(&blocks);
	assert!(run_bounded(&mut export, Duration::from_secs(600)).status.success());
	for every in ["1", "0"] {
		let report_path = dir.path().join(format!("report-{every}.json"));
		let mut cmd = Command::new(node_binary());
		cmd.args(["audit", "replay", "--dev", "--check-every", every, "--blocks"]).arg(&blocks).arg("--report").arg(&report_path);
		let out = run_bounded(&mut cmd, Duration::from_secs(3_600));
		assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
		let r: Value = serde_json::from_slice(&std::fs::read(&report_path).unwrap()).unwrap();
		let seconds = r["seconds"].as_f64().unwrap();
		let (blocks, xts) = (r["blocks"].as_f64().unwrap(), r["extrinsics"].as_f64().unwrap());
		println!(
			"check every {every}: {blocks} blocks, {xts} extrinsics ({} Transcripts) in {seconds:.1} s: {:.1} blocks/s, {:.0} extrinsics/s",
			r["extrinsicsByPallet"]["Transcripts"],
			blocks / seconds,
			xts / seconds
		);
	}
}
