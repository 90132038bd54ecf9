//! Benchmarks for the coins pallet. Corrections are measured with the award's history one short
//! of full, enrolment with learners new to every course (each gains a provider reference).

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;
use pallet_credentials::MicroCredentialIssuer;
use pallet_transcripts::BenchmarkHelper;

fn digest<T: Config>(n: u32) -> T::Hash {
	let mut h = T::Hash::default();
	h.as_mut()[..4].copy_from_slice(&n.to_le_bytes());
	h
}

/// An active institution and its lecturer.
fn staff<T: Config>() -> (T::AccountId, T::AccountId) {
	let institution: T::AccountId = account("institution", 0, 0);
	let lecturer: T::AccountId = account("lecturer", 0, 0);
	T::BenchmarkHelper::activate(&institution);
	T::BenchmarkHelper::appoint(&institution, &lecturer);
	(institution, lecturer)
}

/// Course 0 with one task worth the most a task may award, a threshold of that much, and one
/// enrolled learner.
fn course<T: Config>() -> (T::AccountId, T::AccountId, T::AccountId) {
	let (institution, lecturer) = staff::<T>();
	let max = T::MaxTaskCoins::get();
	let signed = || RawOrigin::Signed(lecturer.clone()).into();
	Pallet::<T>::create_course(signed(), institution.clone(), digest::<T>(0), max).unwrap();
	Pallet::<T>::add_task(signed(), 0, digest::<T>(1), max).unwrap();
	let learner: T::AccountId = account("learner", 0, 0);
	Pallet::<T>::enrol(signed(), 0, BoundedVec::truncate_from(alloc::vec![learner.clone()])).unwrap();
	(institution, lecturer, learner)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_course() {
		let (institution, lecturer) = staff::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(lecturer), institution, digest::<T>(0), 100);

		assert!(Courses::<T>::contains_key(0));
	}

	#[benchmark]
	fn close_course() {
		let (_, lecturer, _) = course::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(lecturer), 0);

		assert_eq!(Courses::<T>::get(0).unwrap().status, CourseStatus::Closed);
	}

	#[benchmark]
	fn hand_over() {
		let (institution, _, _) = course::<T>();
		let successor: T::AccountId = account("lecturer", 1, 0);
		T::BenchmarkHelper::appoint(&institution, &successor);

		#[extrinsic_call]
		_(RawOrigin::Signed(institution), 0, successor.clone());

		assert_eq!(Courses::<T>::get(0).unwrap().lecturer, successor);
	}

	#[benchmark]
	fn add_task() {
		let (_, lecturer, _) = course::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(lecturer), 0, digest::<T>(2), 1);

		assert!(Tasks::<T>::contains_key(0, 1));
	}

	#[benchmark]
	fn withdraw_task() {
		let (_, lecturer, _) = course::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(lecturer), 0, 0);

		assert_eq!(Tasks::<T>::get(0, 0).unwrap().status, TaskStatus::Withdrawn);
	}

	#[benchmark]
	fn enrol(b: Linear<1, { T::MaxBatch::get() }>) {
		let (_, lecturer, _) = course::<T>();
		let learners: Vec<T::AccountId> = (0..b).map(|i| account("new learner", i, 0)).collect();
		let last = learners.last().cloned().expect("b >= 1");

		#[extrinsic_call]
		_(RawOrigin::Signed(lecturer), 0, BoundedVec::truncate_from(learners));

		assert!(Balances::<T>::contains_key(0, last));
	}

	#[benchmark]
	fn award() {
		let (_, lecturer, learner) = course::<T>();
		let max = T::MaxTaskCoins::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(lecturer), 0, learner.clone(), 0, max);

		assert_eq!(Balances::<T>::get(0, learner).unwrap().earned, max);
	}

	#[benchmark]
	fn correct_award() {
		let (_, lecturer, learner) = course::<T>();
		let signed = || RawOrigin::Signed(lecturer.clone()).into();
		Pallet::<T>::award(signed(), 0, learner.clone(), 0, 1).unwrap();
		for _ in 1..T::MaxCorrections::get() {
			Pallet::<T>::correct_award(signed(), 0, learner.clone(), 0, 1).unwrap();
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(lecturer.clone()), 0, learner.clone(), 0, 2);

		assert_eq!(Balances::<T>::get(0, learner).unwrap().earned, 2);
	}

	#[benchmark]
	fn claim() {
		let (institution, lecturer, learner) = course::<T>();
		let max = T::MaxTaskCoins::get();
		Pallet::<T>::award(RawOrigin::Signed(lecturer).into(), 0, learner.clone(), 0, max).unwrap();
		let id = T::Credentials::micro_credential_id(&institution, &learner, 0, &digest::<T>(0));

		#[extrinsic_call]
		_(RawOrigin::Signed(learner.clone()), 0, id);

		assert_eq!(Balances::<T>::get(0, learner).unwrap().spent, max);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
