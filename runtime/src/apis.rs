//! The runtime APIs the node and clients call.
//!
//! After the standard ones come the auditor's invariant checks, then the educhain pallets' own
//! APIs: registry, transcripts, credentials, coins, federated-learning ledger.

use alloc::vec::Vec;
use frame_support::genesis_builder_helper::{build_state, get_preset};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use super::{
	genesis_config_presets, AccountId, Aura, Block, BlockNumber, Executive, Grandpa, Hash,
	Coins, Credentials, FlLedger, InherentDataExt, Nonce, Registry, Runtime, Transcripts, RuntimeGenesisConfig, SessionKeys, System, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			// `KeyOwnerProof` is `Void`: no proof can exist.
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl crate::audit::AuditApi<Block> for Runtime {
		fn check_invariants() -> Result<(), Vec<u8>> {
			crate::audit::check_invariants()
		}
	}

	#[api_version(2)]
	impl pallet_registry::api::RegistryApi<Block, AccountId, Hash, BlockNumber> for Runtime {
		fn institution(who: AccountId) -> Option<pallet_registry::Institution<Hash, BlockNumber>> {
			Registry::institution(&who)
		}

		fn members() -> Vec<(AccountId, pallet_registry::Institution<Hash, BlockNumber>)> {
			Registry::members()
		}

		fn proposals() -> Vec<pallet_registry::ProposalInfo<AccountId, BlockNumber>> {
			Registry::proposals()
		}

		fn lecturers(institution: AccountId) -> Vec<AccountId> {
			Registry::lecturers(&institution)
		}

		fn assertion_keys(institution: AccountId) -> Vec<pallet_registry::AssertionKey<BlockNumber>> {
			Registry::assertion_keys(&institution)
		}
	}

	#[api_version(2)]
	impl pallet_transcripts::api::TranscriptsApi<Block, AccountId, Hash, BlockNumber> for Runtime {
		fn transcript(
			learner: AccountId,
		) -> Vec<pallet_transcripts::api::EnrolmentTranscript<AccountId, Hash, BlockNumber>> {
			Transcripts::transcript(&learner)
		}

		fn class(id: pallet_transcripts::ClassId) -> Option<pallet_transcripts::api::ClassView<AccountId, Hash>> {
			Transcripts::class(id)
		}

		fn programs(institution: AccountId) -> Vec<(pallet_transcripts::ProgramId, pallet_transcripts::Program<Hash>)> {
			Transcripts::programs(&institution)
		}
	}

	#[api_version(2)]
	impl pallet_credentials::api::CredentialsApi<Block, AccountId, Hash, BlockNumber> for Runtime {
		fn verify(id: Hash) -> pallet_credentials::Verification<AccountId, Hash, BlockNumber> {
			Credentials::verify(id)
		}

		fn held(holder: AccountId, after: Option<Hash>, limit: u32) -> Vec<(Hash, pallet_credentials::Verification<AccountId, Hash, BlockNumber>)> {
			Credentials::held(&holder, after, limit)
		}
	}

	impl pallet_coins::api::CoinsApi<Block, AccountId, Hash, BlockNumber> for Runtime {
		fn course(course: pallet_coins::CourseId) -> Option<pallet_coins::api::CourseView<AccountId, Hash>> {
			Coins::course_view(course)
		}

		fn balance(course: pallet_coins::CourseId, learner: AccountId) -> Option<pallet_coins::Balance<Hash>> {
			Coins::balance(course, &learner)
		}

		fn balances(learner: AccountId) -> Vec<(pallet_coins::CourseId, pallet_coins::Balance<Hash>)> {
			Coins::balances(&learner)
		}

		fn awards(course: pallet_coins::CourseId, learner: AccountId) -> Vec<pallet_coins::api::AwardView<AccountId, BlockNumber>> {
			Coins::awards(course, &learner)
		}
	}

	#[api_version(2)]
	impl pallet_fl_ledger::api::FlLedgerApi<Block, AccountId, Hash, BlockNumber> for Runtime {
		fn task(task: pallet_fl_ledger::FlTaskId) -> Option<pallet_fl_ledger::api::TaskView<AccountId, Hash, BlockNumber>> {
			FlLedger::task_view(task)
		}

		fn round(
			task: pallet_fl_ledger::FlTaskId,
			round: pallet_fl_ledger::Round,
		) -> Option<pallet_fl_ledger::api::RoundView<AccountId, Hash, BlockNumber>> {
			FlLedger::round_view(task, round)
		}

		fn budget(task: pallet_fl_ledger::FlTaskId, participant: AccountId) -> Option<pallet_fl_ledger::Budget> {
			FlLedger::budget(task, &participant)
		}

		fn required_sigma(task: pallet_fl_ledger::FlTaskId, samples: u32) -> Option<sp_runtime::FixedU128> {
			FlLedger::required_sigma(task, samples)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::{extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench};
			use super::*;

			let mut list = Vec::<BenchmarkList>::new();
			crate::benchmarks::list_benchmarks!(list, extra);
			let storage_info = AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;
			use frame_system_benchmarking::{extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench};
			use sp_storage::TrackedStorageKey;
			use super::*;

			impl frame_system_benchmarking::Config for Runtime {}

			let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			crate::benchmarks::add_benchmarks!(params, batches);
			Ok(batches)
		}
	}
}
