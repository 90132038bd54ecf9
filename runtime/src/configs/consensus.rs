//! Timestamp, Aura, GRANDPA and session.

use crate::{
	no_deposit::NoDeposit, AccountId, Aura, BlockNumber, Runtime, RuntimeEvent, SessionKeys,
	SLOT_DURATION,
};
use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU128, ConstU32, ConstU64},
};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::traits::ConvertInto;

/// Upper bound of the authority set: every institution of a country fits.
pub const MAX_AUTHORITIES: u32 = 1_000;

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	// Equivocation reports need the historical session pallet and offences; a permissioned
	// chain handles misbehaving institutions through suspension instead.
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

parameter_types! {
	/// Sessions start at block 0; their length comes from the chain spec (registry genesis).
	pub const SessionOffset: BlockNumber = 0;
}

/// Session length in blocks, from the chain spec.
pub type SessionPeriod = pallet_registry::SessionLengthOf<Runtime>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	// The registry decides: ministry accounts and active institutions with session keys.
	type SessionManager = crate::Registry;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = NoDeposit;
	type KeyDeposit = ConstU128<0>;
}
