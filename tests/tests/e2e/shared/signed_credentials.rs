//! Signed credentials on a dev node, through `educhain-cli`: Bob registers an Ed25519
//! assertion key and issues Dave's degree as a signed Open Badges 3.0 credential. The educhain
//! verifier and an independent implementation (Digital Bazaar's, `tests/interop`) both verify
//! it, and both refuse a tampered copy. After Bob rotates the key, the degree still verifies;
//! a degree signed with a key revoked before it was issued does not. A batch is signed with a
//! newer key. The ministry's did:web export names the chain DID.

use educhain_e2e::{
	chain::sign_and_include,
	cli::{fails, json},
	root,
	did,
	node::Node,
	rpc::Rpc,
};
use educhain_runtime::RuntimeCall;
use educhain_verifier::verify_file;
use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, H256};
use sp_keyring::Sr25519Keyring::{self, Bob, Dave, Eve, Ferdie};
use std::path::{Path, PathBuf};
use std::process::Command;

/// An unsigned Open Badges degree of `holder` for `enrolment`, as Bob writes it.
fn degree(holder: Sr25519Keyring, enrolment: u64) -> Value {
	json!({
		"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "https://w3id.org/educhain/v1"],
		"type": ["VerifiableCredential", "OpenBadgeCredential"],
		"issuer": { "id": did(Bob), "type": ["Profile"], "name": "University of Bob" },
		"validFrom": format!("{}T00:00:00Z", educhain_verifier::dates::date(educhain_e2e::today().into())),
		"name": "BSc Computing",
		"credentialSubject": {
			"id": did(holder),
			"type": ["AchievementSubject"],
			"achievement": {
				"id": "urn:educhain:program:1",
				"type": ["Achievement"],
				"achievementType": "Degree",
				"name": "BSc Computing",
				"description": "Ten credits of computing.",
				"criteria": { "id": format!("urn:educhain:document:{:?}", H256::zero()) },
			},
			"enrolment": enrolment,
		},
	})
}

fn write(path: &Path, value: &Value) -> PathBuf {
	std::fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
	path.to_path_buf()
}

fn read(path: &Path) -> Value {
	serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Digital Bazaar's verdict on `credential` with the DID document `did`.
fn independent(credential: &Path, did: &Path) -> (bool, String) {
	let out = Command::new("node")
		.arg(root().join("tests/interop/verify.mjs"))
		.args([credential, did])
		.output()
		.expect("node runs (scripts/setup.sh installs it and tests/interop's packages)");
	let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
	assert!(matches!(out.status.code(), Some(0 | 1)), "verify.mjs failed to run: {said}");
	(out.status.success(), said)
}

/// Bob's DID document from the chain, written to `path`.
fn resolve(url: &str, path: &Path) -> PathBuf {
	write(path, &json(url, &["did", "resolve", &did(Bob)]))
}

/// Ferdie qualifies for program 1 (enrolment 2) with a 10-credit class.
async fn qualify_ferdie(rpc: &Rpc) {
	let enrol = pallet_transcripts::Call::enrol { learner: Ferdie.to_account_id(), program: 1, start: educhain_e2e::today() };
	sign_and_include(rpc, RuntimeCall::Transcripts(enrol), Bob, "enrol Ferdie").await;
	super::credentials::pass_class(rpc, 2, 2, Ferdie, 10).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_degree_verifies_here_and_elsewhere_across_rotation_and_not_after_revocation() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let (node, rpc) = Node::dev(dir.path()).await;
	let url = node.rpc_url();
	super::credentials::complete_program(&rpc).await;
	let bob = ["--signer", "//Bob"];
	let file = |name: &str| dir.path().join(name);
	let path = |p: &PathBuf| p.to_str().unwrap().to_string();

	// Bob's first assertion key, registered on chain.
	let key1 = file("key1.json");
	let made = json(&url, &["keys", "new-assertion-key", &path(&key1)]);
	json(&url, &[&["registry", "add-key", &path(&key1)][..], &bob].concat());

	// Dave's degree, signed with both suites and issued.
	let (unsigned, signed) = (write(&file("dave.json"), &degree(Dave, 0)), file("dave-signed.json"));
	let issue = ["credentials", "issue", &Dave.to_account_id().to_ss58check(), "--enrolment", "0", "--kind", "Degree"];
	let files = ["--document", &path(&unsigned), "--sign", &path(&key1), "--jcs", "--out", &path(&signed)];
	json(&url, &[&issue[..], &files, &bob].concat());
	let document = read(&signed);
	assert_eq!(document["proof"][0]["cryptosuite"], "eddsa-rdfc-2022");
	assert_eq!(document["proof"][1]["cryptosuite"], "eddsa-jcs-2022");
	let method = document["proof"][0]["verificationMethod"].as_str().unwrap().to_string();
	assert!(method.ends_with(made["publicKeyMultibase"].as_str().unwrap()), "{method}");
	assert_eq!(document["credentialStatus"]["credentialId"], format!("{:?}", educhain_verifier::credential_id(&degree(Dave, 0)).unwrap()));

	let report = verify_file(&signed, &url).await.unwrap();
	assert!(report.valid() && report.signed, "{report}");
	assert!(report.unattested.contains(&r#"credentialSubject.achievement.description = "Ten credits of computing.""#.into()));
	let did_doc = resolve(&url, &file("did.json"));
	let (verified, said) = independent(&signed, &did_doc);
	assert!(verified, "{said}");

	// One signed member changed: not valid here, naming the proofs, nor elsewhere.
	let mut tampered = document.clone();
	tampered["credentialSubject"]["achievement"]["name"] = json!("MSc Computing");
	let tampered = write(&file("tampered.json"), &tampered);
	let report = verify_file(&tampered, &url).await.unwrap();
	assert!(!report.valid(), "{report}");
	assert!(report.to_string().contains("proof 1 (eddsa-rdfc-2022): the signature does not match"), "{report}");
	let (verified, said) = independent(&tampered, &did_doc);
	assert!(!verified, "{said}");

	// Rotated: the degree issued before stays valid, here and elsewhere.
	let key2 = file("key2.json");
	json(&url, &["keys", "new-assertion-key", &path(&key2)]);
	json(&url, &[&["registry", "rotate-key", &path(&key1), &path(&key2)][..], &bob].concat());
	let report = verify_file(&signed, &url).await.unwrap();
	assert!(report.valid(), "{report}");
	let did_doc = resolve(&url, &file("did-rotated.json"));
	let rotated = read(&did_doc);
	assert_eq!(rotated["verificationMethod"][0]["endReason"], "Rotated");
	assert!(independent(&signed, &did_doc).0);

	// Revoked: the CLI will not sign with it, and a degree signed with it regardless and issued
	// afterwards does not verify.
	json(&url, &[&["registry", "revoke-key", &Bob.to_account_id().to_ss58check(), &path(&key2)][..], &bob].concat());
	qualify_ferdie(&rpc).await;
	let ferdie = write(&file("ferdie.json"), &degree(Ferdie, 2));
	let ferdie_issue = ["credentials", "issue", &Ferdie.to_account_id().to_ss58check(), "--enrolment", "2", "--kind", "Degree"];
	let signing = ["--document", &path(&ferdie), "--sign", &path(&key2), "--out", &path(&file("no.json"))];
	fails(&url, &[&ferdie_issue[..], &signing, &bob].concat(), 2, "is not a current assertion key");
	let mut late = degree(Ferdie, 2);
	let pair = educhain_client::vc::key::load(&key2).unwrap();
	let method = educhain_client::vc::multikey::method_id(&did(Bob), &sp_core::Pair::public(&pair).0);
	educhain_client::vc::proof::sign(&mut late, &pair, &method, "2026-01-01T00:00:00Z", &[educhain_client::vc::proof::Suite::Rdfc])
		.await
		.unwrap();
	let late = write(&file("late.json"), &late);
	json(&url, &[&ferdie_issue[..], &["--document", &path(&late)], &bob].concat());
	let report = verify_file(&late, &url).await.unwrap();
	assert!(!report.valid(), "{report}");
	assert!(report.to_string().contains("was not did:educhain:"), "{report}");

	// A new key after the revocation, and a signed batch: Eve completes her credits (class 3
	// for her enrolment 1) and her degree is issued from a CSV file, signed into a directory.
	let key3 = file("key3.json");
	json(&url, &["keys", "new-assertion-key", &path(&key3)]);
	json(&url, &[&["registry", "add-key", &path(&key3)][..], &bob].concat());
	super::credentials::pass_class(&rpc, 3, 1, Eve, 1).await;
	write(&file("eve.json"), &degree(Eve, 1));
	let csv = file("degrees.csv");
	std::fs::write(&csv, format!("holder,enrolment,kind,document\n{},1,Degree,eve.json\n", Eve.to_account_id().to_ss58check())).unwrap();
	let signed_dir = file("signed");
	json(&url, &[&["credentials", "issue-batch", &path(&csv), "--sign", &path(&key3), "--out", &path(&signed_dir)][..], &bob].concat());
	let report = verify_file(&signed_dir.join("eve.json"), &url).await.unwrap();
	assert!(report.valid() && report.signed, "{report}");

	// The ministry's did:web documents name the chain DID.
	let web = file("web");
	json(&url, &["did", "export-web", "--host", "ministry.example", "--out", &path(&web)]);
	let bob_web = read(&web.join("institutions").join(Bob.to_account_id().to_ss58check()).join("did.json"));
	assert_eq!(bob_web["id"], format!("did:web:ministry.example:institutions:{}", Bob.to_account_id().to_ss58check()));
	assert_eq!(bob_web["alsoKnownAs"], json!([did(Bob)]));
	assert_eq!(bob_web["verificationMethod"].as_array().unwrap().len(), 3);
}
