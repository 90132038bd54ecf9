//! Serves `credentials_verify` and `credentials_held` ([`CredentialsRpcServer`]) through the runtime's
//! `CredentialsApi`.

use educhain_rpc_api::{
	credentials::{CredentialsRpcServer, HeldPage, VerifyResponse},
	runtime_error, RpcResult,
};
use educhain_runtime::{opaque::Block, AccountId, BlockNumber, Hash};
use pallet_credentials::api::{CredentialsApi, HELD_PAGE};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::sync::Arc;

/// Serves [`CredentialsRpcServer`] from a client.
pub struct Credentials<C> {
	client: Arc<C>,
}

impl<C> Credentials<C> {
	/// Serve from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> CredentialsRpcServer for Credentials<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CredentialsApi<Block, AccountId, Hash, BlockNumber>,
{
	fn verify(&self, id: Hash, at: Option<Hash>) -> RpcResult<VerifyResponse> {
		let at = super::at_or_best(&*self.client, at);
		let v = self.client.runtime_api().verify(at, id).map_err(runtime_error)?;
		Ok(VerifyResponse::new(id, v))
	}

	fn held(&self, holder: AccountId, after: Option<Hash>, at: Option<Hash>) -> RpcResult<HeldPage> {
		let at = super::at_or_best(&*self.client, at);
		let listed = self.client.runtime_api().held(at, holder.clone(), after, HELD_PAGE).map_err(runtime_error)?;
		Ok(HeldPage::new(holder, listed))
	}
}
