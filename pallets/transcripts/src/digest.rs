//! The digests the chain stores, as `docs/digests.md` specifies them. Off-chain code (issuers,
//! learners' wallets, verifiers) computes the same bytes.

use sp_io::hashing::blake2_256;

/// Domain tag of program document digests.
pub const PROGRAM_TAG: &[u8] = b"educhain/program/v1";
/// Domain tag of course code digests.
pub const COURSE_TAG: &[u8] = b"educhain/course/v1";
/// Domain tag of grade record digests.
pub const GRADE_TAG: &[u8] = b"educhain/grade/v1";
/// Domain tag of the digests of an imported enrolment's evidence.
pub const EVIDENCE_TAG: &[u8] = b"educhain/evidence/v1";

fn tagged(tag: &[u8], parts: &[&[u8]]) -> [u8; 32] {
	let mut bytes = alloc::vec::Vec::with_capacity(tag.len() + parts.iter().map(|p| p.len()).sum::<usize>());
	bytes.extend_from_slice(tag);
	for part in parts {
		bytes.extend_from_slice(part);
	}
	blake2_256(&bytes)
}

/// Digest of a program document: BLAKE2b-256 of the tag and the document's bytes. Programs are
/// public, so no salt.
pub fn program_digest(document: &[u8]) -> [u8; 32] {
	tagged(PROGRAM_TAG, &[document])
}

/// Digest of a course code (as the institution writes it, UTF-8): unsalted, so that every class
/// of a course has the same digest and retakes are recognised.
pub fn course_digest(code: &str) -> [u8; 32] {
	tagged(COURSE_TAG, &[code.as_bytes()])
}

/// Digest of a grade record: BLAKE2b-256 of the tag, a 32-byte random salt, and the record's
/// bytes exactly as the learner holds them. The salt keeps a guessable record (name, course,
/// grade) from being found by trying candidates.
pub fn grade_digest(salt: &[u8; 32], record: &[u8]) -> [u8; 32] {
	tagged(GRADE_TAG, &[salt, record])
}

/// Digest of the institution's record behind an imported enrolment: salted like a grade
/// record, since it names the learner's earlier studies.
pub fn evidence_digest(salt: &[u8; 32], record: &[u8]) -> [u8; 32] {
	tagged(EVIDENCE_TAG, &[salt, record])
}

#[cfg(test)]
mod tests {
	use super::*;

	fn hex(bytes: [u8; 32]) -> alloc::string::String {
		bytes.iter().map(|b| alloc::format!("{b:02x}")).collect()
	}

	/// The test vectors of docs/digests.md, computed independently (Python's hashlib).
	#[test]
	fn digests_match_the_documented_test_vectors() {
		assert_eq!(
			hex(course_digest("CS101")),
			"1d6ae947d92d6683a2df99e55d2b4696da781e75b8b6c89d819d7ca1f720929a"
		);
		assert_eq!(
			hex(program_digest(b"BSc Computing, 2026 edition")),
			"d2ca32fae5659f2cdc17706b645a09eb0a62c9c6dc26d68da9f7ad334cce2f70"
		);
		let record = br#"{"learner":"5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy","course":"CS101","term":20261,"grade":80}"#;
		assert_eq!(
			hex(grade_digest(&[7; 32], record)),
			"55be2f434057a92c090c362489ec1443d5269378cede13b9cc84481d96b39bae"
		);
		assert_ne!(grade_digest(&[8; 32], record), grade_digest(&[7; 32], record), "salted");
		let evidence = br#"{"learner":"5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw","program":1,"start":"2023-09-01"}"#;
		assert_eq!(
			hex(evidence_digest(&[9; 32], evidence)),
			"0e32825048767ec4447e9a8f11bf207a1fed854eb6602b1c7f4caea7faafa209"
		);
	}
}
