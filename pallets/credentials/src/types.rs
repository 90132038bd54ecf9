//! Credentials as stored on chain: the digest of the document the holder keeps, who issued it to
//! whom, its status with the full history, and the transcript facts behind it.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::PalletError;
use pallet_transcripts::{EnrolmentId, ProgramId, TranscriptFacts};
use scale_info::TypeInfo;

/// What a credential certifies.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum CredentialKind {
	/// A degree: completes a program.
	Degree,
	/// A certificate: completes a (short) program.
	Certificate,
	/// A micro-credential, issued by another pallet (coins) for a task or skill.
	MicroCredential,
}

/// Whether a credential holds.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum CredentialStatus<BlockNumber> {
	/// Valid.
	Valid,
	/// Revoked at `at` for the issuer's reason code `reason`.
	Revoked { reason: u16, at: BlockNumber },
}

/// The program a credential completes.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ProgramRef {
	/// The issuer's program id.
	pub program: ProgramId,
	/// The enrolment that completed it.
	pub enrolment: EnrolmentId,
}

/// A credential's on-chain record. Its id (the map key) is the SHA-256 of the JCS canonical
/// form of the credential document (see `docs/credentials.md`).
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Credential<AccountId, BlockNumber> {
	/// The institution that issued it.
	pub issuer: AccountId,
	/// The learner it was issued to.
	pub holder: AccountId,
	/// Degree, certificate or micro-credential.
	pub kind: CredentialKind,
	/// The program and enrolment it completes (none for a micro-credential).
	pub program: Option<ProgramRef>,
	/// The block it was issued in.
	pub issued: BlockNumber,
	/// Valid or revoked.
	pub status: CredentialStatus<BlockNumber>,
	/// The transcript facts that justified it, as they were at issuance.
	pub facts: Option<TranscriptFacts>,
}

/// One entry of a credential's status history.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct StatusChange<AccountId, BlockNumber> {
	/// `true` for a revocation, `false` for a reinstatement.
	pub revoked: bool,
	/// The reason code given.
	pub reason: u16,
	/// Who did it (the issuer or a ministry account).
	pub by: AccountId,
	/// When.
	pub at: BlockNumber,
}

/// One credential of a batch.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct IssueItem<AccountId, Hash> {
	/// The learner.
	pub holder: AccountId,
	/// The enrolment it completes.
	pub enrolment: EnrolmentId,
	/// Degree or certificate.
	pub kind: CredentialKind,
	/// The credential document's id.
	pub id: Hash,
}

/// The issuing requirement an item failed, in a batch error.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	PalletError,
)]
pub enum Requirement {
	/// The enrolment does not exist.
	UnknownEnrolment,
	/// The holder is not the enrolment's learner.
	WrongHolder,
	/// The enrolment's program does not exist.
	UnknownProgram,
	/// The issuer did not enrol the learner.
	NotTheEnrollingInstitution,
	/// The issuer is not an active institution.
	IssuerNotActive,
	/// The enrolment has already ended.
	EnrolmentEnded,
	/// Fewer credits than the program requires.
	InsufficientCredits,
	/// Less time than the program's minimum duration has passed.
	TooEarly,
	/// More time than the program's maximum duration has passed.
	TooLate,
	/// A credential with this id exists.
	AlreadyIssued,
	/// A micro-credential cannot be issued for an enrolment.
	WrongKind,
}

/// Everything a verifier needs about one credential id.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct Verification<AccountId, BlockNumber> {
	/// The record, if the id is on chain.
	pub credential: Option<Credential<AccountId, BlockNumber>>,
	/// Whether the issuer is an active member now (it was when it issued: issuing requires it).
	pub issuer_active_now: bool,
	/// The status history, oldest first.
	pub history: alloc::vec::Vec<StatusChange<AccountId, BlockNumber>>,
}

/// What other pallets (coins) use to issue micro-credentials.
pub trait MicroCredentialIssuer<AccountId, Hash> {
	/// Issue the micro-credential with document id `id` from `issuer` (an active institution)
	/// to `holder`.
	fn issue_micro(issuer: &AccountId, holder: &AccountId, id: Hash) -> sp_runtime::DispatchResult;
}
