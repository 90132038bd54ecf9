//! The micro-credential document form, which the course fixes (`docs/credentials.md`): an
//! Open Badges 3.0 credential since `spec_version` 168.
//!
//! A micro-credential is claimed by its learner, not written by an institution, so the chain
//! does not take the learner's word for what it says: its document is exactly the JCS (RFC 8785)
//! form below, with nothing else in it, and [`micro_credential_id`] is the only id a claim may
//! anchor. The verifier and the CLI build the same document off chain.

use alloc::vec::Vec;

/// The document's `@context` and `type`, as the canonical form writes them: an Open Badges 3.0
/// credential.
const CONTEXT: &str = r#"["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json","https://w3id.org/educhain/v1"]"#;
const TYPE: &str = r#"["VerifiableCredential","OpenBadgeCredential"]"#;

/// `0x` and the lowercase hex of `bytes`.
fn hex(bytes: &[u8]) -> Vec<u8> {
	const DIGITS: &[u8; 16] = b"0123456789abcdef";
	let mut out = Vec::with_capacity(2 + 2 * bytes.len());
	out.extend_from_slice(b"0x");
	for b in bytes {
		out.extend_from_slice(&[DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]]);
	}
	out
}

/// The canonical (JCS) bytes of the micro-credential that `issuer_did` issues to `holder_did`
/// for course `course`, whose document digest is `course_document`: an `OpenBadgeCredential`
/// whose achievement is the course and whose criteria are its document. Members appear in JCS
/// order; DIDs, numbers and hex digits need no escaping.
pub fn micro_credential_document(issuer_did: &[u8], holder_did: &[u8], course: u64, course_document: &[u8]) -> Vec<u8> {
	let course = alloc::format!("{course}");
	let mut out = Vec::with_capacity(700);
	let mut put = |s: &[u8]| out.extend_from_slice(s);
	put(br#"{"@context":"#);
	put(CONTEXT.as_bytes());
	put(br#","credentialSubject":{"achievement":{"achievementType":"MicroCredential","criteria":{"id":"urn:educhain:document:"#);
	put(&hex(course_document));
	put(br#""},"description":"Completion of course "#);
	put(course.as_bytes());
	put(br#", as its document describes.","id":"urn:educhain:course:"#);
	put(course.as_bytes());
	put(br#"","name":"Course "#);
	put(course.as_bytes());
	put(br#"","type":["Achievement"]},"id":""#);
	put(holder_did);
	put(br#"","type":["AchievementSubject"]},"issuer":{"id":""#);
	put(issuer_did);
	put(br#"","type":["Profile"]},"name":"Micro-credential: course "#);
	put(course.as_bytes());
	put(br#"","type":"#);
	put(TYPE.as_bytes());
	put(b"}");
	out
}

/// The SHA-256 of [`micro_credential_document`]: the only id a claim of this course by this
/// holder may anchor.
pub fn micro_credential_id(issuer_did: &[u8], holder_did: &[u8], course: u64, course_document: &[u8]) -> [u8; 32] {
	sp_io::hashing::sha2_256(&micro_credential_document(issuer_did, holder_did, course, course_document))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_form_is_canonical_json_with_exactly_the_attested_members() {
		let doc = micro_credential_document(b"did:educhain:5Uni", b"did:educhain:5Ann", 7, &[0xab; 2]);
		assert_eq!(
			core::str::from_utf8(&doc).unwrap(),
			concat!(
				r#"{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json","https://w3id.org/educhain/v1"],"#,
				r#""credentialSubject":{"achievement":{"achievementType":"MicroCredential","criteria":{"id":"urn:educhain:document:0xabab"},"#,
				r#""description":"Completion of course 7, as its document describes.","id":"urn:educhain:course:7","name":"Course 7","type":["Achievement"]},"#,
				r#""id":"did:educhain:5Ann","type":["AchievementSubject"]},"issuer":{"id":"did:educhain:5Uni","type":["Profile"]},"#,
				r#""name":"Micro-credential: course 7","type":["VerifiableCredential","OpenBadgeCredential"]}"#,
			)
		);
	}
}
