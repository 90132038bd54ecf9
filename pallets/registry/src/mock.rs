//! A minimal runtime for the registry pallet's unit tests.

use crate as pallet_registry;
use frame_support::{derive_impl, ord_parameter_types, parameter_types, traits::Contains};
use sp_runtime::{
	testing::{TestSignature, UintAuthorityId},
	BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Registry: pallet_registry,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// The ministry's account in tests.
pub const MINISTRY: u64 = 100;
/// Blocks an open proposal lives.
pub const LIFETIME: u64 = 10;

ord_parameter_types! {
	pub const Ministry: u64 = MINISTRY;
}

parameter_types! {
	pub MinistryAccounts: Vec<u64> = vec![MINISTRY];
	/// Accounts that have registered session keys.
	pub static Keyed: Vec<u64> = vec![];
	pub const MaxMembers: u32 = 16;
	pub const MaxProposals: u32 = 4;
	pub const ProposalLifetime: u64 = LIFETIME;
	pub const MaxLecturers: u32 = 2;
	pub const MaxAssertionKeys: u32 = 3;
}

/// `Keyed` as a `Contains`.
pub struct HasKeys;
impl Contains<u64> for HasKeys {
	fn contains(who: &u64) -> bool {
		Keyed::get().contains(who)
	}
}

/// Test signatures: `TestSignature(signer, message)` verifies when both match.
#[cfg(feature = "runtime-benchmarks")]
pub struct Signer;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, TestSignature> for Signer {
	fn candidate() -> u64 {
		1_000
	}
	fn sign(who: &u64, message: &[u8]) -> TestSignature {
		TestSignature(*who, message.to_vec())
	}
	fn register_keys(who: &u64) {
		Keyed::mutate(|k| k.push(*who));
	}
}

impl pallet_registry::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type MinistryOrigin = frame_system::EnsureSignedBy<Ministry, u64>;
	type MinistryAccounts = MinistryAccounts;
	type HasSessionKeys = HasKeys;
	type ApplicantSignature = TestSignature;
	type ApplicantSigner = UintAuthorityId;
	type MaxMembers = MaxMembers;
	type MaxProposals = MaxProposals;
	type ProposalLifetime = ProposalLifetime;
	type MaxLecturers = MaxLecturers;
	type MaxAssertionKeys = MaxAssertionKeys;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Signer;
}

/// Externalities with `members` as the genesis member institutions (universities) and a
/// minimum of one authority.
pub fn new_test_ext_with(members: &[u64]) -> sp_io::TestExternalities {
	Keyed::set(vec![]);
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		registry: pallet_registry::GenesisConfig {
			institutions: members
				.iter()
				.map(|m| (*m, crate::InstitutionKind::University, sp_core::H256::repeat_byte(*m as u8)))
				.collect(),
			session_length: 5,
			min_authorities: 1,
		},
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	// Events are only recorded from block 1 on.
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Externalities with the members 1, 2 and 3.
pub fn new_test_ext() -> sp_io::TestExternalities {
	new_test_ext_with(&[1, 2, 3])
}
