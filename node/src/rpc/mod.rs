//! The node's JSON-RPC extensions.
//!
//! sc-service already serves the standard Substrate methods (system_*, chain_*, state_* with
//! `state_getReadProof`, author_* with `author_submitAndWatchExtrinsic`). This module adds the
//! ones the runtime needs beyond those. **educhain pallets plug their RPC modules in here**, in
//! [`create_full`], one `module.merge(…)` each.

pub mod coins;
pub mod credentials;
pub mod fl;
pub mod registry;
pub mod transcripts;

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

/// What the RPC extensions need from the node.
pub struct FullDeps<C, P> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
}

/// All the node's RPC extensions.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
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
{
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool } = deps;

	// system_accountNextIndex and system_dryRun.
	module.merge(System::new(client.clone(), pool).into_rpc())?;

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
