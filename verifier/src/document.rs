//! The credential document format (`docs/credentials.md`): which members the chain attests,
//! and the micro-credential form that a course fixes.

use serde_json::{json, Value};

/// `@context` of every educhain credential.
pub const CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// `type` of every educhain credential.
pub const TYPES: [&str; 2] = ["VerifiableCredential", "EducationalCredential"];
/// The prefix of educhain account identifiers in documents: `did:educhain:<SS58 address>`.
pub const DID_PREFIX: &str = "did:educhain:";

/// Members the verifier checks against the chain or against the format. Any other member is
/// the document's own statement, listed as such.
const CHECKED: [&str; 12] = [
	"@context",
	"type",
	"issuer",
	"validFrom",
	"credentialSubject.id",
	"credentialSubject.credential",
	"credentialSubject.program.id",
	"credentialSubject.program.document",
	"credentialSubject.enrolment",
	"credentialSubject.course.id",
	"credentialSubject.course.document",
	// Containers, whose members are listed one by one.
	"credentialSubject",
];

/// The document that course `course` (document digest `course_document`, 0x-hex) fixes for a
/// micro-credential from `issuer` to `holder` (SS58 addresses): exactly these members. The chain
/// computes the same document's id when the learner claims.
pub fn micro_credential(issuer: &str, holder: &str, course: u64, course_document: &str) -> Value {
	json!({
		"@context": [CONTEXT],
		"type": TYPES,
		"issuer": format!("{DID_PREFIX}{issuer}"),
		"credentialSubject": {
			"id": format!("{DID_PREFIX}{holder}"),
			"credential": "MicroCredential",
			"course": { "id": course, "document": course_document },
		},
	})
}

/// Every member of `document` that nothing checks, as `path = value`, in document order.
pub fn unattested(document: &Value) -> Vec<String> {
	let mut out = Vec::new();
	walk(document, "", &mut out);
	out
}

fn walk(value: &Value, path: &str, out: &mut Vec<String>) {
	let Value::Object(members) = value else { return };
	for (name, v) in members {
		let here = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
		let container = matches!(here.as_str(), "credentialSubject" | "credentialSubject.program" | "credentialSubject.course");
		if container && v.is_object() {
			walk(v, &here, out);
		} else if !CHECKED.contains(&here.as_str()) {
			out.push(format!("{here} = {v}"));
		}
	}
}

/// The account a DID names, if it is an educhain DID.
pub fn did_account(value: &Value) -> Option<&str> {
	value.as_str()?.strip_prefix(DID_PREFIX)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn only_members_nothing_checks_are_listed() {
		let mut doc = micro_credential("5Uni", "5Ann", 3, "0xab");
		assert!(unattested(&doc).is_empty(), "{:?}", unattested(&doc));
		doc["credentialSubject"]["course"]["name"] = json!("Data cleaning");
		doc["description"] = json!("with honours");
		assert_eq!(
			unattested(&doc),
			vec![r#"credentialSubject.course.name = "Data cleaning""#, r#"description = "with honours""#]
		);
	}
}
