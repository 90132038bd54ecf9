//! The registry as the session manager: who produces and finalizes blocks.

use crate::{pallet::Active, Config, Pallet};
use alloc::vec::Vec;
use frame_support::traits::{Contains, Get};
use sp_runtime::traits::Zero;

/// The authority set for the next session: every ministry account and active institution that
/// has registered session keys, sorted.
pub(crate) fn candidates<T: Config>() -> Vec<T::AccountId> {
	let mut set: Vec<T::AccountId> = T::MinistryAccounts::get()
		.into_iter()
		.chain(Active::<T>::get())
		.filter(|who| T::HasSessionKeys::contains(who))
		.collect();
	set.sort();
	set.dedup();
	set
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	/// At genesis the registry is not built yet, so this yields `None` and the session pallet
	/// starts from the keys in its own genesis.
	fn new_session(_index: u32) -> Option<Vec<T::AccountId>> {
		let set = candidates::<T>();
		(!set.is_empty()).then_some(set)
	}
	fn end_session(_index: u32) {}
	fn start_session(_index: u32) {}
}

/// Session length from the chain spec, for `pallet_session::PeriodicSessions`. Never zero.
pub struct SessionLengthOf<T>(core::marker::PhantomData<T>);

impl<T: Config> Get<frame_system::pallet_prelude::BlockNumberFor<T>> for SessionLengthOf<T> {
	fn get() -> frame_system::pallet_prelude::BlockNumberFor<T> {
		let length = crate::pallet::SessionLength::<T>::get();
		if length.is_zero() {
			1u32.into()
		} else {
			length
		}
	}
}
