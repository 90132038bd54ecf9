//! `fl_*`: a federated-learning task with each participant's budget, a round's submissions and
//! aggregates, a participant's budget, and the least σ a task accepts. Fixed-point values are
//! exact [`Decimal`] strings.

use crate::{name, AccountId, BlockNumber, Decimal, Hash, RpcResult};
use jsonrpsee::proc_macros::rpc;
use pallet_fl_ledger::{
	api::{RoundView, TaskView},
	Budget, FlTaskId, FlTaskStatus, Round,
};
use serde::{Deserialize, Serialize};

/// A participant's privacy budget, as both accountants count it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BudgetView {
	/// ε the participant may spend in all.
	pub total: Decimal,
	/// ε spent: the smaller of `basicEpsilon` and `rdpEpsilon`, at `totalDelta`; what the ledger
	/// holds within `total`.
	pub spent_epsilon: Decimal,
	/// ε left.
	pub remaining: Decimal,
	/// ε spent by basic composition: the round's ε times the updates.
	pub basic_epsilon: Decimal,
	/// ε spent by Rényi-DP accounting at `totalDelta`, or null if it gives no bound.
	pub rdp_epsilon: Option<Decimal>,
	/// δ spent by basic composition.
	pub spent_delta: Decimal,
	/// The δ the budget is stated at: the round's δ times the task's rounds.
	pub total_delta: Decimal,
	/// ρ (zero-concentrated DP) spent: the sum of each update's.
	pub rho: Decimal,
	/// The participant's registered number of local samples m (0 until it accepts).
	pub samples: u32,
	/// Updates submitted.
	pub submissions: u32,
}

impl BudgetView {
	/// The view of `b` in a task whose budgets are stated at `total_delta`
	/// ([`pallet_fl_ledger::DpParams::total_delta`]).
	pub fn new(b: &Budget, total_delta: sp_arithmetic::FixedU128) -> Self {
		Self {
			total: b.total.into(),
			spent_epsilon: b.spent(total_delta).into(),
			remaining: b.remaining(total_delta).into(),
			basic_epsilon: b.spent_epsilon.into(),
			rdp_epsilon: b.rdp_epsilon(total_delta).map(Into::into),
			spent_delta: b.spent_delta.into(),
			total_delta: total_delta.into(),
			rho: b.rho.into(),
			samples: b.samples,
			submissions: b.submissions,
		}
	}
}

/// A participant of a task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantView {
	/// The institution.
	pub account: AccountId,
	/// Whether it accepted the task.
	pub accepted: bool,
	/// Its budget.
	pub budget: BudgetView,
}

/// A federated-learning task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskInfo {
	/// The task.
	pub task: FlTaskId,
	/// The institution that opened it.
	pub owner: AccountId,
	/// Digest of the model's description.
	pub model: Hash,
	/// The model's parameter count.
	pub params: u32,
	/// Rounds to run.
	pub rounds: Round,
	/// Blocks each round stays open.
	pub round_blocks: BlockNumber,
	/// ε of one round.
	pub epsilon: Decimal,
	/// δ of one round.
	pub delta: Decimal,
	/// The clipping norm S.
	pub clip: Decimal,
	/// `Pending`, `Running` or `Finished`.
	pub status: String,
	/// The open round, while running.
	pub open_round: Option<Round>,
	/// Its participants.
	pub participants: Vec<ParticipantView>,
}

impl TaskInfo {
	/// Task `id`.
	pub fn new(id: FlTaskId, t: &TaskView<AccountId, Hash, BlockNumber>) -> Self {
		Self {
			task: id,
			owner: t.owner.clone(),
			model: t.model,
			params: t.params,
			rounds: t.rounds,
			round_blocks: t.round_blocks,
			epsilon: t.dp.epsilon.into(),
			delta: t.dp.delta.into(),
			clip: t.dp.clip.into(),
			status: name(&t.status),
			open_round: match t.status {
				FlTaskStatus::Running { round } => Some(round),
				_ => None,
			},
			participants: t
				.participants
				.iter()
				.map(|(who, accepted, b)| ParticipantView { account: who.clone(), accepted: *accepted, budget: BudgetView::new(b, t.dp.total_delta(t.rounds)) })
				.collect(),
		}
	}
}

/// An update published in a round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionView {
	/// Who published it.
	pub participant: AccountId,
	/// Digest of the update's payload.
	pub digest: Hash,
	/// The noise σ it was published with.
	pub sigma: Decimal,
	/// Local samples it was trained on.
	pub samples: u32,
	/// The payload's size.
	pub bytes: u32,
	/// The block holding the payload.
	pub block: BlockNumber,
	/// The extrinsic index of the payload in that block.
	pub index: u32,
}

/// An aggregate a participant computed from a round's updates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AggregateView {
	/// Who computed it.
	pub participant: AccountId,
	/// Digest of the aggregate model.
	pub digest: Hash,
	/// The weight given to each update, in submission order.
	pub weights: Vec<Decimal>,
}

/// A round of a task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundInfo {
	/// The task.
	pub task: FlTaskId,
	/// The round.
	pub round: Round,
	/// The block it opened in.
	pub opened: BlockNumber,
	/// The last block that takes updates.
	pub deadline: BlockNumber,
	/// The block it closed in, once closed.
	pub closed: Option<BlockNumber>,
	/// Participants that published nothing.
	pub missing: Vec<AccountId>,
	/// The updates.
	pub submissions: Vec<SubmissionView>,
	/// The aggregates.
	pub aggregates: Vec<AggregateView>,
}

impl RoundInfo {
	/// Round `round` of task `task`.
	pub fn new(task: FlTaskId, round: Round, r: &RoundView<AccountId, Hash, BlockNumber>) -> Self {
		Self {
			task,
			round,
			opened: r.opened,
			deadline: r.deadline,
			closed: r.closed,
			missing: r.missing.clone(),
			submissions: r
				.submissions
				.iter()
				.map(|(who, s)| SubmissionView {
					participant: who.clone(),
					digest: s.digest,
					sigma: s.sigma.into(),
					samples: s.samples,
					bytes: s.bytes,
					block: s.block,
					index: s.index,
				})
				.collect(),
			aggregates: r
				.aggregates
				.iter()
				.map(|(who, digest, weights)| AggregateView {
					participant: who.clone(),
					digest: *digest,
					weights: weights.iter().copied().map(Decimal::from).collect(),
				})
				.collect(),
		}
	}
}

/// The federated-learning ledger's JSON-RPC methods, each at the best block or the block `at`.
#[rpc(client, server, namespace = "fl")]
pub trait FlRpc {
	/// The task (owner, model digest, parameters, rounds, blocks per round, ε, δ, S, status)
	/// with each participant's acceptance and budget, or null.
	#[method(name = "task")]
	fn task(&self, task: FlTaskId, at: Option<Hash>) -> RpcResult<Option<TaskInfo>>;

	/// A round: when it opened, its deadline, when it closed, who was missing, each submission
	/// and each aggregate; or null.
	#[method(name = "round")]
	fn round(&self, task: FlTaskId, round: Round, at: Option<Hash>) -> RpcResult<Option<RoundInfo>>;

	/// A participant's budget: ε total, spent (by each accountant, and the smaller) and remaining,
	/// δ spent and the δ it is stated at, ρ, m and submissions; or null.
	#[method(name = "budget")]
	fn budget(&self, task: FlTaskId, participant: AccountId, at: Option<Hash>) -> RpcResult<Option<BudgetView>>;

	/// The least σ the task accepts from a participant with `samples` local samples, or null.
	#[method(name = "requiredSigma")]
	fn required_sigma(&self, task: FlTaskId, samples: u32, at: Option<Hash>) -> RpcResult<Option<Decimal>>;
}
