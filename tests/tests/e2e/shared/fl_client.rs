//! The federated-learning client against a dev node: three participants train the MLP on their
//! shards of the UCI digits for six DFL-DP rounds (each one DP-SGD step with per-sample
//! clipping, σ at the ledger's bound for the m each registered), each reading the others' noisy
//! updates from the chain; accuracy after round 6 is far above chance. A second client run, the auditor,
//! recomputes a participant's recorded aggregate from the chain and gets its digest, and
//! refuses, with a clear error, to audit an account that recorded nothing.

use educhain_e2e::node::{workspace_binary, Node};
use educhain_fl_client::run::{run_on_chain, RunConfig};
use sp_core::{crypto::Ss58Codec, sr25519, Pair};
use std::{process::Command, time::Duration};

#[tokio::test(flavor = "multi_thread")]
async fn three_participants_learn_privately_and_an_auditor_recomputes_an_aggregate() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let (node, rpc) = Node::dev(dir.path()).await;
	let ministry = sr25519::Pair::from_string("//Alice", None).unwrap().into();
	let cfg = RunConfig { participants: 3, rounds: 6, round_blocks: 40, ..RunConfig::default() };
	let report = tokio::time::timeout(Duration::from_secs(600), run_on_chain(&rpc, &ministry, &cfg))
		.await
		.expect("the run finishes within 10 minutes")
		.expect("the run succeeds");

	assert_eq!(report.rounds.len(), 6);
	for r in &report.rounds {
		println!("{r:?}");
		// Three full updates went on chain (55,210 floats each), and each participant read them.
		assert!(r.on_chain_bytes > 3 * 220_840, "{r:?}");
		assert!(r.off_chain_bytes >= 3 * 3 * 220_840, "{r:?}");
	}
	let last = &report.rounds[5];
	// Ten classes: chance is 0.1. Six private steps at ε = 1 each reach about 0.7 (README).
	assert!(last.personal_accuracy > 0.45, "personalized accuracy {}", last.personal_accuracy);
	assert!(last.fedavg_accuracy > 0.45, "FedAvg accuracy {}", last.fedavg_accuracy);

	// The recorded σ is the bound the chain requires, and every update is signed and recorded.
	let task = report.task.expect("a task on chain");
	let round = rpc.must("fl_round", vec![task.into(), 6.into()]).await;
	assert_eq!(round["submissions"].as_array().unwrap().len(), 3, "{round}");
	assert_eq!(round["aggregates"].as_array().unwrap().len(), 3, "{round}");
	assert_eq!(round["missing"], serde_json::json!([]));
	// Each registered its shard's size as m; six rounds cost 6 by basic composition and about 2
	// by the ledger's Rényi-DP accountant, which is what counts.
	let info = rpc.must("fl_task", vec![task.into()]).await;
	for p in info["participants"].as_array().unwrap() {
		let b = &p["budget"];
		assert_eq!(b["submissions"], 6, "{b}");
		// 1,438 training samples dealt to three: 480, 479, 479.
		assert!((479..=480).contains(&b["samples"].as_u64().unwrap()), "{b}");
		assert_eq!(b["basicEpsilon"], "6", "{b}");
		let renyi: f64 = b["rdpEpsilon"].as_str().unwrap().parse().unwrap();
		assert!(renyi < 3.0 && b["spentEpsilon"] == b["rdpEpsilon"], "{b}");
	}

	// The auditor: a separate client run over JSON-RPC.
	let audit = |participant: String| {
		Command::new(workspace_binary("fl-client"))
			.args(["--url", &node.rpc_url(), "audit", "--task", &task.to_string(), "--round", "6"])
			.args(["--participant", &participant])
			.output()
			.expect("fl-client runs")
	};
	let second = report.participants[1].to_ss58check();
	let out = audit(second.clone());
	let stdout = String::from_utf8_lossy(&out.stdout);
	assert!(out.status.success(), "audit failed: {stdout}{}", String::from_utf8_lossy(&out.stderr));
	let digest = round["aggregates"][1]["digest"].as_str().unwrap();
	assert!(stdout.contains(&format!("recorded   {digest}")), "{stdout}");
	assert!(stdout.contains(&format!("recomputed {digest}")), "{stdout}");

	// An account that recorded nothing cannot be audited: a clear error, exit code 2.
	let out = audit(sp_keyring::Sr25519Keyring::Dave.to_account_id().to_ss58check());
	assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stdout));
	assert!(String::from_utf8_lossy(&out.stderr).contains("recorded no aggregate"));
}
