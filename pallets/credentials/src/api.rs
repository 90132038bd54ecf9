//! Verification for dApps and verifiers: the runtime API and the query behind it.

use crate::{
	pallet::{Credentials, History},
	Config, Pallet, Verification,
};
use codec::Codec;
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_registry::InstitutionRegistry;

sp_api::decl_runtime_apis! {
	/// Credential verification, for the node's `credentials_verify` JSON-RPC method.
	pub trait CredentialsApi<AccountId, Hash, BlockNumber>
	where
		AccountId: Codec,
		Hash: Codec,
		BlockNumber: Codec,
	{
		/// Everything a verifier needs about the credential whose document digest is `id`.
		fn verify(id: Hash) -> Verification<AccountId, Hash, BlockNumber>;
	}
}

impl<T: Config> Pallet<T> {
	/// See [`CredentialsApi::verify`].
	pub fn verify(id: T::Hash) -> Verification<T::AccountId, T::Hash, BlockNumberFor<T>> {
		let credential = Credentials::<T>::get(id);
		let issuer_active_now =
			credential.as_ref().is_some_and(|c| T::Registry::is_active(&c.issuer));
		Verification { credential, issuer_active_now, history: History::<T>::get(id).into_inner() }
	}
}
