//! The node's JSON-RPC extensions.
//!
//! sc-service already serves the standard Substrate methods (system_*, chain_*, state_* with
//! `state_getReadProof`, author_* with `author_submitAndWatchExtrinsic`). This module adds
//! GRANDPA's (finality proofs and justifications, which light clients and verifiers check) and
//! the ones the runtime needs beyond those. **educhain pallets plug their RPC modules in here**, in
//! [`create_full`], one `module.merge(…)` each.

pub mod coins;
pub mod credentials;
pub mod fl;
pub mod registry;
pub mod transcripts;

use educhain_rpc_api::{runtime_error, RpcResult};
use educhain_runtime::{opaque::Block, AccountId, BlockNumber, Hash, Nonce};
use jsonrpsee::RpcModule;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use std::sync::Arc;

/// The block to read at: `at`, or the best block.
pub(crate) fn at_or_best<C: HeaderBackend<Block>>(client: &C, at: Option<Hash>) -> Hash {
	at.unwrap_or_else(|| client.info().best_hash)
}

/// The block to read at, refused when its runtime serves runtime API `A` (named `name`) below
/// `version`: an older runtime answers in an encoding this node no longer decodes.
pub(crate) fn at_serving<C, A>(client: &C, at: Option<Hash>, name: &str, version: u32) -> RpcResult<Hash>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
	A: sp_api::RuntimeApiInfo + ?Sized,
{
	use sp_api::ApiExt;
	let at = at_or_best(client, at);
	match client.runtime_api().api_version::<A>(at).map_err(runtime_error)? {
		Some(v) if v >= version => Ok(at),
		v => Err(runtime_error(format!(
			"the runtime at {at:?} serves {name} version {v:?}; this node reads version {version} and later"
		))),
	}
}

/// What the GRANDPA methods need: the voter's state, the authority set, the stream of
/// justifications and the finality proofs a light client checks.
pub struct GrandpaDeps<B> {
	/// The voter's state, for `grandpa_roundState`.
	pub shared_voter_state: sc_consensus_grandpa::SharedVoterState,
	/// The current authority set.
	pub shared_authority_set: sc_consensus_grandpa::SharedAuthoritySet<Hash, BlockNumber>,
	/// Justifications as blocks are finalized, for `grandpa_subscribeJustifications`.
	pub justification_stream: sc_consensus_grandpa::GrandpaJustificationStream<Block>,
	/// Runs subscriptions.
	pub subscription_executor: sc_rpc::SubscriptionTaskExecutor,
	/// Finality proofs, for `grandpa_proveFinality`.
	pub finality_provider: Arc<sc_consensus_grandpa::FinalityProofProvider<B, Block>>,
}

/// What the RPC extensions need from the node.
pub struct FullDeps<C, P, B> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// GRANDPA's parts, so that light clients and verifiers can prove finality.
	pub grandpa: GrandpaDeps<B>,
}

/// All the node's RPC extensions.
pub fn create_full<C, P, B>(
	deps: FullDeps<C, P, B>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: BlockBuilder<Block>,
	C::Api: pallet_registry::api::RegistryApi<Block, AccountId, Hash, BlockNumber>,
	C::Api: pallet_transcripts::api::TranscriptsApi<Block, AccountId, Hash, BlockNumber>,
	C::Api: pallet_credentials::api::CredentialsApi<Block, AccountId, Hash, BlockNumber>,
	C::Api: pallet_coins::api::CoinsApi<Block, AccountId, Hash, BlockNumber>,
	C::Api: pallet_fl_ledger::api::FlLedgerApi<Block, AccountId, Hash, BlockNumber>,
	P: TransactionPool + 'static,
	B: sc_client_api::Backend<Block> + Send + Sync + 'static,
	B::State: sc_client_api::StateBackend<sp_runtime::traits::HashingFor<Block>>,
{
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, grandpa } = deps;

	// system_accountNextIndex and system_dryRun.
	module.merge(System::new(client.clone(), pool).into_rpc())?;

	// grandpa_roundState, grandpa_proveFinality and grandpa_subscribeJustifications.
	use sc_consensus_grandpa_rpc::{Grandpa, GrandpaApiServer};
	let GrandpaDeps { shared_voter_state, shared_authority_set, justification_stream, subscription_executor, finality_provider } =
		grandpa;
	module.merge(
		Grandpa::new(subscription_executor, shared_authority_set, shared_voter_state, justification_stream, finality_provider)
			.into_rpc(),
	)?;

	// educhain pallets' RPC modules, whose contract is `educhain-rpc-api`.
	use educhain_rpc_api::{
		coins::CoinsRpcServer, credentials::CredentialsRpcServer, did::DidRpcServer, fl::FlRpcServer,
		registry::RegistryRpcServer, transcripts::TranscriptsRpcServer,
	};
	module.merge(registry::Registry::new(client.clone()).into_rpc())?;
	module.merge(registry::Did::new(client.clone()).into_rpc())?;
	module.merge(transcripts::Transcripts::new(client.clone()).into_rpc())?;
	module.merge(credentials::Credentials::new(client.clone()).into_rpc())?;
	module.merge(coins::Coins::new(client.clone()).into_rpc())?;
	module.merge(fl::Fl::new(client).into_rpc())?;

	Ok(module)
}
