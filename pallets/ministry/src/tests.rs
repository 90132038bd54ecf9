//! Unit tests for the ministry pallet.

use crate::{mock::*, Accounts, EnsureMinistry, Error, Event};
use frame_support::{assert_noop, assert_ok, traits::EnsureOrigin};
use sp_runtime::{BuildStorage, DispatchError};

#[allow(deprecated)] // frame-system's storage item is private; its getter is the public way in.
fn authorized() -> Option<frame_system::CodeUpgradeAuthorization<Test>> {
	frame_system::Pallet::<Test>::authorized_upgrade()
}

fn ministry() -> Vec<u64> {
	Accounts::<Test>::get().into_inner()
}

#[test]
fn genesis_sets_accounts_with_a_provider() {
	new_test_ext().execute_with(|| {
		assert_eq!(ministry(), vec![MINISTRY]);
		assert_eq!(System::providers(&MINISTRY), 1);
		assert_ok!(Ministry::do_try_state());
	});
}

#[test]
fn ensure_ministry_accepts_only_ministry_signers() {
	new_test_ext().execute_with(|| {
		assert_eq!(EnsureMinistry::<Test>::try_origin(RuntimeOrigin::signed(MINISTRY)).ok(), Some(MINISTRY));
		assert!(EnsureMinistry::<Test>::try_origin(RuntimeOrigin::signed(2)).is_err());
		assert!(EnsureMinistry::<Test>::try_origin(RuntimeOrigin::root()).is_err());
		assert!(EnsureMinistry::<Test>::try_origin(RuntimeOrigin::none()).is_err());
	});
}

#[test]
fn authorize_upgrade_needs_the_ministry() {
	new_test_ext().execute_with(|| {
		let hash = sp_core::H256::repeat_byte(7);
		assert_noop!(
			Ministry::authorize_upgrade(RuntimeOrigin::signed(2), hash),
			DispatchError::BadOrigin
		);
		assert!(authorized().is_none());

		assert_ok!(Ministry::authorize_upgrade(RuntimeOrigin::signed(MINISTRY), hash));
		let auth = authorized().expect("authorized");
		assert_eq!(auth.code_hash(), &hash);
		System::assert_last_event(Event::UpgradeAuthorized { by: MINISTRY, code_hash: hash }.into());
	});
}

#[test]
fn add_and_remove_accounts() {
	new_test_ext().execute_with(|| {
		assert_ok!(Ministry::add_account(RuntimeOrigin::signed(MINISTRY), 2));
		System::assert_last_event(Event::AccountAdded { by: MINISTRY, account: 2 }.into());
		assert_eq!(ministry(), vec![MINISTRY, 2]);
		assert_eq!(System::providers(&2), 1);

		// The new account acts for the ministry at once.
		assert_ok!(Ministry::remove_account(RuntimeOrigin::signed(2), MINISTRY));
		System::assert_last_event(Event::AccountRemoved { by: 2, account: MINISTRY }.into());
		assert_eq!(ministry(), vec![2]);
		assert_eq!(System::providers(&MINISTRY), 0);
		assert_ok!(Ministry::do_try_state());
	});
}

#[test]
fn bad_account_changes_are_rejected_without_state_change() {
	new_test_ext().execute_with(|| {
		assert_noop!(Ministry::add_account(RuntimeOrigin::signed(5), 6), DispatchError::BadOrigin);
		assert_noop!(
			Ministry::add_account(RuntimeOrigin::signed(MINISTRY), MINISTRY),
			Error::<Test>::AlreadyMinistry
		);
		assert_noop!(
			Ministry::remove_account(RuntimeOrigin::signed(MINISTRY), 9),
			Error::<Test>::NotMinistry
		);
		assert_noop!(
			Ministry::remove_account(RuntimeOrigin::signed(MINISTRY), MINISTRY),
			Error::<Test>::LastAccount
		);
		assert_ok!(Ministry::add_account(RuntimeOrigin::signed(MINISTRY), 2));
		assert_ok!(Ministry::add_account(RuntimeOrigin::signed(MINISTRY), 3));
		assert_noop!(
			Ministry::add_account(RuntimeOrigin::signed(MINISTRY), 4),
			Error::<Test>::TooManyAccounts
		);
	});
}

#[test]
#[should_panic(expected = "duplicate ministry account")]
fn genesis_refuses_duplicates() {
	let _ = RuntimeGenesisConfig {
		system: Default::default(),
		ministry: crate::GenesisConfig { accounts: vec![MINISTRY, MINISTRY] },
	}
	.build_storage();
}

#[test]
fn a_chain_without_ministry_fails_its_invariants() {
	sp_io::TestExternalities::default().execute_with(|| {
		assert!(Ministry::do_try_state().is_err());
	});
}
