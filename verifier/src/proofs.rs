//! The document's Data Integrity proofs: each signature, and whether its key was the issuer's
//! at the block of issue according to the chain's DID document.

use crate::judge::Checks;
use crate::Evidence;
use educhain_client::api::{
	credentials::CredentialRecord as Record,
	did::{did_of, DidDocument},
};
use educhain_client::vc::{multikey, proof::ProofCheck};

/// Add one check per proof; without a record, only the signatures. Whether the document is
/// signed: it has proofs and every one passed.
pub(crate) fn check(checks: &mut Checks, record: Option<&Record>, evidence: &Evidence) -> bool {
	if evidence.proofs.is_empty() {
		if record.is_some() {
			checks.add("proof", true, "none: what is reported as attested rests on the chain's record alone".into());
		}
		return false;
	}
	let mut all = true;
	for (i, proof) in evidence.proofs.iter().enumerate() {
		let verdict = match record {
			Some(record) => one(proof, record, evidence.did.as_ref()),
			None => proof.outcome.clone().map(|_| "the signature matches, but the chain has no such credential".into()),
		};
		all &= verdict.is_ok();
		let label = format!("proof {} ({})", i + 1, proof.suite);
		checks.add("proof", verdict.is_ok(), format!("{label}: {}", verdict.unwrap_or_else(|e| e)));
	}
	all && record.is_some()
}

/// One proof of a credential the chain issued.
fn one(proof: &ProofCheck, record: &Record, did: Option<&DidDocument>) -> Result<String, String> {
	proof.outcome.clone()?;
	let issuer = did_of(&record.issuer);
	let (signer, _) = multikey::split_method(&proof.method)?;
	if signer != issuer {
		return Err(format!("made with a key of {signer}, not of the issuer {issuer}"));
	}
	let listed = did.and_then(|d| d.method(&proof.method));
	let key = listed.ok_or_else(|| format!("the chain lists no key {} for {issuer}", proof.method))?;
	let issued = record.issued_at;
	let until = key.ended_at_block.map_or(" on".into(), |end| format!(" until block {end}"));
	if !key.valid_at(issued) {
		return Err(format!(
			"key {} was not {issuer}'s at block {issued}, when the credential was issued (the chain: from block {}{until})",
			key.public_key_multibase, key.added_at_block
		));
	}
	Ok(format!(
		"signed with {issuer}'s key {}, its from block {}{until}, which covers block {issued}, when the credential was issued",
		key.public_key_multibase, key.added_at_block
	))
}
