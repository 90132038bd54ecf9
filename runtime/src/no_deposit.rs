//! A currency that holds nothing, for pallets that insist on one.
//!
//! educhain has no token. `pallet_session` wants a currency to hold a deposit when keys are set;
//! with `KeyDeposit = 0` it never asks for one, but its `Config` still names the type. Every
//! balance here is zero, and any attempt to hold or mint a non-zero amount fails, so a
//! misconfiguration shows up as an error rather than as value appearing from nowhere.

use crate::{AccountId, RuntimeHoldReason};
use frame_support::traits::tokens::{
	fungible::{hold, Dust, Inspect, Mutate, Unbalanced},
	DepositConsequence, Fortitude, Preservation, Provenance, WithdrawConsequence,
};
use sp_runtime::{DispatchError, DispatchResult, TokenError};

/// The balance type of [`NoDeposit`]; always zero.
pub type Balance = u128;

/// A fungible whose balances are all zero.
pub struct NoDeposit;

impl Inspect<AccountId> for NoDeposit {
	type Balance = Balance;
	fn total_issuance() -> Balance {
		0
	}
	fn minimum_balance() -> Balance {
		0
	}
	fn total_balance(_: &AccountId) -> Balance {
		0
	}
	fn balance(_: &AccountId) -> Balance {
		0
	}
	fn reducible_balance(_: &AccountId, _: Preservation, _: Fortitude) -> Balance {
		0
	}
	fn can_deposit(_: &AccountId, amount: Balance, _: Provenance) -> DepositConsequence {
		if amount == 0 {
			DepositConsequence::Success
		} else {
			DepositConsequence::UnknownAsset
		}
	}
	fn can_withdraw(_: &AccountId, amount: Balance) -> WithdrawConsequence<Balance> {
		if amount == 0 {
			WithdrawConsequence::Success
		} else {
			WithdrawConsequence::BalanceLow
		}
	}
}

impl Unbalanced<AccountId> for NoDeposit {
	fn handle_dust(_: Dust<AccountId, Self>) {}
	fn write_balance(_: &AccountId, amount: Balance) -> Result<Option<Balance>, DispatchError> {
		if amount == 0 {
			Ok(None)
		} else {
			Err(TokenError::UnknownAsset.into())
		}
	}
	fn set_total_issuance(_: Balance) {}
}

impl Mutate<AccountId> for NoDeposit {}

impl hold::Inspect<AccountId> for NoDeposit {
	type Reason = RuntimeHoldReason;
	fn total_balance_on_hold(_: &AccountId) -> Balance {
		0
	}
	fn balance_on_hold(_: &Self::Reason, _: &AccountId) -> Balance {
		0
	}
}

impl hold::Unbalanced<AccountId> for NoDeposit {
	fn set_balance_on_hold(_: &Self::Reason, _: &AccountId, amount: Balance) -> DispatchResult {
		if amount == 0 {
			Ok(())
		} else {
			Err(TokenError::UnknownAsset.into())
		}
	}
}

impl hold::Mutate<AccountId> for NoDeposit {}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::traits::tokens::fungible::hold::Mutate as _;

	#[test]
	fn holds_nothing_and_refuses_value() {
		let who = AccountId::new([1; 32]);
		let reason = RuntimeHoldReason::Session(pallet_session::HoldReason::Keys);
		assert!(NoDeposit::hold(&reason, &who, 0).is_ok());
		assert!(NoDeposit::hold(&reason, &who, 1).is_err());
		assert!(NoDeposit::mint_into(&who, 1).is_err());
		assert_eq!(NoDeposit::balance(&who), 0);
	}
}
