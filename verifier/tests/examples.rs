//! docs/examples' signed credentials: each verifies against the example DID document, and
//! changing any single member of it makes a proof fail. `write_examples` (ignored) writes them
//! again after a deliberate change of format:
//! `cargo test --release -p educhain-verifier --test examples -- --ignored write_examples`.

use educhain_client::api::did::DidDocument;
use educhain_client::vc::{credential_id, multikey, proof};
use educhain_verifier::{document::Format, micro_credential};
use serde_json::{json, Value};
use sp_core::{ed25519, Pair};
use std::path::PathBuf;

/// Bob and Dave of the dev chain, and a course document digest.
const ISSUER: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
const HOLDER: &str = "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy";
const PROGRAM_DOC: &str = "0xd2ca32fae5659f2cdc17706b645a09eb0a62c9c6dc26d68da9f7ad334cce2f70";
const COURSE_DOC: &str = "0x1d6ae947d92d6683a2df99e55d2b4696da781e75b8b6c89d819d7ca1f720929a";
/// An example chain's genesis hash.
const GENESIS: &str = "0x5f5ad1a1c5a1b9a2f3c6d2f3a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0";

/// The repository root of the checkout that `cargo test` runs in, not of the one this test was
/// built in (checkouts share a target directory; see `educhain_e2e::cli::root`).
fn root() -> PathBuf {
	let verifier = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
	verifier.join("..")
}

fn path(name: &str) -> PathBuf {
	root().join("docs/examples").join(name)
}

fn read(name: &str) -> Value {
	serde_json::from_str(&std::fs::read_to_string(path(name)).unwrap()).unwrap()
}

/// The example key: seed `[7; 32]`. Never use it.
fn key() -> ed25519::Pair {
	ed25519::Pair::from_seed(&[7; 32])
}

fn did() -> String {
	format!("did:educhain:{ISSUER}")
}

fn degree() -> Value {
	json!({
		"@context": educhain_verifier::document::OB_CONTEXTS, "type": ["VerifiableCredential", "OpenBadgeCredential"],
		"issuer": { "id": did(), "type": ["Profile"], "name": "University of Bob" },
		"validFrom": "2026-11-21T00:00:00Z",
		"name": "BSc Computing",
		"credentialSubject": {
			"id": format!("did:educhain:{HOLDER}"), "type": ["AchievementSubject"],
			"achievement": {
				"id": "urn:educhain:program:1", "type": ["Achievement"], "achievementType": "Degree",
				"name": "BSc Computing", "description": "Bachelor of Science in Computing, 2026 edition.",
				"criteria": { "id": format!("urn:educhain:document:{PROGRAM_DOC}"), "narrative": "180 credits within three to six years." },
			},
			"enrolment": 0,
		},
	})
}

/// Add the status and both proofs, as `educhain-cli credentials issue --sign --jcs` does.
async fn sign(mut document: Value) -> Value {
	let id = credential_id(&document).unwrap();
	document["credentialStatus"] = json!({ "type": "EduchainCredentialStatus", "credentialId": id, "genesisHash": GENESIS });
	let method = multikey::method_id(&did(), &key().public().0);
	let suites = [proof::Suite::Rdfc, proof::Suite::Jcs];
	proof::sign(&mut document, &key(), &method, "2026-11-21T10:00:00Z", &suites).await.unwrap();
	document
}

fn did_document() -> Value {
	let public = multikey::encode(&key().public().0);
	json!({
		"@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1", "https://w3id.org/educhain/v1"],
		"id": did(),
		"verificationMethod": [{
			"id": format!("{}#{public}", did()), "type": "Multikey", "controller": did(),
			"publicKeyMultibase": public, "addedAtBlock": 3,
		}],
		"assertionMethod": [format!("{}#{public}", did())],
		"registryStatus": "Active",
	})
}

async fn examples() -> [(&'static str, Value); 2] {
	let micro = micro_credential(ISSUER, HOLDER, 3, COURSE_DOC);
	[("degree-signed.json", sign(degree()).await), ("micro-credential-signed.json", sign(micro).await)]
}

#[tokio::test]
#[ignore = "writes docs/examples"]
async fn write_examples() {
	for (name, document) in examples().await {
		std::fs::write(path(name), serde_json::to_string_pretty(&document).unwrap() + "\n").unwrap();
	}
	std::fs::write(path("did-institution.json"), serde_json::to_string_pretty(&did_document()).unwrap() + "\n").unwrap();
}

/// Every leaf member of `value`, as a JSON pointer.
fn leaves(value: &Value, at: String, out: &mut Vec<String>) {
	match value {
		Value::Object(members) => members.iter().for_each(|(k, v)| leaves(v, format!("{at}/{k}"), out)),
		Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| leaves(v, format!("{at}/{i}"), out)),
		_ => out.push(at),
	}
}

#[tokio::test]
async fn the_signed_examples_are_current_verify_and_fail_after_any_change() {
	let did: DidDocument = serde_json::from_value(read("did-institution.json")).unwrap();
	assert_eq!(read("did-institution.json"), did_document(), "write_examples has not been run");
	for (name, expected) in examples().await {
		let document = read(name);
		assert_eq!(document, expected, "{name} is not what write_examples writes");
		assert_eq!(Format::of(&document), Some(Format::OpenBadge), "{name}");
		for check in proof::verify(&document).await.unwrap() {
			assert_eq!(check.outcome, Ok(key().public().0), "{name}: {check:?}");
			assert!(did.method(&check.method).is_some_and(|m| m.valid_at(3)), "{name}: {}", check.method);
		}
		let mut pointers = Vec::new();
		leaves(&document, String::new(), &mut pointers);
		for pointer in pointers {
			let mut altered = document.clone();
			let member = altered.pointer_mut(&pointer).unwrap();
			*member = match member {
				Value::String(s) => format!("{s}x").into(),
				Value::Number(n) => (n.as_u64().unwrap() + 1).into(),
				other => panic!("{name}{pointer}: {other}"),
			};
			let checks = proof::verify(&altered).await.unwrap();
			assert!(checks.iter().any(|c| c.outcome.is_err()), "{name}: changing {pointer} breaks no proof");
		}
	}
}

/// Digital Bazaar's verdict (tests/interop) on `document`, with the example DID document.
fn independent(document: &Value) -> bool {
	let root = root();
	let file = std::env::temp_dir().join(format!("educhain-example-{}.json", std::process::id()));
	std::fs::write(&file, serde_json::to_string(document).unwrap()).unwrap();
	let out = std::process::Command::new("node")
		.arg(root.join("tests/interop/verify.mjs"))
		.arg(&file)
		.arg(path("did-institution.json"))
		.output()
		.expect("node runs (scripts/setup.sh installs it and tests/interop's packages)");
	std::fs::remove_file(&file).unwrap();
	let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
	assert!(matches!(out.status.code(), Some(0 | 1)), "verify.mjs failed to run: {said}");
	out.status.success()
}

#[test]
fn an_independent_implementation_verifies_the_examples_and_refuses_tampered_copies() {
	for name in ["degree-signed.json", "micro-credential-signed.json"] {
		let document = read(name);
		assert!(independent(&document), "{name}");
		let mut tampered = document.clone();
		tampered["credentialSubject"]["achievement"]["name"] = json!("Doctor of Medicine");
		assert!(!independent(&tampered), "{name}, renamed");
	}
}
