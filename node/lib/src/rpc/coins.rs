//! Serves `coins_*` ([`CoinsRpcServer`]) through the runtime's `CoinsApi`.

use educhain_rpc_api::{
	coins::{AwardInfo, BalanceView, CoinsRpcServer, CourseBalance, CourseInfo},
	runtime_error, RpcResult,
};
use educhain_runtime::{opaque::Block, AccountId, BlockNumber, Hash};
use pallet_coins::{api::CoinsApi, CourseId};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::sync::Arc;

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

impl<C> CoinsRpcServer for Coins<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CoinsApi<Block, AccountId, Hash, BlockNumber>,
{
	fn course(&self, course: CourseId, at: Option<Hash>) -> RpcResult<Option<CourseInfo>> {
		let at = super::at_or_best(&*self.client, at);
		let view = self.client.runtime_api().course(at, course).map_err(runtime_error)?;
		Ok(view.map(|v| CourseInfo::new(course, &v)))
	}

	fn balance(&self, course: CourseId, learner: AccountId, at: Option<Hash>) -> RpcResult<Option<BalanceView>> {
		let at = super::at_or_best(&*self.client, at);
		let b = self.client.runtime_api().balance(at, course, learner).map_err(runtime_error)?;
		Ok(b.as_ref().map(BalanceView::from))
	}

	fn balances(&self, learner: AccountId, at: Option<Hash>) -> RpcResult<Vec<CourseBalance>> {
		let at = super::at_or_best(&*self.client, at);
		let all = self.client.runtime_api().balances(at, learner).map_err(runtime_error)?;
		Ok(all.iter().map(|(course, b)| CourseBalance { course: *course, balance: b.into() }).collect())
	}

	fn awards(&self, course: CourseId, learner: AccountId, at: Option<Hash>) -> RpcResult<Vec<AwardInfo>> {
		let at = super::at_or_best(&*self.client, at);
		let awards = self.client.runtime_api().awards(at, course, learner).map_err(runtime_error)?;
		Ok(awards.iter().map(AwardInfo::from).collect())
	}
}
