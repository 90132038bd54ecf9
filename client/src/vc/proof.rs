//! Data Integrity proofs (W3C `vc-di-eddsa`): `eddsa-rdfc-2022` and `eddsa-jcs-2022`.
//!
//! Both sign `SHA-256(canonical proof configuration) ‖ SHA-256(canonical document)`, where the
//! document is taken without its `proof` member and the configuration is the proof without its
//! `proofValue`, carrying the document's `@context`. They differ in the canonical form: RDFC-1.0
//! N-Quads of the JSON-LD, or the JCS text of the JSON. Several proofs on one document form a
//! proof set: each is made over the document without any proof.

use super::{jcs, multikey, rdfc};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use sp_core::{ed25519, Pair};

/// A Data Integrity cryptosuite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suite {
	/// `eddsa-rdfc-2022`: RDF canonicalization; what Open Badges 3.0 certification requires.
	Rdfc,
	/// `eddsa-jcs-2022`: JSON canonicalization.
	Jcs,
}

impl Suite {
	/// Its `cryptosuite` name.
	pub fn name(self) -> &'static str {
		match self {
			Suite::Rdfc => "eddsa-rdfc-2022",
			Suite::Jcs => "eddsa-jcs-2022",
		}
	}

	fn from_name(name: &str) -> Option<Suite> {
		[Suite::Rdfc, Suite::Jcs].into_iter().find(|s| s.name() == name)
	}
}

/// One proof of a document, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProofCheck {
	/// Its `cryptosuite`, as the document states it.
	pub suite: String,
	/// Its `verificationMethod`, as the document states it.
	pub method: String,
	/// The public key that made it, or why it does not verify.
	pub outcome: Result<[u8; 32], String>,
}

/// Sign `document` with `key`, whose verification method is `method` (`did#z6Mk…`), at
/// `created` (an RFC 3339 date-time): one `assertionMethod` proof per suite of `suites`,
/// replacing any proof it had.
pub async fn sign(document: &mut Value, key: &ed25519::Pair, method: &str, created: &str, suites: &[Suite]) -> Result<(), String> {
	let bare = without_proof(document)?;
	let mut proofs = Vec::new();
	for &suite in suites {
		let options = json!({ "created": created, "verificationMethod": method, "proofPurpose": ASSERTION });
		proofs.push(prove(&bare, key, suite, options).await?);
	}
	document["proof"] = match proofs.len() {
		1 => proofs.remove(0),
		_ => Value::Array(proofs),
	};
	Ok(())
}

/// What issuers' proofs are for.
pub const ASSERTION: &str = "assertionMethod";
/// What holders' proofs on presentations are for.
pub const AUTHENTICATION: &str = "authentication";

/// One proof of `bare` (a document without its `proof` member) by `key`, in `suite`, with the
/// proof `options` (an object: `verificationMethod`, `proofPurpose`, `created`, and any other
/// member the proof binds, such as a presentation's `challenge`, `domain` and `expires`).
pub async fn prove(bare: &Value, key: &ed25519::Pair, suite: Suite, options: Value) -> Result<Value, String> {
	let mut proof = json!({ "type": "DataIntegrityProof", "cryptosuite": suite.name() });
	let members = options.as_object().ok_or("proof options are an object")?;
	for (name, value) in members {
		proof[name] = value.clone();
	}
	if suite == Suite::Jcs {
		proof["@context"] = bare["@context"].clone();
	}
	let data = signed_data(suite, bare, &proof).await?;
	proof["proofValue"] = format!("z{}", bs58::encode(key.sign(&data).0).into_string()).into();
	Ok(proof)
}

/// Check every proof of `document`, in order, as an issuer's (`assertionMethod`). The key of
/// each is the one its verification method names; whether that key was the issuer's is for the
/// caller to ask the chain.
pub async fn verify(document: &Value) -> Result<Vec<ProofCheck>, String> {
	verify_for(document, ASSERTION).await
}

/// Check every proof of `document`, in order, each required to be for `purpose`.
pub async fn verify_for(document: &Value, purpose: &str) -> Result<Vec<ProofCheck>, String> {
	let bare = without_proof(document)?;
	let mut checks = Vec::new();
	for proof in proofs_of(document) {
		let text = |name: &str| proof[name].as_str().unwrap_or_default().to_string();
		let outcome = check(&bare, &proof, purpose).await;
		checks.push(ProofCheck { suite: text("cryptosuite"), method: text("verificationMethod"), outcome });
	}
	Ok(checks)
}

/// The proofs of `document`: none, one, or a proof set.
pub fn proofs_of(document: &Value) -> Vec<Value> {
	one_or_many(&document["proof"])
}

/// A member that holds one item or a list of them, as a list (none when absent).
pub(crate) fn one_or_many(member: &Value) -> Vec<Value> {
	match member {
		Value::Null => Vec::new(),
		Value::Array(all) => all.clone(),
		one => vec![one.clone()],
	}
}

async fn check(bare: &Value, proof: &Value, purpose: &str) -> Result<[u8; 32], String> {
	if proof["type"] != "DataIntegrityProof" || proof["proofPurpose"] != purpose {
		return Err(format!("not a DataIntegrityProof for {purpose}"));
	}
	let suite = proof["cryptosuite"].as_str().and_then(Suite::from_name).ok_or("an unsupported cryptosuite")?;
	let (_, public) = multikey::split_method(proof["verificationMethod"].as_str().unwrap_or_default())?;
	let value = proof["proofValue"].as_str().and_then(|v| v.strip_prefix('z')).ok_or("no base58btc proofValue")?;
	let signature: [u8; 64] = bs58::decode(value)
		.into_vec()
		.ok()
		.and_then(|bytes| bytes.try_into().ok())
		.ok_or("the proofValue is not a 64-byte signature")?;
	let mut config = proof.clone();
	config.as_object_mut().ok_or("a proof is an object")?.remove("proofValue");
	let data = signed_data(suite, bare, &config).await?;
	let valid = ed25519::Pair::verify(&ed25519::Signature::from_raw(signature), data, &ed25519::Public::from_raw(public));
	valid.then_some(public).ok_or_else(|| "the signature does not match the document".into())
}

/// `document` without its `proof` member.
pub fn without_proof(document: &Value) -> Result<Value, String> {
	let mut bare = document.clone();
	bare.as_object_mut().ok_or("a credential is a JSON object")?.remove("proof");
	Ok(bare)
}

/// What a proof signs: the hashes of the canonical configuration and document, concatenated.
async fn signed_data(suite: Suite, bare: &Value, config: &Value) -> Result<Vec<u8>, String> {
	let (config, document) = match suite {
		Suite::Rdfc => {
			let mut config = config.clone();
			config["@context"] = bare["@context"].clone();
			(rdfc::canonicalize(&config).await?, rdfc::canonicalize(bare).await?)
		},
		Suite::Jcs => {
			if config["@context"] != bare["@context"] {
				return Err("the proof's @context is not the document's".into());
			}
			(jcs::canonicalize(config)?, jcs::canonicalize(bare)?)
		},
	};
	Ok([Sha256::digest(config), Sha256::digest(document)].concat())
}

#[cfg(test)]
mod tests {
	use super::*;

	const CREATED: &str = "2026-11-21T10:00:00Z";

	fn unsigned() -> Value {
		serde_json::from_str(include_str!("testdata/unsigned.json")).unwrap()
	}

	/// Signed by Digital Bazaar's `@digitalbazaar/vc` 7.3.0 with the key of seed `[7; 32]`
	/// (`tests/interop/`): an independent implementation's proofs.
	fn signed_elsewhere() -> Value {
		serde_json::from_str(include_str!("testdata/signed-by-digitalbazaar.json")).unwrap()
	}

	fn key() -> (ed25519::Pair, String) {
		let pair = ed25519::Pair::from_seed(&[7; 32]);
		let method = multikey::method_id(unsigned()["issuer"]["id"].as_str().unwrap(), &pair.public().0);
		(pair, method)
	}

	#[tokio::test]
	async fn the_same_key_makes_the_same_proofs_as_digital_bazaar() {
		let (pair, method) = key();
		let mut document = unsigned();
		sign(&mut document, &pair, &method, CREATED, &[Suite::Rdfc, Suite::Jcs]).await.unwrap();
		// Ed25519 is deterministic: equal bytes mean equal canonical forms and hashes.
		assert_eq!(document, signed_elsewhere());
	}

	#[tokio::test]
	async fn proofs_made_elsewhere_verify_here_and_fail_after_any_change() {
		let (pair, _) = key();
		let checks = verify(&signed_elsewhere()).await.unwrap();
		assert_eq!(checks.len(), 2);
		for check in &checks {
			assert_eq!(check.outcome, Ok(pair.public().0), "{check:?}");
		}
		let mut altered = signed_elsewhere();
		altered["credentialSubject"]["achievement"]["name"] = "MSc Computing".into();
		for check in verify(&altered).await.unwrap() {
			assert_eq!(check.outcome, Err("the signature does not match the document".into()), "{}", check.suite);
		}
		let mut altered = signed_elsewhere();
		altered["proof"][0]["created"] = "2026-11-22T10:00:00Z".into();
		let checks = verify(&altered).await.unwrap();
		assert!(checks[0].outcome.is_err() && checks[1].outcome.is_ok());
	}

	#[tokio::test]
	async fn a_context_that_is_not_bundled_is_refused_not_fetched() {
		let (pair, method) = key();
		let mut document = unsigned();
		document["@context"][2] = "https://example.org/ctx.jsonld".into();
		let error = sign(&mut document, &pair, &method, CREATED, &[Suite::Rdfc]).await.unwrap_err();
		assert!(error.contains("only the bundled contexts"), "{error}");
	}
}
