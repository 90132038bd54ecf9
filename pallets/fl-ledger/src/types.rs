//! Federated-learning tasks, rounds, submissions, aggregates and privacy budgets as stored on
//! chain. Update payloads are not stored: they stay in the block bodies, and the state keeps
//! their digests, their σ and m, and the block they are in.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec};
use scale_info::TypeInfo;
use sp_arithmetic::{traits::Saturating, FixedPointNumber, FixedU128};

/// A task's id, assigned in order from 0.
pub type FlTaskId = u32;
/// A round number, from 1.
pub type Round = u32;

/// The differential-privacy parameters every round of a task uses.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct DpParams {
	/// ε spent per round.
	pub epsilon: FixedU128,
	/// δ spent per round, in (0, 1).
	pub delta: FixedU128,
	/// The clip norm S of an update.
	pub clip: FixedU128,
}

/// Where a task stands.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum FlTaskStatus {
	/// Waiting for every participant to accept.
	Pending,
	/// Round `round` is open.
	Running { round: Round },
	/// Every round has closed.
	Finished,
}

/// A federated-learning task.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxParticipants))]
pub struct FlTask<AccountId, Hash, BlockNumber, MaxParticipants: Get<u32>> {
	/// The institution that registered it.
	pub owner: AccountId,
	/// Digest of the model specification (architecture, quantization, aggregation rule).
	pub model: Hash,
	/// The model's number of parameters.
	pub params: u32,
	/// The participating institutions, in the order aggregate weights refer to.
	pub participants: BoundedVec<AccountId, MaxParticipants>,
	/// Number of rounds.
	pub rounds: Round,
	/// Blocks a round stays open at most.
	pub round_blocks: BlockNumber,
	/// Privacy parameters of every round.
	pub dp: DpParams,
	/// Participants that have accepted, by position in `participants`.
	pub accepted: BoundedVec<bool, MaxParticipants>,
	/// Pending, running or finished.
	pub status: FlTaskStatus,
}

/// A participant's privacy budget in a task, spent by two accountants at once: basic
/// composition (each submission adds the round's ε and δ) and Rényi DP (each adds its ρ, see
/// [`crate::rdp`]). What counts as spent is the smaller of the two, stated at the task's total δ.
#[derive(
	Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Budget {
	/// The total ε the participant may spend.
	pub total: FixedU128,
	/// ε spent so far by basic composition.
	pub spent_epsilon: FixedU128,
	/// δ spent so far by basic composition.
	pub spent_delta: FixedU128,
	/// ρ (zero-concentrated DP) spent so far: the sum of each submission's.
	pub rho: FixedU128,
	/// The participant's number of local samples m, fixed when it accepted the task; every σ it
	/// submits is checked against the bound for this m. Zero until it accepts.
	pub samples: u32,
	/// Updates submitted so far.
	pub submissions: u32,
}

impl Budget {
	/// ε spent by Rényi-DP accounting at `total_delta`, or `None` when it gives no bound.
	pub fn rdp_epsilon(&self, total_delta: FixedU128) -> Option<FixedU128> {
		crate::rdp::epsilon(self.rho, total_delta)
	}

	/// ε spent: the smaller of the two accountants' figures, at `total_delta` (see
	/// [`DpParams::total_delta`]).
	pub fn spent(&self, total_delta: FixedU128) -> FixedU128 {
		match self.rdp_epsilon(total_delta) {
			Some(rdp) if rdp < self.spent_epsilon => rdp,
			_ => self.spent_epsilon,
		}
	}

	/// ε still available at `total_delta`.
	pub fn remaining(&self, total_delta: FixedU128) -> FixedU128 {
		self.total.saturating_sub(self.spent(total_delta))
	}
}

impl DpParams {
	/// The δ a participant's whole budget is stated at: the round's δ times the task's rounds,
	/// the most basic composition can spend.
	pub fn total_delta(&self, rounds: Round) -> FixedU128 {
		self.delta.saturating_mul(FixedU128::saturating_from_integer(rounds))
	}
}

/// A round's record.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxParticipants))]
pub struct RoundInfo<AccountId, BlockNumber, MaxParticipants: Get<u32>> {
	/// The block it opened in.
	pub opened: BlockNumber,
	/// The last block that takes submissions.
	pub deadline: BlockNumber,
	/// The block it closed in, once closed.
	pub closed: Option<BlockNumber>,
	/// Updates submitted.
	pub submitted: u32,
	/// Participants that submitted nothing, recorded when it closed.
	pub missing: BoundedVec<AccountId, MaxParticipants>,
}

/// One participant's noisy update in a round. The payload itself is in the extrinsic, in block
/// `block`.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Submission<Hash, BlockNumber> {
	/// blake2-256 of the payload.
	pub digest: Hash,
	/// The noise standard deviation used.
	pub sigma: FixedU128,
	/// The participant's number of local samples m, as it registered when it accepted.
	pub samples: u32,
	/// The payload's length in bytes.
	pub bytes: u32,
	/// The block whose body holds the payload.
	pub block: BlockNumber,
	/// The extrinsic's index in that block.
	pub index: u32,
}

/// A participant's aggregated (personalized) model after a round: its digest and the weight it
/// gave each participant's update, so that an auditor can recompute it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxParticipants))]
pub struct Aggregate<Hash, MaxParticipants: Get<u32>> {
	/// Digest of the aggregated model.
	pub digest: Hash,
	/// Weight of each participant's update, in the task's participant order; zero for missing
	/// updates; summing to one.
	pub weights: BoundedVec<FixedU128, MaxParticipants>,
}
