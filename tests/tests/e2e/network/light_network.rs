//! Light mode on the four-authority local network: a valid degree, a revoked one and a forged
//! one, each with its verdict, and the list of what a learner holds, read at a finalized block
//! by a light client that knows only the committed chain spec and the nodes' addresses. And how
//! long the first verdict takes, from a cold start and from the light client's saved database,
//! and the next one once warm.

use crate::shared::credentials::{complete_program, valid_and_revoked};
use educhain_client::{api::credentials::StatusView, attested::Trust, light, receipt::Receipt};
use educhain_e2e::{
	chain::sign_and_include,
	network::{local_raw_spec, LocalNetwork},
	page::Page,
	rpc::Rpc,
};
use educhain_runtime::RuntimeCall;
use educhain_verifier::{Report, Source, Verifier};
use pallet_transcripts::digest;
use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, H256};
use sp_keyring::Sr25519Keyring::{Bob, Charlie, Dave, Eve};
use std::{
	path::Path,
	time::{Duration, Instant},
};

fn failed(report: &Report) -> Vec<&'static str> {
	report.failed().iter().map(|c| c.name).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_light_client_verifies_on_the_local_network_cold_warm_and_from_a_saved_database() {
	let _gate = educhain_e2e::together();
	let net = LocalNetwork::start().await;
	let rpc = net.rpc(0).await;
	complete_program(&rpc).await;
	let (dave, eve, id, revoked_at) = valid_and_revoked(&rpc).await;
	let mut forged = dave.clone();
	forged["credentialSubject"]["program"]["name"] = json!("Doctor of Medicine");
	// Bob registers an assertion key, so that the micro-credential Dave claims next can be signed.
	let keys = tempfile::tempdir().unwrap();
	let (url, key) = (net.nodes[0].rpc_url(), keys.path().join("bob.key").display().to_string());
	educhain_e2e::cli::json(&url, &["keys", "new-assertion-key", &key]);
	educhain_e2e::cli::json(&url, &["registry", "add-key", &key, "--signer", "//Bob"]);
	let micro = micro_credential(&rpc).await;
	let signed_micro = sign(&url, &micro, &key, keys.path());
	rpc.finalize_best(Duration::from_secs(120)).await;

	// The committed spec, with the four nodes' addresses (their ports are the test's).
	let mut peers = Vec::new();
	for node in &net.nodes {
		peers.extend(light::peers_of(&node.rpc_url()).await.expect("addresses"));
	}
	let chain_spec = std::fs::read_to_string(local_raw_spec()).unwrap();
	let dir = tempfile::tempdir().unwrap();
	let database = dir.path().join("light.db");
	let source = Source::Light { chain_spec, peers: peers.clone(), database: Some(database.clone()), sync_limit: educhain_e2e::LIGHT_SYNC_LIMIT };

	let started = Instant::now();
	let verifier = Verifier::open(&source).await.expect("the light client syncs");
	let report = verifier.verify(&dave).await.unwrap();
	let cold = started.elapsed();
	assert!(report.valid(), "{report}");
	assert_eq!(report.basis.as_ref().map(|b| &b.trust), Some(&Trust::LightClient));
	let started = Instant::now();
	let report = verifier.verify(&eve).await.unwrap();
	let warm = started.elapsed();
	assert_eq!(failed(&report), vec!["status"], "{report}");
	let report = verifier.verify(&forged).await.unwrap();
	assert!(failed(&report).contains(&"integrity"), "{report}");
	let (_, held) = verifier.held(&Eve.to_account_id()).await.expect("Eve's credentials");
	assert_eq!(held.iter().map(|c| (c.id, c.record.as_ref().map(|r| r.status.clone()))).collect::<Vec<_>>(),
		vec![(id, Some(StatusView::Revoked { reason: 2, block: revoked_at }))]);
	verifier.save().await.expect("the state saved");
	assert!(std::fs::metadata(&database).unwrap().len() > 0, "a saved database");
	drop(verifier);

	let started = Instant::now();
	let verifier = Verifier::open(&source).await.expect("the light client starts from its database");
	let report = verifier.verify(&dave).await.unwrap();
	let saved = started.elapsed();
	assert!(report.valid(), "{report}");
	eprintln!("light client on the local network: cold {cold:?}, warm {warm:?}, from a saved database {saved:?}");
	assert!(cold <= Duration::from_secs(10) && warm <= Duration::from_secs(1) && saved <= Duration::from_secs(10));

	// The page, on the same documents, must say what educhain-verify says, check for check.
	let mut as_degree = micro.clone();
	as_degree["credentialSubject"]["achievement"]["achievementType"] = json!("Degree");
	let documents = [
		("valid", &dave),
		("revoked", &eve),
		("altered", &forged),
		("micro-as-degree", &as_degree),
		("micro", &micro),
		("signed-micro", &signed_micro),
	];
	let mut cases = Vec::new();
	for (name, document) in documents {
		cases.push((name, document.clone(), verifier.verify(document).await.unwrap()));
	}
	assert_eq!(cases.iter().map(|(_, _, r)| r.valid()).collect::<Vec<_>>(), [true, false, false, false, true, true]);
	assert!(cases[5].2.signed, "{}", cases[5].2);
	let ws: Vec<String> = peers.into_iter().filter(|a| a.contains("/ws/p2p/")).collect();
	let ports: Vec<u16> = net.nodes.iter().map(|n| n.rpc_port).collect();
	let dir = tempfile::tempdir().unwrap();
	let page = Page::serve(&dir.path().join("page"), &local_raw_spec(), &ws);
	the_page(&page, dir.path(), &ports, &cases, revoked_at);

	// Receipts of Dave's and Eve's degrees and of the signed micro-credential, made from a node;
	// then, with every node stopped, the page checks them offline as educhain-cli does, and
	// refuses a receipt with an altered proof.
	let spec = std::fs::read_to_string(local_raw_spec()).unwrap();
	let mut offline = Vec::new();
	for (name, document) in [("receipt-valid", &dave), ("receipt-revoked", &eve), ("receipt-signed", &signed_micro)] {
		let id = format!("{:?}", educhain_verifier::credential_id(document).unwrap());
		let out = dir.path().join(format!("{name}.receipt.json"));
		educhain_e2e::cli::json(&net.nodes[0].rpc_url(), &["credentials", "receipt", &id, "--out", &out.display().to_string()]);
		let receipt: Receipt = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
		let report = educhain_verifier::verify_receipt(document, &receipt, &spec, None).await.expect("the receipt verifies");
		offline.push((name, (*document).clone(), report, receipt));
	}
	drop(net);
	the_page_offline(&page, dir.path(), &ports, &offline);
}

/// Charlie runs a course of one 100-coin task for Dave, who claims its micro-credential: the
/// document, now on chain.
async fn micro_credential(rpc: &Rpc) -> Value {
	let c = RuntimeCall::Coins;
	let document: H256 = digest::course_digest("Data cleaning").into();
	let create = pallet_coins::Call::create_course { institution: Bob.to_account_id(), document, threshold: 100 };
	sign_and_include(rpc, c(create), Charlie, "course").await;
	let task = pallet_coins::Call::add_task { course: 0, document: digest::course_digest("task").into(), max_coins: 100 };
	sign_and_include(rpc, c(task), Charlie, "task").await;
	let enrol = pallet_coins::Call::enrol { course: 0, learners: vec![Dave.to_account_id()].try_into().unwrap() };
	sign_and_include(rpc, c(enrol), Charlie, "enrol").await;
	let award = pallet_coins::Call::award { course: 0, learner: Dave.to_account_id(), task: 0, coins: 100 };
	sign_and_include(rpc, c(award), Charlie, "award").await;
	let (bob, dave) = (Bob.to_account_id().to_ss58check(), Dave.to_account_id().to_ss58check());
	let micro = educhain_verifier::micro_credential(&bob, &dave, 0, &format!("{document:?}"));
	let credential = educhain_verifier::credential_id(&micro).unwrap();
	sign_and_include(rpc, c(pallet_coins::Call::claim { course: 0, credential }), Dave, "claim").await;
	micro
}

/// `document`, which Bob issued, signed by Bob with the assertion key in file `key` (both suites).
fn sign(url: &str, document: &Value, key: &str, dir: &Path) -> Value {
	let (unsigned, signed) = (dir.join("unsigned.json"), dir.join("signed.json"));
	std::fs::write(&unsigned, document.to_string()).unwrap();
	let (unsigned, out) = (unsigned.display().to_string(), signed.display().to_string());
	educhain_e2e::cli::json(url, &["credentials", "sign", &unsigned, "--sign", key, "--jcs", "--out", &out, "--signer", "//Bob"]);
	serde_json::from_str(&std::fs::read_to_string(&signed).unwrap()).unwrap()
}

/// A case of the page's test for `document`, saved as `<name>.json` in `dir`: the verdict and
/// checks `report` has.
fn case(dir: &Path, name: &str, document: &Value, report: &Report) -> Value {
	let file = dir.join(format!("{name}.json"));
	std::fs::write(&file, document.to_string()).unwrap();
	let checks: Vec<Value> = report.checks.iter().map(|c| json!({ "name": c.name, "passed": c.passed, "detail": c.detail })).collect();
	let verdict = if report.valid() { "VALID" } else { "NOT VALID" };
	json!({ "name": name, "file": file, "verdict": verdict, "checks": checks, "expect": [] })
}

/// Run the page's test on `cases`, written to `<file>` in `dir`.
fn run(page: &Page, dir: &Path, file: &str, cases: Vec<Value>, rpc_ports: &[u16]) {
	let path = dir.join(file);
	std::fs::write(&path, Value::from(cases).to_string()).unwrap();
	let said = page.check(&path, rpc_ports);
	eprintln!("the verification page ({file}):\n{said}");
}

/// The verification page in headless Chromium and Firefox, through its own light client with the nodes'
/// WebSocket addresses as boot nodes, never contacting a node's RPC port (`rpc_ports`): for each
/// document in `cases` (Dave's valid degree, Eve's revoked one, the forged copy, Dave's
/// micro-credential restyled as a degree, the micro-credential itself, and signed by Bob), the
/// same verdict and the same checks, word for word, as the Rust verifier's report; and Eve's
/// credentials by DID; then Dave's degree opened from a link in each browser.
fn the_page(page: &Page, dir: &Path, rpc_ports: &[u16], cases: &[(&str, Value, Report)], revoked_at: u32) {
	let mut listed: Vec<Value> = cases.iter().map(|(name, document, report)| case(dir, name, document, report)).collect();
	let eve_did = format!("did:educhain:{}", Eve.to_account_id().to_ss58check());
	let expect = json!(["1 credential(s)", format!("revoked at block {revoked_at}, reason 2")]);
	listed.push(json!({ "name": "held", "holder": eve_did, "expect": expect }));
	let valid = listed.iter_mut().find(|c| c["name"] == "valid").expect("Dave's valid degree is a case");
	valid["link"] = json!(true);
	run(page, dir, "cases.json", listed, rpc_ports);
}

/// The page with no node running: each receipt in `offline` gives the Rust verifier's verdict and
/// checks, and one with a flipped bit in its proof gives "Could not verify the receipt".
fn the_page_offline(page: &Page, dir: &Path, rpc_ports: &[u16], offline: &[(&str, Value, Report, Receipt)]) {
	let mut listed = Vec::new();
	for (name, document, report, _) in offline {
		let mut with_receipt = case(dir, name, document, report);
		with_receipt["receipt"] = json!(dir.join(format!("{name}.receipt.json")));
		listed.push(with_receipt);
	}
	let (name, document, _, receipt) = &offline[0];
	let mut altered = receipt.clone();
	let node = altered.proof.iter_mut().max_by_key(|n| n.len()).expect("proof nodes");
	let middle = node.len() / 2;
	node.0[middle] ^= 1;
	let path = dir.join("altered.receipt.json");
	std::fs::write(&path, serde_json::to_string(&altered).unwrap()).unwrap();
	let file = dir.join(format!("{name}-altered.json"));
	std::fs::write(&file, document.to_string()).unwrap();
	listed.push(json!({ "name": "receipt-altered", "file": file, "receipt": path, "expect": ["Could not verify the receipt"] }));
	run(page, dir, "offline.json", listed, rpc_ports);
}
