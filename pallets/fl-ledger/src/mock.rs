//! A runtime for the ledger's unit tests, with a stand-in registry.

use crate as pallet_fl_ledger;
use frame_support::{derive_impl, parameter_types};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		FlLedger: pallet_fl_ledger,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Institutions.
pub const A: u64 = 1;
pub const B: u64 = 2;
pub const C: u64 = 3;
/// Not an institution.
pub const NOBODY: u64 = 9;

parameter_types! {
	pub const MaxParticipants: u32 = 4;
	pub const MaxRounds: u32 = 5;
	pub const MaxRoundBlocks: u64 = 100;
	pub const MaxPayload: u32 = 64;
	pub const MaxBytesPerParam: u32 = 4;
	pub const MaxDeadlinesPerBlock: u32 = 2;
	pub const MinSamples: u32 = 10;
	pub const MaxSamples: u32 = 1000;
}

pallet_registry::stand_in_registry!();

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for Registry {
	fn activate(institution: &u64) {
		Active::mutate(|a| a.push(*institution));
	}
}

impl pallet_fl_ledger::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = Registry;
	type MaxParticipants = MaxParticipants;
	type MaxRounds = MaxRounds;
	type MaxRoundBlocks = MaxRoundBlocks;
	type MaxPayload = MaxPayload;
	type MaxBytesPerParam = MaxBytesPerParam;
	type MaxDeadlinesPerBlock = MaxDeadlinesPerBlock;
	type MinSamples = MinSamples;
	type MaxSamples = MaxSamples;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Registry;
}

/// A, B and C active, at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	Active::set(vec![A, B, C]);
	let storage = RuntimeGenesisConfig::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Move to block `n`, running the ledger's `on_initialize` as the executive would.
pub fn run_to(n: u64) {
	use frame_support::traits::Hooks;
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		FlLedger::on_initialize(next);
	}
}

/// Run `test` in [`new_test_ext`], then check the invariants of the pallets it touches.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		FlLedger::do_try_state().expect("flledger invariants hold");
	});
}
