//! `did_*`: `did:educhain` DIDs resolved from the chain, and the assertion keys behind them.

use crate::{multikey, name, AccountId, BlockNumber, Hash, RpcResult};
use jsonrpsee::proc_macros::rpc;
use pallet_registry::AssertionKey;
use serde::{Deserialize, Serialize};

/// The DID method prefix: `did:educhain:<SS58 address>`.
pub const DID_PREFIX: &str = "did:educhain:";

/// The contexts of a DID document.
pub const DID_CONTEXTS: [&str; 3] =
	["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1", "https://w3id.org/educhain/v1"];

/// The DID of `account`.
pub fn did_of(account: &AccountId) -> String {
	format!("{DID_PREFIX}{account}")
}

/// An institution's DID document, as the chain has it at one block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DidDocument {
	/// DID Core, Multikey and educhain's terms.
	#[serde(rename = "@context")]
	pub context: Vec<String>,
	/// The DID.
	pub id: String,
	/// Other identifiers of the same subject (a `did:web` points back at `did:educhain`).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub also_known_as: Vec<String>,
	/// Every assertion key it ever registered, current and ended, oldest first.
	pub verification_method: Vec<VerificationMethod>,
	/// The ids of the keys whose assertions stand: every key but the revoked ones. A rotated
	/// key stays, for the credentials it signed while current; when each key signed is in its
	/// history (`addedAtBlock`, `endedAtBlock`), which the educhain verifier checks against the
	/// block of issue.
	pub assertion_method: Vec<String>,
	/// The institution's registry status: `Applicant`, `Active`, `Suspended` or `Removed`.
	pub registry_status: String,
}

/// One assertion key as a Multikey verification method, with its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationMethod {
	/// `did#z6Mk…`.
	pub id: String,
	/// `Multikey`.
	#[serde(rename = "type")]
	pub kind: String,
	/// The DID.
	pub controller: String,
	/// The Ed25519 public key, `z6Mk…`.
	pub public_key_multibase: String,
	/// The block from which it signs.
	pub added_at_block: BlockNumber,
	/// The block from which it no longer signs, if it ended.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub ended_at_block: Option<BlockNumber>,
	/// `Rotated` or `Revoked`, if it ended.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub end_reason: Option<String>,
}

impl VerificationMethod {
	/// Whether the key signed for its controller at block `at`.
	pub fn valid_at(&self, at: BlockNumber) -> bool {
		self.added_at_block <= at && self.ended_at_block.is_none_or(|end| at < end)
	}
}

impl DidDocument {
	/// The document of DID `did`: registry status `status` and assertion keys `keys`.
	pub fn new(did: String, status: &impl std::fmt::Debug, keys: Vec<AssertionKey<BlockNumber>>) -> Self {
		let verification_method: Vec<_> = keys
			.into_iter()
			.map(|k| VerificationMethod {
				id: multikey::method_id(&did, &k.public),
				kind: "Multikey".into(),
				controller: did.clone(),
				public_key_multibase: multikey::encode(&k.public),
				added_at_block: k.added,
				ended_at_block: k.ended.map(|(block, _)| block),
				end_reason: k.ended.map(|(_, why)| name(&why)),
			})
			.collect();
		let revoked = |m: &VerificationMethod| m.end_reason.as_deref() == Some("Revoked");
		let assertion_method = verification_method.iter().filter(|m| !revoked(m)).map(|m| m.id.clone()).collect();
		Self {
			context: DID_CONTEXTS.map(String::from).to_vec(),
			id: did,
			also_known_as: Vec::new(),
			verification_method,
			assertion_method,
			registry_status: name(status),
		}
	}

	/// Whether `method` may sign a credential issued now.
	pub fn is_current(&self, method: &str) -> bool {
		self.method(method).is_some_and(|m| m.ended_at_block.is_none())
	}

	/// The verification method with id `method`, if the document lists it.
	pub fn method(&self, method: &str) -> Option<&VerificationMethod> {
		self.verification_method.iter().find(|m| m.id == method)
	}
}

/// DID resolution, at the best block or the block `at`.
#[rpc(client, server, namespace = "did")]
pub trait DidRpc {
	/// The DID document of `did` (`did:educhain:<SS58 address>`), or null if that account is
	/// not an institution the registry knows.
	#[method(name = "resolve")]
	fn resolve(&self, did: String, at: Option<Hash>) -> RpcResult<Option<DidDocument>>;
}

#[cfg(test)]
mod tests {
	use super::*;
	use pallet_registry::KeyEnd;

	#[test]
	fn a_document_lists_every_key_and_asserts_with_all_but_the_revoked() {
		let key = |b: u8, added, ended| AssertionKey { public: [b; 32], added, ended };
		let keys = vec![key(1, 5, Some((9, KeyEnd::Rotated))), key(2, 9, Some((12, KeyEnd::Revoked))), key(3, 12, None)];
		let doc = DidDocument::new("did:educhain:5Uni".into(), &pallet_registry::Status::Active, keys);
		assert_eq!(doc.registry_status, "Active");
		let ids: Vec<_> = doc.verification_method.iter().map(|m| m.id.clone()).collect();
		assert_eq!(doc.assertion_method, vec![ids[0].clone(), ids[2].clone()]);
		assert!(!doc.is_current(&ids[0]) && !doc.is_current(&ids[1]) && doc.is_current(&ids[2]));
		assert!(doc.method(&ids[0]).unwrap().valid_at(8) && !doc.method(&ids[0]).unwrap().valid_at(9));
		assert_eq!(doc.verification_method[1].end_reason.as_deref(), Some("Revoked"));
		let json = serde_json::to_value(&doc).unwrap();
		assert_eq!(json["verificationMethod"][2]["publicKeyMultibase"], multikey::encode(&[3; 32]));
		assert!(json["verificationMethod"][2].get("endedAtBlock").is_none());
	}
}
