//! Verification that trusts no server. A proxy in front of a real dev node lies about
//! `credentials_verify`: it revives a revoked credential and gives a valid one another holder.
//! The verifier in RPC mode, which believes its server, is fooled both ways. In light mode it
//! takes only peer addresses from the same proxy, checks every answer by proofs against a
//! finalized block, and gives the right verdicts; the `educhain-verify` command says which mode
//! it used. The light client's cold and warm times are bounded as issue 26 asks. Receipts made
//! from the node, over ws and over HTTP, verify with the node stopped, and altered ones do not. A light client that cannot
//! sync gives up at its user's limit and says why, as the page's does.

use super::credentials::{complete_program, valid_and_revoked};
use educhain_e2e::{
	cli::text,
	root,
	node::{dev_spec, run_bounded, workspace_binary, Node},
	proxy::LyingProxy,
	LIGHT_SYNC_LIMIT,
};
use educhain_client::{finality::AuthoritySet, receipt::Receipt};
use educhain_verifier::{Report, Source, Verifier};
use serde_json::{json, Value};
use sp_core::crypto::Ss58Codec;
use sp_keyring::{
	Ed25519Keyring,
	Sr25519Keyring::{Eve, Ferdie},
};
use std::{
	process::Command,
	sync::atomic::Ordering,
	time::{Duration, Instant},
};

/// The lie: a revoked credential is valid; a valid one is Ferdie's; and every credential a
/// holder holds is valid.
fn lie(method: &str, result: &mut Value) {
	if method == "credentials_held" {
		for credential in result["credentials"].as_array_mut().into_iter().flatten() {
			credential["status"] = json!({ "state": "valid" });
		}
		return;
	}
	if method != "credentials_verify" || result["found"] != true {
		return;
	}
	if result["status"]["state"] == "revoked" {
		result["status"] = json!({ "state": "valid" });
	} else {
		result["holder"] = Ferdie.to_account_id().to_ss58check().into();
	}
}

fn failed(report: &Report) -> Vec<&'static str> {
	report.failed().iter().map(|c| c.name).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lying_node_fools_rpc_mode_but_not_the_light_client() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let (node, rpc) = Node::dev(dir.path()).await;
	complete_program(&rpc).await;
	let (dave, eve, id, revoked_at) = valid_and_revoked(&rpc).await;
	rpc.finalize_best(Duration::from_secs(60)).await;
	let proxy = LyingProxy::start(&node.wait_listening(Duration::from_secs(30)), lie);

	// RPC mode believes the proxy: the valid degree is someone else's, the revoked one valid.
	let trusting = Verifier::open(&Source::Node(proxy.url())).await.expect("the proxy answers");
	let told = trusting.verify(&dave).await.unwrap();
	assert_eq!(failed(&told), vec!["holder"], "{told}");
	assert!(told.to_string().contains(&format!("trusting {}", proxy.url())), "{told}");
	let told = trusting.verify(&eve).await.unwrap();
	assert!(told.valid(), "RPC mode is fooled into accepting a revoked degree: {told}");
	assert!(proxy.lies.load(Ordering::Relaxed) >= 2, "the proxy lied");

	// Light mode learns peers from the same proxy, and is not fooled.
	let started = Instant::now();
	let source = educhain_e2e::light_args(&dev_spec(), None).source(Some(&proxy.url())).await.expect("peer addresses");
	let light = Verifier::open(&source).await.expect("the light client syncs");
	let report = light.verify(&dave).await.unwrap();
	let cold = started.elapsed();
	assert!(report.valid(), "{report}");
	let basis = report.basis.clone().expect("the block read");
	assert!(basis.number >= revoked_at, "read at finalized block {} before the revocation's {revoked_at}", basis.number);
	assert_eq!(rpc.client.block_hash(basis.number).await.unwrap(), Some(basis.hash), "the block named is the chain's");
	assert!(report.to_string().contains("finalized, verified by light client"), "{report}");
	let started = Instant::now();
	let report = light.verify(&eve).await.unwrap();
	let warm = started.elapsed();
	assert_eq!(failed(&report), vec!["status"], "{report}");
	assert!(report.to_string().contains("revoked at block"), "{report}");
	eprintln!("light client: cold {cold:?} (sync and first verdict), warm {warm:?} (the next verdict)");
	assert!(cold <= Duration::from_secs(10) && warm <= Duration::from_secs(1), "cold {cold:?}, warm {warm:?}");

	// The command: light by default (peers from the proxy), or --rpc, saying which.
	let (dir, paths) = (tempfile::tempdir().unwrap(), ["dave.json", "eve.json"]);
	for (name, doc) in paths.iter().zip([&dave, &eve]) {
		std::fs::write(dir.path().join(name), doc.to_string()).unwrap();
	}
	let docs: Vec<String> = paths.iter().map(|p| dir.path().join(p).display().to_string()).collect();
	let verify = |mode: &[&str]| {
		let mut cmd = Command::new(workspace_binary("educhain-verify"));
		cmd.current_dir(root()).args(mode).args(&docs).env_remove("EDUCHAIN_CHAIN_SPEC");
		cmd.env("EDUCHAIN_SYNC_LIMIT", LIGHT_SYNC_LIMIT.as_secs().to_string());
		run_bounded(&mut cmd, LIGHT_SYNC_LIMIT + Duration::from_secs(60))
	};
	let spec = dev_spec().display().to_string();
	let out = verify(&["--chain-spec", &spec, "--peers-from", &proxy.url()]);
	let said = text(&out);
	assert_eq!(out.status.code(), Some(1), "Eve's degree is revoked: {said}");
	assert_eq!(said.matches("verified by light client").count(), 2, "{said}");
	assert!(said.contains("[FAIL] status: revoked at block"), "{said}");
	let out = verify(&["--rpc", &proxy.url()]);
	let said = text(&out);
	assert!(said.contains(&format!("trusting {}", proxy.url())) && said.contains("[FAIL] holder"), "{said}");
	let out = verify(&[]);
	assert_eq!(out.status.code(), Some(2), "no chain spec and no --rpc: {}", text(&out));
	assert!(text(&out).contains("the network's raw chain spec is needed: --chain-spec FILE or $EDUCHAIN_CHAIN_SPEC, or --rpc URL"), "{}", text(&out));

	// A learner's view of what Eve holds: the node behind the proxy lies, the light client
	// (peers from the same proxy) does not.
	let eve_did = format!("did:educhain:{}", Eve.to_account_id().to_ss58check());
	let listed = |mode: &[&str]| educhain_e2e::cli::json(&proxy.url(), &[&["credentials", "held", &eve_did], mode].concat());
	let told = listed(&["--trust-node"]);
	assert_eq!(told["credentials"][0]["status"]["state"], "valid", "the node's lie is believed: {told}");
	let database = dir.path().join("held.light-db").display().to_string();
	let held = listed(&["--light-db", &database]);
	assert_eq!(held["block"]["verifiedBy"], "light client", "{held}");
	let saved = std::fs::read(&database).expect("--light-db keeps the light client's state");
	assert!(!saved.is_empty(), "an empty light client database");
	let again = listed(&["--light-db", &database]);
	assert_eq!((&again["block"]["verifiedBy"], &again["credentials"]), (&held["block"]["verifiedBy"], &held["credentials"]), "from its saved state: {again}");
	educhain_e2e::cli::fails(&proxy.url(), &["credentials", "held", &eve_did, "--trust-node", "--light-db", &database], 2, "cannot be used with");
	let mut no_spec = Command::new(workspace_binary("educhain-cli"));
	no_spec.current_dir(root()).args(["--url", &proxy.url(), "credentials", "held", &eve_did]).env_remove("EDUCHAIN_CHAIN_SPEC");
	let out = run_bounded(&mut no_spec, Duration::from_secs(60));
	let wanted = "the network's raw chain spec is needed: --chain-spec FILE or $EDUCHAIN_CHAIN_SPEC, or --trust-node";
	assert!(!out.status.success() && text(&out).contains(wanted), "{}", text(&out));
	let no_time = educhain_e2e::cli::fails(&proxy.url(), &["credentials", "held", &eve_did, "--sync-limit", "0"], 2, "a sync limit of 0 seconds");
	assert!(!no_time.contains("revoked"), "refused before reading: {no_time}");
	let nowhere = dir.path().join("gone").join("held.light-db").display().to_string();
	let no_folder = educhain_e2e::cli::fails(&proxy.url(), &["credentials", "held", &eve_did, "--light-db", &nowhere], 2, "gone does not exist");
	assert!(!no_folder.contains("revoked"), "refused before reading: {no_folder}");
	let credentials = held["credentials"].as_array().expect("a list");
	assert_eq!(credentials.len(), 1, "{held}");
	assert_eq!(credentials[0]["id"], format!("{id:?}"), "{held}");
	assert_eq!(credentials[0]["status"], json!({ "state": "revoked", "reason": 2, "block": revoked_at }), "{held}");

	receipts(node, &docs, &dave).await;
}

/// A light client that cannot sync gives up at the limit its user set (`--sync-limit`, else
/// `$EDUCHAIN_SYNC_LIMIT`) and says why; a limit of no time, or not a number, is refused. No node
/// runs: the dev chain spec names no boot node, so the light client finds no peer.
#[tokio::test(flavor = "multi_thread")]
async fn a_light_client_that_cannot_sync_says_why_at_its_users_limit() {
	let _gate = educhain_e2e::together();
	let spec = dev_spec().display().to_string();
	let verify = |flags: &[&str], variable: Option<&str>| {
		let mut cmd = Command::new(workspace_binary("educhain-verify"));
		cmd.current_dir(root()).args(["--chain-spec", &spec]).args(flags).arg(DEGREE).env_remove("EDUCHAIN_SYNC_LIMIT");
		if let Some(value) = variable {
			cmd.env("EDUCHAIN_SYNC_LIMIT", value);
		}
		let started = Instant::now();
		let out = run_bounded(&mut cmd, Duration::from_secs(60));
		(out.status.code(), text(&out), started.elapsed())
	};
	// The flag wins over the variable; the variable serves without the flag.
	for (flags, variable, limit) in [(&["--sync-limit", "2"][..], Some("100"), "2s"), (&[][..], Some("3"), "3s")] {
		let (code, said, took) = verify(flags, variable);
		assert_eq!(code, Some(2), "{said}");
		assert!(said.starts_with("could not verify: "), "{said}");
		assert!(said.contains(&format!("the light client did not sync within {limit}: it found no peer")), "{said}");
		assert!(took < Duration::from_secs(20), "gave up after {took:?}, with a limit of {limit}");
	}
	let (code, said, _) = verify(&["--sync-limit", "0"], None);
	assert_eq!((code, said.contains("a sync limit of 0 seconds leaves the light client no time")), (Some(2), true), "{said}");
	let (code, said, _) = verify(&[], Some("soon"));
	assert_eq!((code, said.contains("EDUCHAIN_SYNC_LIMIT=soon: not a number of seconds")), (Some(2), true), "{said}");
	let (code, said, _) = verify(&["--sync-limit", "5", "--rpc", "ws://127.0.0.1:1"], None);
	assert_eq!((code, said.contains("cannot be used with")), (Some(2), true), "a light client's limit with --rpc: {said}");
	// A file that is missing or not JSON, or a plain chain spec, is refused before any wait.
	let plain = root().join("chain-specs/dev.json").display().to_string();
	for (spec, document, wanted) in [
		(spec.as_str(), "missing.json", "could not verify: missing.json: No such file"),
		(spec.as_str(), "README.md", "could not verify: README.md: not JSON"),
		(plain.as_str(), DEGREE, "the chain spec is not raw (its genesis is not storage): give the raw one"),
	] {
		let mut cmd = Command::new(workspace_binary("educhain-verify"));
		cmd.current_dir(root()).args(["--chain-spec", spec, "--sync-limit", "30", document]);
		let started = Instant::now();
		let out = run_bounded(&mut cmd, Duration::from_secs(60));
		assert_eq!((out.status.code(), text(&out).contains(wanted)), (Some(2), true), "{document}: {}", text(&out));
		assert!(started.elapsed() < Duration::from_secs(10), "{document}: refused after {:?}", started.elapsed());
	}
}

/// A credential document of the README walkthrough.
const DEGREE: &str = "docs/examples/walkthrough/degree.json";

/// The page's light client waits by the same rule and gives up in the same words
/// (`web/src/catchup.js`, on stand-in light clients: `web/test/catchup.test.mjs`), at the limit
/// config.json sets.
#[test]
fn the_pages_light_client_waits_by_the_same_rule() {
	let _gate = educhain_e2e::together();
	let (passed, said) = educhain_e2e::page::node_test("catchup.test.mjs");
	assert_eq!(passed, 9, "{said}");
}

/// The page refuses a plain chain spec before its light client starts, in the Rust client's
/// words (`web/src/spec.js`, on the committed specs: `web/test/spec.test.mjs`), and gives a raw
/// one config.json's boot nodes; a config.json or spec the host does not serve (a 404, a failed
/// request) or a config.json without a chain spec is refused in words, not in the browser's.
#[test]
fn the_page_refuses_a_plain_chain_spec_in_the_clients_words() {
	let _gate = educhain_e2e::together();
	let (passed, said) = educhain_e2e::page::node_test("spec.test.mjs");
	assert_eq!(passed, 14, "{said}");
	let plain = format!("plain spec: {}\n", educhain_client::light::PLAIN_SPEC);
	assert!(said.contains(&plain), "the page's words differ from the client's:\n{said}");
}

/// Receipts of the two degrees, made from the node and then checked with the node stopped: the
/// right verdicts, from the chain spec or from a checkpoint; and a receipt altered anywhere
/// (proof, header, justification), or checked from the wrong authority set, gives no verdict but
/// "could not verify".
async fn receipts(mut node: Node, docs: &[String], dave: &Value) {
	let url = node.rpc_url();
	// The first over ws, from the justification subscription; the others over HTTP, which has
	// none, from the justification the node keeps every 16 blocks.
	let http = format!("http://{}", node.rpc_host());
	let receipt_of = |(i, doc): (usize, &String)| {
		let out = format!("{doc}.receipt");
		let made = educhain_e2e::cli::json(if i == 0 { &url } else { &http }, &["credentials", "receipt", doc, "--out", &out]);
		assert_eq!(made["found"], true, "{made}");
		out
	};
	// The checkpoint first: a receipt made after it is proven from it, through any set change
	// in between. The dev chain's set id moves on with the sessions, so it is read, not assumed.
	let checkpoint = format!("{}.checkpoint", docs[0]);
	let written = educhain_e2e::cli::json(&url, &["credentials", "checkpoint", "--out", &checkpoint]);
	let set = written["setId"].as_u64().unwrap_or_else(|| panic!("a set id: {written}"));
	let receipts: Vec<String> = docs.iter().enumerate().map(receipt_of).collect();
	node.stop();
	let offline = |doc: &str, receipt: &str| educhain_e2e::cli::cli("ws://127.0.0.1:1", &["credentials", "verify", doc, "--receipt", receipt]);
	let out = offline(&docs[0], &receipts[0]);
	let said = text(&out);
	assert!(out.status.success(), "{said}");
	assert!(said.contains("finalized by authority set "), "{said}");
	assert!(said.contains("(proven from the chain spec's genesis set), verified offline from a receipt"), "{said}");
	let out = offline(&docs[1], &receipts[1]);
	assert_eq!(out.status.code(), Some(1), "{}", text(&out));
	assert!(text(&out).contains("[FAIL] status: revoked at block"), "{}", text(&out));
	let out = offline(&docs[0], &receipts[1]);
	assert!(out.status.code() == Some(2) && text(&out).contains("the receipt is for credential"), "{}", text(&out));
	let args = ["credentials", "verify", &docs[0], "--receipt", &receipts[0], "--checkpoint", &checkpoint];
	let out = educhain_e2e::cli::cli("ws://127.0.0.1:1", &args);
	assert!(out.status.success() && text(&out).contains(&format!("checkpoint set {set}, which you trust")), "{}", text(&out));

	// What a lying node could hand out instead: each alteration is caught by a proof.
	let spec = std::fs::read_to_string(dev_spec()).unwrap();
	let honest: Receipt = serde_json::from_str(&std::fs::read_to_string(&receipts[0]).unwrap()).unwrap();
	let flip = |bytes: &mut sp_core::Bytes, at: usize| bytes.0[at] ^= 1;
	let mut altered = Vec::new();
	let mut r = honest.clone();
	let last = r.proof.len() - 1;
	flip(&mut r.proof[last], 40);
	altered.push(("a proof node", r, "storage proof"));
	let mut r = honest.clone();
	flip(&mut r.block.header, 40);
	altered.push(("the header's state root", r, "the justification is for block"));
	let mut r = honest.clone();
	let end = r.block.justification.len() - 1;
	flip(&mut r.block.justification, end - 70);
	altered.push(("a signature", r, "signature is not valid"));
	for (what, receipt, says) in altered {
		let e = educhain_verifier::verify_receipt(dave, &receipt, &spec, None).await.expect_err(what);
		assert!(e.contains("could not verify the receipt") && e.contains(says), "{what}: {e}");
	}
	// A checkpoint of the wrong authority set: Bob's key instead of Alice's.
	let wrong = AuthoritySet { id: 0, authorities: vec![(Ed25519Keyring::Bob.public().into(), 1)] };
	let e = educhain_verifier::verify_receipt(dave, &honest, &spec, Some(&wrong)).await.expect_err("the wrong set");
	assert!(e.contains("could not verify the receipt") && e.contains("outside authority set 0"), "{e}");
}
