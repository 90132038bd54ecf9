//! Serves `fl_*` ([`FlRpcServer`]) through the runtime's `FlLedgerApi`.

use educhain_rpc_api::{
	fl::{BudgetView, FlRpcServer, RoundInfo, TaskInfo},
	runtime_error, Decimal, RpcResult,
};
use educhain_runtime::{opaque::Block, AccountId, BlockNumber, Hash};
use pallet_fl_ledger::{api::FlLedgerApi, FlTaskId, Round};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::sync::Arc;

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

/// `at` (or the best block), if its runtime serves `FlLedgerApi` version 2 (spec 170), whose
/// budgets and σ rule this node decodes.
fn serving_v2<C: ProvideRuntimeApi<Block> + HeaderBackend<Block>>(client: &C, at: Option<Hash>) -> RpcResult<Hash> {
	super::at_serving::<_, dyn FlLedgerApi<Block, AccountId, Hash, BlockNumber>>(client, at, "FlLedgerApi", 2)
}

impl<C> FlRpcServer for Fl<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: FlLedgerApi<Block, AccountId, Hash, BlockNumber>,
{
	fn task(&self, task: FlTaskId, at: Option<Hash>) -> RpcResult<Option<TaskInfo>> {
		let at = serving_v2(&*self.client, at)?;
		let view = self.client.runtime_api().task(at, task).map_err(runtime_error)?;
		Ok(view.map(|t| TaskInfo::new(task, &t)))
	}

	fn round(&self, task: FlTaskId, round: Round, at: Option<Hash>) -> RpcResult<Option<RoundInfo>> {
		let at = serving_v2(&*self.client, at)?;
		let view = self.client.runtime_api().round(at, task, round).map_err(runtime_error)?;
		Ok(view.map(|r| RoundInfo::new(task, round, &r)))
	}

	fn budget(&self, task: FlTaskId, participant: AccountId, at: Option<Hash>) -> RpcResult<Option<BudgetView>> {
		let at = serving_v2(&*self.client, at)?;
		let api = self.client.runtime_api();
		let Some(t) = api.task(at, task).map_err(runtime_error)? else { return Ok(None) };
		let b = api.budget(at, task, participant).map_err(runtime_error)?;
		Ok(b.as_ref().map(|b| BudgetView::new(b, t.dp.total_delta(t.rounds))))
	}

	fn required_sigma(&self, task: FlTaskId, samples: u32, at: Option<Hash>) -> RpcResult<Option<Decimal>> {
		let at = serving_v2(&*self.client, at)?;
		let sigma = self.client.runtime_api().required_sigma(at, task, samples).map_err(runtime_error)?;
		Ok(sigma.map(Decimal::from))
	}
}
