//! A minimal runtime for the ministry pallet's unit tests.

use crate as pallet_ministry;
use frame_support::{derive_impl, parameter_types};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Ministry: pallet_ministry,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub const MaxAccounts: u32 = 3;
}

impl pallet_ministry::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type MaxAccounts = MaxAccounts;
	type WeightInfo = ();
}

/// The genesis ministry account in tests.
pub const MINISTRY: u64 = 1;

/// Externalities with `MINISTRY` as the only ministry account.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		ministry: pallet_ministry::GenesisConfig { accounts: vec![MINISTRY] },
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	// Events are only recorded from block 1 on.
	ext.execute_with(|| System::set_block_number(1));
	ext
}
