//! The README's walkthrough, command by command, against a dev node: every `educhain-cli` line
//! runs from the repository root and succeeds, and every `#> text` line is in the output of the
//! command before it. Then what the walkthrough leaves out: the client's other transactions
//! (revocation, a batch from CSV, motions, session keys, an FL task), each error path it
//! decodes, what it sees as a metadata-driven client, and the auditor's invariant check.

use educhain_e2e::{
	cli::{cli, fails, json, text},
	root,
	node::Node,
};
use serde_json::Value;
use sp_core::crypto::Ss58Codec;
use sp_keyring::Sr25519Keyring::{Bob, Charlie, Eve, Ferdie};

/// One walkthrough command: its arguments after `educhain-cli`, and what its output shows.
struct Step {
	args: Vec<String>,
	shows: Vec<String>,
}

/// The commands between the README's walkthrough markers.
fn walkthrough() -> Vec<Step> {
	let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
	let start = readme.find("<!-- walkthrough -->").expect("the README has a walkthrough");
	let end = readme.find("<!-- /walkthrough -->").expect("the walkthrough ends");
	let mut steps: Vec<Step> = Vec::new();
	for line in readme[start..end].lines().map(str::trim) {
		if let Some(command) = line.strip_prefix("educhain-cli ") {
			steps.push(Step { args: command.split_whitespace().map(String::from).collect(), shows: vec![] });
		} else if let Some(shown) = line.strip_prefix("#> ") {
			steps.last_mut().expect("a #> line follows a command").shows.push(shown.to_string());
		}
	}
	steps
}

#[tokio::test(flavor = "multi_thread")]
async fn the_readme_walkthrough_and_the_clients_error_paths() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let (node, rpc) = Node::dev(dir.path()).await;
	let url = node.rpc_url();

	let steps = walkthrough();
	assert!(steps.len() >= 15, "the walkthrough has {} commands", steps.len());
	for step in &steps {
		let args: Vec<&str> = step.args.iter().map(String::as_str).collect();
		let out = cli(&url, &args);
		let said = text(&out);
		assert!(out.status.success(), "educhain-cli {}\n{said}", step.args.join(" "));
		for shown in &step.shows {
			assert!(said.contains(shown.as_str()), "educhain-cli {} should show {shown:?}:\n{said}", step.args.join(" "));
		}
	}

	// The chain agrees with what the walkthrough printed.
	let (charlie, eve, ferdie) =
		(Charlie.to_account_id().to_ss58check(), Eve.to_account_id().to_ss58check(), Ferdie.to_account_id().to_ss58check());
	let degree = "docs/examples/walkthrough/degree.json";
	let degree_id = json(&url, &["digest", "credential", degree])["id"].as_str().unwrap().to_string();
	let record = rpc.must("credentials_verify", vec![degree_id.clone().into()]).await;
	assert_eq!(record["holder"], eve, "{record}");
	assert_eq!(record["issuer"], charlie, "{record}");
	assert_eq!(record["issuerActiveAtIssue"], true, "{record}");
	let program_digest = json(&url, &["digest", "program", "docs/examples/walkthrough/program.txt"])["digest"].clone();
	assert_eq!(record["program"], serde_json::json!({ "id": 1, "document": program_digest }), "{record}");
	assert_eq!((&record["enrolment"], &record["facts"]["imported"]), (&serde_json::json!(0), &serde_json::json!(true)), "{record}");
	let started = educhain_verifier::dates::day("2023-09-01").unwrap();
	assert_eq!(record["facts"]["start"], started, "Eve's imported start: {record}");
	let balance = rpc.must("coins_balance", vec![0.into(), eve.clone().into()]).await;
	assert_eq!(balance["available"], 0, "the claim spent the coins: {balance}");

	// Revocation and reinstatement, by document file or id; the verifier follows.
	json(&url, &["--signer", "//Charlie", "--finalized", "credentials", "revoke", degree, "--reason", "3"]);
	let said = fails(&url, &["credentials", "verify", degree], 1, "NOT VALID");
	assert!(said.contains("reason code 3"), "{said}");
	json(&url, &["--signer", "//Charlie", "--finalized", "credentials", "reinstate", &degree_id, "--reason", "4"]);
	assert_eq!(json(&url, &["credentials", "verify", degree])["valid"], true);

	// An altered document is not valid.
	let altered = dir.path().join("altered.json");
	let original = std::fs::read_to_string(root().join(degree)).unwrap();
	std::fs::write(&altered, original.replace("BSc Data Science", "MSc Data Science")).unwrap();
	fails(&url, &["credentials", "verify", altered.to_str().unwrap()], 1, "unknown or was altered");

	// A batch from CSV whose item fails: Ferdie failed the class, so no degree; nothing lands.
	let ferdie_doc = dir.path().join("ferdie.json");
	std::fs::write(&ferdie_doc, original.replace(&eve, &ferdie).replace("\"enrolment\": 0", "\"enrolment\": 1")).unwrap();
	let batch = dir.path().join("degrees.csv");
	std::fs::write(&batch, format!("holder,enrolment,kind,document\n{ferdie},1,Degree,ferdie.json\n")).unwrap();
	let out = cli(&url, &["--json", "--signer", "//Charlie", "credentials", "issue-batch", batch.to_str().unwrap()]);
	assert_eq!(out.status.code(), Some(1), "{}", text(&out));
	let report: Value = serde_json::from_str(&String::from_utf8_lossy(&out.stdout)).unwrap();
	assert_eq!(report["landed"], 0, "{report}");
	assert_eq!(report["batches"][0]["error"], "credentials.BatchItemFailed", "{report}");
	assert!(String::from_utf8_lossy(&out.stderr).contains("lines 2-2 failed"), "progress names the lines");

	// A bad CSV row stops the import before anything is sent, naming file, line and column.
	std::fs::write(&batch, format!("holder,enrolment,kind,document\n{ferdie},one,Degree,ferdie.json\n")).unwrap();
	fails(&url, &["--signer", "//Charlie", "credentials", "issue-batch", batch.to_str().unwrap()], 2, "degrees.csv:2: enrolment");

	// Runtime errors decode into the pallet's error and its documentation.
	let grades = "docs/examples/walkthrough/grades.csv";
	fails(&url, &["--signer", "//Charlie", "transcripts", "grade-class", "0", grades], 1, "transcripts.NotClassLecturer");
	fails(&url, &["--signer", "//Eve", "coins", "claim", "0", "--document", "docs/examples/walkthrough/micro.json"], 1, "coins.AlreadyClaimed");
	// The ministry's call, signed by a member: FRAME's bare BadOrigin, said in words.
	fails(&url, &["--signer", "//Charlie", "registry", "approve", &eve], 1, "BadOrigin: The signer may not make this call");
	// Pool refusals decode too: the registry's code for an application, and a non-member.
	let profile = format!("0x{}", "01".repeat(32));
	fails(&url, &["--signer", "//Charlie", "registry", "apply", "--kind", "School", "--profile", &profile], 1, "registry.AlreadyMember");
	fails(&url, &["--signer", "//Ferdie", "registry", "grant-lecturer", &eve], 1, "admission.NotAdmitted");

	// Session keys made on the node and registered for Charlie; the node holds them.
	let set = json(&url, &["--signer", "//Charlie", "registry", "set-keys"]);
	let keys = set["keys"].as_str().unwrap().to_string();
	assert_eq!(rpc.must("author_hasSessionKeys", vec![keys.into()]).await, true);

	// A motion from the ministry acts at once: Bob suspended, then reinstated.
	let bob = Bob.to_account_id().to_ss58check();
	json(&url, &["--signer", "//Alice", "registry", "propose", &bob, "Suspend"]);
	assert_eq!(json(&url, &["registry", "institution", &bob])["status"], "Suspended");
	json(&url, &["--signer", "//Alice", "registry", "propose", &bob, "Reinstate"]);
	assert_eq!(json(&url, &["registry", "institution", &bob])["status"], "Active");

	// An FL task between Bob and Charlie: created, accepted by both, round 1 open.
	let model = format!("0x{}", "ab".repeat(32));
	let created = json(&url, &[
		"--signer", "//Bob", "fl", "create-task", "--model", &model, "--params", "100", "--participants",
		&format!("{bob},{charlie}"), "--rounds", "2", "--round-blocks", "20", "--epsilon", "1", "--delta", "0.00001",
		"--clip", "5", "--budget", "2",
	]);
	let task = created["task"].as_u64().unwrap().to_string();
	let created_in = created["block"].as_str().unwrap().to_string();
	json(&url, &["--signer", "//Bob", "fl", "accept", &task, "--samples", "600"]);
	json(&url, &["--signer", "//Charlie", "fl", "accept", &task, "--samples", "450"]);
	let record = json(&url, &["fl", "task", &task]);
	assert_eq!(record["openRound"], 1, "{record}");
	let budget = json(&url, &["fl", "budget", &task, &charlie]);
	assert_eq!((budget["total"].as_str(), budget["samples"].as_u64()), (Some("2"), Some(450)), "{budget}");

	// What a standard, metadata-driven client sees (subxt, no educhain types): the pallets,
	// every storage entry of each educhain pallet decoded, and a block's events decoded.
	let pallets = json(&url, &["chain", "pallets"]);
	for name in ["Ministry", "Admission", "Registry", "Transcripts", "Credentials", "Coins", "FlLedger"] {
		let p = pallets.as_array().unwrap().iter().find(|p| p["name"] == name);
		assert!(p.is_some_and(|p| p["calls"].as_u64() > Some(0) || name == "Admission"), "{name} in {pallets}");
	}
	for pallet in ["Ministry", "Registry", "Transcripts", "Credentials", "Coins", "FlLedger"] {
		let storage = json(&url, &["chain", "storage", pallet]);
		let entries: usize = storage.as_object().unwrap().values().map(|v| v.as_array().unwrap().len()).sum();
		assert!(entries > 0, "{pallet} has decoded storage: {storage}");
	}
	let transcripts = json(&url, &["chain", "storage", "Transcripts"]);
	assert_eq!(transcripts["Enrolments"].as_array().unwrap().len(), 2, "Eve's and Ferdie's: {transcripts}");
	let events = json(&url, &["chain", "events", &created_in]);
	let names: Vec<&str> = events.as_array().unwrap().iter().map(|e| e["event"].as_str().unwrap()).collect();
	assert!(names.contains(&"FlLedger.TaskCreated"), "{names:?}");
	fails(&url, &["chain", "storage", "Nowhere"], 2, "no pallet Nowhere");

	// After all of it, the auditor's check: every invariant holds at the best block.
	let checked = json(&url, &["audit", "check"]);
	assert_eq!(checked["ok"], true, "{checked}");
}
