//! # educhain runtime
//!
//! The FRAME runtime of educhain, a permissioned chain for education records. The node executes
//! only its WASM build, as stored on chain.
//!
//! Pallets: `System`, `Timestamp`, `Aura`, `Grandpa`, `Session` (consensus and authority
//! rotation), `Ministry` (the ministry's accounts and origin), `Admission` (who may transact,
//! since the chain has no currency) `Registry` (institutions, lecturers, and the authority
//! set), `Transcripts` (programs, enrolments, classes, grades), `Credentials` (degrees,
//! certificates, micro-credentials, verification), `Coins` (course tasks that award coins,
//! exchanged for micro-credentials) and `FlLedger` (federated-learning rounds with
//! differentially private updates). Their configuration lives in [`configs`], the runtime APIs
//! in [`apis`] and the genesis presets in [`genesis_config_presets`].

#![cfg_attr(not(feature = "std"), no_std)]
#![recursion_limit = "256"]

extern crate alloc;

pub mod apis;
pub mod audit;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(test)]
mod metadata_docs;
mod no_deposit;
#[cfg(feature = "std")]
pub mod signing;
pub mod weights;

use alloc::{borrow::Cow, vec::Vec};
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use pallet_ministry::EnsureMinistry;

/// Opaque types: what the node needs to know about blocks without knowing the runtime's calls.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as sp_runtime::traits::Hash>::Output;
}

impl_opaque_keys! {
	/// The session keys of an authority: Aura for authoring, GRANDPA for finality.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

// `spec_version` must be a literal for the version custom section, hence two definitions. The
// `upgrade-test` build exists only so that end-to-end tests can perform a real runtime upgrade.
/// The runtime version.
#[cfg(not(feature = "upgrade-test"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("educhain"),
	impl_name: Cow::Borrowed("educhain"),
	authoring_version: 1,
	spec_version: 185,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 4,
	system_version: 1,
};

/// The runtime version (upgrade-test build: `spec_version` one higher).
#[cfg(feature = "upgrade-test")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("educhain"),
	impl_name: Cow::Borrowed("educhain"),
	authoring_version: 1,
	spec_version: 186,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 4,
	system_version: 1,
};

/// Target block time. Authorities are known institutions on reliable links, so 3 s is safe.
pub const MILLI_SECS_PER_BLOCK: u64 = 3000;
/// Aura slot duration; one block per slot.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Time in blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Time in blocks.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Time in blocks.
pub const DAYS: BlockNumber = HOURS * 24;

/// Signature type of transactions.
pub type Signature = MultiSignature;
/// Account identifier: the public key behind `Signature`.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Block number.
pub type BlockNumber = u32;
/// Transaction nonce.
pub type Nonce = u32;
/// Hash type.
pub type Hash = sp_core::H256;
/// Account address format of extrinsics.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A signed block with justifications.
pub type SignedBlock = generic::SignedBlock<Block>;
/// Block identifier.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions, checked for every transaction.
///
/// There is no fee payment: `CheckMember` admits only members' signed transactions (and the
/// runtime's few open calls), and `CheckWeight` keeps blocks within their limits.
/// `AuthorizeCall` comes first: it lets a pallet authorize a general (unsigned) transaction by
/// its own rule, as the registry does for applications.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	pallet_admission::CheckMember<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload that is signed.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations to run on upgrade. Each is versioned, so a chain that already has it skips it.
/// Credentials v1 reads the enrolment records that transcripts v2 writes, so it comes after.
type Migrations = (
	pallet_transcripts::migrations::v1::Migrate<Runtime>,
	pallet_transcripts::migrations::v2::Migrate<Runtime>,
	pallet_transcripts::migrations::v3::Migrate<Runtime>,
	pallet_credentials::migrations::v1::Migrate<Runtime>,
	pallet_fl_ledger::migrations::V1<Runtime>,
);

/// Executive: dispatches to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	// Session comes before Aura and Grandpa so that it sets their authorities first.
	#[runtime::pallet_index(2)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(3)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(4)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(10)]
	pub type Ministry = pallet_ministry;

	#[runtime::pallet_index(11)]
	pub type Admission = pallet_admission;

	#[runtime::pallet_index(12)]
	pub type Registry = pallet_registry;

	#[runtime::pallet_index(13)]
	pub type Transcripts = pallet_transcripts;

	#[runtime::pallet_index(14)]
	pub type Credentials = pallet_credentials;

	#[runtime::pallet_index(15)]
	pub type Coins = pallet_coins;

	#[runtime::pallet_index(16)]
	pub type FlLedger = pallet_fl_ledger;
}
