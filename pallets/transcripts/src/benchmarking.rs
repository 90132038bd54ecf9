//! Benchmarks for the transcripts pallet, each call in its worst case: full rosters, learners
//! found at the end of them, and full histories.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;

const PROGRAM: ProgramId = 1;

fn hash<T: Config>(byte: u8) -> T::Hash {
	let mut h = T::Hash::default();
	h.as_mut().fill(byte);
	h
}

/// An active institution with one open program.
fn institution<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("institution", 0, 0);
	T::BenchmarkHelper::activate(&who);
	// Enrolments below start on day 1, which must not be in the past on any chain's clock.
	T::BenchmarkHelper::set_today(1);
	Programs::<T>::insert(
		&who,
		PROGRAM,
		Program {
			document: hash::<T>(1),
			credits_required: 180,
			min_days: 365,
			max_days: 2000,
			status: ProgramStatus::Open,
		},
	);
	who
}

/// `n` learners enrolled at `institution`.
fn learners<T: Config>(institution: &T::AccountId, n: u32) -> Vec<EnrolmentId> {
	(0..n)
		.map(|i| {
			let learner: T::AccountId = account("learner", i, 0);
			let id = NextEnrolment::<T>::get();
			Pallet::<T>::enrol(RawOrigin::Signed(institution.clone()).into(), learner, PROGRAM, 1)
				.expect("enrols");
			id
		})
		.collect()
}

/// An institution and a learner with `held` enrolments there, each in another program, for a
/// new enrolment's duplicate check to read (at most `MaxEnrolments - 1`).
fn learner_with_enrolments<T: Config>(held: u32) -> (T::AccountId, T::AccountId) {
	let inst = institution::<T>();
	let learner: T::AccountId = account("learner", 0, 0);
	for i in 1..=held {
		Programs::<T>::insert(&inst, PROGRAM + i, Programs::<T>::get(&inst, PROGRAM).unwrap());
		Pallet::<T>::enrol(RawOrigin::Signed(inst.clone()).into(), learner.clone(), PROGRAM + i, 1).unwrap();
	}
	(inst, learner)
}

/// A class with a full roster and a lecturer.
fn full_class<T: Config>() -> (T::AccountId, T::AccountId, ClassId, Vec<EnrolmentId>) {
	let inst = institution::<T>();
	let lecturer: T::AccountId = account("lecturer", 0, 0);
	T::BenchmarkHelper::appoint(&inst, &lecturer);
	let roster = learners::<T>(&inst, T::MaxRoster::get());
	let class = NextClass::<T>::get();
	Pallet::<T>::create_class(
		RawOrigin::Signed(inst.clone()).into(),
		hash::<T>(2),
		5,
		lecturer.clone(),
		1,
		50,
		100,
		BoundedVec::try_from(roster.clone()).expect("fits"),
	)
	.expect("creates the class");
	(inst, lecturer, class, roster)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_program() {
		let inst: T::AccountId = account("institution", 0, 0);
		T::BenchmarkHelper::activate(&inst);

		#[extrinsic_call]
		_(RawOrigin::Signed(inst.clone()), PROGRAM, hash::<T>(1), 180, 365, 2000);

		assert!(Programs::<T>::contains_key(&inst, PROGRAM));
	}

	#[benchmark]
	fn close_program() {
		let inst = institution::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(inst.clone()), PROGRAM);

		assert_eq!(Programs::<T>::get(&inst, PROGRAM).unwrap().status, ProgramStatus::Closed);
	}

	/// The learner already has `e` enrolments to check (the worst case `MaxEnrolments - 1`).
	#[benchmark]
	fn enrol(e: Linear<0, { T::MaxEnrolments::get() - 1 }>) {
		let (inst, learner) = learner_with_enrolments::<T>(e);

		#[extrinsic_call]
		_(RawOrigin::Signed(inst), learner.clone(), PROGRAM, 1);

		assert_eq!(LearnerEnrolments::<T>::get(&learner).len() as u32, e + 1);
	}

	/// As for `enrol`: `e` enrolments to check.
	#[benchmark]
	fn import_enrolment(e: Linear<0, { T::MaxEnrolments::get() - 1 }>) {
		let (inst, learner) = learner_with_enrolments::<T>(e);
		T::BenchmarkHelper::set_today(1_000);

		#[extrinsic_call]
		_(RawOrigin::Signed(inst), learner.clone(), PROGRAM, 900, hash::<T>(3));

		assert!(Enrolments::<T>::iter_values().any(|e| e.recorded.imported));
	}

	#[benchmark]
	fn end_enrolment() {
		let inst = institution::<T>();
		let id = learners::<T>(&inst, 1)[0];

		#[extrinsic_call]
		_(RawOrigin::Signed(inst), id, EnrolmentStatus::Graduated);

		assert_eq!(Enrolments::<T>::get(id).unwrap().status, EnrolmentStatus::Graduated);
	}

	#[benchmark]
	fn create_class(r: Linear<0, { T::MaxRoster::get() }>) {
		let inst = institution::<T>();
		let lecturer: T::AccountId = account("lecturer", 0, 0);
		T::BenchmarkHelper::appoint(&inst, &lecturer);
		let roster = learners::<T>(&inst, r);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(inst),
			hash::<T>(2),
			5,
			lecturer,
			1,
			50,
			100,
			BoundedVec::try_from(roster).unwrap(),
		);

		assert_eq!(Classes::<T>::get(0).unwrap().roster.len() as u32, r);
	}

	/// Adds `r` learners to a class that already holds `MaxRoster - r`.
	#[benchmark]
	fn add_learners(r: Linear<1, { T::MaxRoster::get() }>) {
		let inst = institution::<T>();
		let lecturer: T::AccountId = account("lecturer", 0, 0);
		T::BenchmarkHelper::appoint(&inst, &lecturer);
		let all = learners::<T>(&inst, T::MaxRoster::get());
		let (first, rest) = all.split_at((T::MaxRoster::get() - r) as usize);
		Pallet::<T>::create_class(
			RawOrigin::Signed(inst.clone()).into(),
			hash::<T>(2),
			5,
			lecturer,
			1,
			50,
			100,
			BoundedVec::try_from(first.to_vec()).unwrap(),
		)
		.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(inst), 0, BoundedVec::try_from(rest.to_vec()).unwrap());

		assert_eq!(Classes::<T>::get(0).unwrap().roster.len() as u32, T::MaxRoster::get());
	}

	/// Worst case: the last learner of a full roster.
	#[benchmark]
	fn remove_learner() {
		let (inst, _, class, roster) = full_class::<T>();
		let last = *roster.last().unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(inst), class, last);

		assert!(!EnrolmentClasses::<T>::contains_key(last, class));
	}

	#[benchmark]
	fn close_class() {
		let (inst, _, class, _) = full_class::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(inst), class);

		assert_eq!(Classes::<T>::get(class).unwrap().status, ClassStatus::Closed);
	}

	/// Worst case: the last learner of a full roster, with a history one short of full, turning
	/// a fail into a pass (credits change).
	#[benchmark]
	fn grade() {
		let (_, lecturer, class, roster) = full_class::<T>();
		let learner: T::AccountId = account("learner", T::MaxRoster::get() - 1, 0);
		for _ in 1..T::MaxCorrections::get() {
			Pallet::<T>::grade(RawOrigin::Signed(lecturer.clone()).into(), class, learner.clone(), false, hash::<T>(3))
				.unwrap();
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(lecturer), class, learner, true, hash::<T>(4));

		assert_eq!(Enrolments::<T>::get(*roster.last().unwrap()).unwrap().credits, 5);
	}

	/// `b` passing grades for the last `b` learners of a full roster.
	#[benchmark]
	fn grade_batch(b: Linear<1, { T::MaxBatch::get().min(T::MaxRoster::get()) }>) {
		let (_, lecturer, class, _) = full_class::<T>();
		let n = T::MaxRoster::get();
		let grades: Vec<GradeInputOf<T>> = (n - b..n)
			.map(|i| GradeInput { learner: account("learner", i, 0), passed: true, digest: hash::<T>(4) })
			.collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(lecturer), class, BoundedVec::try_from(grades).unwrap());

		assert!(Grades::<T>::contains_key(class, NextEnrolment::<T>::get() - 1));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
