//! Benchmarks for the ministry pallet.

use super::*;
use crate::types::benchmark_ministry_account;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn authorize_upgrade() {
		let who = benchmark_ministry_account::<T>();
		let code_hash = T::Hash::default();

		#[extrinsic_call]
		_(RawOrigin::Signed(who), code_hash);

		#[allow(deprecated)]
		let authorized = frame_system::Pallet::<T>::authorized_upgrade();
		assert!(authorized.is_some());
	}

	/// Worst case: the list is one short of full, so the membership scan is longest.
	#[benchmark]
	fn add_account() {
		let who = benchmark_ministry_account::<T>();
		for i in 1..T::MaxAccounts::get().saturating_sub(1) {
			Accounts::<T>::try_append(account::<T::AccountId>("officer", i, 0)).unwrap();
		}
		let new: T::AccountId = account("new", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), new.clone());

		assert!(Pallet::<T>::is_ministry(&new));
	}

	/// Worst case: the list is full and the removed account is the last one.
	#[benchmark]
	fn remove_account() {
		let who = benchmark_ministry_account::<T>();
		for i in 1..T::MaxAccounts::get().max(2) {
			Accounts::<T>::try_append(account::<T::AccountId>("officer", i, 0)).unwrap();
		}
		let last = Accounts::<T>::get().last().cloned().unwrap();
		frame_system::Pallet::<T>::inc_providers(&last);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), last.clone());

		assert!(!Pallet::<T>::is_ministry(&last));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
