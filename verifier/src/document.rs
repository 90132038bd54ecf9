//! The credential document formats (`docs/credentials.md`): where each claims what the chain
//! attests, which members nothing checks, and the micro-credential form that a course fixes.

use educhain_client::vc::contexts::{EDUCHAIN_V1, OB_V3, VC_V2};
use serde_json::{json, Value};

pub use educhain_client::api::did::DID_PREFIX;

/// The formats a verifier reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
	/// An Open Badges 3.0 `OpenBadgeCredential` (VC 2.0, JSON-LD), signed with Data Integrity
	/// proofs: what educhain issues since `spec_version` 168.
	OpenBadge,
	/// The unsigned educhain form of before: still checked against the chain.
	Legacy,
}

/// `@context` of an Open Badges credential.
pub const OB_CONTEXTS: [&str; 3] = [VC_V2, OB_V3, EDUCHAIN_V1];
/// `type` of an Open Badges credential.
pub const OB_TYPES: [&str; 2] = ["VerifiableCredential", "OpenBadgeCredential"];
/// `@context` of a legacy document.
pub const LEGACY_CONTEXT: &str = VC_V2;
/// `type` of a legacy document.
pub const LEGACY_TYPES: [&str; 2] = ["VerifiableCredential", "EducationalCredential"];
/// The prefix of an achievement's id (`urn:educhain:program:<id>`, `urn:educhain:course:<id>`).
pub const ACHIEVEMENT_PREFIX: &str = "urn:educhain:";
/// The prefix of a criteria document's id: `urn:educhain:document:0x<digest>`.
pub const DOCUMENT_PREFIX: &str = "urn:educhain:document:";

/// Where a format states each claim the chain attests, as dotted paths.
pub struct Paths {
	/// The issuer's DID.
	pub issuer: &'static str,
	/// Degree, Certificate or MicroCredential.
	pub kind: &'static str,
	/// The program's or course's id.
	pub achievement: &'static str,
	/// The program's or course's document digest.
	pub document: &'static str,
	/// The members checked against the chain or the format; any other is the document's own.
	pub checked: &'static [&'static str],
}

impl Format {
	/// The format of `document`, if it is one: `@context` and `type` exactly the format's.
	pub fn of(document: &Value) -> Option<Format> {
		if document["@context"] == json!(OB_CONTEXTS) && document["type"] == json!(OB_TYPES) {
			let typed = |value: &Value, name: &str| value["type"] == json!([name]);
			let subject = &document["credentialSubject"];
			let shaped = typed(&document["issuer"], "Profile") &&
				typed(subject, "AchievementSubject") &&
				typed(&subject["achievement"], "Achievement");
			return shaped.then_some(Format::OpenBadge);
		}
		let legacy = document["@context"] == json!([LEGACY_CONTEXT]) &&
			document["type"] == json!(LEGACY_TYPES) &&
			document["credentialSubject"].is_object();
		legacy.then_some(Format::Legacy)
	}

	/// Where this format states the attested claims; `attested` is `program` or `course`.
	pub fn paths(self, attested: &str) -> Paths {
		match (self, attested) {
			(Format::OpenBadge, _) => Paths {
				issuer: "issuer.id",
				kind: "credentialSubject.achievement.achievementType",
				achievement: "credentialSubject.achievement.id",
				document: "credentialSubject.achievement.criteria.id",
				checked: &OB_CHECKED,
			},
			(Format::Legacy, "course") => Paths {
				issuer: "issuer",
				kind: "credentialSubject.credential",
				achievement: "credentialSubject.course.id",
				document: "credentialSubject.course.document",
				checked: &LEGACY_CHECKED,
			},
			(Format::Legacy, _) => Paths {
				issuer: "issuer",
				kind: "credentialSubject.credential",
				achievement: "credentialSubject.program.id",
				document: "credentialSubject.program.document",
				checked: &LEGACY_CHECKED,
			},
		}
	}

	/// The value this format states for achievement `id` (a program or course).
	pub fn achievement(self, attested: &str, id: u64) -> Value {
		match self {
			Format::OpenBadge => format!("{ACHIEVEMENT_PREFIX}{attested}:{id}").into(),
			Format::Legacy => id.into(),
		}
	}

	/// The value this format states for document digest `digest` (`0x…`).
	pub fn document(self, digest: &str) -> Value {
		match self {
			Format::OpenBadge => format!("{DOCUMENT_PREFIX}{digest}").into(),
			Format::Legacy => digest.into(),
		}
	}
}

/// Members of a legacy document that the verifier checks; containers list their members.
const LEGACY_CHECKED: [&str; 14] = [
	"@context",
	"type",
	"issuer",
	"validFrom",
	"credentialSubject",
	"credentialSubject.id",
	"credentialSubject.credential",
	"credentialSubject.program",
	"credentialSubject.program.id",
	"credentialSubject.program.document",
	"credentialSubject.enrolment",
	"credentialSubject.course",
	"credentialSubject.course.id",
	"credentialSubject.course.document",
];

/// Members of an Open Badges document that the verifier checks; containers list their members.
const OB_CHECKED: [&str; 20] = [
	"@context",
	"type",
	"issuer",
	"issuer.id",
	"issuer.type",
	"validFrom",
	"credentialSubject",
	"credentialSubject.id",
	"credentialSubject.type",
	"credentialSubject.enrolment",
	"credentialSubject.achievement",
	"credentialSubject.achievement.id",
	"credentialSubject.achievement.type",
	"credentialSubject.achievement.achievementType",
	"credentialSubject.achievement.criteria",
	"credentialSubject.achievement.criteria.id",
	"credentialStatus",
	"credentialStatus.type",
	"credentialStatus.credentialId",
	"credentialStatus.genesisHash",
];

/// The member of `document` at the dotted `path`, or null.
pub fn at<'a>(document: &'a Value, path: &str) -> &'a Value {
	path.split('.').fold(document, |value, name| &value[name])
}

/// The document that course `course` (document digest `course_document`, 0x-hex) fixes for a
/// micro-credential from `issuer` to `holder` (SS58 addresses): exactly these members, an Open
/// Badges credential whose achievement is the course. The chain computes the same document's id
/// when the learner claims (`pallets/credentials/src/document.rs`).
pub fn micro_credential(issuer: &str, holder: &str, course: u64, course_document: &str) -> Value {
	json!({
		"@context": OB_CONTEXTS,
		"type": OB_TYPES,
		"issuer": { "id": format!("{DID_PREFIX}{issuer}"), "type": ["Profile"] },
		"name": format!("Micro-credential: course {course}"),
		"credentialSubject": {
			"id": format!("{DID_PREFIX}{holder}"),
			"type": ["AchievementSubject"],
			"achievement": {
				"id": format!("{ACHIEVEMENT_PREFIX}course:{course}"),
				"type": ["Achievement"],
				"achievementType": "MicroCredential",
				"name": format!("Course {course}"),
				"description": format!("Completion of course {course}, as its document describes."),
				"criteria": { "id": format!("{DOCUMENT_PREFIX}{course_document}") },
			},
		},
	})
}

/// Every member of `document` that nothing checks (`checked` lists what is), as
/// `path = value`, in document order. Proofs are not members a reader is told.
pub fn unattested(document: &Value, checked: &[&str]) -> Vec<String> {
	let mut out = Vec::new();
	walk(document, "", checked, &mut out);
	out
}

fn walk(value: &Value, path: &str, checked: &[&str], out: &mut Vec<String>) {
	let Value::Object(members) = value else { return };
	for (name, v) in members {
		let here = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
		if here == "proof" {
			continue;
		}
		if checked.contains(&here.as_str()) && v.is_object() {
			walk(v, &here, checked, out);
		} else if !checked.contains(&here.as_str()) {
			out.push(format!("{here} = {v}"));
		}
	}
}

/// The account a DID names (a DID string, or an object with that `id`), if it is educhain's.
pub fn did_account(value: &Value) -> Option<&str> {
	value.as_str().or_else(|| value["id"].as_str())?.strip_prefix(DID_PREFIX)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn only_members_nothing_checks_are_listed() {
		let mut doc = json!({
			"@context": [LEGACY_CONTEXT], "type": LEGACY_TYPES, "issuer": "did:educhain:5Uni",
			"credentialSubject": { "id": "did:educhain:5Ann", "credential": "MicroCredential", "course": { "id": 3, "document": "0xab" } },
		});
		assert_eq!(Format::of(&doc), Some(Format::Legacy));
		assert!(unattested(&doc, &LEGACY_CHECKED).is_empty(), "{:?}", unattested(&doc, &LEGACY_CHECKED));
		doc["credentialSubject"]["course"]["name"] = json!("Data cleaning");
		doc["description"] = json!("with honours");
		assert_eq!(
			unattested(&doc, &LEGACY_CHECKED),
			vec![r#"credentialSubject.course.name = "Data cleaning""#, r#"description = "with honours""#]
		);
		let micro = micro_credential("5Uni", "5Ann", 3, "0xab");
		assert_eq!(Format::of(&micro), Some(Format::OpenBadge));
		assert_eq!(
			unattested(&micro, &OB_CHECKED),
			vec![
				r#"credentialSubject.achievement.description = "Completion of course 3, as its document describes.""#,
				r#"credentialSubject.achievement.name = "Course 3""#,
				r#"name = "Micro-credential: course 3""#,
			]
		);
	}
}
