//! The digests the chain stores, computed from the documents they stand for, as
//! `docs/digests.md` and `docs/credentials.md` specify (with the same code the runtime and the
//! verifier use). Offline: no node needed.

use crate::context::Output;
use clap::Subcommand;
use pallet_transcripts::digest::{course_digest, evidence_digest, grade_digest, program_digest};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum Digest {
	/// The digest of a program document (a file, hashed as its bytes).
	Program {
		/// The program document.
		file: PathBuf,
	},
	/// The digest of a course code, for example CS101.
	Course {
		/// The course code, as the institution writes it.
		#[arg(value_parser = course_code)]
		code: String,
	},
	/// The salted digest of a grade record (a file). Without --salt, a fresh random salt: give
	/// it to the learner with the record, never to the chain.
	Grade {
		/// The grade record the learner holds.
		file: PathBuf,
		/// The 32-byte salt, 0x-hex.
		#[arg(long, value_parser = hex32)]
		salt: Option<[u8; 32]>,
	},
	/// The salted digest of the record behind an imported enrolment (a file). Without --salt,
	/// a fresh random salt.
	Evidence {
		/// The institution's record of the enrolment.
		file: PathBuf,
		/// The 32-byte salt, 0x-hex.
		#[arg(long, value_parser = hex32)]
		salt: Option<[u8; 32]>,
	},
	/// The credential id of a credential document (a JSON file).
	Credential {
		/// The credential document.
		file: PathBuf,
	},
}

/// `salt`, or a fresh random one.
pub fn salt_or_fresh(salt: Option<[u8; 32]>) -> Result<[u8; 32], String> {
	if let Some(s) = salt {
		return Ok(s);
	}
	let mut s = [0u8; 32];
	getrandom::getrandom(&mut s).map_err(|e| format!("no random source: {e}"))?;
	Ok(s)
}

/// The salted digest of the evidence file `path`, and the salt.
pub fn evidence(path: &Path, salt: Option<[u8; 32]>) -> Result<([u8; 32], [u8; 32]), String> {
	let salt = salt_or_fresh(salt)?;
	Ok((evidence_digest(&salt, &bytes(path)?), salt))
}

/// 32 bytes from `0x`-hex; anything else (a file's path, say) is refused in one sentence.
pub fn hex32(text: &str) -> Result<[u8; 32], String> {
	let bytes = hex::decode(text.strip_prefix("0x").unwrap_or(text)).ok();
	bytes.and_then(|b| b.try_into().ok()).ok_or_else(|| format!("{text}: not a digest (0x and 64 hex digits)"))
}

/// `0x`-hex of 32 bytes.
pub fn show(d: &[u8; 32]) -> String {
	format!("0x{}", hex::encode(d))
}

/// A course code as the chain's digest takes it. Spaces around it, or none at all, would give
/// a digest of their own that matches no other class of the course, so retakes would go unseen.
pub fn course_code(text: &str) -> Result<String, String> {
	if text.trim().is_empty() {
		return Err("no course code: give it as the institution writes it, for example CS101".into());
	}
	if text.trim() != text {
		return Err(format!("{text:?} has spaces around it: give the code alone, {:?}", text.trim()));
	}
	Ok(text.into())
}

/// The bytes of the document in `path`; an empty file is refused, as no document is empty and
/// a failed export or redirection leaves one.
fn bytes(path: &Path) -> Result<Vec<u8>, String> {
	let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
	if bytes.is_empty() {
		return Err(format!("{}: the file is empty", path.display()));
	}
	Ok(bytes)
}

/// The digest of the program document in `path`.
pub fn program(path: &Path) -> Result<[u8; 32], String> {
	Ok(program_digest(&bytes(path)?))
}

/// The credential id of the JSON document in `path`.
pub fn credential(path: &Path) -> Result<[u8; 32], String> {
	credential_of(path, &crate::context::read_json(path, "JSON")?)
}

/// The credential id of `document`, read from `path`.
pub fn credential_of(path: &Path, document: &serde_json::Value) -> Result<[u8; 32], String> {
	Ok(educhain_verifier::credential_id(document).map_err(|e| format!("{}: {e}", path.display()))?.0)
}

/// Run a `digest` subcommand.
pub fn run(command: &Digest) -> Result<Output, String> {
	let (name, digest, salt) = match command {
		Digest::Program { file } => ("digest", program(file)?, None),
		Digest::Course { code } => ("digest", course_digest(code), None),
		Digest::Grade { file, salt } => {
			let salt = salt_or_fresh(*salt)?;
			("digest", grade_digest(&salt, &bytes(file)?), Some(salt))
		},
		Digest::Evidence { file, salt } => {
			let (digest, salt) = evidence(file, *salt)?;
			("digest", digest, Some(salt))
		},
		Digest::Credential { file } => ("id", credential(file)?, None),
	};
	let mut out = Output { json: json!({ name: show(&digest) }), human: format!("{name}: {}", show(&digest)) };
	if let Some(salt) = salt {
		out = out.with("salt", show(&salt).into());
	}
	Ok(out)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_course_code_with_spaces_around_it_or_none_is_refused() {
		assert_eq!(course_code("CS101"), Ok("CS101".into()));
		assert_eq!(course_code("CS 101"), Ok("CS 101".into()));
		assert!(course_code("").unwrap_err().starts_with("no course code"));
		assert!(course_code("  ").unwrap_err().starts_with("no course code"));
		assert!(course_code(" CS101").unwrap_err().contains("give the code alone, \"CS101\""));
	}

	#[test]
	fn a_digest_is_32_bytes_of_hex_and_anything_else_is_named() {
		let ones = format!("0x{}", "01".repeat(32));
		assert_eq!(hex32(&ones), Ok([1; 32]));
		assert_eq!(hex32(&ones[2..]), Ok([1; 32]), "the 0x may be left out");
		for text in ["/tmp/profile.json", "0x12", "0x", &format!("{ones}00"), &ones.replace('1', "g")] {
			assert_eq!(hex32(text), Err(format!("{text}: not a digest (0x and 64 hex digits)")));
		}
	}

	#[test]
	fn an_empty_document_is_refused() {
		let empty = Path::new("/dev/null");
		assert!(program(empty).unwrap_err().ends_with("the file is empty"));
		assert!(evidence(empty, None).unwrap_err().ends_with("the file is empty"));
		// The README walkthrough's program document.
		let walkthrough = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/examples/walkthrough/program.txt");
		let document = std::fs::read(&walkthrough).unwrap();
		assert_eq!(program(&walkthrough), Ok(program_digest(&document)));
	}
}
