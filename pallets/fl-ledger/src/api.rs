//! Reading tasks, rounds and budgets: the runtime API behind the node's `fl_*` JSON-RPC methods,
//! and the queries it runs.

use crate::{
	dp,
	pallet::{Aggregates, Budgets, Rounds, Submissions, Tasks},
	Budget, Config, DpParams, FlTaskId, FlTaskStatus, Pallet, Round, Submission,
};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_arithmetic::FixedU128;

/// A task, with each participant's acceptance and budget in participant order.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct TaskView<AccountId, Hash, BlockNumber> {
	/// The institution that registered it.
	pub owner: AccountId,
	/// Digest of the model specification.
	pub model: Hash,
	/// The model's number of parameters.
	pub params: u32,
	/// Number of rounds.
	pub rounds: Round,
	/// Blocks a round stays open at most.
	pub round_blocks: BlockNumber,
	/// Privacy parameters of every round.
	pub dp: DpParams,
	/// Pending, running (with the open round) or finished.
	pub status: FlTaskStatus,
	/// Each participant, whether it accepted, and its budget.
	pub participants: Vec<(AccountId, bool, Budget)>,
}

/// A round with its submissions and aggregates, in the task's participant order.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct RoundView<AccountId, Hash, BlockNumber> {
	/// The block it opened in.
	pub opened: BlockNumber,
	/// The last block that takes submissions.
	pub deadline: BlockNumber,
	/// The block it closed in, once closed.
	pub closed: Option<BlockNumber>,
	/// Participants that submitted nothing (once closed).
	pub missing: Vec<AccountId>,
	/// Each submission with its participant.
	pub submissions: Vec<(AccountId, Submission<Hash, BlockNumber>)>,
	/// Each recorded aggregate: participant, digest, weights.
	pub aggregates: Vec<(AccountId, Hash, Vec<FixedU128>)>,
}

sp_api::decl_runtime_apis! {
	/// The federated-learning ledger, for the node's `fl_*` JSON-RPC methods. Version 2 (spec 170,
	/// issue 28): a [`Budget`] carries the Rényi accountant's ρ and the registered sample count,
	/// and `required_sigma` takes that count; version 1's answers are not decoded by this node.
	#[api_version(2)]
	pub trait FlLedgerApi<AccountId, Hash, BlockNumber>
	where
		AccountId: Codec,
		Hash: Codec,
		BlockNumber: Codec,
	{
		/// The task with each participant's acceptance and budget, if it exists.
		fn task(task: FlTaskId) -> Option<TaskView<AccountId, Hash, BlockNumber>>;
		/// A round with its submissions (digest, σ, m, block) and aggregates.
		fn round(task: FlTaskId, round: Round) -> Option<RoundView<AccountId, Hash, BlockNumber>>;
		/// A participant's ε and δ spent, ε total and submissions.
		fn budget(task: FlTaskId, participant: AccountId) -> Option<Budget>;
		/// The least σ the task accepts from a participant with `samples` samples.
		fn required_sigma(task: FlTaskId, samples: u32) -> Option<FixedU128>;
	}
}

impl<T: Config> Pallet<T> {
	/// See [`FlLedgerApi::task`].
	pub fn task_view(task: FlTaskId) -> Option<TaskView<T::AccountId, T::Hash, BlockNumberFor<T>>> {
		let t = Tasks::<T>::get(task)?;
		let participants = t
			.participants
			.iter()
			.zip(t.accepted.iter())
			.map(|(p, accepted)| (p.clone(), *accepted, Budgets::<T>::get(task, p).unwrap_or_default()))
			.collect();
		Some(TaskView {
			owner: t.owner,
			model: t.model,
			params: t.params,
			rounds: t.rounds,
			round_blocks: t.round_blocks,
			dp: t.dp,
			status: t.status,
			participants,
		})
	}

	/// See [`FlLedgerApi::round`].
	pub fn round_view(task: FlTaskId, round: Round) -> Option<RoundView<T::AccountId, T::Hash, BlockNumberFor<T>>> {
		let t = Tasks::<T>::get(task)?;
		let info = Rounds::<T>::get(task, round)?;
		let submissions = t
			.participants
			.iter()
			.filter_map(|p| Submissions::<T>::get((task, round, p)).map(|s| (p.clone(), s)))
			.collect();
		let aggregates = t
			.participants
			.iter()
			.filter_map(|p| {
				Aggregates::<T>::get((task, round, p)).map(|a| (p.clone(), a.digest, a.weights.into_inner()))
			})
			.collect();
		Some(RoundView {
			opened: info.opened,
			deadline: info.deadline,
			closed: info.closed,
			missing: info.missing.into_inner(),
			submissions,
			aggregates,
		})
	}

	/// See [`FlLedgerApi::budget`].
	pub fn budget(task: FlTaskId, participant: &T::AccountId) -> Option<Budget> {
		Budgets::<T>::get(task, participant)
	}

	/// See [`FlLedgerApi::required_sigma`].
	pub fn required_sigma(task: FlTaskId, samples: u32) -> Option<FixedU128> {
		let t = Tasks::<T>::get(task)?;
		dp::required_sigma(t.dp.epsilon, t.dp.delta, t.dp.clip, samples)
	}
}
