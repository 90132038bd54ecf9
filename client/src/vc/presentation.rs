//! Presentations (W3C VC 2.0 `VerifiablePresentation`): the credentials and grade records a
//! learner chooses to show one verifier, signed with each holder key they belong to, for that
//! verifier's challenge and domain, until an expiry (`docs/privacy.md`).
//!
//! Each proof is an `eddsa-jcs-2022` Data Integrity proof for `authentication`, binding
//! `challenge`, `domain` and `expires`, made over the whole presentation: the embedded
//! credentials keep their issuers' proofs, and the holder's proof covers them and the records.

use super::{holder, multikey, proof};
use crate::api::{
	did::did_of,
	transcripts::{grade_digest, ClassId},
	AccountId,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, ed25519, Pair, H256};

/// The VC 2.0 context a presentation names.
pub const CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";

/// The presentation's member holding disclosed grade records (a term of the VC 2.0 context's
/// issuer-dependent vocabulary).
pub const GRADE_RECORDS: &str = "gradeRecords";

/// A grade record disclosed: the record exactly as the learner holds it, its salt, and where the
/// chain keeps its digest (the class and the learner's account).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeDisclosure {
	/// The class the grade is for.
	pub class: ClassId,
	/// The learner's account in that class's institution.
	pub learner: AccountId,
	/// The record's salt, `0x` and 64 hex digits.
	pub salt: String,
	/// The grade record, its exact text (`docs/digests.md`).
	pub record: String,
}

impl GradeDisclosure {
	/// The record's salted digest, as the chain keeps it.
	pub fn digest(&self) -> Result<H256, String> {
		let hex = self.salt.strip_prefix("0x").unwrap_or(&self.salt);
		let salt: [u8; 32] = hex::decode(hex)
			.ok()
			.and_then(|bytes| bytes.try_into().ok())
			.ok_or_else(|| format!("the salt {} is not 32 bytes of hex", self.salt))?;
		Ok(H256(grade_digest(&salt, self.record.as_bytes())))
	}

	/// The record's grade value (its `grade` member).
	pub fn value(&self) -> Result<u32, String> {
		let record: Value = serde_json::from_str(&self.record).map_err(|e| format!("the grade record is not JSON: {e}"))?;
		let value = record["grade"].as_u64().and_then(|v| u32::try_from(v).ok());
		value.ok_or_else(|| "the grade record has no whole-number `grade`".into())
	}
}

/// What a verifier asks a presentation to answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
	/// A fresh value the verifier chose, so that no earlier presentation answers it.
	pub challenge: String,
	/// Who the verifier is (a host name or URL), so that a presentation made for one verifier
	/// cannot be shown to another.
	pub domain: String,
}

/// A fresh challenge: 32 bytes from the operating system's random source, hex.
pub fn challenge() -> String {
	// A new key's seed is drawn from the OS's random source (sp-core's `OsRng`).
	let (_, seed) = ed25519::Pair::generate();
	hex::encode(seed)
}

/// The presentation of `credentials` (documents as issued) and `grades`, signed at `created` by
/// every key of `holders` for `request`, valid until `expires` (both RFC 3339 date-times).
pub async fn present(
	credentials: Vec<Value>,
	grades: &[GradeDisclosure],
	holders: &[ed25519::Pair],
	request: &Request,
	created: &str,
	expires: &str,
) -> Result<Value, String> {
	if holders.is_empty() {
		return Err("a presentation needs at least one holder key".into());
	}
	let grades = serde_json::to_value(grades).map_err(|e| e.to_string())?;
	let mut vp = json!({
		"@context": [CONTEXT], "type": ["VerifiablePresentation"],
		"verifiableCredential": credentials, GRADE_RECORDS: grades,
	});
	let mut proofs = Vec::new();
	for key in holders {
		let method = multikey::method_id(&did_of(&holder::account(key)), &key.public().0);
		let options = json!({
			"created": created, "verificationMethod": method, "proofPurpose": proof::AUTHENTICATION,
			"challenge": request.challenge, "domain": request.domain, "expires": expires,
		});
		proofs.push(proof::prove(&vp, key, proof::Suite::Jcs, options).await?);
	}
	vp["proof"] = Value::Array(proofs);
	Ok(vp)
}

/// A holder's proof on a presentation, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HolderProof {
	/// Its verification method, as stated.
	pub method: String,
	/// The account whose own key made it, or why it is not one.
	pub signer: Result<AccountId, String>,
	/// The challenge it answers, as stated (signed when `signer` is `Ok`).
	pub challenge: String,
	/// The domain it was made for, as stated.
	pub domain: String,
	/// Its expiry, as stated.
	pub expires: String,
}

/// A presentation, taken apart and its proofs checked.
#[derive(Clone, Debug)]
pub struct Presentation {
	/// The credential documents it carries.
	pub credentials: Vec<Value>,
	/// The grade records it discloses.
	pub grades: Vec<GradeDisclosure>,
	/// Its holders' proofs.
	pub proofs: Vec<HolderProof>,
}

/// Open `vp`: its members, and each proof's signature checked against the key it names, which
/// must be its account's own (an educhain holder account is its Ed25519 key).
pub async fn open(vp: &Value) -> Result<Presentation, String> {
	let types = vp["type"].as_array().ok_or("a presentation has a `type` list")?;
	if !types.iter().any(|t| t == "VerifiablePresentation") {
		return Err("not a VerifiablePresentation".into());
	}
	let credentials = proof::one_or_many(&vp["verifiableCredential"]);
	let grades = match &vp[GRADE_RECORDS] {
		Value::Null => Vec::new(),
		list => serde_json::from_value(list.clone()).map_err(|e| format!("{GRADE_RECORDS}: {e}"))?,
	};
	let checks = proof::verify_for(vp, proof::AUTHENTICATION).await?;
	let stated = proof::proofs_of(vp);
	let proofs = checks.into_iter().zip(stated).map(|(check, p)| holder_proof(check, &p)).collect();
	Ok(Presentation { credentials, grades, proofs })
}

fn holder_proof(check: proof::ProofCheck, stated: &Value) -> HolderProof {
	let text = |name: &str| stated[name].as_str().unwrap_or_default().to_string();
	let signer = check.outcome.and_then(|public| {
		let (did, _) = multikey::split_method(&check.method)?;
		let address = did.strip_prefix(crate::api::did::DID_PREFIX).ok_or_else(|| format!("{did} is not an educhain DID"))?;
		let account = AccountId::from_ss58check(address).map_err(|e| format!("{address}: {e:?}"))?;
		let own: &[u8] = account.as_ref();
		(own == public.as_slice())
			.then_some(account)
			.ok_or_else(|| format!("the key {} is not {did}'s own key", multikey::encode(&public)))
	});
	HolderProof { method: check.method, signer, challenge: text("challenge"), domain: text("domain"), expires: text("expires") }
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_keyring::Sr25519Keyring::{Bob, Charlie};

	const CREATED: &str = "2026-12-02T10:00:00Z";
	const EXPIRES: &str = "2026-12-02T10:10:00Z";

	fn request() -> Request {
		Request { challenge: "c0ffee".into(), domain: "admissions.example.edu".into() }
	}

	fn disclosure(learner: &ed25519::Pair) -> GradeDisclosure {
		let record = format!(r#"{{"learner":"{}","course":"CS101","term":20261,"grade":80}}"#, holder::account(learner));
		GradeDisclosure { class: 0, learner: holder::account(learner), salt: format!("0x{}", "07".repeat(32)), record }
	}

	#[tokio::test]
	async fn a_presentation_opens_with_each_holders_account_and_its_binding() {
		let at_bob = holder::derive("//Eve", &Bob.to_account_id()).unwrap();
		let at_charlie = holder::derive("//Eve", &Charlie.to_account_id()).unwrap();
		let degree = json!({ "type": ["VerifiableCredential"], "issuer": "did:educhain:x" });
		let keys = [at_bob.clone(), at_charlie.clone()];
		let vp = present(vec![degree.clone()], &[disclosure(&at_bob)], &keys, &request(), CREATED, EXPIRES).await.unwrap();
		let opened = open(&vp).await.unwrap();
		assert_eq!(opened.credentials, vec![degree]);
		assert_eq!(opened.grades, vec![disclosure(&at_bob)]);
		let signers: Vec<_> = opened.proofs.iter().map(|p| p.signer.clone().unwrap()).collect();
		assert_eq!(signers, vec![holder::account(&at_bob), holder::account(&at_charlie)]);
		for p in &opened.proofs {
			assert_eq!((p.challenge.as_str(), p.domain.as_str(), p.expires.as_str()), ("c0ffee", "admissions.example.edu", EXPIRES));
		}
	}

	#[tokio::test]
	async fn changing_the_challenge_domain_expiry_or_a_record_breaks_the_signature() {
		let key = holder::derive("//Eve", &Bob.to_account_id()).unwrap();
		let vp = present(Vec::new(), &[disclosure(&key)], &[key.clone()], &request(), CREATED, EXPIRES).await.unwrap();
		for (path, value) in [
			("/proof/0/challenge", json!("another")),
			("/proof/0/domain", json!("evil.example")),
			("/proof/0/expires", json!("2099-01-01T00:00:00Z")),
			("/gradeRecords/0/record", json!(r#"{"grade":99}"#)),
		] {
			let mut altered = vp.clone();
			*altered.pointer_mut(path).unwrap() = value;
			let signer = open(&altered).await.unwrap().proofs[0].signer.clone();
			assert_eq!(signer, Err("the signature does not match the document".into()), "{path}");
		}
	}

	#[tokio::test]
	async fn a_key_that_is_not_the_named_accounts_own_is_no_holder() {
		let key = holder::derive("//Eve", &Bob.to_account_id()).unwrap();
		let other = holder::account(&holder::derive("//Ferdie", &Bob.to_account_id()).unwrap());
		let mut vp = present(Vec::new(), &[], &[key.clone()], &request(), CREATED, EXPIRES).await.unwrap();
		// Re-sign with Eve's key but name Ferdie's account as the holder.
		let method = multikey::method_id(&did_of(&other), &key.public().0);
		let options = json!({ "created": CREATED, "verificationMethod": method, "proofPurpose": proof::AUTHENTICATION,
			"challenge": "c0ffee", "domain": "admissions.example.edu", "expires": EXPIRES });
		let bare = proof::without_proof(&vp).unwrap();
		vp["proof"] = json!([proof::prove(&bare, &key, proof::Suite::Jcs, options).await.unwrap()]);
		let signer = open(&vp).await.unwrap().proofs[0].signer.clone().unwrap_err();
		assert!(signer.contains("is not did:educhain:") && signer.contains("own key"), "{signer}");
	}

	#[test]
	fn a_disclosed_record_has_the_documented_digest_and_value() {
		// docs/digests.md's test vector.
		let record = r#"{"learner":"5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy","course":"CS101","term":20261,"grade":80}"#;
		let d = GradeDisclosure { class: 0, learner: Bob.to_account_id(), salt: format!("0x{}", "07".repeat(32)), record: record.into() };
		assert_eq!(format!("{:?}", d.digest().unwrap()), "0x55be2f434057a92c090c362489ec1443d5269378cede13b9cc84481d96b39bae");
		assert_eq!(d.value(), Ok(80));
		assert!(GradeDisclosure { salt: "0x07".into(), ..d }.digest().unwrap_err().contains("not 32 bytes"));
		assert_ne!(challenge(), challenge());
	}
}
