//! Unit tests of the credentials pallet: every issuing rule at its boundary, batches, status
//! changes and verification.

use crate::{
	mock::*,
	pallet::{Credentials as Records, Error, Event, Held, History},
	Attests, CredentialKind, CredentialStatus, IssueItem, MicroCredentialIssuer, Requirement,
};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use pallet_transcripts::{EnrolmentStatus, TranscriptProvider};
use sp_core::H256;
use sp_runtime::DispatchError;

/// An enrolment of `learner` at `institution` in a program requiring `required` credits within
/// `min..=max` days, enrolled live `elapsed` days ago, with `earned` credits (one passed class).
pub fn enrolment_with(institution: u64, learner: u64, earned: u32, required: u32, elapsed: u32, min: u32, max: u32) -> u64 {
	let program = learner as u32;
	let inst = RuntimeOrigin::signed(institution);
	assert_ok!(Transcripts::create_program(inst.clone(), program, H256::zero(), required, min, max));
	let id = pallet_transcripts::NextEnrolment::<Test>::get();
	let today = Now::get();
	Now::set(today - u64::from(elapsed));
	assert_ok!(Transcripts::enrol(inst.clone(), learner, program, (today - u64::from(elapsed)) as u32));
	Now::set(today);
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
		assert_ok!(Transcripts::grade(RuntimeOrigin::signed(LECTURER), class, learner, true, H256::zero()));
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
		assert_eq!(c.attests, Attests::Program { program: ANN as u32, document: H256::zero(), enrolment: e });
		assert_eq!((c.issued, c.issued_on, c.issuer_active_at_issue), (1, Some(1_000), true));
		let facts = c.facts.unwrap();
		assert_eq!((facts.credits, facts.credits_required, facts.classes, facts.start, facts.until), (4, 4, 1, 850, 1_000));
		assert_eq!((facts.recorded, facts.imported), (850, false));
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

/// Course 3 at UNI, document `doc(3)`, known to the stand-in course records; the id of its
/// document form for `holder`.
fn course_form(holder: u64) -> H256 {
	MockCourses::set(vec![(3, UNI, doc(3))]);
	Credentials::micro_credential_id(&UNI, &holder, 3, &doc(3))
}

#[test]
fn micro_credentials_come_from_other_pallets_with_the_same_status_rules() {
	build_and_execute(|| {
		let id = course_form(ANN);
		assert_ok!(Credentials::issue_micro(&UNI, &ANN, 3, doc(3), id));
		let c = Records::<Test>::get(id).unwrap();
		assert_eq!((c.kind, c.attests, c.facts), (CredentialKind::MicroCredential, Attests::Course { course: 3, document: doc(3) }, None));
		assert_noop!(Credentials::issue_micro(&UNI, &ANN, 3, doc(3), id), Error::<Test>::AlreadyIssued);
		assert_noop!(Credentials::issue_micro(&42, &BEN, 3, doc(3), course_form(BEN)), Error::<Test>::IssuerNotActive);
		assert_ok!(Credentials::revoke(RuntimeOrigin::signed(UNI), id, 1));
	});
}

#[test]
fn a_micro_credential_is_only_the_document_its_course_fixes() {
	build_and_execute(|| {
		let id = course_form(ANN);
		let refused = || Error::<Test>::NotTheCourseDocument;
		// Free text, another holder's form, another course's, another document digest's.
		assert_noop!(Credentials::issue_micro(&UNI, &ANN, 3, doc(3), doc(5)), refused());
		assert_noop!(Credentials::issue_micro(&UNI, &ANN, 3, doc(3), course_form(BEN)), refused());
		assert_noop!(Credentials::issue_micro(&UNI, &ANN, 4, doc(3), id), refused());
		assert_noop!(Credentials::issue_micro(&UNI, &ANN, 3, doc(4), id), refused());
		// The id is the SHA-256 of the canonical document with exactly the attested members.
		let text = crate::document::micro_credential_document(b"did:educhain:1", b"did:educhain:20", 3, doc(3).as_bytes());
		assert_eq!(id, H256(sp_io::hashing::sha2_256(&text)));
		assert_ok!(Credentials::issue_micro(&UNI, &ANN, 3, doc(3), id));
	});
}

#[test]
fn a_degree_on_imported_history_says_so_in_its_facts() {
	build_and_execute(|| {
		assert_ok!(Transcripts::create_program(RuntimeOrigin::signed(UNI), 9, doc(9), 4, 100, 200));
		assert_ok!(Transcripts::import_enrolment(RuntimeOrigin::signed(UNI), ANN, 9, 850, doc(8)));
		let class = pallet_transcripts::NextClass::<Test>::get();
		let roster = BoundedVec::try_from(vec![0]).unwrap();
		assert_ok!(Transcripts::create_class(RuntimeOrigin::signed(UNI), doc(7), 4, LECTURER, 1, 50, 100, roster));
		assert_ok!(Transcripts::grade(RuntimeOrigin::signed(LECTURER), class, ANN, true, H256::zero()));
		assert_ok!(issue(ANN, 0, doc(1)));
		let facts = Records::<Test>::get(doc(1)).unwrap().facts.unwrap();
		assert_eq!((facts.start, facts.recorded, facts.imported), (850, 1_000, true));
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
		assert_eq!(
			Credentials::do_try_state().unwrap_err(),
			"a credential issued short of its program's credits or outside its duration".into()
		);
		Records::<Test>::mutate(doc(1), |c| {
			let c = c.as_mut().unwrap();
			c.facts.as_mut().unwrap().credits = 4;
			c.status = CredentialStatus::Revoked { reason: 1, at: 1 };
		});
		assert_eq!(Credentials::do_try_state().unwrap_err(), "a status that disagrees with its history".into());
	});
}

#[test]
fn the_invariants_catch_attested_fields_that_disagree_with_their_records() {
	new_test_ext().execute_with(|| {
		let (ann, e) = qualified_enrolment(UNI, ANN);
		assert_ok!(issue(ann, e, doc(1)));
		let id = course_form(BEN);
		assert_ok!(Credentials::issue_micro(&UNI, &BEN, 3, doc(3), id));
		assert_ok!(Credentials::do_try_state());
		let broken = |f: fn(&mut crate::pallet::CredentialOf<Test>), id: H256, says: &'static str| {
			let kept = Records::<Test>::get(id).unwrap();
			Records::<Test>::mutate(id, |c| f(c.as_mut().unwrap()));
			assert_eq!(Credentials::do_try_state().unwrap_err(), says.into());
			Records::<Test>::insert(id, kept);
		};
		broken(
			|c| c.attests = Attests::Program { program: ANN as u32, document: doc(6), enrolment: 0 },
			doc(1),
			"a credential naming another program document than its program's",
		);
		broken(|c| c.facts.as_mut().unwrap().imported = true, doc(1), "a credential that hides whether its enrolment was imported");
		broken(|c| c.facts.as_mut().unwrap().recorded = 851, doc(1), "a duration resting on a start the chain does not vouch for");
		broken(|c| c.attests = Attests::Course { course: 3, document: doc(4) }, id, "a micro-credential that disagrees with its course");
		broken(|c| c.issuer_active_at_issue = false, id, "a credential whose issuer was not active at issue");
		assert_ok!(Credentials::do_try_state());
	});
}

#[test]
fn the_v1_migration_states_what_each_old_record_attests() {
	use crate::migrations::v1::{Migrate, OldCredential, OldFacts, OldProgramRef};
	use codec::Encode;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	new_test_ext().execute_with(|| {
		let (ann, e) = qualified_enrolment(UNI, ANN);
		assert_ok!(Transcripts::graduate(e));
		let micro = doc(0x33);
		MockCourses::set(vec![(3, UNI, doc(3))]);
		MockClaims::set(vec![(BEN, micro, 3)]);
		let old_degree = OldCredential {
			issuer: UNI,
			holder: ann,
			kind: CredentialKind::Degree,
			program: Some(OldProgramRef { program: ANN as u32, enrolment: e }),
			issued: 1u64,
			status: CredentialStatus::<u64>::Valid,
			facts: Some(OldFacts { credits: 4, credits_required: 4, classes: 1, start: 850, until: 1_000, min_days: 100, max_days: 200 }),
		};
		let old_micro = OldCredential::<u64, u64> {
			issuer: UNI,
			holder: BEN,
			kind: CredentialKind::MicroCredential,
			program: None,
			issued: 1,
			status: CredentialStatus::Valid,
			facts: None,
		};
		for (id, old) in [(doc(1), old_degree.encode()), (micro, old_micro.encode())] {
			frame_support::storage::unhashed::put_raw(&Records::<Test>::hashed_key_for(id), &old);
		}
		Held::<Test>::insert(ann, doc(1), ());
		Held::<Test>::insert(BEN, micro, ());
		StorageVersion::new(0).put::<Credentials>();

		Migrate::<Test>::on_runtime_upgrade();
		let degree = Records::<Test>::get(doc(1)).unwrap();
		assert_eq!(degree.attests, Attests::Program { program: ANN as u32, document: H256::zero(), enrolment: e });
		assert_eq!((degree.issued_on, degree.issuer_active_at_issue), (Some(1_000), true));
		assert_eq!(degree.facts.unwrap().recorded, 850);
		let micro = Records::<Test>::get(micro).unwrap();
		assert_eq!((micro.attests, micro.issued_on), (Attests::Course { course: 3, document: doc(3) }, None));
		assert_eq!(Credentials::on_chain_storage_version(), 1);
		assert_ok!(Credentials::do_try_state());
	});
}

#[test]
fn a_holders_credentials_are_listed_in_pages_in_id_order_with_their_records() {
	// Held entries without records break the invariants on purpose: no try_state here.
	new_test_ext().execute_with(|| {
		let (ann, e) = qualified_enrolment(UNI, ANN);
		assert_ok!(issue(ann, e, doc(2)));
		for id in [doc(3), doc(1)] {
			Held::<Test>::insert(ANN, id, ());
		}
		Held::<Test>::insert(BEN, doc(4), ());
		let ids = |after, limit| Credentials::held(&ANN, after, limit).into_iter().map(|(id, _)| id).collect::<Vec<_>>();
		assert_eq!(ids(None, 2), vec![doc(1), doc(2)]);
		assert_eq!(ids(Some(doc(2)), 2), vec![doc(3)]);
		assert_eq!(ids(Some(doc(3)), 2), Vec::<H256>::new());
		let listed = Credentials::held(&ANN, Some(doc(1)), 1);
		assert_eq!(listed[0].1.credential.as_ref().map(|c| c.holder), Some(ANN), "the record with it");
		for n in 0..150u32 {
			Held::<Test>::insert(BEN, H256::from_low_u64_be(n.into()), ());
		}
		assert_eq!(Credentials::held(&BEN, None, u32::MAX).len(), crate::api::HELD_PAGE as usize);
	});
}
