//! `credentials_verify`: everything a verifier needs about a credential, by the digest of its
//! document.

use crate::{name, AccountId, BlockNumber, Hash, RpcResult};
use jsonrpsee::proc_macros::rpc;
use pallet_credentials::{Attests, CourseId, CredentialStatus, StatusChange, Verification};
use pallet_transcripts::{Day, EnrolmentId, ProgramId, TranscriptFacts};
use serde::{Deserialize, Serialize};

/// What `credentials_verify` answers: the id asked about and, when the chain has it, its
/// record beside them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "RawResponse")]
pub struct VerifyResponse {
	/// The credential id asked about.
	pub id: Hash,
	/// Whether the chain has a credential with this id.
	pub found: bool,
	/// The record, when found.
	#[serde(flatten)]
	pub record: Option<CredentialRecord>,
}

impl VerifyResponse {
	/// The answer for credential `id` from the runtime's `v`.
	pub fn new(id: Hash, v: Verification<AccountId, Hash, BlockNumber>) -> Self {
		let history = v.history.iter().map(HistoryEntry::from).collect();
		let record = v.credential.map(|c| {
			let (program, enrolment, course) = match c.attests {
				Attests::Program { program, document, enrolment } =>
					(Some(ProgramRef { id: program, document }), Some(enrolment), None),
				Attests::Course { course, document } => (None, None, Some(CourseRef { id: course, document })),
			};
			CredentialRecord {
				issuer: c.issuer,
				issuer_active_at_issue: c.issuer_active_at_issue,
				issuer_active_now: v.issuer_active_now,
				holder: c.holder,
				kind: name(&c.kind),
				program,
				enrolment,
				course,
				issued_at: c.issued,
				issued_on: c.issued_on,
				status: c.status.into(),
				history,
				facts: c.facts.map(FactsView::from),
			}
		});
		Self { id, found: record.is_some(), record }
	}
}

/// The answer as it arrives: read strictly, so that a found record with a missing or malformed
/// field is an error, never an answer of "not found" (which serde's flattened `Option` would
/// make of it).
#[derive(Deserialize)]
struct RawResponse {
	id: Hash,
	found: bool,
	#[serde(flatten)]
	rest: serde_json::Map<String, serde_json::Value>,
}

impl TryFrom<RawResponse> for VerifyResponse {
	type Error = String;

	fn try_from(raw: RawResponse) -> Result<Self, String> {
		let record = match raw.found {
			true => Some(serde_json::from_value(raw.rest.into()).map_err(|e| format!("the credential's record: {e}"))?),
			false => None,
		};
		Ok(VerifyResponse { id: raw.id, found: raw.found, record })
	}
}

/// A credential as the chain records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialRecord {
	/// The institution that issued it.
	pub issuer: AccountId,
	/// Whether the issuer was an active member when it issued it.
	pub issuer_active_at_issue: bool,
	/// Whether the issuer is an active member now.
	pub issuer_active_now: bool,
	/// The account it was issued to.
	pub holder: AccountId,
	/// `Degree`, `Certificate` or `MicroCredential`.
	pub kind: String,
	/// The program a degree or certificate completes.
	pub program: Option<ProgramRef>,
	/// The enrolment a degree or certificate completes.
	pub enrolment: Option<EnrolmentId>,
	/// The course a micro-credential is for.
	pub course: Option<CourseRef>,
	/// The block it was issued in.
	pub issued_at: BlockNumber,
	/// The day it was issued on, when the chain knew the day.
	pub issued_on: Option<Day>,
	/// Valid, or revoked with a reason.
	pub status: StatusView,
	/// Every revocation and reinstatement, oldest first.
	pub history: Vec<HistoryEntry>,
	/// The transcript facts a degree was issued on.
	pub facts: Option<FactsView>,
}

/// A program and the digest of its document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramRef {
	/// The program.
	pub id: ProgramId,
	/// Digest of its document.
	pub document: Hash,
}

/// A course and the digest of its document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseRef {
	/// The course.
	pub id: CourseId,
	/// Digest of its document.
	pub document: Hash,
}

/// A credential's status now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum StatusView {
	/// It stands.
	Valid,
	/// The issuer revoked it.
	Revoked {
		/// The reason code.
		reason: u16,
		/// The block it was revoked in.
		block: BlockNumber,
	},
}

impl From<CredentialStatus<BlockNumber>> for StatusView {
	fn from(s: CredentialStatus<BlockNumber>) -> Self {
		match s {
			CredentialStatus::Valid => StatusView::Valid,
			CredentialStatus::Revoked { reason, at } => StatusView::Revoked { reason, block: at },
		}
	}
}

/// One change of a credential's status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
	/// Revoked (true) or reinstated (false).
	pub revoked: bool,
	/// The reason code.
	pub reason: u16,
	/// Who changed it.
	pub by: AccountId,
	/// The block it changed in.
	pub block: BlockNumber,
}

impl From<&StatusChange<AccountId, BlockNumber>> for HistoryEntry {
	fn from(h: &StatusChange<AccountId, BlockNumber>) -> Self {
		Self { revoked: h.revoked, reason: h.reason, by: h.by.clone(), block: h.at }
	}
}

/// The transcript facts behind a degree, as the chain checked them when it was issued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FactsView {
	/// Credits earned.
	pub credits: u32,
	/// Credits the program requires.
	pub credits_required: u32,
	/// Classes passed.
	pub classes: u32,
	/// The enrolment's start day.
	pub start: Day,
	/// The day the chain learned of the enrolment.
	pub recorded: Day,
	/// Whether the start is the institution's statement about history before the chain.
	pub imported: bool,
	/// The day the facts were taken on (the issue day).
	pub until: Day,
	/// The program's least days.
	pub min_days: u32,
	/// The program's most days.
	pub max_days: u32,
}

impl From<TranscriptFacts> for FactsView {
	fn from(f: TranscriptFacts) -> Self {
		Self {
			credits: f.credits,
			credits_required: f.credits_required,
			classes: f.classes,
			start: f.start,
			recorded: f.recorded,
			imported: f.imported,
			until: f.until,
			min_days: f.min_days,
			max_days: f.max_days,
		}
	}
}

/// The credentials JSON-RPC methods.
#[rpc(client, server, namespace = "credentials")]
pub trait CredentialsRpc {
	/// The record behind credential `id` (the SHA-256 of its document's JCS form), at the best
	/// block or the block `at`: issuer, holder, kind, what it attests, issue block and day,
	/// status and history, whether the issuer was active at issue and is now, and the
	/// transcript facts.
	#[method(name = "verify")]
	fn verify(&self, id: Hash, at: Option<Hash>) -> RpcResult<VerifyResponse>;

	/// The credentials `holder` holds, in id order, a page of at most
	/// [`pallet_credentials::api::HELD_PAGE`] at a time, after the credential `after` (from the
	/// first when absent), at the best block or the block `at`: each with the record
	/// `credentials_verify` gives.
	#[method(name = "held")]
	fn held(&self, holder: AccountId, after: Option<Hash>, at: Option<Hash>) -> RpcResult<HeldPage>;
}

/// What `credentials_held` answers: one page of a holder's credentials.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldPage {
	/// The holder asked about.
	pub holder: AccountId,
	/// Their credentials on this page, in id order.
	pub credentials: Vec<VerifyResponse>,
	/// The `after` that asks for the next page; absent on the last.
	pub next: Option<Hash>,
}

impl HeldPage {
	/// The page for `holder` from the runtime's `listed`: there may be more when it is full.
	pub fn new(holder: AccountId, listed: Vec<(Hash, Verification<AccountId, Hash, BlockNumber>)>) -> Self {
		let full = listed.len() >= pallet_credentials::api::HELD_PAGE as usize;
		let credentials: Vec<VerifyResponse> = listed.into_iter().map(|(id, v)| VerifyResponse::new(id, v)).collect();
		let next = credentials.last().filter(|_| full).map(|c| c.id);
		Self { holder, credentials, next }
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn record() -> CredentialRecord {
		CredentialRecord {
			issuer: AccountId::new([1; 32]),
			issuer_active_at_issue: true,
			issuer_active_now: false,
			holder: AccountId::new([2; 32]),
			kind: "Degree".into(),
			program: Some(ProgramRef { id: 1, document: Hash::repeat_byte(3) }),
			enrolment: Some(0),
			course: None,
			issued_at: 42,
			issued_on: Some(20_413),
			status: StatusView::Revoked { reason: 2, block: 50 },
			history: vec![HistoryEntry { revoked: true, reason: 2, by: AccountId::new([1; 32]), block: 50 }],
			facts: None,
		}
	}

	#[test]
	fn a_found_credential_is_flat_and_reads_back() {
		let found = VerifyResponse { id: Hash::repeat_byte(9), found: true, record: Some(record()) };
		let json = serde_json::to_value(&found).unwrap();
		assert_eq!(json["issuerActiveAtIssue"], true);
		assert_eq!(json["status"], serde_json::json!({ "state": "revoked", "reason": 2, "block": 50 }));
		assert_eq!(json["course"], serde_json::Value::Null);
		assert_eq!(serde_json::from_value::<VerifyResponse>(json).unwrap(), found);
	}

	#[test]
	fn a_found_record_with_a_field_missing_is_an_error_not_an_unknown_credential() {
		let found = VerifyResponse { id: Hash::repeat_byte(9), found: true, record: Some(record()) };
		let mut json = serde_json::to_value(&found).unwrap();
		json.as_object_mut().unwrap().remove("history");
		let error = serde_json::from_value::<VerifyResponse>(json).unwrap_err();
		assert!(error.to_string().contains("history"), "{error}");
	}

	#[test]
	fn an_unknown_credential_has_only_its_id() {
		let missing = VerifyResponse { id: Hash::repeat_byte(9), found: false, record: None };
		let json = serde_json::to_value(&missing).unwrap();
		assert_eq!(json.as_object().unwrap().len(), 2, "{json}");
		assert_eq!(serde_json::from_value::<VerifyResponse>(json).unwrap(), missing);
	}
}
