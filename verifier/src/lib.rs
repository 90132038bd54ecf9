//! # educhain verifier
//!
//! Checks a credential document (the JSON file a learner holds) against an educhain node,
//! without asking the issuing institution:
//!
//! 1. **integrity**: the SHA-256 of the document's JCS form (its credential id) is on chain;
//! 2. **issuer**: the document's issuer is the account that issued it on chain, and that account
//!    was an active member when it issued (and whether it still is);
//! 3. **holder**: the document's subject is the account the chain issued it to;
//! 4. **status**: valid, or revoked with its reason code and block;
//! 5. **linkage**: the transcript facts behind it meet the program (credits, duration).
//!
//! The document format and digest are specified in `docs/credentials.md`.

pub mod jcs;

use jsonrpsee::{core::client::ClientT, rpc_params};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The prefix of educhain account identifiers in documents: `did:educhain:<SS58 address>`.
pub const DID_PREFIX: &str = "did:educhain:";

/// One check of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
	/// What was checked.
	pub name: &'static str,
	/// Whether it passed.
	pub passed: bool,
	/// Why, in words.
	pub detail: String,
}

/// The verdict on a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
	/// The document's credential id (0x hex).
	pub id: String,
	/// Every check, in order.
	pub checks: Vec<Check>,
}

impl Report {
	/// Valid when every check passed.
	pub fn valid(&self) -> bool {
		!self.checks.is_empty() && self.checks.iter().all(|c| c.passed)
	}
}

impl std::fmt::Display for Report {
	fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		writeln!(f, "credential {}", self.id)?;
		for c in &self.checks {
			writeln!(f, "  [{}] {}: {}", if c.passed { "pass" } else { "FAIL" }, c.name, c.detail)?;
		}
		write!(f, "{}", if self.valid() { "VALID" } else { "NOT VALID" })
	}
}

/// The credential id of a document: `0x` + hex SHA-256 of its JCS canonical form.
pub fn credential_id(document: &Value) -> Result<String, String> {
	let canonical = jcs::canonicalize(document)?;
	Ok(format!("0x{}", hex::encode(Sha256::digest(canonical.as_bytes()))))
}

fn did_account(value: &Value) -> Option<&str> {
	value.as_str()?.strip_prefix(DID_PREFIX)
}

/// Check `document` against the node's answer `onchain` to `credentials_verify(id)`.
pub fn judge(document: &Value, id: &str, onchain: &Value) -> Report {
	let mut checks = Vec::new();
	let mut check = |name, passed, detail: String| checks.push(Check { name, passed, detail });
	if onchain["found"] != true {
		check(
			"integrity",
			false,
			"no credential with this digest is on chain: the document is unknown or was altered".into(),
		);
		return Report { id: id.into(), checks };
	}
	check("integrity", true, "the document's digest is on chain".into());

	let issuer = onchain["issuer"].as_str().unwrap_or_default();
	let doc_issuer = did_account(&document["issuer"]).unwrap_or_default();
	let active_now = if onchain["issuerActiveNow"] == true { "and still is" } else { "but no longer is" };
	check(
		"issuer",
		doc_issuer == issuer,
		if doc_issuer == issuer {
			format!("issued by {issuer}, an active member when it issued, {active_now}")
		} else {
			format!("the document names {doc_issuer:?}, but {issuer} issued it")
		},
	);

	let holder = onchain["holder"].as_str().unwrap_or_default();
	let subject = did_account(&document["credentialSubject"]["id"]).unwrap_or_default();
	check(
		"holder",
		subject == holder,
		if subject == holder {
			format!("issued to {holder}")
		} else {
			format!("the document names {subject:?}, but it was issued to {holder}")
		},
	);

	let status = &onchain["status"];
	match status["state"].as_str() {
		Some("valid") => check("status", true, "valid (not revoked)".into()),
		_ => check(
			"status",
			false,
			format!("revoked at block {} with reason code {}", status["block"], status["reason"]),
		),
	}

	let facts = &onchain["facts"];
	if facts.is_null() {
		check("linkage", true, "a micro-credential: no transcript behind it".into());
	} else {
		let (credits, required) = (facts["credits"].as_u64(), facts["creditsRequired"].as_u64());
		let days = facts["end"].as_u64().unwrap_or(0).saturating_sub(facts["start"].as_u64().unwrap_or(0));
		let (min, max) = (facts["minDays"].as_u64().unwrap_or(0), facts["maxDays"].as_u64().unwrap_or(0));
		let met = credits >= required && (min..=max).contains(&days);
		check(
			"linkage",
			met,
			format!(
				"transcript of enrolment {}: {} of {} credits from {} classes, {days} days (program: {min} to {max})",
				onchain["enrolment"],
				credits.unwrap_or(0),
				required.unwrap_or(0),
				facts["classes"],
			),
		);
	}
	Report { id: id.into(), checks }
}

/// Verify the document in `path` against the node at `url` (`ws://` or `http://`).
pub async fn verify_file(path: &std::path::Path, url: &str) -> Result<Report, String> {
	let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
	let document: Value =
		serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
	verify(&document, url).await
}

/// Verify `document` against the node at `url`.
pub async fn verify(document: &Value, url: &str) -> Result<Report, String> {
	let id = credential_id(document)?;
	let onchain: Value = if url.starts_with("ws") {
		let client = jsonrpsee::ws_client::WsClientBuilder::default()
			.build(url)
			.await
			.map_err(|e| format!("cannot reach {url}: {e}"))?;
		client.request("credentials_verify", rpc_params![id.clone()]).await
	} else {
		let client = jsonrpsee::http_client::HttpClientBuilder::default()
			.build(url)
			.map_err(|e| format!("cannot reach {url}: {e}"))?;
		client.request("credentials_verify", rpc_params![id.clone()]).await
	}
	.map_err(|e| format!("{url}: credentials_verify failed: {e}"))?;
	Ok(judge(document, &id, &onchain))
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::json;

	fn onchain() -> Value {
		json!({
			"found": true, "issuer": "5Uni", "issuerActiveNow": true, "holder": "5Ann",
			"enrolment": 0, "status": { "state": "valid" },
			"facts": { "credits": 10, "creditsRequired": 10, "classes": 2, "start": 100, "end": 500, "minDays": 365, "maxDays": 1460 },
		})
	}

	fn document() -> Value {
		json!({ "issuer": "did:educhain:5Uni", "credentialSubject": { "id": "did:educhain:5Ann" } })
	}

	#[test]
	fn every_check_passes_for_a_matching_valid_credential() {
		let report = judge(&document(), "0x01", &onchain());
		assert!(report.valid(), "{report}");
		assert_eq!(report.checks.len(), 5);
	}

	#[test]
	fn an_unknown_document_is_not_valid_with_the_reason() {
		let report = judge(&document(), "0x01", &json!({ "found": false }));
		assert!(!report.valid());
		assert!(report.to_string().contains("unknown or was altered"), "{report}");
	}

	#[test]
	fn a_revoked_credential_says_when_and_why() {
		let mut chain = onchain();
		chain["status"] = json!({ "state": "revoked", "reason": 3, "block": 42 });
		let report = judge(&document(), "0x01", &chain);
		assert!(!report.valid());
		assert!(report.to_string().contains("revoked at block 42 with reason code 3"), "{report}");
	}

	#[test]
	fn a_different_holder_or_issuer_fails_its_check() {
		let mut doc = document();
		doc["credentialSubject"]["id"] = json!("did:educhain:5Ben");
		doc["issuer"] = json!("did:educhain:5Fake");
		let report = judge(&doc, "0x01", &onchain());
		let failed: Vec<_> = report.checks.iter().filter(|c| !c.passed).map(|c| c.name).collect();
		assert_eq!(failed, vec!["issuer", "holder"]);
	}
}

#[cfg(test)]
mod worked_example {
	/// docs/credentials.md's worked example; the digest was computed independently (Python).
	#[test]
	fn the_documented_example_has_the_documented_id() {
		let text = include_str!("../../docs/examples/degree.json");
		let document: serde_json::Value = serde_json::from_str(text).unwrap();
		assert_eq!(
			super::credential_id(&document).unwrap(),
			"0x462c84a89321cc36671024eec5432275dc30666e6a83c002e32631077c381a3d"
		);
	}
}
