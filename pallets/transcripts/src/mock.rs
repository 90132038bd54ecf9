//! A minimal runtime for the transcripts pallet's unit tests, with a stand-in registry.

use crate as pallet_transcripts;
use frame_support::{derive_impl, parameter_types, traits::UnixTime};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Transcripts: pallet_transcripts,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// The institution in tests.
pub const UNI: u64 = 1;
/// Another institution.
pub const OTHER: u64 = 2;
/// UNI's lecturer.
pub const LECTURER: u64 = 10;
/// Another of UNI's lecturers.
pub const LECTURER2: u64 = 11;
/// Learners.
pub const ANN: u64 = 20;
pub const BEN: u64 = 21;
pub const CAL: u64 = 22;

parameter_types! {
	/// Seconds since the epoch.
	pub static Now: u64 = 0;
	pub const MaxRoster: u32 = 4;
	pub const MaxBatch: u32 = 3;
	pub const MaxCorrections: u32 = 3;
	pub const MaxAttempts: u32 = 3;
	pub const MaxEnrolments: u32 = 3;
	pub const MaxClassCredits: u32 = 30;
	pub const MaxStartAhead: u32 = 366;
}

pallet_registry::stand_in_registry!();

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for Registry {
	fn activate(institution: &u64) {
		Active::mutate(|a| a.push(*institution));
	}
	fn appoint(institution: &u64, lecturer: &u64) {
		Lecturers::mutate(|l| l.push((*institution, *lecturer)));
	}
	fn set_today(day: u32) {
		Now::set(u64::from(day) * 86_400);
	}
}

/// The stand-in clock.
pub struct Clock;
impl UnixTime for Clock {
	fn now() -> core::time::Duration {
		core::time::Duration::from_secs(Now::get())
	}
}

impl pallet_transcripts::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = Registry;
	type Time = Clock;
	type MaxRoster = MaxRoster;
	type MaxBatch = MaxBatch;
	type MaxCorrections = MaxCorrections;
	type MaxAttempts = MaxAttempts;
	type MaxEnrolments = MaxEnrolments;
	type MaxClassCredits = MaxClassCredits;
	type MaxStartAhead = MaxStartAhead;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Registry;
}

/// Externalities with UNI and OTHER active, LECTURER and LECTURER2 lecturing at UNI, and the
/// clock at day 100.
pub fn new_test_ext() -> sp_io::TestExternalities {
	Active::set(vec![UNI, OTHER]);
	Lecturers::set(vec![(UNI, LECTURER), (UNI, LECTURER2)]);
	Now::set(100 * 86_400);
	let storage = RuntimeGenesisConfig { system: Default::default() }.build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Run `test` in [`new_test_ext`], then check the invariants of the pallets it touches.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Transcripts::do_try_state().expect("transcripts invariants hold");
	});
}
