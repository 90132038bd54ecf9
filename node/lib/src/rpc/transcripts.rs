//! Serves `transcripts_*` ([`TranscriptsRpcServer`]) through the runtime's `TranscriptsApi`.

use educhain_rpc_api::{
	runtime_error,
	transcripts::{ClassInfo, EnrolmentView, ProgramView, TranscriptsRpcServer},
	RpcResult,
};
use educhain_runtime::{opaque::Block, AccountId, BlockNumber, Hash};
use pallet_transcripts::{api::TranscriptsApi, ClassId};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::sync::Arc;

/// Serves [`TranscriptsRpcServer`] from a client.
pub struct Transcripts<C> {
	client: Arc<C>,
}

impl<C> Transcripts<C> {
	/// Serve from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> TranscriptsRpcServer for Transcripts<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: TranscriptsApi<Block, AccountId, Hash, BlockNumber>,
{
	fn transcript(&self, learner: AccountId, at: Option<Hash>) -> RpcResult<Vec<EnrolmentView>> {
		// Version 2 (spec 172): grade entries without values.
		type Api = dyn TranscriptsApi<Block, AccountId, Hash, BlockNumber>;
		let at = super::at_serving::<_, Api>(&*self.client, at, "TranscriptsApi", 2)?;
		let t = self.client.runtime_api().transcript(at, learner).map_err(runtime_error)?;
		Ok(t.iter().map(EnrolmentView::from).collect())
	}

	fn class(&self, class: ClassId, at: Option<Hash>) -> RpcResult<Option<ClassInfo>> {
		let at = super::at_or_best(&*self.client, at);
		let c = self.client.runtime_api().class(at, class).map_err(runtime_error)?;
		Ok(c.map(|c| ClassInfo::new(class, &c)))
	}

	fn programs(&self, institution: AccountId, at: Option<Hash>) -> RpcResult<Vec<ProgramView>> {
		let at = super::at_or_best(&*self.client, at);
		let p = self.client.runtime_api().programs(at, institution).map_err(runtime_error)?;
		Ok(p.iter().map(|(id, p)| ProgramView::new(*id, p)).collect())
	}
}
