//! Unit tests of the transcripts pallet on the mock runtime.

use crate::{mock::*, pallet::*, ClassStatus, EnrolmentStatus, GradeInput, ProgramStatus};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_core::H256;
use sp_runtime::DispatchError;

const PROGRAM: u32 = 7;
const CS101: H256 = H256::repeat_byte(0xc1);
const MA201: H256 = H256::repeat_byte(0xa2);

fn origin(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn program() {
	assert_ok!(Transcripts::create_program(origin(UNI), PROGRAM, H256::repeat_byte(1), 10, 365, 1460));
}

/// Enrol `learner` in the program; returns the enrolment id.
fn enrol(learner: u64) -> u64 {
	let id = NextEnrolment::<Test>::get();
	assert_ok!(Transcripts::enrol(origin(UNI), learner, PROGRAM, 100));
	id
}

/// A class of `course` worth `credits`, pass mark 50 of 100, taught by LECTURER.
fn class(course: H256, credits: u32, roster: Vec<u64>) -> u64 {
	let id = NextClass::<Test>::get();
	assert_ok!(Transcripts::create_class(
		origin(UNI),
		course,
		credits,
		LECTURER,
		20261,
		50,
		100,
		BoundedVec::try_from(roster).unwrap()
	));
	id
}

/// The test's lecturer grades `value` out of 100 (pass mark 50): the chain is told pass or fail
/// and the digest of the record, which here is the value repeated, so that tests can tell
/// entries apart.
fn grade(class: u64, learner: u64, value: u32) -> sp_runtime::DispatchResult {
	Transcripts::grade(origin(LECTURER), class, learner, value >= 50, record(value))
}

fn record(value: u32) -> H256 {
	H256::repeat_byte(value as u8)
}

fn credits(enrolment: u64) -> u32 {
	Enrolments::<Test>::get(enrolment).unwrap().credits
}

/// UNI with the program, ANN enrolled, and an open CS101 class (4 credits) with ANN on it.
fn setup() -> (u64, u64) {
	program();
	let ann = enrol(ANN);
	let c = class(CS101, 4, vec![ann]);
	(ann, c)
}

#[test]
fn programs_are_defined_and_closed_by_active_institutions() {
	build_and_execute(|| {
		program();
		let p = Programs::<Test>::get(UNI, PROGRAM).unwrap();
		assert_eq!((p.credits_required, p.min_days, p.max_days, p.status), (10, 365, 1460, ProgramStatus::Open));
		assert_noop!(
			Transcripts::create_program(origin(UNI), PROGRAM, H256::zero(), 10, 1, 2),
			Error::<Test>::ProgramExists
		);
		assert_noop!(
			Transcripts::create_program(origin(UNI), 8, H256::zero(), 10, 3, 2),
			Error::<Test>::InvalidProgram
		);
		assert_noop!(
			Transcripts::create_program(origin(99), 8, H256::zero(), 10, 1, 2),
			Error::<Test>::NotActiveInstitution
		);
		assert_ok!(Transcripts::close_program(origin(UNI), PROGRAM));
		assert_noop!(Transcripts::enrol(origin(UNI), ANN, PROGRAM, 1), Error::<Test>::ProgramClosed);
		assert_eq!(Transcripts::programs(&UNI).len(), 1);
	});
}

#[test]
fn enrolments_are_unique_while_active_and_can_end() {
	build_and_execute(|| {
		program();
		let ann = enrol(ANN);
		assert_noop!(Transcripts::enrol(origin(UNI), ANN, PROGRAM, 100), Error::<Test>::DuplicateEnrolment);
		assert_noop!(Transcripts::enrol(origin(UNI), ANN, 99, 100), Error::<Test>::UnknownProgram);
		// Another institution's program is another enrolment.
		assert_ok!(Transcripts::create_program(origin(OTHER), PROGRAM, H256::zero(), 5, 1, 2));
		assert_ok!(Transcripts::enrol(origin(OTHER), ANN, PROGRAM, 100));
		assert_noop!(
			Transcripts::end_enrolment(origin(OTHER), ann, EnrolmentStatus::Withdrawn),
			Error::<Test>::NotYourEnrolment
		);
		assert_noop!(
			Transcripts::end_enrolment(origin(UNI), ann, EnrolmentStatus::Active),
			Error::<Test>::InvalidOutcome
		);
		assert_ok!(Transcripts::end_enrolment(origin(UNI), ann, EnrolmentStatus::Transferred));
		let e = Enrolments::<Test>::get(ann).unwrap();
		assert_eq!((e.status, e.ended), (EnrolmentStatus::Transferred, Some(100)));
		// Once ended, the learner may enrol in the program again.
		assert_ok!(Transcripts::enrol(origin(UNI), ANN, PROGRAM, 101));
		assert_noop!(Transcripts::enrol(origin(OTHER), ANN, 1, 1), Error::<Test>::UnknownProgram);
		assert_eq!(LearnerEnrolments::<Test>::get(ANN).len(), 3);
	});
}

#[test]
fn an_enrolment_weighs_the_enrolments_the_learner_already_had() {
	use crate::weights::WeightInfo;
	type W = ();
	let worst = MaxEnrolments::get() - 1;
	assert!(W::enrol(0).ref_time() < W::enrol(worst).ref_time());
	assert!(W::import_enrolment(0).ref_time() < W::import_enrolment(worst).ref_time());
	build_and_execute(|| {
		program();
		assert_ok!(Transcripts::create_program(origin(OTHER), PROGRAM, H256::zero(), 5, 1, 2));
		let first = Transcripts::enrol(origin(UNI), ANN, PROGRAM, 100).unwrap();
		let second = Transcripts::enrol(origin(OTHER), ANN, PROGRAM, 100).unwrap();
		assert_eq!((first.actual_weight, second.actual_weight), (Some(W::enrol(0)), Some(W::enrol(1))));
		Now::set(2_000 * 86_400);
		let imported = Transcripts::import_enrolment(origin(UNI), BEN, PROGRAM, 540, H256::zero()).unwrap();
		assert_eq!(imported.actual_weight, Some(W::import_enrolment(0)));
	});
}

#[test]
fn classes_need_a_lecturer_of_the_institution_and_a_bounded_roster() {
	build_and_execute(|| {
		program();
		let ids: Vec<u64> = [ANN, BEN, CAL, 23, 24].iter().map(|l| enrol(*l)).collect();
		let roster = |v: Vec<u64>| BoundedVec::try_from(v).unwrap();
		assert_noop!(
			Transcripts::create_class(origin(UNI), CS101, 4, 99, 1, 50, 100, roster(vec![])),
			Error::<Test>::NotALecturer
		);
		assert_noop!(
			Transcripts::create_class(origin(UNI), CS101, 4, LECTURER, 1, 101, 100, roster(vec![])),
			Error::<Test>::InvalidClass
		);
		assert_noop!(
			Transcripts::create_class(origin(UNI), CS101, 4, LECTURER, 1, 50, 100, roster(vec![ids[0], ids[0]])),
			Error::<Test>::AlreadyOnRoster
		);
		assert_noop!(
			Transcripts::create_class(origin(UNI), CS101, 4, LECTURER, 1, 50, 100, roster(vec![42])),
			Error::<Test>::UnknownEnrolment
		);
		let c = class(CS101, 4, ids[..3].to_vec());
		assert_ok!(Transcripts::add_learners(origin(UNI), c, roster(vec![ids[3]])));
		assert_noop!(Transcripts::add_learners(origin(UNI), c, roster(vec![ids[4]])), Error::<Test>::RosterFull);
		assert_noop!(Transcripts::add_learners(origin(OTHER), c, roster(vec![ids[4]])), Error::<Test>::NotYourClass);
		assert_ok!(Transcripts::remove_learner(origin(UNI), c, ids[3]));
		assert_ok!(Transcripts::add_learners(origin(UNI), c, roster(vec![ids[4]])));
		assert_ok!(grade(c, ANN, 70));
		assert_noop!(Transcripts::remove_learner(origin(UNI), c, ids[0]), Error::<Test>::AlreadyGraded);
		let view = Transcripts::class(c).unwrap();
		assert_eq!(view.roster.len(), 4);
		assert_eq!(view.roster[0], (ANN, ids[0], true));
		assert_eq!(view.roster[1], (BEN, ids[1], false));
	});
}

#[test]
fn only_the_class_lecturer_grades_and_only_its_roster() {
	build_and_execute(|| {
		let (ann, c) = setup();
		let _ben = enrol(BEN);
		assert_noop!(
			Transcripts::grade(origin(LECTURER2), c, ANN, true, H256::zero()),
			Error::<Test>::NotClassLecturer
		);
		assert_noop!(Transcripts::grade(origin(UNI), c, ANN, true, H256::zero()), Error::<Test>::NotClassLecturer);
		assert_noop!(grade(c, BEN, 70), Error::<Test>::NotOnRoster);
		assert_noop!(grade(9, ANN, 70), Error::<Test>::UnknownClass);
		assert_ok!(grade(c, ANN, 70));
		let history = Transcripts::grade_history(c, ann);
		assert_eq!((history[0].digest, history[0].passed, history[0].by), (record(70), true, LECTURER));
		// A lecturer who lost the post cannot grade.
		Lecturers::set(vec![]);
		assert_noop!(grade(c, ANN, 80), Error::<Test>::NotALecturer);
	});
}

#[test]
fn closed_classes_take_no_grades_and_no_roster_changes() {
	build_and_execute(|| {
		let (ann, c) = setup();
		assert_ok!(Transcripts::close_class(origin(UNI), c));
		assert_eq!(Classes::<Test>::get(c).unwrap().status, ClassStatus::Closed);
		assert_noop!(grade(c, ANN, 70), Error::<Test>::ClassClosed);
		assert_noop!(Transcripts::remove_learner(origin(UNI), c, ann), Error::<Test>::ClassClosed);
		assert_noop!(Transcripts::close_class(origin(UNI), c), Error::<Test>::ClassClosed);
	});
}

#[test]
fn a_suspended_institution_and_its_lecturers_write_nothing() {
	build_and_execute(|| {
		let (ann, c) = setup();
		Active::set(vec![OTHER]);
		assert_noop!(grade(c, ANN, 70), Error::<Test>::NotActiveInstitution);
		assert_noop!(Transcripts::close_class(origin(UNI), c), Error::<Test>::NotActiveInstitution);
		assert_noop!(Transcripts::enrol(origin(UNI), BEN, PROGRAM, 1), Error::<Test>::NotActiveInstitution);
		assert_noop!(
			Transcripts::end_enrolment(origin(UNI), ann, EnrolmentStatus::Withdrawn),
			Error::<Test>::NotActiveInstitution
		);
		Active::set(vec![UNI, OTHER]);
		assert_ok!(grade(c, ANN, 70));
	});
}

#[test]
fn corrections_are_new_entries_and_the_history_stays() {
	build_and_execute(|| {
		let (ann, c) = setup();
		assert_ok!(grade(c, ANN, 40));
		System::set_block_number(2);
		assert_ok!(grade(c, ANN, 60));
		let history = Transcripts::grade_history(c, ann);
		assert_eq!(
			history.iter().map(|g| (g.digest, g.passed, g.at)).collect::<Vec<_>>(),
			vec![(record(40), false, 1), (record(60), true, 2)]
		);
		assert!(System::events().iter().any(|r| r.event ==
			RuntimeEvent::Transcripts(Event::Graded { class: c, enrolment: ann, passed: true, correction: true })));
		assert_ok!(grade(c, ANN, 61));
		assert_noop!(grade(c, ANN, 62), Error::<Test>::TooManyCorrections);
	});
}

#[test]
fn credits_come_from_passes_and_a_course_counts_once() {
	build_and_execute(|| {
		let (ann, c1) = setup();
		assert_ok!(grade(c1, ANN, 40));
		assert_eq!(credits(ann), 0, "a fail earns nothing");
		// Retake in a later term: passes, 4 credits.
		let c2 = class(CS101, 4, vec![ann]);
		assert_ok!(grade(c2, ANN, 55));
		assert_eq!(credits(ann), 4);
		// A third attempt that passes again adds nothing.
		let c3 = class(CS101, 4, vec![ann]);
		assert_ok!(grade(c3, ANN, 90));
		assert_eq!(credits(ann), 4, "the course counts once");
		// Another course adds its own credits.
		let m = class(MA201, 6, vec![ann]);
		assert_ok!(grade(m, ANN, 50));
		assert_eq!(credits(ann), 10);
	});
}

#[test]
fn a_later_fail_does_not_erase_an_earlier_pass() {
	build_and_execute(|| {
		let (ann, c1) = setup();
		assert_ok!(grade(c1, ANN, 80));
		let c2 = class(CS101, 4, vec![ann]);
		assert_ok!(grade(c2, ANN, 10));
		assert_eq!(credits(ann), 4);
	});
}

#[test]
fn a_correction_from_pass_to_fail_withdraws_only_that_class_pass() {
	build_and_execute(|| {
		let (ann, c1) = setup();
		assert_ok!(grade(c1, ANN, 80));
		let c2 = class(CS101, 4, vec![ann]);
		assert_ok!(grade(c2, ANN, 70));
		assert_eq!(credits(ann), 4);
		// c1 corrected to a fail: c2's pass still stands.
		assert_ok!(grade(c1, ANN, 30));
		assert_eq!(credits(ann), 4);
		// c2 corrected to a fail too: no pass of the course is left.
		assert_ok!(grade(c2, ANN, 20));
		assert_eq!(credits(ann), 0);
		assert!(Passes::<Test>::get(ann, CS101).is_none());
		// And corrected back to a pass: earned again.
		assert_ok!(grade(c2, ANN, 75));
		assert_eq!(credits(ann), 4);
	});
}

#[test]
fn a_batch_grades_a_class_at_once_or_not_at_all() {
	build_and_execute(|| {
		program();
		let ids: Vec<u64> = [ANN, BEN, CAL].iter().map(|l| enrol(*l)).collect();
		let c = class(CS101, 4, ids.clone());
		let input = |learner, value: u32| GradeInput { learner, passed: value >= 50, digest: record(value) };
		let batch = |v: Vec<GradeInput<u64, H256>>| BoundedVec::try_from(v).unwrap();
		// One learner not on the roster fails the whole batch.
		assert_noop!(
			Transcripts::grade_batch(origin(LECTURER), c, batch(vec![input(ANN, 70), input(99, 70)])),
			Error::<Test>::NotOnRoster
		);
		assert_noop!(Transcripts::grade_batch(origin(LECTURER), c, batch(vec![])), Error::<Test>::EmptyBatch);
		assert_ok!(Transcripts::grade_batch(
			origin(LECTURER),
			c,
			batch(vec![input(ANN, 70), input(BEN, 30), input(CAL, 50)])
		));
		assert_eq!(ids.iter().map(|e| credits(*e)).collect::<Vec<_>>(), vec![4, 0, 4]);
		// Over the bound: the call cannot even be built.
		let four = vec![input(ANN, 1), input(BEN, 1), input(CAL, 1), input(ANN, 1)];
		assert!(BoundedVec::<_, MaxBatch>::try_from(four).is_err());
	});
}

#[test]
fn the_transcript_shows_classes_grades_credits_and_time() {
	build_and_execute(|| {
		let (ann, c1) = setup();
		assert_ok!(grade(c1, ANN, 40));
		assert_ok!(grade(c1, ANN, 65));
		let m = class(MA201, 6, vec![ann]);
		assert_ok!(grade(m, ANN, 20));
		Now::set(110 * 86_400);
		let t = Transcripts::transcript(&ANN);
		assert_eq!(t.len(), 1);
		let t = &t[0];
		assert_eq!((t.id, t.enrolment.credits, t.program.as_ref().unwrap().credits_required), (ann, 4, 10));
		assert_eq!(t.elapsed_days, 10, "started day 100, today is day 110");
		assert_eq!(t.classes.len(), 2);
		let first = t.classes.iter().find(|k| k.class == c1).unwrap();
		assert_eq!(first.grades.iter().map(|g| g.digest).collect::<Vec<_>>(), vec![record(40), record(65)]);
		assert!(Transcripts::transcript(&BEN).is_empty());
	});
}

#[test]
fn calls_need_a_signed_origin() {
	build_and_execute(|| {
		assert_noop!(
			Transcripts::create_program(RuntimeOrigin::none(), 1, H256::zero(), 1, 1, 1),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_invariants_catch_credits_that_are_not_the_sum_of_passes_and_forged_grades() {
	new_test_ext().execute_with(|| {
		let (ann, c) = setup();
		assert_ok!(grade(c, ANN, 70));
		assert_ok!(Transcripts::do_try_state());
		Enrolments::<Test>::mutate(ann, |e| e.as_mut().unwrap().credits += 1);
		let broken = Transcripts::do_try_state().unwrap_err();
		assert_eq!(broken, "an enrolment's credits differ from the sum over its passed courses".into());
		Enrolments::<Test>::mutate(ann, |e| e.as_mut().unwrap().credits -= 1);
		Grades::<Test>::mutate(c, ann, |g| g.as_mut().unwrap()[0].passed = false);
		assert_eq!(
			Transcripts::do_try_state().unwrap_err(),
			"a course pass names a class whose latest grade is not a pass".into()
		);
	});
}

#[test]
fn the_facts_count_the_classes_an_enrolment_is_on() {
	use crate::TranscriptProvider;
	build_and_execute(|| {
		let (ann, c1) = setup();
		let m = class(MA201, 6, vec![ann]);
		assert_eq!(Transcripts::facts(ann).unwrap().classes, 2);
		assert_ok!(Transcripts::remove_learner(origin(UNI), m, ann));
		assert_eq!(Transcripts::facts(ann).unwrap().classes, 1);
		assert_ok!(Transcripts::remove_learner(origin(UNI), c1, ann));
		assert_eq!(Transcripts::facts(ann).unwrap().classes, 0);
		assert!(!ClassCount::<Test>::contains_key(ann), "no count is kept for an enrolment on no class");
		assert_ok!(Transcripts::add_learners(origin(UNI), m, BoundedVec::try_from(vec![ann]).unwrap()));
		assert_eq!(Transcripts::facts(ann).unwrap().classes, 1);
	});
}

#[test]
fn the_invariants_catch_a_class_count_that_is_off() {
	new_test_ext().execute_with(|| {
		let (ann, _) = setup();
		ClassCount::<Test>::insert(ann, 2);
		assert_eq!(
			Transcripts::do_try_state().unwrap_err(),
			"an enrolment's ClassCount differs from its classes".into()
		);
	});
}

#[test]
fn the_v1_migration_counts_the_classes_of_every_enrolment_once() {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	new_test_ext().execute_with(|| {
		let (ann, _) = setup();
		let ben = enrol(BEN);
		class(MA201, 6, vec![ann, ben]);
		// The state as a runtime before version 1 left it: classes on record, nothing counted.
		let _ = ClassCount::<Test>::clear(u32::MAX, None);
		StorageVersion::new(0).put::<Transcripts>();

		crate::migrations::v1::Migrate::<Test>::on_runtime_upgrade();
		assert_eq!((ClassCount::<Test>::get(ann), ClassCount::<Test>::get(ben)), (2, 1));
		assert_eq!(Transcripts::on_chain_storage_version(), 1);
		assert_ok!(Transcripts::do_try_state());

		// Run again, it does nothing: the version is already 1.
		ClassCount::<Test>::insert(ben, 9);
		crate::migrations::v1::Migrate::<Test>::on_runtime_upgrade();
		assert_eq!(ClassCount::<Test>::get(ben), 9);
	});
}

#[test]
fn a_live_enrolment_starts_today_or_later_and_records_when_the_chain_learned_of_it() {
	use crate::TranscriptProvider;
	build_and_execute(|| {
		program();
		assert_noop!(Transcripts::enrol(origin(UNI), ANN, PROGRAM, 99), Error::<Test>::StartInThePast);
		// Today is day 100: a start in the year 9999, or one day past the bound, is refused.
		assert_noop!(Transcripts::enrol(origin(UNI), ANN, PROGRAM, 2_932_896), Error::<Test>::StartTooFarAhead);
		assert_noop!(Transcripts::enrol(origin(UNI), ANN, PROGRAM, 100 + 367), Error::<Test>::StartTooFarAhead);
		System::set_block_number(7);
		assert_ok!(Transcripts::enrol(origin(UNI), ANN, PROGRAM, 120));
		let e = Enrolments::<Test>::get(0).unwrap();
		assert_eq!(e.recorded, crate::Recorded { block: 7, day: 100, imported: false });
		let facts = Transcripts::facts(0).unwrap();
		assert_eq!((facts.start, facts.recorded, facts.imported), (120, 100, false));
		assert_ok!(Transcripts::enrol(origin(UNI), BEN, PROGRAM, 100 + 366));
	});
}

#[test]
fn history_comes_in_through_the_import_path_bounded_by_the_program_and_flagged() {
	use crate::TranscriptProvider;
	build_and_execute(|| {
		// The program lasts 365 to 1,460 days; today is day 100, so clock forward.
		program();
		Now::set(2_000 * 86_400);
		let evidence = H256::repeat_byte(0xee);
		let import = |start| Transcripts::import_enrolment(origin(UNI), ANN, PROGRAM, start, evidence);
		assert_noop!(import(2_000), Error::<Test>::ImportNotInThePast);
		assert_noop!(import(539), Error::<Test>::ImportTooOld);
		assert_noop!(
			Transcripts::import_enrolment(origin(UNI), ANN, 99, 1_000, evidence),
			Error::<Test>::UnknownProgram
		);
		assert_noop!(
			Transcripts::import_enrolment(origin(ANN), ANN, PROGRAM, 1_000, evidence),
			Error::<Test>::NotActiveInstitution
		);
		assert_ok!(import(540));
		System::assert_last_event(
			Event::EnrolmentImported { enrolment: 0, learner: ANN, institution: UNI, program: PROGRAM, start: 540, evidence }
				.into(),
		);
		let facts = Transcripts::facts(0).unwrap();
		assert_eq!((facts.start, facts.recorded, facts.imported), (540, 2_000, true));
		assert_noop!(import(600), Error::<Test>::DuplicateEnrolment);
	});
}

#[test]
fn a_class_carries_at_most_max_class_credits() {
	build_and_execute(|| {
		let (ann, _) = setup();
		let roster = BoundedVec::try_from(vec![ann]).unwrap();
		assert_noop!(
			Transcripts::create_class(origin(UNI), MA201, 31, LECTURER, 20261, 50, 100, roster),
			Error::<Test>::TooManyCredits
		);
		class(MA201, 30, vec![ann]);
	});
}

#[test]
fn the_invariants_catch_a_live_enrolment_that_starts_before_it_was_recorded() {
	new_test_ext().execute_with(|| {
		let (ann, _) = setup();
		Enrolments::<Test>::mutate(ann, |e| e.as_mut().unwrap().start = 99);
		assert_eq!(
			Transcripts::do_try_state().unwrap_err(),
			"a live enrolment that starts before the chain recorded it".into()
		);
		Enrolments::<Test>::mutate(ann, |e| e.as_mut().unwrap().recorded.imported = true);
		assert_ok!(Transcripts::do_try_state());
	});
}

#[test]
fn the_v2_migration_records_every_enrolment_and_marks_past_starts_imported() {
	use crate::migrations::v2::{Migrate, OldEnrolment};
	use codec::Encode;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	new_test_ext().execute_with(|| {
		program();
		// Two enrolments as version 1 stored them: one back-dated, one starting later.
		for (id, (learner, start)) in [(ANN, 40u32), (BEN, 130)].into_iter().enumerate() {
			let old = OldEnrolment {
				learner,
				institution: UNI,
				program: PROGRAM,
				start,
				status: EnrolmentStatus::Active,
				ended: None,
				credits: 0,
			};
			frame_support::storage::unhashed::put_raw(&Enrolments::<Test>::hashed_key_for(id as u64), &old.encode());
			LearnerEnrolments::<Test>::insert(learner, BoundedVec::try_from(vec![id as u64]).unwrap());
		}
		NextEnrolment::<Test>::put(2);
		StorageVersion::new(1).put::<Transcripts>();
		System::set_block_number(9);

		Migrate::<Test>::on_runtime_upgrade();
		let (ann, ben) = (Enrolments::<Test>::get(0).unwrap(), Enrolments::<Test>::get(1).unwrap());
		assert_eq!(ann.recorded, crate::Recorded { block: 9, day: 100, imported: true });
		assert_eq!(ben.recorded, crate::Recorded { block: 9, day: 100, imported: false });
		assert_eq!((ann.start, ben.start), (40, 130), "the start dates stay as they were");
		assert_eq!(Transcripts::on_chain_storage_version(), 2);
		assert_ok!(Transcripts::do_try_state());
	});
}
