//! `fl_*` JSON-RPC methods: a federated-learning task with each participant's budget, a round's
//! submissions and aggregates, a participant's budget, and the least σ a task accepts; read
//! through the runtime's `FlLedgerApi` at the best block (or the block given as `at`).
//!
//! Fixed-point values (ε, δ, S, σ, budgets, weights) are decimal strings with up to 18 decimals,
//! so that no precision is lost to JSON numbers.

use super::registry::runtime_error;
use educhain_runtime::{opaque::Block, AccountId, BlockNumber, Hash};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_fl_ledger::{
	api::{FlLedgerApi, RoundView, TaskView},
	Budget, FlTaskId, FlTaskStatus, Round,
};
use serde_json::{json, Value};
use sp_api::ProvideRuntimeApi;
use sp_arithmetic::{FixedPointNumber, FixedU128};
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use std::sync::Arc;

/// The federated-learning ledger's JSON-RPC methods.
#[rpc(server, namespace = "fl")]
pub trait FlRpc {
	/// The task (owner, model digest, parameters, rounds, blocks per round, ε, δ, S, status)
	/// with each participant's acceptance and budget, or null.
	#[method(name = "task")]
	fn task(&self, task: FlTaskId, at: Option<Hash>) -> RpcResult<Value>;

	/// A round: when it opened, its deadline, when it closed, who was missing, each submission
	/// (digest, σ, m, bytes, the block and extrinsic index holding the payload) and each
	/// aggregate (digest, weights); or null.
	#[method(name = "round")]
	fn round(&self, task: FlTaskId, round: Round, at: Option<Hash>) -> RpcResult<Value>;

	/// A participant's budget: ε total, spent and remaining, δ spent, submissions; or null.
	#[method(name = "budget")]
	fn budget(&self, task: FlTaskId, participant: AccountId, at: Option<Hash>) -> RpcResult<Value>;

	/// The least σ the task accepts from a participant with `samples` local samples, or null.
	#[method(name = "requiredSigma")]
	fn required_sigma(&self, task: FlTaskId, samples: u32, at: Option<Hash>) -> RpcResult<Value>;
}

/// Serves [`FlRpcServer`] from a client.
pub struct Fl<C> {
	client: Arc<C>,
}

impl<C> Fl<C> {
	/// Serve from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

/// `x` as a decimal string, trailing zeros dropped (`"0.0001"`, `"2"`).
pub fn decimal(x: FixedU128) -> String {
	let inner = x.into_inner();
	let (int, frac) = (inner / FixedU128::DIV, inner % FixedU128::DIV);
	if frac == 0 {
		return int.to_string();
	}
	let digits = format!("{frac:018}");
	format!("{int}.{}", digits.trim_end_matches('0'))
}

fn budget_json(b: &Budget) -> Value {
	json!({
		"total": decimal(b.total),
		"spentEpsilon": decimal(b.spent_epsilon),
		"remaining": decimal(b.remaining()),
		"spentDelta": decimal(b.spent_delta),
		"submissions": b.submissions,
	})
}

fn task_json(id: FlTaskId, t: &TaskView<AccountId, Hash, BlockNumber>) -> Value {
	json!({
		"task": id,
		"owner": t.owner.to_ss58check(),
		"model": t.model,
		"params": t.params,
		"rounds": t.rounds,
		"roundBlocks": t.round_blocks,
		"epsilon": decimal(t.dp.epsilon),
		"delta": decimal(t.dp.delta),
		"clip": decimal(t.dp.clip),
		"status": match t.status {
			FlTaskStatus::Pending => "Pending",
			FlTaskStatus::Running { .. } => "Running",
			FlTaskStatus::Finished => "Finished",
		},
		"openRound": match t.status {
			FlTaskStatus::Running { round } => Some(round),
			_ => None,
		},
		"participants": t.participants.iter().map(|(who, accepted, b)| json!({
			"account": who.to_ss58check(),
			"accepted": accepted,
			"budget": budget_json(b),
		})).collect::<Vec<_>>(),
	})
}

fn round_json(task: FlTaskId, round: Round, r: &RoundView<AccountId, Hash, BlockNumber>) -> Value {
	json!({
		"task": task,
		"round": round,
		"opened": r.opened,
		"deadline": r.deadline,
		"closed": r.closed,
		"missing": r.missing.iter().map(|m| m.to_ss58check()).collect::<Vec<_>>(),
		"submissions": r.submissions.iter().map(|(who, s)| json!({
			"participant": who.to_ss58check(),
			"digest": s.digest,
			"sigma": decimal(s.sigma),
			"samples": s.samples,
			"bytes": s.bytes,
			"block": s.block,
			"index": s.index,
		})).collect::<Vec<_>>(),
		"aggregates": r.aggregates.iter().map(|(who, digest, weights)| json!({
			"participant": who.to_ss58check(),
			"digest": digest,
			"weights": weights.iter().map(|w| decimal(*w)).collect::<Vec<_>>(),
		})).collect::<Vec<_>>(),
	})
}

impl<C> FlRpcServer for Fl<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: FlLedgerApi<Block, AccountId, Hash, BlockNumber>,
{
	fn task(&self, task: FlTaskId, at: Option<Hash>) -> RpcResult<Value> {
		let at = super::at_or_best(&*self.client, at);
		let view = self.client.runtime_api().task(at, task).map_err(runtime_error)?;
		Ok(view.map_or(Value::Null, |t| task_json(task, &t)))
	}

	fn round(&self, task: FlTaskId, round: Round, at: Option<Hash>) -> RpcResult<Value> {
		let at = super::at_or_best(&*self.client, at);
		let view = self.client.runtime_api().round(at, task, round).map_err(runtime_error)?;
		Ok(view.map_or(Value::Null, |r| round_json(task, round, &r)))
	}

	fn budget(&self, task: FlTaskId, participant: AccountId, at: Option<Hash>) -> RpcResult<Value> {
		let at = super::at_or_best(&*self.client, at);
		let b = self.client.runtime_api().budget(at, task, participant).map_err(runtime_error)?;
		Ok(b.map_or(Value::Null, |b| budget_json(&b)))
	}

	fn required_sigma(&self, task: FlTaskId, samples: u32, at: Option<Hash>) -> RpcResult<Value> {
		let at = super::at_or_best(&*self.client, at);
		let sigma = self.client.runtime_api().required_sigma(at, task, samples).map_err(runtime_error)?;
		Ok(sigma.map_or(Value::Null, |s| Value::String(decimal(s))))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn decimals_are_exact_and_trimmed() {
		assert_eq!(decimal(FixedU128::from_u32(2)), "2");
		assert_eq!(decimal(FixedU128::from_rational(1, 100_000)), "0.00001");
		assert_eq!(decimal(FixedU128::from_inner(96_896_106_000_000_000)), "0.096896106");
		assert_eq!(decimal(FixedU128::from_inner(1)), "0.000000000000000001");
	}
}
