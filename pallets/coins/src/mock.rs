//! A runtime for the coins pallet's unit tests: the real credentials pallet (and the transcripts
//! pallet it needs) with a stand-in registry.

use crate as pallet_coins;
use frame_support::{derive_impl, ord_parameter_types, parameter_types, traits::UnixTime};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Transcripts: pallet_transcripts,
		Credentials: pallet_credentials,
		Coins: pallet_coins,
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
/// UNI's lecturers.
pub const LEC: u64 = 10;
pub const LEC2: u64 = 11;
/// OTHER's lecturer.
pub const OTHER_LEC: u64 = 12;
/// The ministry.
pub const MINISTRY: u64 = 100;
/// Learners.
pub const ANN: u64 = 20;
pub const BEN: u64 = 21;

ord_parameter_types! {
	pub const Ministry: u64 = MINISTRY;
}

parameter_types! {
	pub const Max: u32 = 4;
	pub const MaxTaskCoins: u32 = 100;
}

pallet_registry::stand_in_registry!();

#[cfg(feature = "runtime-benchmarks")]
impl pallet_transcripts::BenchmarkHelper<u64> for Registry {
	fn activate(institution: &u64) {
		Active::mutate(|a| a.push(*institution));
	}
	fn appoint(institution: &u64, lecturer: &u64) {
		Lecturers::mutate(|l| l.push((*institution, *lecturer)));
	}
	/// The coins benchmarks never import enrolments, so the stand-in clock stays at zero.
	fn set_today(_day: u32) {}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_credentials::BenchmarkHelper<u64> for Registry {
	fn institution() -> u64 {
		UNI
	}
	fn qualified(_institution: &u64, _seed: u32, _classes: u32) -> (u64, u64) {
		unimplemented!("the coins benchmarks issue micro-credentials only")
	}
}

/// The transcripts pallet needs a clock; the coins pallet does not read it.
pub struct Clock;
impl UnixTime for Clock {
	fn now() -> core::time::Duration {
		core::time::Duration::ZERO
	}
}

impl pallet_transcripts::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = Registry;
	type Time = Clock;
	type MaxRoster = Max;
	type MaxBatch = Max;
	type MaxCorrections = Max;
	type MaxAttempts = Max;
	type MaxEnrolments = Max;
	type MaxClassCredits = frame_support::traits::ConstU32<30>;
	type MaxStartAhead = frame_support::traits::ConstU32<366>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Registry;
}

impl pallet_credentials::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = Registry;
	type Transcripts = Transcripts;
	type Courses = Coins;
	type Did = pallet_credentials::NumberedDid;
	type MinistryOrigin = frame_system::EnsureSignedBy<Ministry, u64>;
	type MaxBatch = Max;
	type MaxHistory = Max;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Registry;
}

impl pallet_coins::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Registry = Registry;
	type Credentials = Credentials;
	type MaxTasks = Max;
	type MaxTaskCoins = MaxTaskCoins;
	type MaxBatch = Max;
	type MaxCorrections = Max;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Registry;
}

/// UNI and OTHER active; LEC and LEC2 lecture at UNI, OTHER_LEC at OTHER.
pub fn new_test_ext() -> sp_io::TestExternalities {
	Active::set(vec![UNI, OTHER]);
	Lecturers::set(vec![(UNI, LEC), (UNI, LEC2), (OTHER, OTHER_LEC)]);
	let storage = RuntimeGenesisConfig::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Run `test` in [`new_test_ext`], then check the invariants of the pallets it touches.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Transcripts::do_try_state().expect("transcripts invariants hold");
		Credentials::do_try_state().expect("credentials invariants hold");
		Coins::do_try_state().expect("coins invariants hold");
	});
}
