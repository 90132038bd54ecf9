//! A runtime for the credentials pallet's unit tests: the real transcripts pallet with a
//! stand-in registry and clock.

use crate as pallet_credentials;
use frame_support::{derive_impl, ord_parameter_types, parameter_types, traits::UnixTime};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Transcripts: pallet_transcripts,
		Credentials: pallet_credentials,
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
/// The ministry.
pub const MINISTRY: u64 = 100;
/// Learners.
pub const ANN: u64 = 20;
pub const BEN: u64 = 21;

ord_parameter_types! {
	pub const Ministry: u64 = MINISTRY;
}

parameter_types! {
	pub static Now: u64 = 0;
	pub const Max: u32 = 4;
	/// Courses: (id, institution, document digest).
	pub static MockCourses: Vec<(u64, u64, sp_core::H256)> = vec![];
	/// Claims: (holder, credential id, course).
	pub static MockClaims: Vec<(u64, sp_core::H256, u64)> = vec![];
}

/// The stand-in for the pallet that runs courses: `MockCourses` and `MockClaims`.
pub struct CourseStandIn;
impl crate::CourseRecords<u64, sp_core::H256> for CourseStandIn {
	fn course(id: u64) -> Option<(u64, sp_core::H256)> {
		MockCourses::get().into_iter().find(|c| c.0 == id).map(|c| (c.1, c.2))
	}
	fn claimed(holder: &u64, credential: &sp_core::H256) -> Option<u64> {
		MockClaims::get().into_iter().find(|c| c.0 == *holder && c.1 == *credential).map(|c| c.2)
	}
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
	fn set_today(day: u32) {
		Now::set(u64::from(day));
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for Registry {
	fn institution() -> u64 {
		Active::mutate(|a| a.push(UNI));
		UNI
	}
	fn qualified(institution: &u64, seed: u32, _classes: u32) -> (u64, u64) {
		crate::tests::qualified_enrolment(*institution, 1_000 + u64::from(seed))
	}
}

/// The stand-in clock: `Now` days since the epoch.
pub struct Clock;
impl UnixTime for Clock {
	fn now() -> core::time::Duration {
		core::time::Duration::from_secs(Now::get() * 86_400)
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
	type Courses = CourseStandIn;
	type Did = pallet_credentials::NumberedDid;
	type MinistryOrigin = frame_system::EnsureSignedBy<Ministry, u64>;
	type MaxBatch = Max;
	type MaxHistory = Max;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Registry;
}

/// UNI and OTHER active, LECTURER lecturing at UNI; the clock at day 1000.
pub fn new_test_ext() -> sp_io::TestExternalities {
	Active::set(vec![UNI, OTHER]);
	Lecturers::set(vec![(UNI, LECTURER)]);
	Now::set(1_000);
	MockCourses::set(vec![]);
	MockClaims::set(vec![]);
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
	});
}
