//! Courses, tasks, awards and coin balances as stored on chain. Coins are plain counts: they have
//! no price and exist only as awards recorded against a learner in one course.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::BoundedVec;
use scale_info::TypeInfo;

/// A course's id, assigned in order from 0.
pub type CourseId = u64;
/// A task's id within its course, assigned in order from 0.
pub type TaskId = u32;
/// A number of coins.
pub type Coins = u32;

/// The highest threshold a course may set. A pallet error carries at most three bytes of data,
/// and `BelowThreshold` reports the missing coins exactly, so they must fit in a `u16`.
pub const MAX_THRESHOLD: Coins = u16::MAX as Coins;

/// Whether a course takes awards.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum CourseStatus {
	/// Tasks, enrolments and awards may be added.
	Open,
	/// Closed by its lecturer: nothing may be added; learners may still claim.
	Closed,
}

/// A short course that leads to a micro-credential.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Course<AccountId, Hash> {
	/// The institution that runs it and issues its micro-credential.
	pub institution: AccountId,
	/// The lecturer in charge: adds tasks, enrols learners, awards coins.
	pub lecturer: AccountId,
	/// Digest of the course document (`docs/digests.md`).
	pub document: Hash,
	/// Coins a learner needs to claim the micro-credential.
	pub threshold: Coins,
	/// Open or closed.
	pub status: CourseStatus,
	/// Number of tasks added so far (withdrawn ones included); the next task's id.
	pub tasks: TaskId,
}

/// Whether a task still takes awards.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum TaskStatus {
	/// Takes awards.
	Active,
	/// Withdrawn: takes no more awards; those made stay.
	Withdrawn,
}

/// A task of a course.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct CourseTask<Hash> {
	/// Digest of the task file.
	pub document: Hash,
	/// The most coins one award for it may give.
	pub max_coins: Coins,
	/// Active or withdrawn.
	pub status: TaskStatus,
}

/// A superseded amount of an award.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Amendment<AccountId, BlockNumber> {
	/// The amount before the change.
	pub coins: Coins,
	/// Who awarded that amount.
	pub by: AccountId,
	/// When that amount was awarded.
	pub at: BlockNumber,
}

/// The coins a learner was awarded for one task, with the amounts it replaced.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxCorrections))]
pub struct Award<AccountId, BlockNumber, MaxCorrections: frame_support::traits::Get<u32>> {
	/// The amount that counts.
	pub coins: Coins,
	/// Who awarded it.
	pub by: AccountId,
	/// When it was awarded.
	pub at: BlockNumber,
	/// Earlier amounts, oldest first.
	pub corrections: BoundedVec<Amendment<AccountId, BlockNumber>, MaxCorrections>,
}

/// A learner's coins in one course. Present exactly when the learner is enrolled.
#[derive(
	Clone, Debug, Default, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Balance<Hash> {
	/// Coins awarded, as the latest amount of each award.
	pub earned: Coins,
	/// Coins exchanged for the micro-credential.
	pub spent: Coins,
	/// The micro-credential claimed with them, if any.
	pub claimed: Option<Hash>,
}

impl<Hash> Balance<Hash> {
	/// Coins that may still be exchanged.
	pub fn available(&self) -> Coins {
		self.earned.saturating_sub(self.spent)
	}
}
