//! Serves `registry_*` ([`RegistryRpcServer`]) and `did_*` ([`DidRpcServer`]) through the
//! runtime's `RegistryApi`.

use educhain_rpc_api::{
	did::{DidDocument, DidRpcServer, DID_PREFIX},
	registry::{InstitutionView, ProposalView, RegistryRpcServer},
	runtime_error, ErrorObjectOwned, RpcResult,
};
use jsonrpsee::types::error::{INVALID_PARAMS_CODE, INVALID_PARAMS_MSG};
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

/// Serves [`DidRpcServer`]: `did:educhain` DID documents from the registry's records and
/// assertion keys.
pub struct Did<C> {
	client: Arc<C>,
}

impl<C> Did<C> {
	/// Serve from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> DidRpcServer for Did<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RegistryApi<Block, AccountId, Hash, BlockNumber>,
{
	fn resolve(&self, did: String, at: Option<Hash>) -> RpcResult<Option<DidDocument>> {
		let account = did
			.strip_prefix(DID_PREFIX)
			.and_then(|ss58| ss58.parse::<AccountId>().ok())
			.ok_or_else(|| ErrorObjectOwned::owned(INVALID_PARAMS_CODE, INVALID_PARAMS_MSG, Some(format!("not a did:educhain DID: {did}"))))?;
		let at = super::at_or_best(&*self.client, at);
		let api = self.client.runtime_api();
		let Some(institution) = api.institution(at, account.clone()).map_err(runtime_error)? else { return Ok(None) };
		let keys = api.assertion_keys(at, account).map_err(runtime_error)?;
		Ok(Some(DidDocument::new(did, &institution.status, keys)))
	}
}
