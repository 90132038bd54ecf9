//! Unit tests of the registry pallet on the mock runtime.

use crate::{
	mock::*, pallet::*, tally, voting, Action, InstitutionKind, InstitutionRegistry, Status, Tally,
};
use frame_support::{
	assert_noop, assert_ok,
	pallet_prelude::{InvalidTransaction, TransactionSource},
	traits::Hooks,
};
use pallet_session::SessionManager;
use sp_core::H256;
use sp_runtime::{testing::TestSignature, DispatchError};

const PROFILE: H256 = H256::repeat_byte(0xab);

fn authorized() -> RuntimeOrigin {
	frame_system::RawOrigin::Authorized.into()
}

fn signature(candidate: u64) -> TestSignature {
	let payload = Registry::application_payload(&candidate, InstitutionKind::College, &PROFILE);
	TestSignature(candidate, payload)
}

fn apply(candidate: u64) -> sp_runtime::DispatchResult {
	Registry::apply(authorized(), candidate, InstitutionKind::College, PROFILE, signature(candidate))
}

fn vote(voter: u64, subject: u64, aye: bool) -> sp_runtime::DispatchResult {
	Registry::vote(RuntimeOrigin::signed(voter), subject, aye).map(|_| ()).map_err(|e| e.error)
}

fn status(who: u64) -> Option<Status> {
	Institutions::<Test>::get(who).map(|i| i.status)
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Registry(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn check_invariants() {
	Registry::do_try_state().expect("invariants hold");
}

#[test]
fn the_rule_is_strictly_more_than_half() {
	assert_eq!(tally(1, 0, 1), Tally::Passed);
	assert_eq!(tally(1, 0, 2), Tally::Open);
	assert_eq!(tally(2, 0, 3), Tally::Passed);
	assert_eq!(tally(2, 0, 4), Tally::Open);
	assert_eq!(tally(3, 0, 4), Tally::Passed);
	assert_eq!(tally(0, 2, 4), Tally::Open);
	assert_eq!(tally(0, 3, 4), Tally::Failed);
	assert_eq!(tally(0, 0, 0), Tally::Open);
	assert_eq!(crate::threshold(4), 3);
	assert_eq!(crate::threshold(5), 3);
}

#[test]
fn genesis_sets_members_and_settings() {
	new_test_ext().execute_with(|| {
		assert_eq!(Active::<Test>::get().into_inner(), vec![1, 2, 3]);
		let record = Institutions::<Test>::get(2).unwrap();
		assert_eq!(record.status, Status::Active);
		assert_eq!(record.joined, Some(0));
		assert_eq!(SessionLength::<Test>::get(), 5);
		assert!(System::providers(&1) > 0, "genesis members can sign");
		check_invariants();
	});
}

#[test]
fn apply_opens_an_application() {
	new_test_ext().execute_with(|| {
		assert_ok!(apply(10));
		assert_eq!(status(10), Some(Status::Applicant));
		assert_eq!(Institutions::<Test>::get(10).unwrap().joined, None);
		let proposal = Proposals::<Test>::get(10).unwrap();
		assert_eq!((proposal.action, proposal.expires), (Action::Admit, 1 + LIFETIME));
		assert_eq!(ApplicationNonces::<Test>::get(10), 1);
		assert!(System::providers(&10) > 0);
		assert_eq!(
			events(),
			vec![Event::Applied { candidate: 10, kind: InstitutionKind::College, profile: PROFILE }]
		);
		check_invariants();
	});
}

#[test]
fn applying_twice_or_as_a_member_fails() {
	new_test_ext().execute_with(|| {
		assert_ok!(apply(10));
		assert_noop!(apply(10), Error::<Test>::AlreadyApplying);
		assert_noop!(apply(1), Error::<Test>::AlreadyMember);
		// Signed or root origins cannot apply: only the authorized (signature-checked) path.
		assert_noop!(
			Registry::apply(RuntimeOrigin::signed(11), 11, InstitutionKind::School, PROFILE, signature(11)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn authorization_checks_the_signature_and_the_conditions() {
	new_test_ext().execute_with(|| {
		let source = TransactionSource::External;
		let kind = InstitutionKind::College;
		assert!(Registry::authorize_apply(source, &10, &kind, &PROFILE, &signature(10)).is_ok());
		// Someone else's signature, or a signature of other content.
		let forged = TestSignature(11, signature(10).1);
		assert_eq!(
			Registry::authorize_apply(source, &10, &kind, &PROFILE, &forged),
			Err(InvalidTransaction::BadProof.into())
		);
		assert_eq!(
			Registry::authorize_apply(source, &10, &InstitutionKind::School, &PROFILE, &signature(10)),
			Err(InvalidTransaction::BadProof.into())
		);
		// A member: the custom code is the index of `AlreadyMember`.
		assert_eq!(
			Registry::authorize_apply(source, &1, &kind, &PROFILE, &signature(1)),
			Err(InvalidTransaction::Custom(0).into())
		);
	});
}

#[test]
fn an_old_application_signature_cannot_be_replayed() {
	new_test_ext().execute_with(|| {
		let old = signature(10);
		assert_ok!(apply(10));
		assert_ok!(Registry::reject(RuntimeOrigin::signed(MINISTRY), 10));
		assert_eq!(status(10), None);
		let kind = InstitutionKind::College;
		assert_eq!(
			Registry::authorize_apply(TransactionSource::External, &10, &kind, &PROFILE, &old),
			Err(InvalidTransaction::BadProof.into())
		);
		// A fresh signature works.
		assert_ok!(apply(10));
	});
}

/// For electorates of 1 to 5 members, the candidate is admitted by exactly the vote that makes
/// the ayes more than half, never before.
#[test]
fn admission_needs_more_than_half_of_1_to_5_members() {
	for n in 1..=5u64 {
		let members: Vec<u64> = (1..=n).collect();
		new_test_ext_with(&members).execute_with(|| {
			assert_ok!(apply(10));
			for (i, voter) in members.iter().enumerate() {
				let ayes = i as u64 + 1;
				assert_ok!(vote(*voter, 10, true));
				if ayes * 2 > n {
					assert_eq!(status(10), Some(Status::Active), "n={n}, ayes={ayes}");
					assert!(Proposals::<Test>::get(10).is_none());
					assert!(events().contains(&Event::Admitted { institution: 10 }));
					assert_eq!(Institutions::<Test>::get(10).unwrap().joined, Some(1));
					break;
				}
				assert_eq!(status(10), Some(Status::Applicant), "n={n}, ayes={ayes}");
			}
			assert!(Registry::is_active(&10), "n={n}");
			check_invariants();
		});
	}
}

#[test]
fn exactly_half_is_not_enough_either_way() {
	new_test_ext_with(&[1, 2, 3, 4]).execute_with(|| {
		assert_ok!(apply(10));
		assert_ok!(vote(1, 10, true));
		assert_ok!(vote(2, 10, true));
		assert_eq!(status(10), Some(Status::Applicant));
		assert_ok!(vote(3, 10, false));
		assert_ok!(vote(4, 10, false));
		assert_eq!(status(10), Some(Status::Applicant), "2 nays of 4 do not reject");
		// A change of mind tips it: 3 nays of 4 reject.
		assert_ok!(vote(2, 10, false));
		assert_eq!(status(10), None);
		assert!(Proposals::<Test>::get(10).is_none());
		assert!(events().contains(&Event::ProposalRejected { subject: 10, action: Action::Admit }));
		assert_eq!(System::providers(&10), 0, "the applicant's reference is dropped");
		check_invariants();
	});
}

#[test]
fn votes_can_change_but_not_repeat() {
	new_test_ext().execute_with(|| {
		assert_ok!(apply(10));
		assert_ok!(vote(1, 10, false));
		assert_noop!(vote(1, 10, false), Error::<Test>::AlreadyVoted);
		assert_ok!(vote(1, 10, true));
		let p = Proposals::<Test>::get(10).unwrap();
		assert_eq!((p.ayes.into_inner(), p.nays.into_inner()), (vec![1], vec![]));
		assert_noop!(vote(1, 10, true), Error::<Test>::AlreadyVoted);
		assert_ok!(vote(2, 10, true));
		assert_eq!(status(10), Some(Status::Active));
	});
}

#[test]
fn bad_votes_fail_without_changing_state() {
	new_test_ext().execute_with(|| {
		assert_noop!(vote(1, 10, true), Error::<Test>::NoSuchProposal);
		assert_ok!(apply(10));
		assert_noop!(vote(42, 10, true), Error::<Test>::NotMember);
		assert_noop!(vote(MINISTRY, 10, true), Error::<Test>::NotMember);
		assert_ok!(Registry::approve(RuntimeOrigin::signed(MINISTRY), 10));
		// Closed.
		assert_noop!(vote(1, 10, true), Error::<Test>::NoSuchProposal);
	});
}

#[test]
fn the_ministry_decides_at_once_and_only_the_ministry() {
	new_test_ext().execute_with(|| {
		assert_ok!(apply(10));
		assert_ok!(apply(11));
		assert_noop!(Registry::approve(RuntimeOrigin::signed(1), 10), DispatchError::BadOrigin);
		assert_noop!(Registry::reject(RuntimeOrigin::signed(1), 10), DispatchError::BadOrigin);
		assert_ok!(Registry::approve(RuntimeOrigin::signed(MINISTRY), 10));
		assert_eq!(status(10), Some(Status::Active));
		assert_ok!(Registry::reject(RuntimeOrigin::signed(MINISTRY), 11));
		assert_eq!(status(11), None);
		assert_noop!(
			Registry::approve(RuntimeOrigin::signed(MINISTRY), 12),
			Error::<Test>::NoSuchProposal
		);
		check_invariants();
	});
}

#[test]
fn a_shrinking_membership_lowers_the_threshold_of_open_applications() {
	new_test_ext_with(&[1, 2, 3, 4]).execute_with(|| {
		assert_ok!(apply(10));
		assert_ok!(vote(1, 10, true));
		assert_ok!(vote(2, 10, true));
		assert_eq!(status(10), Some(Status::Applicant), "2 of 4");
		// Member 4 leaves: 2 of 3 is a majority, and the application passes at that moment.
		assert_ok!(Registry::propose(RuntimeOrigin::signed(MINISTRY), 4, Action::Remove));
		assert_eq!(status(4), Some(Status::Removed));
		assert_eq!(status(10), Some(Status::Active));
		check_invariants();
	});
}

#[test]
fn a_growing_membership_raises_the_threshold_and_departed_votes_stop_counting() {
	new_test_ext_with(&[1, 2, 3]).execute_with(|| {
		assert_ok!(apply(10));
		assert_ok!(apply(11));
		assert_ok!(vote(1, 10, true));
		// 11 joins: the electorate for 10 is now 4, so 10 needs 3 ayes.
		assert_ok!(Registry::approve(RuntimeOrigin::signed(MINISTRY), 11));
		assert_ok!(vote(2, 10, true));
		assert_eq!(status(10), Some(Status::Applicant), "2 of 4");
		// Voter 2 is suspended: its aye stops counting (1 of 3).
		assert_ok!(Registry::propose(RuntimeOrigin::signed(MINISTRY), 2, Action::Suspend));
		let info = Registry::proposals();
		assert_eq!((info[0].ayes, info[0].electorate, info[0].threshold), (1, 3, 2));
		assert_noop!(vote(2, 10, true), Error::<Test>::NotMember);
		assert_ok!(vote(11, 10, true));
		assert_eq!(status(10), Some(Status::Active));
		check_invariants();
	});
}

#[test]
fn applications_expire() {
	new_test_ext().execute_with(|| {
		assert_ok!(apply(10));
		assert_ok!(vote(1, 10, true));
		let expiry = 1 + LIFETIME;
		System::set_block_number(expiry - 1);
		Registry::on_initialize(expiry - 1);
		assert_eq!(status(10), Some(Status::Applicant));
		System::set_block_number(expiry);
		Registry::on_initialize(expiry);
		assert_eq!(status(10), None);
		assert!(Proposals::<Test>::get(10).is_none());
		assert!(events().contains(&Event::ProposalExpired { subject: 10, action: Action::Admit }));
		assert_noop!(vote(2, 10, true), Error::<Test>::NoSuchProposal);
		// It may apply again.
		assert_ok!(apply(10));
		check_invariants();
	});
}

#[test]
fn an_early_decision_is_not_expired_later() {
	new_test_ext().execute_with(|| {
		assert_ok!(apply(10));
		assert_ok!(Registry::reject(RuntimeOrigin::signed(MINISTRY), 10));
		System::set_block_number(5);
		// A new application by the same account, with a later expiry.
		assert_ok!(apply(10));
		Registry::on_initialize(1 + LIFETIME);
		assert_eq!(status(10), Some(Status::Applicant));
		Registry::on_initialize(5 + LIFETIME);
		assert_eq!(status(10), None);
	});
}

#[test]
fn open_proposals_are_bounded() {
	new_test_ext().execute_with(|| {
		for candidate in 10..14 {
			assert_ok!(apply(candidate));
		}
		assert_noop!(apply(14), Error::<Test>::TooManyProposals);
		assert_eq!(
			Registry::authorize_apply(
				TransactionSource::External,
				&14,
				&InstitutionKind::College,
				&PROFILE,
				&signature(14)
			),
			Err(InvalidTransaction::Custom(3).into())
		);
	});
}

#[test]
fn a_vote_or_motion_that_leaves_its_proposal_open_returns_its_own_weight() {
	use crate::weights::WeightInfo;
	type W = ();
	new_test_ext_with(&[1, 2, 3, 4]).execute_with(|| {
		assert_ok!(apply(10));
		let voted = |voter| Registry::vote(RuntimeOrigin::signed(voter), 10, true).unwrap().actual_weight;
		assert_eq!((voted(1), voted(2)), (Some(W::vote_open()), Some(W::vote_open())), "2 of 4: open");
		assert_eq!(voted(3), Some(W::vote(0, 0)), "deciding, with nothing else open");
		assert!(Registry::is_active(&10));
		let motion = Registry::propose(RuntimeOrigin::signed(1), 4, Action::Suspend).unwrap();
		assert_eq!(motion.actual_weight, Some(W::propose_motion()), "1 of 4: open");
		let by_ministry = Registry::propose(RuntimeOrigin::signed(MINISTRY), 3, Action::Suspend).unwrap();
		assert_eq!(by_ministry.actual_weight, Some(W::propose(1, 0)), "the motion on 4 counted again, still open");
		assert_eq!(status(3), Some(Status::Suspended));
		let approved = Registry::approve(RuntimeOrigin::signed(MINISTRY), 4).unwrap();
		assert_eq!((approved.actual_weight, status(4)), (Some(W::approve(0, 0)), Some(Status::Suspended)));
		check_invariants();
	});
}

#[test]
fn a_removal_that_passes_other_motions_weighs_them_and_stays_within_its_declared_weight() {
	use crate::weights::WeightInfo;
	type W = ();
	new_test_ext_with(&[1, 2, 3, 4, 5, 6, 7]).execute_with(|| {
		// Motions to remove 6 and 7 with the ayes of 1, 2 and 3 each: half of their electorate
		// of 6, not more; and an application nobody has voted on.
		for subject in [6, 7] {
			assert_ok!(Registry::propose(RuntimeOrigin::signed(1), subject, Action::Remove));
			assert_ok!(Registry::vote(RuntimeOrigin::signed(2), subject, true));
			assert_ok!(Registry::vote(RuntimeOrigin::signed(3), subject, true));
		}
		assert_ok!(apply(10));
		// The ministry removes 4: the motion first counted passes, the removal passes the other,
		// and the application stays open.
		let removal = Registry::propose(RuntimeOrigin::signed(MINISTRY), 4, Action::Remove).unwrap();
		assert_eq!([status(4), status(6), status(7)], [Some(Status::Removed); 3]);
		assert_eq!(removal.actual_weight, Some(W::propose(1, 2)));
		let declared = Registry::most(W::propose);
		assert!(W::propose(1, 2).all_lte(declared) && W::propose(0, 0).any_lt(declared));
		check_invariants();
	});
}

#[test]
fn members_remove_a_member_by_more_than_half_of_the_others() {
	new_test_ext_with(&[1, 2, 3, 4]).execute_with(|| {
		assert_ok!(Registry::propose(RuntimeOrigin::signed(1), 4, Action::Remove));
		assert_eq!(status(4), Some(Status::Active), "1 of the 3 others");
		assert_noop!(vote(4, 4, false), Error::<Test>::OwnProposal);
		assert_ok!(vote(2, 4, true));
		assert_eq!(status(4), Some(Status::Removed), "2 of the 3 others");
		assert!(!Registry::is_active(&4));
		assert!(events().contains(&Event::Removed { institution: 4 }));
		// A removed institution may apply again.
		assert_ok!(apply(4));
		check_invariants();
	});
}

#[test]
fn suspension_and_reinstatement() {
	new_test_ext_with(&[1, 2, 3]).execute_with(|| {
		assert_ok!(Registry::propose(RuntimeOrigin::signed(1), 3, Action::Suspend));
		assert_ok!(vote(2, 3, true));
		assert_eq!(status(3), Some(Status::Suspended));
		assert!(!<Registry as InstitutionRegistry<u64>>::is_active(&3));
		assert!(Registry::is_member(&3));
		assert_noop!(Registry::propose(RuntimeOrigin::signed(3), 1, Action::Remove), Error::<Test>::NotMember);
		// Reinstating: the electorate is both active members; 1 of 2 is not enough.
		assert_ok!(Registry::propose(RuntimeOrigin::signed(1), 3, Action::Reinstate));
		assert_eq!(status(3), Some(Status::Suspended));
		assert_ok!(vote(2, 3, true));
		assert_eq!(status(3), Some(Status::Active));
		check_invariants();
	});
}

#[test]
fn motions_that_do_not_fit_fail() {
	new_test_ext().execute_with(|| {
		let ministry = || RuntimeOrigin::signed(MINISTRY);
		assert_noop!(Registry::propose(ministry(), 1, Action::Admit), Error::<Test>::InvalidAction);
		assert_noop!(Registry::propose(ministry(), 1, Action::Reinstate), Error::<Test>::NotSuspended);
		assert_noop!(Registry::propose(ministry(), 42, Action::Suspend), Error::<Test>::NotActive);
		assert_noop!(Registry::propose(ministry(), 42, Action::Remove), Error::<Test>::NotMember);
		assert_noop!(Registry::propose(RuntimeOrigin::signed(1), 1, Action::Remove), Error::<Test>::OwnProposal);
		assert_noop!(Registry::propose(RuntimeOrigin::signed(42), 1, Action::Remove), Error::<Test>::NotMember);
		assert_ok!(Registry::propose(RuntimeOrigin::signed(1), 3, Action::Remove));
		assert_noop!(Registry::propose(ministry(), 3, Action::Suspend), Error::<Test>::ProposalPending);
	});
}

#[test]
fn the_authority_set_follows_membership_and_keys() {
	new_test_ext_with(&[1, 2, 3]).execute_with(|| {
		Keyed::set(vec![MINISTRY, 1, 2, 10]);
		assert_eq!(Registry::new_session(1), Some(vec![1, 2, MINISTRY]));
		assert_ok!(apply(10));
		assert_eq!(Registry::new_session(2), Some(vec![1, 2, MINISTRY]), "applicants are not");
		assert_ok!(Registry::approve(RuntimeOrigin::signed(MINISTRY), 10));
		assert_eq!(Registry::new_session(3), Some(vec![1, 2, 10, MINISTRY]));
		assert_ok!(Registry::propose(RuntimeOrigin::signed(MINISTRY), 1, Action::Suspend));
		assert_ok!(Registry::propose(RuntimeOrigin::signed(MINISTRY), 2, Action::Remove));
		assert_eq!(Registry::new_session(4), Some(vec![10, MINISTRY]));
	});
}

#[test]
fn the_authority_set_keeps_its_minimum() {
	new_test_ext_with(&[1, 2, 3]).execute_with(|| {
		Keyed::set(vec![1, 2]);
		MinAuthorities::<Test>::put(2);
		assert_noop!(
			Registry::propose(RuntimeOrigin::signed(MINISTRY), 1, Action::Remove),
			Error::<Test>::TooFewAuthorities { min: 2 }
		);
		assert_noop!(
			Registry::propose(RuntimeOrigin::signed(MINISTRY), 2, Action::Suspend),
			Error::<Test>::TooFewAuthorities { min: 2 }
		);
		// By vote too: the deciding vote fails and the motion stays open.
		assert_ok!(Registry::propose(RuntimeOrigin::signed(2), 1, Action::Remove));
		assert_noop!(vote(3, 1, true), Error::<Test>::TooFewAuthorities { min: 2 });
		// Members without keys are not authorities and may go.
		assert_ok!(Registry::propose(RuntimeOrigin::signed(MINISTRY), 3, Action::Remove));
		assert!(Proposals::<Test>::get(1).is_some(), "still open, still not enactable");
		check_invariants();
	});
}

#[test]
fn lecturers_are_granted_and_revoked_by_their_institutions() {
	new_test_ext().execute_with(|| {
		assert_ok!(Registry::grant_lecturer(RuntimeOrigin::signed(1), 50));
		assert_ok!(Registry::grant_lecturer(RuntimeOrigin::signed(2), 50));
		assert!(Registry::is_lecturer(&1, &50) && Registry::is_lecturer(&2, &50));
		assert!(!Registry::is_lecturer(&3, &50));
		assert_eq!(Registry::lecturers(&1), vec![50]);
		assert!(System::providers(&50) > 0, "a lecturer can sign");
		use frame_support::traits::Contains;
		assert!(Registry::contains(&50));
		assert_noop!(Registry::grant_lecturer(RuntimeOrigin::signed(1), 50), Error::<Test>::AlreadyLecturer);
		assert_noop!(Registry::grant_lecturer(RuntimeOrigin::signed(42), 51), Error::<Test>::NotMember);
		assert_noop!(Registry::revoke_lecturer(RuntimeOrigin::signed(42), 50), Error::<Test>::NotMember);
		assert_ok!(Registry::grant_lecturer(RuntimeOrigin::signed(1), 51));
		assert_noop!(Registry::grant_lecturer(RuntimeOrigin::signed(1), 52), Error::<Test>::TooManyLecturers);
		assert_ok!(Registry::revoke_lecturer(RuntimeOrigin::signed(1), 50));
		assert!(!Registry::is_lecturer(&1, &50) && Registry::is_lecturer(&2, &50));
		assert_noop!(Registry::revoke_lecturer(RuntimeOrigin::signed(1), 50), Error::<Test>::NotLecturer);
		assert_ok!(Registry::revoke_lecturer(RuntimeOrigin::signed(2), 50));
		assert!(!Registry::contains(&50));
		assert_eq!(System::providers(&50), 0);
		assert_eq!(
			events().last(),
			Some(&Event::LecturerRevoked { institution: 2, lecturer: 50 })
		);
	});
}

#[test]
fn a_suspended_institution_cannot_grant_lecturers() {
	new_test_ext().execute_with(|| {
		assert_ok!(Registry::propose(RuntimeOrigin::signed(MINISTRY), 1, Action::Suspend));
		assert_noop!(Registry::grant_lecturer(RuntimeOrigin::signed(1), 50), Error::<Test>::NotMember);
	});
}

#[test]
fn the_count_reflects_the_current_electorate() {
	new_test_ext_with(&[1, 2, 3, 4, 5]).execute_with(|| {
		assert_ok!(Registry::propose(RuntimeOrigin::signed(1), 5, Action::Suspend));
		let p = Proposals::<Test>::get(5).unwrap();
		assert_eq!(voting::count::<Test>(&5, &p), (1, 0, 4));
		assert_eq!(Registry::proposals()[0].threshold, 3);
	});
}

mod assertion_keys {
	use super::*;
	use crate::{AssertionKey, KeyEnd};

	const K1: [u8; 32] = [1; 32];
	const K2: [u8; 32] = [2; 32];
	const K3: [u8; 32] = [3; 32];

	fn at(n: u64) {
		System::set_block_number(n);
	}

	#[test]
	fn keys_keep_their_history_by_block() {
		new_test_ext().execute_with(|| {
			at(5);
			assert_ok!(Registry::add_assertion_key(RuntimeOrigin::signed(1), K1));
			at(9);
			assert_ok!(Registry::rotate_assertion_key(RuntimeOrigin::signed(1), K1, K2));
			assert_eq!(
				events().last(),
				Some(&Event::AssertionKeyRotated { institution: 1, old: K1, new: K2 })
			);
			at(12);
			assert_ok!(Registry::revoke_assertion_key(RuntimeOrigin::signed(1), 1, K2));
			assert_eq!(
				Registry::assertion_keys(&1),
				vec![
					AssertionKey { public: K1, added: 5, ended: Some((9, KeyEnd::Rotated)) },
					AssertionKey { public: K2, added: 9, ended: Some((12, KeyEnd::Revoked)) },
				]
			);
			let [k1, k2] = [0, 1].map(|i| Registry::assertion_keys(&1)[i].clone());
			// Issued while current: verifiable for ever after.
			assert!(k1.valid_at(5) && k1.valid_at(8) && k2.valid_at(9) && k2.valid_at(11));
			// Issued before it was added, or from the block it ended: not.
			assert!(!k1.valid_at(4) && !k1.valid_at(9) && !k2.valid_at(8) && !k2.valid_at(12));
		});
	}

	#[test]
	fn only_an_active_institution_adds_and_rotates() {
		new_test_ext().execute_with(|| {
			assert_noop!(Registry::add_assertion_key(RuntimeOrigin::signed(42), K1), Error::<Test>::NotMember);
			assert_ok!(Registry::add_assertion_key(RuntimeOrigin::signed(1), K1));
			assert_ok!(Registry::propose(RuntimeOrigin::signed(MINISTRY), 1, Action::Suspend));
			assert_noop!(Registry::add_assertion_key(RuntimeOrigin::signed(1), K2), Error::<Test>::NotMember);
			assert_noop!(Registry::rotate_assertion_key(RuntimeOrigin::signed(1), K1, K2), Error::<Test>::NotMember);
			// A suspended institution may still withdraw a key.
			assert_ok!(Registry::revoke_assertion_key(RuntimeOrigin::signed(1), 1, K1));
		});
	}

	#[test]
	fn keys_are_never_reused_nor_ended_twice() {
		new_test_ext().execute_with(|| {
			assert_ok!(Registry::add_assertion_key(RuntimeOrigin::signed(1), K1));
			assert_noop!(Registry::add_assertion_key(RuntimeOrigin::signed(1), K1), Error::<Test>::KeyInUse);
			assert_noop!(Registry::add_assertion_key(RuntimeOrigin::signed(2), K1), Error::<Test>::KeyInUse);
			// A failed rotation changes nothing: the old key stays current.
			assert_noop!(Registry::rotate_assertion_key(RuntimeOrigin::signed(1), K1, K1), Error::<Test>::KeyInUse);
			assert_noop!(Registry::rotate_assertion_key(RuntimeOrigin::signed(1), K3, K2), Error::<Test>::UnknownAssertionKey);
			assert_ok!(Registry::revoke_assertion_key(RuntimeOrigin::signed(1), 1, K1));
			assert_noop!(Registry::revoke_assertion_key(RuntimeOrigin::signed(1), 1, K1), Error::<Test>::AssertionKeyEnded);
			assert_noop!(Registry::rotate_assertion_key(RuntimeOrigin::signed(1), K1, K2), Error::<Test>::AssertionKeyEnded);
			// Ended keys still count towards the history's bound.
			assert_ok!(Registry::add_assertion_key(RuntimeOrigin::signed(1), K2));
			assert_ok!(Registry::add_assertion_key(RuntimeOrigin::signed(1), K3));
			assert_noop!(Registry::add_assertion_key(RuntimeOrigin::signed(1), [4; 32]), Error::<Test>::TooManyAssertionKeys);
		});
	}

	#[test]
	fn the_ministry_or_the_owner_revokes() {
		new_test_ext().execute_with(|| {
			assert_ok!(Registry::add_assertion_key(RuntimeOrigin::signed(1), K1));
			assert_ok!(Registry::add_assertion_key(RuntimeOrigin::signed(1), K2));
			assert_noop!(Registry::revoke_assertion_key(RuntimeOrigin::signed(2), 1, K1), Error::<Test>::NotKeyOwner);
			assert_noop!(Registry::revoke_assertion_key(RuntimeOrigin::signed(2), 2, K1), Error::<Test>::UnknownAssertionKey);
			assert_ok!(Registry::revoke_assertion_key(RuntimeOrigin::signed(MINISTRY), 1, K1));
			assert_eq!(
				events().last(),
				Some(&Event::AssertionKeyRevoked { institution: 1, key: K1, by: MINISTRY })
			);
			assert_eq!(KeyOwners::<Test>::get(K1), Some(1));
			assert_ok!(Registry::do_try_state());
			// The invariants see a key whose owner is not recorded, and an owner of no key.
			KeyOwners::<Test>::remove(K1);
			assert!(Registry::do_try_state().is_err());
			KeyOwners::<Test>::insert(K1, 1);
			KeyOwners::<Test>::insert(K3, 2);
			assert!(Registry::do_try_state().is_err());
		});
	}
}
