//! The education-specific pallets.

use crate::{
	AccountId, Coins, Credentials, Ministry, Registry, Runtime, RuntimeEvent, Signature, Timestamp,
	Transcripts, DAYS,
};
use alloc::vec::Vec;
use frame_support::traits::{ConstU32, Contains, Get, Nothing};
use sp_runtime::MultiSigner;

impl pallet_ministry::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type MaxAccounts = ConstU32<16>;
	type WeightInfo = pallet_ministry::weights::SubstrateWeight<Runtime>;
}

impl pallet_admission::Config for Runtime {
	// Learners join through the coins pallet, when first enrolled in a course: claiming a
	// micro-credential is the first call a learner signs.
	type Members = (Ministry, Registry, Coins);
	// `registry.apply` is a general transaction authorized by the candidate's signature, so no
	// signed call needs to be open to strangers.
	type OpenCalls = Nothing;
	type WeightInfo = pallet_admission::weights::SubstrateWeight<Runtime>;
}

/// The ministry's accounts, as the registry needs them.
pub struct MinistryAccounts;
impl Get<Vec<AccountId>> for MinistryAccounts {
	fn get() -> Vec<AccountId> {
		pallet_ministry::Accounts::<Runtime>::get().into_inner()
	}
}

/// Accounts that have registered session keys with `session.set_keys`.
pub struct HasSessionKeys;
impl Contains<AccountId> for HasSessionKeys {
	fn contains(who: &AccountId) -> bool {
		pallet_session::NextKeys::<Runtime>::contains_key(who)
	}
}

/// Upper bound of the member institutions; every one may also be an authority.
pub const MAX_MEMBERS: u32 = super::consensus::MAX_AUTHORITIES;

impl pallet_registry::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type MinistryOrigin = pallet_ministry::EnsureMinistry<Runtime>;
	type MinistryAccounts = MinistryAccounts;
	type HasSessionKeys = HasSessionKeys;
	type ApplicantSignature = Signature;
	type ApplicantSigner = MultiSigner;
	type MaxMembers = ConstU32<MAX_MEMBERS>;
	type MaxProposals = ConstU32<16>;
	// A week to gather the votes of institutions that meet weekly at most.
	type ProposalLifetime = ConstU32<{ 7 * DAYS }>;
	type MaxLecturers = ConstU32<10_000>;
	// Rotating once a year for decades.
	type MaxAssertionKeys = ConstU32<64>;
	type WeightInfo = pallet_registry::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelpers;
}

/// Set-up for the educhain pallets' benchmarks: signs applications with a key from the benchmark
/// keystore, and writes registry and transcripts state directly.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelpers;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_registry::BenchmarkHelper<AccountId, Signature> for BenchmarkHelpers {
	fn candidate() -> AccountId {
		use sp_runtime::traits::IdentifyAccount;
		let public = sp_io::crypto::sr25519_generate(BENCH_KEY, None);
		MultiSigner::from(public).into_account()
	}

	fn sign(who: &AccountId, message: &[u8]) -> Signature {
		let public = sp_core::sr25519::Public::from_raw(*AsRef::<[u8; 32]>::as_ref(who));
		sp_io::crypto::sr25519_sign(BENCH_KEY, &public, message)
			.expect("candidate() put the key in the keystore")
			.into()
	}

	fn register_keys(who: &AccountId) {
		let keys = crate::SessionKeys {
			aura: sp_core::sr25519::Public::from_raw([1; 32]).into(),
			grandpa: sp_core::ed25519::Public::from_raw([1; 32]).into(),
		};
		pallet_session::NextKeys::<Runtime>::insert(who, keys);
	}
}

#[cfg(feature = "runtime-benchmarks")]
const BENCH_KEY: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"bnch");

impl pallet_transcripts::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Registry = Registry;
	type Time = Timestamp;
	// A lecture hall's worth.
	type MaxRoster = ConstU32<500>;
	type MaxBatch = ConstU32<100>;
	type MaxCorrections = ConstU32<16>;
	type MaxAttempts = ConstU32<8>;
	type MaxEnrolments = ConstU32<64>;
	// A semester's worth (30 ECTS): no single class can carry a whole program.
	type MaxClassCredits = ConstU32<30>;
	// A year and a day: enrolment for the coming academic year, leap years included.
	type MaxStartAhead = ConstU32<366>;
	type WeightInfo = pallet_transcripts::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelpers;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_transcripts::BenchmarkHelper<AccountId> for BenchmarkHelpers {
	fn activate(institution: &AccountId) {
		pallet_registry::Institutions::<Runtime>::insert(
			institution,
			pallet_registry::Institution {
				kind: pallet_registry::InstitutionKind::University,
				profile: Default::default(),
				status: pallet_registry::Status::Active,
				joined: Some(0),
			},
		);
		pallet_registry::Active::<Runtime>::mutate(|active| {
			if let Err(at) = active.binary_search(institution) {
				active.try_insert(at, institution.clone()).expect("the benchmarks activate fewer than MaxMembers");
			}
		});
	}

	fn appoint(institution: &AccountId, lecturer: &AccountId) {
		pallet_registry::Lecturers::<Runtime>::insert(institution, lecturer, ());
		pallet_registry::Posts::<Runtime>::mutate(lecturer, |p| *p += 1);
	}

	fn set_today(day: pallet_transcripts::Day) {
		pallet_timestamp::Now::<Runtime>::put(u64::from(day) * 86_400_000);
	}
}

/// Names accounts in credential documents: `did:educhain:<SS58 address>`, with the chain's
/// SS58 prefix.
pub struct Ss58Did;

impl pallet_credentials::AccountDid<AccountId> for Ss58Did {
	fn did(who: &AccountId) -> Vec<u8> {
		use sp_core::crypto::{Ss58AddressFormat, Ss58Codec};
		let prefix = <Runtime as frame_system::Config>::SS58Prefix::get();
		let address = who.to_ss58check_with_version(Ss58AddressFormat::custom(prefix.into()));
		[b"did:educhain:".as_slice(), address.as_bytes()].concat()
	}
}

impl pallet_credentials::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Registry = Registry;
	type Transcripts = Transcripts;
	type Courses = Coins;
	type Did = Ss58Did;
	type MinistryOrigin = pallet_ministry::EnsureMinistry<Runtime>;
	// A graduating class per call.
	type MaxBatch = ConstU32<200>;
	type MaxHistory = ConstU32<16>;
	type WeightInfo = pallet_credentials::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelpers;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_credentials::BenchmarkHelper<AccountId> for BenchmarkHelpers {
	fn institution() -> AccountId {
		let who: AccountId = frame_benchmarking::account("institution", 0, 0);
		<Self as pallet_transcripts::BenchmarkHelper<AccountId>>::activate(&who);
		who
	}

	fn qualified(
		institution: &AccountId,
		seed: u32,
		classes: u32,
	) -> (AccountId, pallet_transcripts::EnrolmentId) {
		use pallet_transcripts as t;
		let learner: AccountId = frame_benchmarking::account("learner", seed, 0);
		let program = t::Program {
			document: Default::default(),
			credits_required: 1,
			min_days: 0,
			max_days: 100_000,
			status: t::ProgramStatus::Open,
		};
		t::Programs::<Runtime>::insert(institution, seed, program);
		let id = t::NextEnrolment::<Runtime>::get();
		t::NextEnrolment::<Runtime>::put(id + 1);
		t::Enrolments::<Runtime>::insert(
			id,
			t::Enrolment {
				learner: learner.clone(),
				institution: institution.clone(),
				program: seed,
				start: 0,
				status: t::EnrolmentStatus::Active,
				ended: None,
				credits: 1,
				recorded: t::Recorded { block: 0, day: 0, imported: false },
			},
		);
		for class in 0..u64::from(classes) {
			t::EnrolmentClasses::<Runtime>::insert(id, class, ());
		}
		t::ClassCount::<Runtime>::insert(id, classes);
		(learner, id)
	}
}

impl pallet_coins::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Registry = Registry;
	type Credentials = Credentials;
	type MaxTasks = ConstU32<256>;
	type MaxTaskCoins = ConstU32<10_000>;
	type MaxBatch = ConstU32<500>;
	type MaxCorrections = ConstU32<16>;
	type WeightInfo = pallet_coins::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelpers;
}

/// The largest update payload: 256 KiB, 65,536 parameters at 32 bits (the reference MLP on 8×8
/// digits has 55,210).
pub const MAX_FL_PAYLOAD: u32 = 256 * 1024;

impl pallet_fl_ledger::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Registry = Registry;
	// A consortium of institutions training together, not the whole registry.
	type MaxParticipants = ConstU32<32>;
	type MaxRounds = ConstU32<1_000>;
	type MaxRoundBlocks = ConstU32<{ 7 * DAYS }>;
	type MaxPayload = ConstU32<MAX_FL_PAYLOAD>;
	type MaxBytesPerParam = ConstU32<4>;
	type MaxDeadlinesPerBlock = ConstU32<16>;
	// A data set of fewer than 32 samples gains nothing from federated training, and the σ the
	// rule asks for it would drown the update anyway.
	type MinSamples = ConstU32<32>;
	type MaxSamples = ConstU32<10_000_000>;
	type WeightInfo = pallet_fl_ledger::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelpers;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_fl_ledger::BenchmarkHelper<AccountId> for BenchmarkHelpers {
	fn activate(institution: &AccountId) {
		<Self as pallet_transcripts::BenchmarkHelper<AccountId>>::activate(institution);
	}
}
