//! Types and helpers shared by the ministry pallet's modules.

#[cfg(feature = "runtime-benchmarks")]
use crate::{Accounts, Config};

/// A ministry account for benchmarks: the first one, or a fresh one if there is none yet.
#[cfg(feature = "runtime-benchmarks")]
pub fn benchmark_ministry_account<T: Config>() -> T::AccountId {
	if let Some(first) = Accounts::<T>::get().first() {
		return first.clone();
	}
	let who: T::AccountId = frame_benchmarking::account("ministry", 0, 0);
	Accounts::<T>::put(
		frame_support::BoundedVec::<T::AccountId, T::MaxAccounts>::try_from(alloc::vec![who.clone()])
			.expect("MaxAccounts is at least 1"),
	);
	frame_system::Pallet::<T>::inc_providers(&who);
	who
}
