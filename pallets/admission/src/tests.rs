//! Unit tests for the `CheckMember` extension.

use crate::{mock::*, CheckMember};
use frame_support::dispatch::DispatchInfo;
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension, TxBaseImplication},
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
};

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![1, 2, 3] })
}

fn open_call() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![1] })
}

fn validate(origin: RuntimeOrigin, call: &RuntimeCall) -> Result<(), TransactionValidityError> {
	CheckMember::<Test>::new()
		.validate_only(origin, call, &DispatchInfo::default(), 0, TransactionSource::External, 0)
		.map(|_| ())
}

#[test]
fn members_are_admitted() {
	new_test_ext().execute_with(|| {
		assert_eq!(validate(RuntimeOrigin::signed(MEMBER), &remark()), Ok(()));
	});
}

#[test]
fn strangers_are_rejected_with_bad_signer() {
	new_test_ext().execute_with(|| {
		assert_eq!(
			validate(RuntimeOrigin::signed(STRANGER), &remark()),
			Err(InvalidTransaction::BadSigner.into())
		);
	});
}

#[test]
fn strangers_may_make_open_calls() {
	new_test_ext().execute_with(|| {
		assert_eq!(validate(RuntimeOrigin::signed(STRANGER), &open_call()), Ok(()));
	});
}

#[test]
fn unsigned_origins_are_left_to_their_pallet() {
	new_test_ext().execute_with(|| {
		let result = CheckMember::<Test>::new().validate(
			RuntimeOrigin::none(),
			&remark(),
			&DispatchInfo::default(),
			0,
			(),
			&TxBaseImplication(()),
			TransactionSource::External,
		);
		assert!(result.is_ok());
	});
}

#[test]
fn rejected_in_blocks_too() {
	new_test_ext().execute_with(|| {
		let result = CheckMember::<Test>::new().dispatch_transaction(
			RuntimeOrigin::signed(STRANGER),
			remark(),
			&DispatchInfo::default(),
			0,
			0,
		);
		assert_eq!(result.unwrap_err(), TransactionValidityError::from(InvalidTransaction::BadSigner));
	});
}

#[test]
fn extension_weight_is_not_zero() {
	use crate::weights::WeightInfo;
	assert_eq!(CheckMember::<Test>::new().weight(&remark()), <() as WeightInfo>::check_member());
	assert_ne!(<() as WeightInfo>::check_member(), sp_runtime::Weight::zero());
}
