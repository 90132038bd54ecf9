//! Credentials as stored on chain: the digest of the document the holder keeps, who issued it to
//! whom, its status with the full history, and the transcript facts behind it.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::PalletError;
use pallet_transcripts::{Day, EnrolmentId, ProgramId, TranscriptFacts};
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

/// A course's id in the pallet that runs courses (coins), assigned in order from 0.
pub type CourseId = u64;

/// What a credential attests, besides its kind, issuer and holder: the record it rests on.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum Attests<Hash> {
	/// A degree or certificate: `enrolment` completed the issuer's program `program`, whose
	/// document has the digest `document`.
	Program { program: ProgramId, document: Hash, enrolment: EnrolmentId },
	/// A micro-credential: the issuer's course `course`, whose document has the digest
	/// `document`.
	Course { course: CourseId, document: Hash },
}

/// A credential's on-chain record. Its id (the map key) is the SHA-256 of the JCS canonical
/// form of the credential document (see `docs/credentials.md`).
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Credential<AccountId, Hash, BlockNumber> {
	/// The institution that issued it.
	pub issuer: AccountId,
	/// The learner it was issued to.
	pub holder: AccountId,
	/// Degree, certificate or micro-credential.
	pub kind: CredentialKind,
	/// The program and enrolment, or the course, it attests.
	pub attests: Attests<Hash>,
	/// The block it was issued in.
	pub issued: BlockNumber,
	/// The day of that block (days since 1970-01-01); `None` only for a micro-credential issued
	/// before storage version 1, whose day the chain did not keep.
	pub issued_on: Option<Day>,
	/// Whether the registry answered that the issuer was active, in the block of issue.
	pub issuer_active_at_issue: bool,
	/// Valid or revoked.
	pub status: CredentialStatus<BlockNumber>,
	/// The transcript facts that justified it, as they were at issuance (degrees and
	/// certificates).
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
pub struct Verification<AccountId, Hash, BlockNumber> {
	/// The record, if the id is on chain.
	pub credential: Option<Credential<AccountId, Hash, BlockNumber>>,
	/// Whether the issuer is an active member now.
	pub issuer_active_now: bool,
	/// The status history, oldest first.
	pub history: alloc::vec::Vec<StatusChange<AccountId, BlockNumber>>,
}

/// What other pallets (coins) use to issue micro-credentials.
pub trait MicroCredentialIssuer<AccountId, Hash> {
	/// Issue the micro-credential of course `course` (document digest `document`) from `issuer`
	/// (an active institution) to `holder`. `id` must be the id of the course's document form
	/// for this holder ([`crate::document`]): a learner cannot have free text certified.
	fn issue_micro(
		issuer: &AccountId,
		holder: &AccountId,
		course: CourseId,
		document: Hash,
		id: Hash,
	) -> sp_runtime::DispatchResult;
	/// The id of the document course `course` (digest `document`) at `issuer` fixes for
	/// `holder`: the only `id` [`Self::issue_micro`] accepts for them.
	fn micro_credential_id(issuer: &AccountId, holder: &AccountId, course: CourseId, document: &Hash) -> Hash;
}

/// What the credentials pallet asks of the pallet that runs courses (coins): for the auditor's
/// invariants and the storage migration.
pub trait CourseRecords<AccountId, Hash> {
	/// The course's institution and the digest of its document, if it exists.
	fn course(id: CourseId) -> Option<(AccountId, Hash)>;
	/// The course in which `holder` claimed the micro-credential `credential`.
	fn claimed(holder: &AccountId, credential: &Hash) -> Option<CourseId>;
}

/// The DID a credential document names an account by: `did:educhain:<SS58 address>`.
pub trait AccountDid<AccountId> {
	/// The DID's UTF-8 bytes.
	fn did(who: &AccountId) -> alloc::vec::Vec<u8>;
}

/// Names `u64` accounts `did:educhain:<number>`, for mock runtimes.
pub struct NumberedDid;

impl AccountDid<u64> for NumberedDid {
	fn did(who: &u64) -> alloc::vec::Vec<u8> {
		alloc::format!("did:educhain:{who}").into_bytes()
	}
}
