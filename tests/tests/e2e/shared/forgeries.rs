//! The forgeries of issue 21, tried through `educhain-cli` and the verifier library on a dev
//! node:
//!
//! 1. a learner claims a micro-credential under a document of their own (a "Degree" in
//!    medicine): the chain refuses it; the course's own document is claimed and verifies;
//! 2. a back-dated enrolment: refused; a live one cannot graduate early; history comes in only
//!    through the import path, within its bounds, and the verifier says so;
//! 3. one class carrying a program's credits: refused;
//! 4. documents an institution anchors whose claims differ from the record, one attested field
//!    at a time (kind, program id and digest, enrolment, course, holder, issuer): each NOT
//!    VALID, naming the field, while the honest degree is VALID.

use educhain_e2e::cli::{cli, fails, json, text};
use educhain_e2e::node::Node;
use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, sr25519, Pair};
use std::path::Path;

fn address(uri: &str) -> String {
	sr25519::Pair::from_string(uri, None).expect("a dev URI").public().to_ss58check()
}

fn did(address: &str) -> String {
	format!("did:educhain:{address}")
}

fn write(dir: &Path, name: &str, value: &Value) -> String {
	let path = dir.join(name);
	std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
	path.to_str().unwrap().to_string()
}

/// A degree document of `program` from Bob to `holder` for `enrolment`.
fn degree(bob: &str, holder: &str, program: u32, enrolment: u64, program_document: &str) -> Value {
	json!({
		"@context": ["https://www.w3.org/ns/credentials/v2"],
		"type": ["VerifiableCredential", "EducationalCredential"],
		"issuer": did(bob),
		"credentialSubject": {
			"id": did(holder),
			"credential": "Degree",
			"program": { "id": program, "name": "MSc Data Science", "document": program_document },
			"enrolment": enrolment,
		},
	})
}

#[tokio::test(flavor = "multi_thread")]
async fn forged_records_are_refused_or_named_and_honest_ones_stay_valid() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let (node, _rpc) = Node::dev(dir.path()).await;
	let url = node.rpc_url();
	let (alice, bob, charlie, dave, eve, ferdie) =
		(address("//Alice"), address("//Bob"), address("//Charlie"), address("//Dave"), address("//Eve"), address("//Ferdie"));
	let as_bob = |args: &[&str]| json(&url, &[&["--signer", "//Bob"], args].concat());
	as_bob(&["registry", "grant-lecturer", &charlie]);

	// Programs: 1 with no minimum duration, 2 lasting three to ten years.
	let program_file = dir.path().join("program.txt");
	std::fs::write(&program_file, "MSc Data Science: 10 credits").unwrap();
	let program_file = program_file.to_str().unwrap();
	let program_document = as_bob(&["transcripts", "create-program", "1", "--document", program_file, "--credits", "10", "--min-days", "0", "--max-days", "3650"])["document"]
		.as_str()
		.unwrap()
		.to_string();
	as_bob(&["transcripts", "create-program", "2", "--document", program_file, "--credits", "10", "--min-days", "1095", "--max-days", "3650"]);

	// 2. A back-dated enrolment is refused; learning before the chain comes in by import only.
	fails(&url, &["--signer", "//Bob", "transcripts", "enrol", &dave, "--program", "2", "--start", "2020-01-01"], 1, "transcripts.StartInThePast");
	// So is a mistyped year: a start more than a year ahead; the error says the limit.
	let too_far = "transcripts.StartTooFarAhead: A live enrolment may start at most 366 days after today.";
	fails(&url, &["--signer", "//Bob", "transcripts", "enrol", &dave, "--program", "2", "--start", "9999-12-31"], 1, too_far);
	let learners: Vec<String> = (0..8).map(|i| address(&format!("//Learner{i}"))).collect();
	for (i, learner) in learners.iter().enumerate() {
		assert_eq!(as_bob(&["transcripts", "enrol", learner, "--program", "1", "--start", "today"])["enrolment"], i);
	}
	assert_eq!(as_bob(&["transcripts", "enrol", &dave, "--program", "2", "--start", "today"])["enrolment"], 8);
	let evidence = write(dir.path(), "ferdie-record.json", &json!({ "learner": ferdie, "since": "2022-01-01" }));
	let import = ["--signer", "//Bob", "transcripts", "import-enrolment", &ferdie, "--program", "2", "--evidence", &evidence, "--start"];
	fails(&url, &[&import[..], &["2010-01-01"]].concat(), 1, "transcripts.ImportTooOld");
	fails(&url, &[&import[..], &["today"]].concat(), 1, "transcripts.ImportNotInThePast");
	assert_eq!(json(&url, &[&import[..], &["2022-01-01"]].concat())["enrolment"], 9);

	// 3. One class cannot carry a program: at most 30 credits.
	let class = ["transcripts", "create-class", "--lecturer", &charlie, "--term", "1", "--pass-mark", "50", "--scale-max", "100", "--roster", "0,1,2,3,4,5,6,7,8,9", "--course"];
	fails(&url, &[&["--signer", "//Bob"][..], &class, &["BIG", "--credits", "31"]].concat(), 1, "transcripts.TooManyCredits");
	as_bob(&[&class[..], &["DS1", "--credits", "10"]].concat());
	let mut csv = String::from("learner,value,digest\n");
	for who in learners.iter().chain([&dave, &ferdie]) {
		csv.push_str(&format!("{who},80,0x{}\n", "11".repeat(32)));
	}
	let grades = dir.path().join("grades.csv");
	std::fs::write(&grades, csv).unwrap();
	json(&url, &["--signer", "//Charlie", "transcripts", "grade-class", "0", grades.to_str().unwrap()]);

	// A live three-year enrolment cannot graduate today; the imported one can, and says so.
	let dave_doc = write(dir.path(), "dave.json", &degree(&bob, &dave, 2, 8, &program_document));
	fails(&url, &["--signer", "//Bob", "credentials", "issue", &dave, "--enrolment", "8", "--kind", "Degree", "--document", &dave_doc], 1, "credentials.TooEarly");
	let ferdie_doc = write(dir.path(), "ferdie.json", &degree(&bob, &ferdie, 2, 9, &program_document));
	// Final before it is verified: the CLI's light client reads finalized blocks.
	as_bob(&["--finalized", "credentials", "issue", &ferdie, "--enrolment", "9", "--kind", "Degree", "--document", &ferdie_doc]);
	let verified = json(&url, &["credentials", "verify", &ferdie_doc]);
	assert_eq!(verified["valid"], true, "{verified}");
	let linkage = verified["checks"].as_array().unwrap().iter().find(|c| c["name"] == "linkage").unwrap();
	assert!(linkage["detail"].as_str().unwrap().contains("imported history: the institution stated this start on"), "{linkage}");

	// 4. The honest degree is VALID; each variant differing in one attested field is NOT VALID
	//    and names it. The institution anchors each, so only the verifier stands between them
	//    and an employer.
	let honest = degree(&bob, &learners[0], 1, 0, &program_document);
	let mut variants: Vec<(&str, &str, Value)> = Vec::new();
	let mut v = degree(&bob, &learners[1], 1, 1, &program_document);
	v["credentialSubject"]["credential"] = json!("Degree");
	variants.push(("kind", "Certificate", v));
	let mut v = degree(&bob, &learners[2], 1, 2, &program_document);
	v["credentialSubject"]["program"]["id"] = json!(2);
	variants.push(("program", "Degree", v));
	let mut v = degree(&bob, &learners[3], 1, 3, &program_document);
	v["credentialSubject"]["program"]["document"] = json!(format!("0x{}", "00".repeat(32)));
	variants.push(("program", "Degree", v));
	let mut v = degree(&bob, &learners[4], 1, 4, &program_document);
	v["credentialSubject"]["enrolment"] = json!(99);
	variants.push(("enrolment", "Degree", v));
	let mut v = degree(&bob, &learners[5], 1, 5, &program_document);
	v["credentialSubject"]["course"] = json!({ "id": 0, "document": format!("0x{}", "c5".repeat(32)) });
	variants.push(("course", "Degree", v));
	let mut v = degree(&bob, &learners[6], 1, 6, &program_document);
	v["credentialSubject"]["id"] = json!(did(&dave));
	variants.push(("holder", "Degree", v));
	let mut v = degree(&bob, &learners[7], 1, 7, &program_document);
	v["issuer"] = json!(did(&alice));
	variants.push(("issuer", "Degree", v));

	let path = write(dir.path(), "honest.json", &honest);
	as_bob(&["credentials", "issue", &learners[0], "--enrolment", "0", "--kind", "Degree", "--document", &path]);
	let report = educhain_verifier::verify(&honest, &url).await.expect("checked");
	assert!(report.valid(), "{report}");
	for (i, (field, kind, document)) in variants.iter().enumerate() {
		let n = i + 1;
		let path = write(dir.path(), &format!("variant{n}.json"), document);
		// The CLI checks the document against the record it is about to make, and sends nothing:
		// the --unchecked issue below of the same id would fail were it on chain already.
		let issue = ["--signer", "//Bob", "credentials", "issue", &learners[n], "--enrolment", &n.to_string(), "--kind", kind, "--document", &path];
		let refused = fails(&url, &issue, 2, "a verifier would find it NOT VALID once issued, so it was not sent");
		assert!(refused.contains(&format!("[FAIL] {field}:")), "variant {n}: {refused}");
		as_bob(&["credentials", "issue", &learners[n], "--enrolment", &n.to_string(), "--kind", kind, "--document", &path, "--unchecked"]);
		let report = educhain_verifier::verify(document, &url).await.expect("checked");
		let failed: Vec<_> = report.failed().iter().map(|c| c.name).collect();
		assert_eq!(failed, vec![*field], "variant {n}: {report}");
		let detail = &report.failed()[0].detail;
		assert!(detail.contains("the document says") || detail.contains("the document states one"), "variant {n}: {detail}");
		let said = fails(&url, &["credentials", "verify", &path, "--trust-node"], 1, "NOT VALID");
		assert!(said.contains(&format!("[FAIL] {field}:")), "variant {n}: {said}");
	}

	// 1. A learner claims a micro-credential under a document of their own: refused.
	let as_charlie = |args: &[&str]| json(&url, &[&["--signer", "//Charlie"], args].concat());
	let course_document = format!("0x{}", "c5".repeat(32));
	as_charlie(&["coins", "create-course", &bob, "--document", &course_document, "--threshold", "10"]);
	as_charlie(&["coins", "add-task", "0", "--document", &format!("0x{}", "7a".repeat(32)), "--max-coins", "10"]);
	as_charlie(&["coins", "enrol", "0", &eve]);
	as_charlie(&["coins", "award", "0", &eve, "--task", "0", "--coins", "10"]);
	let forged = json!({
		"@context": ["https://www.w3.org/ns/credentials/v2"],
		"type": ["VerifiableCredential", "EducationalCredential"],
		"issuer": did(&bob),
		"credentialSubject": {
			"id": did(&eve),
			"credential": "Degree",
			"program": { "name": "Doctor of Medicine" },
			"course": { "id": 0, "document": course_document },
		},
	});
	let forged_path = write(dir.path(), "forged.json", &forged);
	fails(&url, &["--signer", "//Eve", "coins", "claim", "0", "--document", &forged_path], 1, "credentials.NotTheCourseDocument");
	// The course's form with the achievement renamed: still not the form.
	let mut named = educhain_verifier::micro_credential(&bob, &eve, 0, &course_document);
	named["credentialSubject"]["achievement"]["name"] = json!("Doctor of Medicine");
	let named_path = write(dir.path(), "named.json", &named);
	fails(&url, &["--signer", "//Eve", "coins", "claim", "0", "--document", &named_path], 1, "credentials.NotTheCourseDocument");
	fails(&url, &["credentials", "verify", &forged_path], 1, "unknown or was altered");
	// The course's own document: written by the CLI, claimed, VALID.
	let honest_micro = dir.path().join("micro.json");
	let out = cli(&url, &["--signer", "//Eve", "--finalized", "coins", "claim", "0", "--out", honest_micro.to_str().unwrap()]);
	assert!(out.status.success(), "{}", text(&out));
	let written: Value = serde_json::from_str(&std::fs::read_to_string(&honest_micro).unwrap()).unwrap();
	assert_eq!(written, educhain_verifier::micro_credential(&bob, &eve, 0, &course_document));
	let verified = json(&url, &["credentials", "verify", honest_micro.to_str().unwrap()]);
	assert_eq!(verified["valid"], true, "{verified}");
	// Passed off as a degree of the same record: not the document the chain holds.
	let mut as_degree = written.clone();
	as_degree["credentialSubject"]["achievement"]["achievementType"] = json!("Degree");
	let report = educhain_verifier::verify(&as_degree, &url).await.expect("checked");
	assert_eq!(report.failed()[0].name, "integrity", "{report}");

	// The auditor's invariants hold over all of it.
	assert_eq!(json(&url, &["audit", "check"])["ok"], true);
}
