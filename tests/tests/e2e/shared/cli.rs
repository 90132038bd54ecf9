//! `educhain-cli` against a dev node: keys, registry reads, an application and a ministry
//! decision, lecturers (appointed over HTTP, and the transaction found again by its hash), reads of the other pallets, `--finalized`,
//! `--json`, and failures decoded into the pallet's error and its documentation with exit code 1
//! (bad input exits 2).

use educhain_e2e::{
	cli::{cli, json, stdout},
	node::{workspace_binary, Node},
};
use serde_json::Value;
use sp_core::crypto::Ss58Codec;
use sp_keyring::Sr25519Keyring::{Bob, Charlie, Dave};
use std::process::Command;

/// A polkadot.js keystore file (version 3: scrypt and xsalsa20-poly1305 over the PKCS#8 form of
/// the sr25519 key) for `who`, sealed with `password`.
fn keystore(who: sp_keyring::Sr25519Keyring, password: &str) -> String {
	use base64::Engine;
	use crypto_secretbox::{aead::Aead, KeyInit, XSalsa20Poly1305};
	const PKCS8_HEADER: [u8; 16] = [48, 83, 2, 1, 1, 48, 5, 6, 3, 43, 101, 112, 4, 34, 4, 32];
	const PKCS8_DIVIDER: [u8; 5] = [161, 35, 3, 33, 0];
	let pair = who.pair();
	let secret = schnorrkel::SecretKey::from_bytes(&sp_core::Pair::to_raw_vec(&pair)).unwrap();
	let plain = [&PKCS8_HEADER[..], &secret.to_ed25519_bytes(), &PKCS8_DIVIDER, &sp_core::Pair::public(&pair).0].concat();
	let (salt, nonce) = ([7u8; 32], [9u8; 24]);
	let mut key = [0u8; 32];
	scrypt::scrypt(password.as_bytes(), &salt, &scrypt::Params::new(15, 8, 1, 32).unwrap(), &mut key).unwrap();
	let sealed = XSalsa20Poly1305::new(&key.into()).encrypt(&nonce.into(), &plain[..]).unwrap();
	let (n, p, r) = (1u32 << 15, 1u32, 8u32);
	let encoded = [&salt[..], &n.to_le_bytes(), &p.to_le_bytes(), &r.to_le_bytes(), &nonce, &sealed].concat();
	serde_json::json!({
		"encoded": base64::engine::general_purpose::STANDARD.encode(encoded),
		"encoding": { "content": ["pkcs8", "sr25519"], "type": ["scrypt", "xsalsa20-poly1305"], "version": "3" },
		"address": who.to_account_id().to_ss58check(),
		"meta": {},
	})
	.to_string()
}

#[test]
fn a_keystore_file_opens_with_its_password_only() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let file = dir.path().join("eve.json");
	std::fs::write(&file, keystore(sp_keyring::Sr25519Keyring::Eve, "correct horse")).unwrap();
	let spec = format!("keystore:{}", file.display());
	let inspect = |password: &str| {
		Command::new(workspace_binary("educhain-cli"))
			.env("EDUCHAIN_KEYSTORE_PASSWORD", password)
			.args(["--json", "keys", "inspect", &spec])
			.output()
			.unwrap()
	};
	let out = inspect("correct horse");
	assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
	let key: Value = serde_json::from_slice(&out.stdout).unwrap();
	assert_eq!(key["account"], sp_keyring::Sr25519Keyring::Eve.to_account_id().to_ss58check());
	let out = inspect("wrong horse");
	assert_eq!(out.status.code(), Some(2));
	assert!(String::from_utf8_lossy(&out.stderr).contains("keystore"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn keys_are_generated_and_inspected_without_a_node() {
	let _gate = educhain_e2e::together();
	let url = "ws://127.0.0.1:9";
	let bob = json(url, &["keys", "inspect", "//Bob"]);
	assert_eq!(bob["account"], Bob.to_account_id().to_ss58check());
	assert_eq!(bob["public"], format!("0x{}", hex::encode(Bob.public().0)));
	let new = json(url, &["keys", "generate"]);
	let phrase = new["mnemonic"].as_str().unwrap();
	assert_eq!(phrase.split(' ').count(), 12);
	assert_eq!(json(url, &["keys", "inspect", phrase])["account"], new["account"]);
	assert_ne!(new["account"], bob["account"]);
	// A bad key is a usage error.
	let out = cli(url, &["keys", "inspect", "not a key"]);
	assert_eq!(out.status.code(), Some(2));
}

/// Input that could only make something no one can use is refused, exit 2, before any node is
/// asked (there is none at this address): a secret that is empty (the public development
/// phrase, named as the argument it was, not as `--signer`), a presentation of nothing, a did:web host with a scheme, a course code with spaces.
#[test]
fn input_no_one_could_use_is_refused_without_a_node() {
	let _gate = educhain_e2e::together();
	let url = "ws://127.0.0.1:9";
	let bob = Bob.to_account_id().to_ss58check();
	let dir = tempfile::tempdir().unwrap();
	let (vp, web) = (dir.path().join("vp.json"), dir.path().join("web"));
	let (vp, web) = (vp.to_str().unwrap(), web.to_str().unwrap());
	let cases: [(&[&str], &str); 5] = [
		(&["keys", "inspect", ""], "the secret is empty"),
		(&["keys", "holder", "--secret", "", "--institution", &bob], "the secret is empty"),
		(&["present", "--secret", "//Eve", "--institution", &bob, "--challenge", "c0ffee", "--domain", "jobs.example", "--out", vp], "nothing to present"),
		(&["did", "export-web", "--host", "https://ministry.example", "--out", web], "without a scheme or path"),
		(&["digest", "course", "CS101 "], "give the code alone"),
	];
	for (args, why) in cases {
		let out = cli(url, args);
		let said = String::from_utf8_lossy(&out.stderr);
		assert_eq!((out.status.code(), said.contains(why)), (Some(2), true), "{args:?}: {said}");
		assert!(!said.contains("cannot reach"), "{args:?} asked a node: {said}");
		assert!(!said.contains("--signer"), "{args:?} blamed --signer, which it was not given: {said}");
	}
	assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "something was written");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_registry_from_the_command_line() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let (node, _rpc) = Node::dev(dir.path()).await;
	let url = node.rpc_url();
	let (bob, charlie, dave) =
		(Bob.to_account_id().to_ss58check(), Charlie.to_account_id().to_ss58check(), Dave.to_account_id().to_ss58check());

	let members = json(&url, &["registry", "members"]);
	assert!(members.as_array().unwrap().iter().any(|m| m["account"] == bob && m["status"] == "Active"), "{members}");
	let human = stdout(&cli(&url, &["registry", "institution", &bob]));
	assert!(human.contains("University Active"), "{human}");

	// Charlie applies and the ministry admits it, both from the command line; the approval
	// waits for finality.
	let profile = format!("0x{}", "03".repeat(32));
	let applied = json(&url, &["--signer", "//Charlie", "registry", "apply", "--kind", "College", "--profile", &profile]);
	assert!(applied["events"].to_string().contains("Registry."), "{applied}");
	let open = json(&url, &["registry", "applications"]);
	assert_eq!(open[0]["subject"], charlie, "{open}");
	assert_eq!(json(&url, &["registry", "institution", &charlie])["kind"], "College");
	// A second application while the first is open is refused by the registry.
	let out = cli(&url, &["--signer", "//Charlie", "registry", "apply", "--kind", "College", "--profile", &profile]);
	assert_ne!(out.status.code(), Some(0));
	let done = json(&url, &["--finalized", "--signer", "//Alice", "registry", "approve", &charlie]);
	assert_eq!(done["ok"], true);
	assert!(done["events"].as_array().unwrap().iter().any(|e| e.as_str().unwrap().starts_with("Registry.")), "{done}");
	assert_eq!(json(&url, &["registry", "institution", &charlie])["status"], "Active");

	// Charlie appoints Dave over HTTP, which has no subscriptions (the client finds the
	// transaction in the blocks); the lecturers list shows it.
	let http = url.replace("ws://", "http://");
	let granted = json(&http, &["--finalized", "--signer", "//Charlie", "registry", "grant-lecturer", &dave]);
	assert!(granted["events"].to_string().contains("Registry.LecturerGranted"), "{granted}");
	// A transaction sent earlier is found by its hash, as a command that timed out says to do.
	let found = json(&url, &["find", granted["transaction"].as_str().unwrap(), "--from", "0"]);
	assert_eq!((&found["block"], &found["final"]), (&granted["block"], &Value::Bool(true)), "{found}");
	assert!(found["events"].to_string().contains("Registry.LecturerGranted"), "{found}");
	let unknown = format!("0x{}", "ab".repeat(32));
	let out = cli(&url, &["find", &unknown, "--from", "1"]);
	let said = educhain_e2e::cli::text(&out);
	assert_eq!(out.status.code(), Some(1), "{said}");
	assert!(said.contains("no block from #1 to #") && said.contains(&unknown), "{said}");
	assert_eq!(json(&url, &["registry", "lecturers", &charlie]), serde_json::json!([dave]));

	// Failures name the pallet error and its documentation, and exit 1.
	let out = cli(&url, &["--signer", "//Bob", "registry", "vote", &dave, "aye"]);
	assert_eq!(out.status.code(), Some(1));
	let said = String::from_utf8_lossy(&out.stderr);
	assert!(said.contains("registry.NoSuchProposal: There is no open proposal about this account."), "{said}");
	let out = cli(&url, &["--json", "--signer", "//Charlie", "registry", "revoke-lecturer", &bob]);
	assert_eq!(out.status.code(), Some(1));
	let failed: Value = serde_json::from_str(&stdout(&out)).unwrap();
	assert_eq!(failed["error"], "registry.NotLecturer");
	assert_eq!(failed["docs"], "The account is not a lecturer of this institution.");
	// The ministry's call by someone else is refused by origin.
	let out = cli(&url, &["--signer", "//Bob", "registry", "approve", &dave]);
	assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));

	// Reads of the other pallets pass the node's answer through.
	assert_eq!(json(&url, &["transcripts", "transcript", &charlie]), serde_json::json!([]));
	assert_eq!(json(&url, &["transcripts", "programs", &bob]), serde_json::json!([]));
	assert_eq!(stdout(&cli(&url, &["transcripts", "class", "0"])).trim(), "none");
	// People are told an empty list is empty, not shown `[]`.
	assert_eq!(stdout(&cli(&url, &["transcripts", "programs", &bob])).trim(), "none");
	let zero = format!("0x{}", "00".repeat(32));
	assert_eq!(json(&url, &["credentials", "show", &zero])["found"], false);
	assert!(json(&url, &["coins", "course", "0"]).is_null());
	assert_eq!(json(&url, &["coins", "balances", &dave]), serde_json::json!([]));
	assert!(json(&url, &["fl", "task", "0"]).is_null());
	assert!(json(&url, &["fl", "budget", "0", &bob]).is_null());

	// Usage errors exit 2: no signer, a bad address, a bad credential id, no node.
	assert_eq!(cli(&url, &["registry", "approve", &dave]).status.code(), Some(2));
	assert_eq!(cli(&url, &["registry", "institution", "nobody"]).status.code(), Some(2));
	assert_eq!(cli(&url, &["credentials", "show", "xyz"]).status.code(), Some(2));
	assert_eq!(cli("ws://127.0.0.1:9", &["registry", "members"]).status.code(), Some(2));
	// A block the node never saw is named as such, whole, for the auditor's check and the events.
	for args in [["audit", "check", &zero], ["chain", "events", &zero]] {
		let out = cli(&url, &args);
		let said = educhain_e2e::cli::text(&out);
		assert_eq!(out.status.code(), Some(2), "{args:?}: {said}");
		assert!(said.contains(&zero) && !said.contains("Some("), "{args:?}: {said}");
	}
	// The node's refusal of a request is said in its words (jsonrpsee shows it in Debug form).
	let out = cli(&url, &["did", "resolve", "did:educhain:nobody"]);
	let said = educhain_e2e::cli::text(&out);
	assert_eq!(out.status.code(), Some(2), "{said}");
	assert!(said.contains("Invalid params: not a did:educhain DID: did:educhain:nobody") && !said.contains("ErrorObject"), "{said}");
}
