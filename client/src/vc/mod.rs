//! W3C Verifiable Credentials 2.0 with Data Integrity proofs, as educhain issues them
//! (`docs/credentials.md`).
//!
//! - [`credential_id`]: the id anchored on chain, the SHA-256 of the document's JCS form without
//!   its proofs and status;
//! - [`proof`]: `eddsa-rdfc-2022` and `eddsa-jcs-2022` proofs, made with an institution's
//!   Ed25519 assertion key and checked against its public key;
//! - [`multikey`]: Ed25519 public keys as Multikey `publicKeyMultibase`, and the DID URLs that
//!   name them;
//! - [`key`]: assertion keys in keystore files;
//! - [`holder`]: learners' holder keys, one per institution, derived from one secret;
//! - [`presentation`]: presentations of chosen credentials and grade records, signed by the
//!   holder for a verifier's challenge and domain;
//! - [`contexts`]: the JSON-LD contexts, bundled, never fetched.
//!
//! RDF canonicalization (RDFC-1.0) is the `rdf-canon` crate's, over the `json-ld` crate's
//! expansion to RDF; Ed25519 is sp-core's. What is written here is only the proof procedure
//! of the W3C `vc-di-eddsa` specification that binds them together.

pub mod contexts;
pub mod holder;
pub mod jcs;
pub mod key;
pub mod presentation;
pub mod proof;
mod rdfc;

pub use educhain_rpc_api::multikey;

use serde_json::Value;
use sha2::{Digest, Sha256};
use sp_core::H256;

/// Members left out of the credential id: the proofs, made over the document after its id is
/// known, and the status, which names the id.
pub const NOT_IN_ID: [&str; 2] = ["proof", "credentialStatus"];

/// The credential id of `document`: the SHA-256 of the JCS form of the document without
/// [`NOT_IN_ID`] (shown as `0x` and hex). Adding or refreshing a proof never changes it.
pub fn credential_id(document: &Value) -> Result<H256, String> {
	let mut bare = document.clone();
	if let Value::Object(members) = &mut bare {
		for name in NOT_IN_ID {
			members.remove(name);
		}
	}
	let canonical = jcs::canonicalize(&bare)?;
	Ok(H256(Sha256::digest(canonical.as_bytes()).into()))
}
