//! `coins_*` JSON-RPC methods: a course with its tasks, a learner's coins (earned and spent) per
//! course, and a learner's awards in a course, read through the runtime's `CoinsApi` at the best
//! block (or the block given as `at`).
//!
//! Accounts are SS58 strings, digests 0x-prefixed hex.

use super::registry::runtime_error;
use educhain_runtime::{opaque::Block, AccountId, BlockNumber, Hash};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_coins::{
	api::{AwardView, CoinsApi, CourseView},
	Balance, CourseId,
};
use serde_json::{json, Value};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use std::sync::Arc;

/// The coins JSON-RPC methods.
#[rpc(server, namespace = "coins")]
pub trait CoinsRpc {
	/// The course (institution, lecturer, document, threshold, status) with its tasks, or null.
	#[method(name = "course")]
	fn course(&self, course: CourseId, at: Option<Hash>) -> RpcResult<Value>;

	/// The learner's coins in the course: earned, spent, available and the claimed
	/// micro-credential; null when the learner is not enrolled.
	#[method(name = "balance")]
	fn balance(&self, course: CourseId, learner: AccountId, at: Option<Hash>) -> RpcResult<Value>;

	/// The learner's coins in every course the learner is enrolled in.
	#[method(name = "balances")]
	fn balances(&self, learner: AccountId, at: Option<Hash>) -> RpcResult<Value>;

	/// The learner's awards in the course, by task, each with its earlier amounts.
	#[method(name = "awards")]
	fn awards(&self, course: CourseId, learner: AccountId, at: Option<Hash>) -> RpcResult<Value>;
}

/// Serves [`CoinsRpcServer`] from a client.
pub struct Coins<C> {
	client: Arc<C>,
}

impl<C> Coins<C> {
	/// Serve from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

fn course_json(id: CourseId, v: &CourseView<AccountId, Hash>) -> Value {
	let c = &v.course;
	json!({
		"course": id,
		"institution": c.institution.to_ss58check(),
		"lecturer": c.lecturer.to_ss58check(),
		"document": c.document,
		"threshold": c.threshold,
		"status": format!("{:?}", c.status),
		"tasks": v.tasks.iter().map(|(task, t)| json!({
			"task": task,
			"document": t.document,
			"maxCoins": t.max_coins,
			"status": format!("{:?}", t.status),
		})).collect::<Vec<_>>(),
	})
}

fn balance_json(b: &Balance<Hash>) -> Value {
	json!({
		"earned": b.earned,
		"spent": b.spent,
		"available": b.available(),
		"claimed": b.claimed,
	})
}

fn award_json(a: &AwardView<AccountId, BlockNumber>) -> Value {
	json!({
		"task": a.task,
		"coins": a.coins,
		"by": a.by.to_ss58check(),
		"block": a.at,
		// Oldest first.
		"corrections": a.corrections.iter().map(|c| json!({
			"coins": c.coins,
			"by": c.by.to_ss58check(),
			"block": c.at,
		})).collect::<Vec<_>>(),
	})
}

impl<C> CoinsRpcServer for Coins<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CoinsApi<Block, AccountId, Hash, BlockNumber>,
{
	fn course(&self, course: CourseId, at: Option<Hash>) -> RpcResult<Value> {
		let at = super::at_or_best(&*self.client, at);
		let view = self.client.runtime_api().course(at, course).map_err(runtime_error)?;
		Ok(view.map_or(Value::Null, |v| course_json(course, &v)))
	}

	fn balance(&self, course: CourseId, learner: AccountId, at: Option<Hash>) -> RpcResult<Value> {
		let at = super::at_or_best(&*self.client, at);
		let b = self.client.runtime_api().balance(at, course, learner).map_err(runtime_error)?;
		Ok(b.map_or(Value::Null, |b| balance_json(&b)))
	}

	fn balances(&self, learner: AccountId, at: Option<Hash>) -> RpcResult<Value> {
		let at = super::at_or_best(&*self.client, at);
		let all = self.client.runtime_api().balances(at, learner).map_err(runtime_error)?;
		Ok(all
			.iter()
			.map(|(course, b)| {
				let mut v = balance_json(b);
				v["course"] = json!(course);
				v
			})
			.collect())
	}

	fn awards(&self, course: CourseId, learner: AccountId, at: Option<Hash>) -> RpcResult<Value> {
		let at = super::at_or_best(&*self.client, at);
		let awards = self.client.runtime_api().awards(at, course, learner).map_err(runtime_error)?;
		Ok(awards.iter().map(award_json).collect())
	}
}
