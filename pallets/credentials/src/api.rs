//! Verification for dApps and verifiers: the runtime API and the queries behind it.

use crate::{
	pallet::{Credentials, Held, History},
	Config, Pallet, Verification,
};
use alloc::vec::Vec;
use codec::Codec;
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_registry::InstitutionRegistry;

/// The most credentials [`CredentialsApi::held`] answers at once: a page's reads stay small.
pub const HELD_PAGE: u32 = 100;

sp_api::decl_runtime_apis! {
	/// Credential verification, for the node's `credentials_*` JSON-RPC methods. Version 2 added
	/// the list of a holder's credentials.
	#[api_version(2)]
	pub trait CredentialsApi<AccountId, Hash, BlockNumber>
	where
		AccountId: Codec,
		Hash: Codec,
		BlockNumber: Codec,
	{
		/// Everything a verifier needs about the credential whose document digest is `id`.
		fn verify(id: Hash) -> Verification<AccountId, Hash, BlockNumber>;
		/// A page of the credentials `holder` holds, in id order, after `after` (from the first
		/// when `None`): at most `limit`, and never more than [`HELD_PAGE`]; each with what
		/// [`Self::verify`] says of it.
		#[api_version(2)]
		fn held(holder: AccountId, after: Option<Hash>, limit: u32) -> Vec<(Hash, Verification<AccountId, Hash, BlockNumber>)>;
	}
}

/// A credential's verification, as [`CredentialsApi::held`] lists it.
pub type HeldOf<T> = (<T as frame_system::Config>::Hash, Verification<<T as frame_system::Config>::AccountId, <T as frame_system::Config>::Hash, BlockNumberFor<T>>);

impl<T: Config> Pallet<T> {
	/// See [`CredentialsApi::verify`].
	pub fn verify(id: T::Hash) -> Verification<T::AccountId, T::Hash, BlockNumberFor<T>> {
		let credential = Credentials::<T>::get(id);
		let issuer_active_now =
			credential.as_ref().is_some_and(|c| T::Registry::is_active(&c.issuer));
		Verification { credential, issuer_active_now, history: History::<T>::get(id).into_inner() }
	}

	/// See [`CredentialsApi::held`].
	pub fn held(holder: &T::AccountId, after: Option<T::Hash>, limit: u32) -> Vec<HeldOf<T>> {
		let limit = limit.min(HELD_PAGE) as usize;
		// `Held`'s second key is stored as it is (Identity), so storage order is id order.
		let ids = match after {
			Some(after) => Held::<T>::iter_key_prefix_from(holder, Held::<T>::hashed_key_for(holder, after)),
			None => Held::<T>::iter_key_prefix(holder),
		};
		ids.take(limit).map(|id| (id, Self::verify(id))).collect()
	}
}
