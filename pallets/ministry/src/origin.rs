//! The ministry origin.

use crate::{Accounts, Config};
use core::marker::PhantomData;
use frame_support::traits::EnsureOrigin;
use frame_system::RawOrigin;

/// Succeeds for a signed origin whose account is a ministry account, yielding that account.
///
/// Every educhain pallet uses this for ministry-only calls.
pub struct EnsureMinistry<T>(PhantomData<T>);

impl<T: Config> EnsureOrigin<T::RuntimeOrigin> for EnsureMinistry<T> {
	type Success = T::AccountId;

	fn try_origin(o: T::RuntimeOrigin) -> Result<Self::Success, T::RuntimeOrigin> {
		let raw: Result<RawOrigin<T::AccountId>, T::RuntimeOrigin> = o.clone().into();
		match raw {
			Ok(RawOrigin::Signed(who)) if Accounts::<T>::get().contains(&who) => Ok(who),
			_ => Err(o),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<T::RuntimeOrigin, ()> {
		let who = crate::types::benchmark_ministry_account::<T>();
		Ok(RawOrigin::Signed(who).into())
	}
}
