//! Programs, enrolments, classes and grades as stored on chain. Names and grade details are
//! not here: only digests of the documents the institution and the learner hold.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec, CloneNoBound, DebugNoBound, PartialEqNoBound};
use scale_info::TypeInfo;

/// An institution's own number for one of its programs.
pub type ProgramId = u32;
/// A chain-wide enrolment number.
pub type EnrolmentId = u64;
/// A chain-wide class number.
pub type ClassId = u64;
/// A date: days since 1970-01-01 (UTC).
pub type Day = u32;

/// Whether a program takes new enrolments.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum ProgramStatus {
	/// Takes new enrolments.
	Open,
	/// Takes none; existing enrolments go on.
	Closed,
}

/// A program of study.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Program<Hash> {
	/// Digest of the program document (see `docs/digests.md`).
	pub document: Hash,
	/// Credits needed to complete it.
	pub credits_required: u32,
	/// Shortest time to complete it, in days.
	pub min_days: u32,
	/// Longest time allowed, in days.
	pub max_days: u32,
	/// Open or closed.
	pub status: ProgramStatus,
}

/// Where an enrolment stands.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum EnrolmentStatus {
	/// Studying.
	Active,
	/// Completed the program.
	Graduated,
	/// Left without completing it.
	Withdrawn,
	/// Moved to another program or institution.
	Transferred,
}

/// When the chain learned of an enrolment, and whether its start date is the chain's own.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Recorded<BlockNumber> {
	/// The block that recorded it.
	pub block: BlockNumber,
	/// The day of that block.
	pub day: Day,
	/// `false` for a live enrolment, whose start is on or after `day`, so the chain vouches for
	/// it. `true` for imported history (`import_enrolment`, or an enrolment older than storage
	/// version 2): the start is the institution's statement, made on `day`.
	pub imported: bool,
}

/// A learner's enrolment in one program of one institution.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Enrolment<AccountId, BlockNumber> {
	/// The learner's (pseudonymous) account.
	pub learner: AccountId,
	/// The institution.
	pub institution: AccountId,
	/// The institution's program.
	pub program: ProgramId,
	/// Start date.
	pub start: Day,
	/// Active or how it ended.
	pub status: EnrolmentStatus,
	/// End date, once ended.
	pub ended: Option<Day>,
	/// Credits earned: each passed course counted once (see `credits.rs`).
	pub credits: u32,
	/// When the chain learned of it, and whether it was imported.
	pub recorded: Recorded<BlockNumber>,
}

/// Whether grades may still be written.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum ClassStatus {
	/// Grading is open.
	Open,
	/// Grading closed: no grade can be written, and the roster is fixed.
	Closed,
}

/// One term's class of a course, with its lecturer and roster.
#[derive(
	CloneNoBound,
	DebugNoBound,
	PartialEqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxRoster))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Hash: MaxEncodedLen))]
pub struct Class<AccountId, Hash, MaxRoster>
where
	AccountId: Clone + core::fmt::Debug + PartialEq,
	Hash: Clone + core::fmt::Debug + PartialEq,
	MaxRoster: Get<u32>,
{
	/// The institution that runs it.
	pub institution: AccountId,
	/// Digest of the course code (see `docs/digests.md`): classes of the same course in
	/// different terms share it, which is how a retake is recognised.
	pub course: Hash,
	/// Credits a pass earns.
	pub credits: u32,
	/// The only account that may grade it.
	pub lecturer: AccountId,
	/// The term, as the institution numbers terms (for example 20261).
	pub term: u32,
	/// Lowest passing value: the class's public rule, which the lecturer applies off chain.
	pub pass_mark: u32,
	/// Highest value on the institution's scale.
	pub scale_max: u32,
	/// Open or closed.
	pub status: ClassStatus,
	/// The learners on it, each with the enrolment the class counts towards.
	pub roster: BoundedVec<(AccountId, EnrolmentId), MaxRoster>,
}

/// One grade entry. A correction is a new entry; earlier ones stay. The grade itself (its value
/// on the institution's scale) is not here: it stays in the grade record the learner holds,
/// which `digest` commits to (`docs/privacy.md`).
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct GradeEntry<AccountId, Hash, BlockNumber> {
	/// Whether the grade reaches the class's pass mark, as the lecturer states it.
	pub passed: bool,
	/// Salted digest of the full grade record the learner holds (see `docs/digests.md`).
	pub digest: Hash,
	/// Who wrote it (the class's lecturer).
	pub by: AccountId,
	/// The block in which it was written.
	pub at: BlockNumber,
}

/// One learner's grade in a batch.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct GradeInput<AccountId, Hash> {
	/// The learner.
	pub learner: AccountId,
	/// Whether the grade reaches the class's pass mark. The value itself never reaches the
	/// chain: a call's arguments stay in its block for ever.
	pub passed: bool,
	/// Salted digest of the full grade record.
	pub digest: Hash,
}

/// The classes of one course that count as passed for one enrolment, and the credits the course
/// earned when it was first passed.
#[derive(
	CloneNoBound,
	DebugNoBound,
	PartialEqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxAttempts))]
pub struct CoursePass<MaxAttempts: Get<u32>> {
	/// Credits counted for the course.
	pub credits: u32,
	/// Classes of the course whose latest grade is a pass.
	pub classes: BoundedVec<ClassId, MaxAttempts>,
}

/// The facts of an enrolment that a credential rests on.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct TranscriptFacts {
	/// Credits earned (passed courses, each once).
	pub credits: u32,
	/// Credits the program requires.
	pub credits_required: u32,
	/// Number of classes the enrolment has been on.
	pub classes: u32,
	/// Start date.
	pub start: Day,
	/// The day the chain recorded the enrolment.
	pub recorded: Day,
	/// Whether the start is imported history rather than a date the chain vouches for.
	pub imported: bool,
	/// The date the facts were taken.
	pub until: Day,
	/// The program's shortest duration, in days.
	pub min_days: u32,
	/// The program's longest duration, in days.
	pub max_days: u32,
}

/// What other pallets (credentials) ask of transcripts.
pub trait TranscriptProvider<AccountId, Hash, BlockNumber> {
	/// The enrolment, if it exists.
	fn enrolment(id: EnrolmentId) -> Option<Enrolment<AccountId, BlockNumber>>;
	/// An institution's program, if it exists.
	fn program(institution: &AccountId, id: ProgramId) -> Option<Program<Hash>>;
	/// Today, in days since 1970-01-01.
	fn today() -> Day;
	/// The enrolment's facts as of today, if the enrolment and its program exist.
	fn facts(id: EnrolmentId) -> Option<TranscriptFacts>;
	/// Mark an active enrolment graduated as of today.
	fn graduate(id: EnrolmentId) -> sp_runtime::DispatchResult;
}
