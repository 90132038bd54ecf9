//! Unit tests of the credentials pallet: every issuing rule at its boundary, batches, status
//! changes and verification.

use crate::{
	mock::*,
	pallet::{Credentials as Records, Error, Event, Held, History},
	CredentialKind, CredentialStatus, IssueItem, MicroCredentialIssuer, Requirement,
};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use pallet_transcripts::{EnrolmentStatus, TranscriptProvider};
use sp_core::H256;
use sp_runtime::DispatchError;

/// An enrolment of `learner` at `institution` in a program requiring `required` credits within
/// `min..=max` days, started `elapsed` days ago, with `earned` credits (one passed class).
pub fn enrolment_with(institution: u64, learner: u64, earned: u32, required: u32, elapsed: u32, min: u32, max: u32) -> u64 {
	let program = learner as u32;
	let inst = RuntimeOrigin::signed(institution);
	assert_ok!(Transcripts::create_program(inst.clone(), program, H256::zero(), required, min, max));
	let id = pallet_transcripts::NextEnrolment::<Test>::get();
	assert_ok!(Transcripts::enrol(inst.clone(), learner, program, Now::get() as u32 - elapsed));
	if earned > 0 {
		let class = pallet_transcripts::NextClass::<Test>::get();
		assert_ok!(Transcripts::create_class(
			inst,
			H256::repeat_byte(learner as u8),
			earned,
			LECTURER,
			1,
			50,
			100,
			BoundedVec::try_from(vec![id]).unwrap()
		));
		assert_ok!(Transcripts::grade(RuntimeOrigin::signed(LECTURER), class, learner, 80, H256::zero()));
	}
	id
}

/// A learner with an enrolment at `institution` that qualifies (4 of 4 credits, 150 days of
/// 100..=200).
pub fn qualified_enrolment(institution: u64, learner: u64) -> (u64, u64) {
	(learner, enrolment_with(institution, learner, 4, 4, 150, 100, 200))
}

fn doc(n: u8) -> H256 {
	H256::repeat_byte(n)
}

fn issue(holder: u64, enrolment: u64, id: H256) -> sp_runtime::DispatchResult {
	Credentials::issue(RuntimeOrigin::signed(UNI), holder, enrolment, CredentialKind::Degree, id)
}

#[test]
fn a_degree_on_a_complete_transcript_is_issued_and_graduates_the_enrolment() {
	build_and_execute(|| {
		let (ann, e) = qualified_enrolment(UNI, ANN);
		assert_ok!(issue(ann, e, doc(1)));
		let c = Records::<Test>::get(doc(1)).unwrap();
		assert_eq!((c.issuer, c.holder, c.kind, c.status), (UNI, ANN, CredentialKind::Degree, CredentialStatus::Valid));
		assert_eq!(c.program.unwrap().enrolment, e);
		let facts = c.facts.unwrap();
		assert_eq!((facts.credits, facts.credits_required, facts.classes, facts.start, facts.until), (4, 4, 1, 850, 1_000));
		assert_eq!(Transcripts::enrolment(e).unwrap().status, EnrolmentStatus::Graduated);
		assert!(Held::<Test>::contains_key(ANN, doc(1)));
		assert!(System::events().iter().any(|r| r.event ==
			RuntimeEvent::Credentials(Event::Issued { id: doc(1), issuer: UNI, holder: ANN, kind: CredentialKind::Degree })));
	});
}

#[test]
fn credits_exactly_at_the_requirement_pass_and_one_below_fails() {
	build_and_execute(|| {
		let at = enrolment_with(UNI, ANN, 10, 10, 150, 100, 200);
		let below = enrolment_with(UNI, BEN, 9, 10, 150, 100, 200);
		assert_noop!(issue(BEN, below, doc(2)), Error::<Test>::InsufficientCredits);
		assert_ok!(issue(ANN, at, doc(1)));
	});
}

#[test]
fn durations_are_checked_at_both_limits() {
	build_and_execute(|| {
		for (learner, elapsed, expected) in [
			(30, 99, Err(Error::<Test>::TooEarly)),
			(31, 100, Ok(())),
			(32, 200, Ok(())),
			(33, 201, Err(Error::<Test>::TooLate)),
		] {
			let e = enrolment_with(UNI, learner, 4, 4, elapsed, 100, 200);
			match expected {
				Ok(()) => {
					assert_ok!(issue(learner, e, doc(learner as u8)));
				},
				Err(err) => {
					assert_noop!(issue(learner, e, doc(learner as u8)), err);
				},
			}
		}
	});
}

#[test]
fn the_issuer_must_be_the_enrolling_institution_and_active() {
	build_and_execute(|| {
		let (ann, e) = qualified_enrolment(UNI, ANN);
		assert_noop!(
			Credentials::issue(RuntimeOrigin::signed(OTHER), ann, e, CredentialKind::Degree, doc(1)),
			Error::<Test>::NotTheEnrollingInstitution
		);
		Active::set(vec![OTHER]);
		assert_noop!(issue(ann, e, doc(1)), Error::<Test>::IssuerNotActive);
	});
}

#[test]
fn unknown_or_mismatched_inputs_fail_with_their_own_errors() {
	build_and_execute(|| {
		let (ann, e) = qualified_enrolment(UNI, ANN);
		assert_noop!(issue(ann, 99, doc(1)), Error::<Test>::UnknownEnrolment);
		assert_noop!(issue(BEN, e, doc(1)), Error::<Test>::WrongHolder);
		assert_noop!(
			Credentials::issue(RuntimeOrigin::signed(UNI), ann, e, CredentialKind::MicroCredential, doc(1)),
			Error::<Test>::WrongKind
		);
		assert_ok!(issue(ann, e, doc(1)));
		// The enrolment has graduated: no second degree for it.
		assert_noop!(issue(ann, e, doc(2)), Error::<Test>::EnrolmentEnded);
		// The same document cannot be issued twice, even for another qualified enrolment.
		let (ben, e2) = qualified_enrolment(UNI, BEN);
		assert_noop!(issue(ben, e2, doc(1)), Error::<Test>::AlreadyIssued);
	});
}

#[test]
fn a_batch_is_all_or_nothing_and_names_the_failing_item() {
	build_and_execute(|| {
		let (ann, e1) = qualified_enrolment(UNI, ANN);
		let (ben, e2) = qualified_enrolment(UNI, BEN);
		let short = enrolment_with(UNI, 22, 3, 4, 150, 100, 200);
		let item = |holder, enrolment, id| IssueItem { holder, enrolment, kind: CredentialKind::Certificate, id };
		let batch = |v: Vec<_>| BoundedVec::try_from(v).unwrap();
		assert_noop!(
			Credentials::issue_batch(
				RuntimeOrigin::signed(UNI),
				batch(vec![item(ann, e1, doc(1)), item(22, short, doc(3)), item(ben, e2, doc(2))])
			),
			Error::<Test>::BatchItemFailed { index: 1, requirement: Requirement::InsufficientCredits }
		);
		assert_noop!(Credentials::issue_batch(RuntimeOrigin::signed(UNI), batch(vec![])), Error::<Test>::EmptyBatch);
		// Two items with the same document: the second fails.
		assert_noop!(
			Credentials::issue_batch(RuntimeOrigin::signed(UNI), batch(vec![item(ann, e1, doc(1)), item(ben, e2, doc(1))])),
			Error::<Test>::BatchItemFailed { index: 1, requirement: Requirement::AlreadyIssued }
		);
		assert_ok!(Credentials::issue_batch(
			RuntimeOrigin::signed(UNI),
			batch(vec![item(ann, e1, doc(1)), item(ben, e2, doc(2))])
		));
		assert!(Records::<Test>::contains_key(doc(1)) && Records::<Test>::contains_key(doc(2)));
	});
}

#[test]
fn revocation_and_reinstatement_keep_the_history() {
	build_and_execute(|| {
		let (ann, e) = qualified_enrolment(UNI, ANN);
		assert_ok!(issue(ann, e, doc(1)));
		assert_noop!(Credentials::revoke(RuntimeOrigin::signed(OTHER), doc(1), 7), Error::<Test>::NotIssuer);
		assert_noop!(Credentials::revoke(RuntimeOrigin::signed(UNI), doc(9), 7), Error::<Test>::UnknownCredential);
		assert_noop!(Credentials::reinstate(RuntimeOrigin::signed(UNI), doc(1), 1), Error::<Test>::NotRevoked);
		System::set_block_number(5);
		assert_ok!(Credentials::revoke(RuntimeOrigin::signed(UNI), doc(1), 7));
		assert_eq!(Records::<Test>::get(doc(1)).unwrap().status, CredentialStatus::Revoked { reason: 7, at: 5 });
		assert_noop!(Credentials::revoke(RuntimeOrigin::signed(MINISTRY), doc(1), 8), Error::<Test>::AlreadyRevoked);
		System::set_block_number(6);
		assert_ok!(Credentials::reinstate(RuntimeOrigin::signed(MINISTRY), doc(1), 2));
		assert_eq!(Records::<Test>::get(doc(1)).unwrap().status, CredentialStatus::Valid);
		let history = History::<Test>::get(doc(1));
		assert_eq!(
			history.iter().map(|h| (h.revoked, h.reason, h.by, h.at)).collect::<Vec<_>>(),
			vec![(true, 7, UNI, 5), (false, 2, MINISTRY, 6)]
		);
		let v = Credentials::verify(doc(1));
		assert_eq!(v.history.len(), 2);
		assert!(v.issuer_active_now);
	});
}

#[test]
fn micro_credentials_come_from_other_pallets_with_the_same_status_rules() {
	build_and_execute(|| {
		assert_ok!(Credentials::issue_micro(&UNI, &ANN, doc(5)));
		assert_eq!(Records::<Test>::get(doc(5)).unwrap().kind, CredentialKind::MicroCredential);
		assert_noop!(Credentials::issue_micro(&UNI, &BEN, doc(5)), Error::<Test>::AlreadyIssued);
		assert_noop!(Credentials::issue_micro(&42, &BEN, doc(6)), Error::<Test>::IssuerNotActive);
		assert_ok!(Credentials::revoke(RuntimeOrigin::signed(UNI), doc(5), 1));
	});
}

#[test]
fn verification_of_an_unknown_document_finds_nothing() {
	build_and_execute(|| {
		let v = Credentials::verify(doc(1));
		assert!(v.credential.is_none() && v.history.is_empty() && !v.issuer_active_now);
		assert_noop!(
			Credentials::issue(RuntimeOrigin::none(), ANN, 0, CredentialKind::Degree, doc(1)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_invariants_catch_a_degree_short_of_its_program_and_a_status_without_history() {
	new_test_ext().execute_with(|| {
		let (ann, e) = qualified_enrolment(UNI, ANN);
		assert_ok!(issue(ann, e, doc(1)));
		assert_ok!(Credentials::do_try_state());
		Records::<Test>::mutate(doc(1), |c| c.as_mut().unwrap().facts.as_mut().unwrap().credits = 3);
		assert_eq!(Credentials::do_try_state().unwrap_err(), "a credential issued short of its program's credits".into());
		Records::<Test>::mutate(doc(1), |c| {
			let c = c.as_mut().unwrap();
			c.facts.as_mut().unwrap().credits = 4;
			c.status = CredentialStatus::Revoked { reason: 1, at: 1 };
		});
		assert_eq!(Credentials::do_try_state().unwrap_err(), "a status that disagrees with its history".into());
	});
}
