//! Serves `registry_*` ([`RegistryRpcServer`]) through the runtime's `RegistryApi`.

use educhain_rpc_api::{
	registry::{InstitutionView, ProposalView, RegistryRpcServer},
	runtime_error, RpcResult,
};
use educhain_runtime::{opaque::Block, AccountId, BlockNumber, Hash};
use pallet_registry::{api::RegistryApi, Action};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::sync::Arc;

/// Serves [`RegistryRpcServer`] from a client.
pub struct Registry<C> {
	client: Arc<C>,
}

impl<C> Registry<C> {
	/// Serve from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> Registry<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RegistryApi<Block, AccountId, Hash, BlockNumber>,
{
	fn proposals(&self, at: Option<Hash>, applications: bool) -> RpcResult<Vec<ProposalView>> {
		let at = super::at_or_best(&*self.client, at);
		let all = self.client.runtime_api().proposals(at).map_err(runtime_error)?;
		Ok(all
			.into_iter()
			.filter(|p| (p.action == Action::Admit) == applications)
			.map(ProposalView::from)
			.collect())
	}
}

impl<C> RegistryRpcServer for Registry<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RegistryApi<Block, AccountId, Hash, BlockNumber>,
{
	fn institution(&self, account: AccountId, at: Option<Hash>) -> RpcResult<Option<InstitutionView>> {
		let at = super::at_or_best(&*self.client, at);
		let record = self.client.runtime_api().institution(at, account.clone()).map_err(runtime_error)?;
		Ok(record.map(|i| InstitutionView::new(account, i)))
	}

	fn members(&self, at: Option<Hash>) -> RpcResult<Vec<InstitutionView>> {
		let at = super::at_or_best(&*self.client, at);
		let members = self.client.runtime_api().members(at).map_err(runtime_error)?;
		let mut views: Vec<_> = members.into_iter().map(|(a, i)| InstitutionView::new(a, i)).collect();
		// By SS58 form, as a person reads the list.
		views.sort_by_cached_key(|v| v.account.to_string());
		Ok(views)
	}

	fn applications(&self, at: Option<Hash>) -> RpcResult<Vec<ProposalView>> {
		self.proposals(at, true)
	}

	fn motions(&self, at: Option<Hash>) -> RpcResult<Vec<ProposalView>> {
		self.proposals(at, false)
	}

	fn lecturers(&self, institution: AccountId, at: Option<Hash>) -> RpcResult<Vec<AccountId>> {
		let at = super::at_or_best(&*self.client, at);
		Ok(self.client.runtime_api().lecturers(at, institution).map_err(runtime_error)?)
	}
}
