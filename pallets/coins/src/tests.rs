//! Unit tests of the coins pallet: courses, tasks, enrolment, awards with corrections, claims,
//! a suspended institution, and the absence of any way to move or mint coins.

use crate::{
	mock::*,
	pallet::{Awards, Balances, Courses, Error, Event, Tasks},
	Balance, CourseStatus, TaskStatus,
};
use frame_support::{assert_noop, assert_ok, traits::Contains, BoundedVec};
use pallet_credentials::{CredentialKind, CredentialStatus};
use sp_core::H256;

fn doc(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// The id of the micro-credential document course `course` (at UNI, document `doc(1)`) fixes
/// for `learner`.
fn form(course: u64, learner: u64) -> H256 {
	pallet_credentials::Pallet::<Test>::micro_credential_id(&UNI, &learner, course, &doc(1))
}

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn learners(who: &[u64]) -> BoundedVec<u64, Max> {
	BoundedVec::try_from(who.to_vec()).unwrap()
}

/// Course 0 at UNI by LEC, threshold 100, tasks worth 40, 40 and 30; ANN enrolled.
fn course_with_three_tasks() -> u64 {
	assert_ok!(Coins::create_course(signed(LEC), UNI, doc(1), 100));
	for (i, max) in [40, 40, 30].into_iter().enumerate() {
		assert_ok!(Coins::add_task(signed(LEC), 0, doc(10 + i as u8), max));
	}
	assert_ok!(Coins::enrol(signed(LEC), 0, learners(&[ANN])));
	0
}

fn balance(learner: u64) -> Balance<H256> {
	Balances::<Test>::get(0, learner).expect("enrolled")
}

#[test]
fn a_lecturer_of_an_active_institution_creates_a_course() {
	build_and_execute(|| {
		assert_ok!(Coins::create_course(signed(LEC), UNI, doc(1), 100));
		let c = Courses::<Test>::get(0).unwrap();
		assert_eq!((c.institution, c.lecturer, c.document, c.threshold), (UNI, LEC, doc(1), 100));
		assert_eq!(c.status, CourseStatus::Open);
		System::assert_last_event(
			Event::CourseCreated { course: 0, institution: UNI, lecturer: LEC, threshold: 100 }.into(),
		);
		assert_ok!(Coins::create_course(signed(LEC), UNI, doc(2), 5));
		assert!(Courses::<Test>::contains_key(1));
	});
}

#[test]
fn only_a_lecturer_of_an_active_institution_may_create_a_course_with_a_threshold() {
	build_and_execute(|| {
		assert_noop!(Coins::create_course(signed(OTHER_LEC), UNI, doc(1), 100), Error::<Test>::NotLecturer);
		assert_noop!(Coins::create_course(signed(ANN), UNI, doc(1), 100), Error::<Test>::NotLecturer);
		assert_noop!(Coins::create_course(signed(LEC), UNI, doc(1), 0), Error::<Test>::ZeroThreshold);
		assert_noop!(Coins::create_course(signed(LEC), UNI, doc(1), 65_536), Error::<Test>::ThresholdTooHigh);
		Active::set(vec![OTHER]);
		assert_noop!(Coins::create_course(signed(LEC), UNI, doc(1), 100), Error::<Test>::InstitutionNotActive);
	});
}

#[test]
fn tasks_are_bounded_and_withdrawn_tasks_keep_their_awards() {
	build_and_execute(|| {
		let course = course_with_three_tasks();
		let t = Tasks::<Test>::get(course, 2).unwrap();
		assert_eq!((t.document, t.max_coins, t.status), (doc(12), 30, TaskStatus::Active));
		assert_noop!(Coins::add_task(signed(LEC), course, doc(9), 0), Error::<Test>::ZeroMaxCoins);
		assert_noop!(Coins::add_task(signed(LEC), course, doc(9), 101), Error::<Test>::MaxCoinsTooHigh);
		assert_noop!(Coins::add_task(signed(LEC2), course, doc(9), 10), Error::<Test>::NotCourseLecturer);
		assert_ok!(Coins::add_task(signed(LEC), course, doc(13), 100));
		// Max (4) tasks reached.
		assert_noop!(Coins::add_task(signed(LEC), course, doc(14), 10), Error::<Test>::TooManyTasks);

		assert_ok!(Coins::award(signed(LEC), course, ANN, 0, 35));
		assert_ok!(Coins::withdraw_task(signed(LEC), course, 0));
		System::assert_last_event(Event::TaskWithdrawn { course, task: 0 }.into());
		assert_eq!(Tasks::<Test>::get(course, 0).unwrap().status, TaskStatus::Withdrawn);
		assert_eq!(balance(ANN).earned, 35);
		assert_eq!(Awards::<Test>::get((course, ANN, 0)).unwrap().coins, 35);
		assert_noop!(Coins::withdraw_task(signed(LEC), course, 0), Error::<Test>::TaskWithdrawn);
		assert_noop!(Coins::withdraw_task(signed(LEC), course, 9), Error::<Test>::UnknownTask);
		assert_noop!(Coins::award(signed(LEC), course, BEN, 0, 1), Error::<Test>::TaskWithdrawn);
	});
}

#[test]
fn enrolment_makes_a_learner_a_member_once_and_is_all_or_nothing() {
	build_and_execute(|| {
		let course = course_with_three_tasks();
		assert!(Coins::contains(&ANN));
		assert!(!Coins::contains(&BEN));
		assert_eq!(System::providers(&ANN), 1);
		System::assert_last_event(Event::LearnerEnrolled { course, learner: ANN }.into());

		// ANN again, or BEN twice: nothing changes.
		assert_noop!(Coins::enrol(signed(LEC), course, learners(&[BEN, ANN])), Error::<Test>::AlreadyEnrolled);
		assert_noop!(Coins::enrol(signed(LEC), course, learners(&[BEN, BEN])), Error::<Test>::AlreadyEnrolled);
		assert_noop!(Coins::enrol(signed(LEC), course, learners(&[])), Error::<Test>::EmptyBatch);
		assert_noop!(Coins::enrol(signed(LEC2), course, learners(&[BEN])), Error::<Test>::NotCourseLecturer);
		assert_noop!(Coins::enrol(signed(LEC), 7, learners(&[BEN])), Error::<Test>::UnknownCourse);

		// A second course: still one provider reference.
		assert_ok!(Coins::create_course(signed(LEC2), UNI, doc(2), 10));
		assert_ok!(Coins::enrol(signed(LEC2), 1, learners(&[ANN, BEN])));
		assert_eq!(System::providers(&ANN), 1);
		assert!(Coins::contains(&BEN));
		assert_eq!(Coins::balances(&ANN).iter().map(|(c, _)| *c).collect::<Vec<_>>(), vec![0, 1]);
	});
}

#[test]
fn awards_are_capped_by_the_task_once_per_task_and_only_by_the_courses_lecturer() {
	build_and_execute(|| {
		let course = course_with_three_tasks();
		assert_noop!(Coins::award(signed(LEC), course, ANN, 2, 31), Error::<Test>::AboveTaskMaximum);
		assert_noop!(Coins::award(signed(LEC2), course, ANN, 2, 30), Error::<Test>::NotCourseLecturer);
		assert_noop!(Coins::award(signed(ANN), course, ANN, 2, 30), Error::<Test>::NotCourseLecturer);
		assert_noop!(Coins::award(signed(LEC), course, ANN, 3, 1), Error::<Test>::UnknownTask);
		assert_noop!(Coins::award(signed(LEC), course, BEN, 2, 1), Error::<Test>::NotEnrolled);
		assert_noop!(Coins::award(signed(LEC), 5, ANN, 2, 1), Error::<Test>::UnknownCourse);

		assert_ok!(Coins::award(signed(LEC), course, ANN, 2, 30));
		System::assert_last_event(Event::CoinsAwarded { course, learner: ANN, task: 2, coins: 30 }.into());
		assert_eq!(balance(ANN), Balance { earned: 30, spent: 0, claimed: None });
		assert_noop!(Coins::award(signed(LEC), course, ANN, 2, 10), Error::<Test>::AlreadyAwarded);

		// A lecturer whose post is revoked can no longer award.
		Lecturers::set(vec![(UNI, LEC2)]);
		assert_noop!(Coins::award(signed(LEC), course, ANN, 1, 10), Error::<Test>::NotCourseLecturer);
	});
}

#[test]
fn a_correction_replaces_the_amount_and_keeps_the_history() {
	build_and_execute(|| {
		let course = course_with_three_tasks();
		assert_noop!(Coins::correct_award(signed(LEC), course, ANN, 0, 10), Error::<Test>::NotAwarded);
		assert_ok!(Coins::award(signed(LEC), course, ANN, 0, 40));
		assert_ok!(Coins::award(signed(LEC), course, ANN, 1, 5));
		System::set_block_number(2);
		assert_ok!(Coins::correct_award(signed(LEC), course, ANN, 0, 25));
		System::assert_last_event(
			Event::AwardCorrected { course, learner: ANN, task: 0, previous: 40, coins: 25 }.into(),
		);
		assert_eq!(balance(ANN).earned, 30);
		let award = Awards::<Test>::get((course, ANN, 0)).unwrap();
		assert_eq!((award.coins, award.at), (25, 2));
		assert_eq!(award.corrections.iter().map(|a| (a.coins, a.at)).collect::<Vec<_>>(), vec![(40, 1)]);
		assert_noop!(Coins::correct_award(signed(LEC), course, ANN, 0, 41), Error::<Test>::AboveTaskMaximum);
		for coins in [1, 2, 3] {
			assert_ok!(Coins::correct_award(signed(LEC), course, ANN, 0, coins));
		}
		// Max (4) corrections kept.
		assert_noop!(Coins::correct_award(signed(LEC), course, ANN, 0, 4), Error::<Test>::TooManyCorrections);
		let views = Coins::awards(course, &ANN);
		assert_eq!(views.iter().map(|v| (v.task, v.coins, v.corrections.len())).collect::<Vec<_>>(), vec![(0, 3, 4), (1, 5, 0)]);
	});
}

#[test]
fn nothing_is_added_to_a_closed_course_but_learners_still_claim() {
	build_and_execute(|| {
		let course = course_with_three_tasks();
		for (task, coins) in [(0, 40), (1, 40), (2, 30)] {
			assert_ok!(Coins::award(signed(LEC), course, ANN, task, coins));
		}
		assert_noop!(Coins::close_course(signed(LEC2), course), Error::<Test>::NotCourseLecturer);
		assert_ok!(Coins::close_course(signed(LEC), course));
		System::assert_last_event(Event::CourseClosed { course }.into());
		assert_noop!(Coins::award(signed(LEC), course, ANN, 0, 1), Error::<Test>::CourseClosed);
		assert_noop!(Coins::correct_award(signed(LEC), course, ANN, 0, 1), Error::<Test>::CourseClosed);
		assert_noop!(Coins::add_task(signed(LEC), course, doc(9), 1), Error::<Test>::CourseClosed);
		assert_noop!(Coins::enrol(signed(LEC), course, learners(&[BEN])), Error::<Test>::CourseClosed);
		assert_noop!(Coins::withdraw_task(signed(LEC), course, 0), Error::<Test>::CourseClosed);
		assert_noop!(Coins::close_course(signed(LEC), course), Error::<Test>::CourseClosed);
		assert_ok!(Coins::claim(signed(ANN), course, form(course, ANN)));
	});
}

#[test]
fn the_institution_hands_a_course_over_to_another_of_its_lecturers() {
	build_and_execute(|| {
		let course = course_with_three_tasks();
		assert_noop!(Coins::hand_over(signed(LEC), course, LEC2), Error::<Test>::NotCourseInstitution);
		assert_noop!(Coins::hand_over(signed(OTHER), course, LEC2), Error::<Test>::NotCourseInstitution);
		assert_noop!(Coins::hand_over(signed(UNI), course, OTHER_LEC), Error::<Test>::NotLecturer);
		assert_noop!(Coins::hand_over(signed(UNI), course, LEC), Error::<Test>::SameLecturer);
		assert_ok!(Coins::hand_over(signed(UNI), course, LEC2));
		System::assert_last_event(Event::CourseHandedOver { course, from: LEC, to: LEC2 }.into());
		assert_noop!(Coins::award(signed(LEC), course, ANN, 0, 1), Error::<Test>::NotCourseLecturer);
		assert_ok!(Coins::award(signed(LEC2), course, ANN, 0, 1));
	});
}

#[test]
fn a_claim_below_the_threshold_says_how_many_coins_are_missing_and_succeeds_once_reached() {
	build_and_execute(|| {
		let course = course_with_three_tasks();
		assert_ok!(Coins::award(signed(LEC), course, ANN, 0, 40));
		assert_ok!(Coins::award(signed(LEC), course, ANN, 1, 40));
		assert_noop!(Coins::claim(signed(ANN), course, form(course, ANN)), Error::<Test>::BelowThreshold { missing: 20 });
		assert_noop!(Coins::claim(signed(BEN), course, doc(99)), Error::<Test>::NotEnrolled);

		assert_ok!(Coins::award(signed(LEC), course, ANN, 2, 30));
		assert_ok!(Coins::claim(signed(ANN), course, form(course, ANN)));
		System::assert_last_event(
			Event::MicroCredentialClaimed { course, learner: ANN, credential: form(course, ANN), spent: 100 }.into(),
		);
		assert_eq!(balance(ANN), Balance { earned: 110, spent: 100, claimed: Some(form(course, ANN)) });
		let c = pallet_credentials::Credentials::<Test>::get(form(course, ANN)).expect("issued");
		assert_eq!((c.issuer, c.holder, c.kind), (UNI, ANN, CredentialKind::MicroCredential));
		assert_eq!(c.status, CredentialStatus::Valid);

		// Never twice, even with another document.
		assert_noop!(Coins::claim(signed(ANN), course, doc(98)), Error::<Test>::AlreadyClaimed);
		// Spent coins cannot be corrected away.
		assert_noop!(Coins::correct_award(signed(LEC), course, ANN, 0, 29), Error::<Test>::CoinsAlreadySpent);
		assert_ok!(Coins::correct_award(signed(LEC), course, ANN, 0, 30));
		assert_eq!(balance(ANN).available(), 0);
	});
}

#[test]
fn a_claim_anchors_only_the_document_its_course_fixes_for_the_learner() {
	build_and_execute(|| {
		assert_ok!(Coins::create_course(signed(LEC), UNI, doc(1), 10));
		assert_ok!(Coins::create_course(signed(LEC), UNI, doc(2), 10));
		assert_ok!(Coins::add_task(signed(LEC), 0, doc(2), 10));
		assert_ok!(Coins::enrol(signed(LEC), 0, learners(&[ANN, BEN])));
		for learner in [ANN, BEN] {
			assert_ok!(Coins::award(signed(LEC), 0, learner, 0, 10));
		}
		let refused = || pallet_credentials::Error::<Test>::NotTheCourseDocument;
		// Free text (any other digest), another learner's form, another course's form.
		assert_noop!(Coins::claim(signed(ANN), 0, doc(99)), refused());
		assert_noop!(Coins::claim(signed(ANN), 0, form(0, BEN)), refused());
		let other_course = pallet_credentials::Pallet::<Test>::micro_credential_id(&UNI, &ANN, 1, &doc(2));
		assert_noop!(Coins::claim(signed(ANN), 0, other_course), refused());
		assert_ok!(Coins::claim(signed(ANN), 0, form(0, ANN)));
		let c = pallet_credentials::Credentials::<Test>::get(form(0, ANN)).expect("issued");
		assert_eq!(c.attests, pallet_credentials::Attests::Course { course: 0, document: doc(1) });
		assert_ok!(Coins::claim(signed(BEN), 0, form(0, BEN)));
	});
}

#[test]
fn every_call_fails_while_the_institution_is_suspended() {
	build_and_execute(|| {
		let course = course_with_three_tasks();
		for (task, coins) in [(0, 40), (1, 40), (2, 30)] {
			assert_ok!(Coins::award(signed(LEC), course, ANN, task, coins));
		}
		Active::set(vec![OTHER]);
		let e = || Error::<Test>::InstitutionNotActive;
		assert_noop!(Coins::add_task(signed(LEC), course, doc(9), 1), e());
		assert_noop!(Coins::withdraw_task(signed(LEC), course, 0), e());
		assert_noop!(Coins::enrol(signed(LEC), course, learners(&[BEN])), e());
		assert_noop!(Coins::award(signed(LEC), course, ANN, 0, 1), e());
		assert_noop!(Coins::correct_award(signed(LEC), course, ANN, 0, 1), e());
		assert_noop!(Coins::close_course(signed(LEC), course), e());
		assert_noop!(Coins::hand_over(signed(UNI), course, LEC2), e());
		assert_noop!(Coins::claim(signed(ANN), course, form(course, ANN)), e());
		// Reinstated: the claim goes through.
		Active::set(vec![UNI, OTHER]);
		assert_ok!(Coins::claim(signed(ANN), course, form(course, ANN)));
	});
}

#[test]
fn coins_have_no_transfer_purchase_or_mint() {
	use frame_support::traits::GetCallName;
	// The only call that increases a balance is `award` (and `correct_award`); a new call that
	// moves or creates coins has to be added here deliberately.
	assert_eq!(
		crate::Call::<Test>::get_call_names(),
		&[
			"create_course",
			"close_course",
			"hand_over",
			"add_task",
			"withdraw_task",
			"enrol",
			"award",
			"correct_award",
			"claim"
		]
	);
}

#[test]
fn the_course_view_lists_its_tasks_in_order() {
	build_and_execute(|| {
		let course = course_with_three_tasks();
		let view = Coins::course_view(course).unwrap();
		assert_eq!(view.tasks.iter().map(|(id, t)| (*id, t.max_coins)).collect::<Vec<_>>(), vec![(0, 40), (1, 40), (2, 30)]);
		assert_eq!(view.course.tasks, 3);
		assert!(Coins::course_view(9).is_none());
		assert_eq!(Coins::balance(course, &BEN), None);
	});
}

#[test]
fn the_invariants_catch_coins_spent_beyond_those_earned_and_awards_that_do_not_add_up() {
	new_test_ext().execute_with(|| {
		let course = course_with_three_tasks();
		assert_ok!(Coins::award(signed(LEC), course, ANN, 0, 40));
		assert_ok!(Coins::do_try_state());
		Balances::<Test>::mutate(course, ANN, |b| b.as_mut().unwrap().spent = 41);
		assert_eq!(Coins::do_try_state().unwrap_err(), "coins spent beyond what was earned".into());
		Balances::<Test>::mutate(course, ANN, |b| {
			let b = b.as_mut().unwrap();
			b.spent = 0;
			b.earned = 50;
		});
		assert_eq!(Coins::do_try_state().unwrap_err(), "earned coins differ from the sum of the awards".into());
	});
}
