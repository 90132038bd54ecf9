//! Reads for dApps: the runtime API and the queries behind it.

use crate::{
	pallet::{AssertionKeyOf, AssertionKeys, Institutions, InstitutionOf, Lecturers, Proposals},
	threshold, voting, AssertionKey, Config, Institution, Pallet, ProposalInfo, Status,
};
use alloc::vec::Vec;
use codec::Codec;
use frame_system::pallet_prelude::BlockNumberFor;

sp_api::decl_runtime_apis! {
	/// The registry's state, for the node's `registry_*` and `did_*` JSON-RPC methods.
	/// Version 2 added the assertion keys.
	#[api_version(2)]
	pub trait RegistryApi<AccountId, Hash, BlockNumber>
	where
		AccountId: Codec,
		Hash: Codec,
		BlockNumber: Codec,
	{
		/// The record of one institution, if it ever applied.
		fn institution(who: AccountId) -> Option<Institution<Hash, BlockNumber>>;
		/// Every institution that is or was a member, with its status.
		fn members() -> Vec<(AccountId, Institution<Hash, BlockNumber>)>;
		/// Every open proposal (applications and motions) with its tally and threshold now.
		fn proposals() -> Vec<ProposalInfo<AccountId, BlockNumber>>;
		/// The lecturers of an institution.
		fn lecturers(institution: AccountId) -> Vec<AccountId>;
		/// An institution's assertion keys, current and ended, oldest first.
		#[api_version(2)]
		fn assertion_keys(institution: AccountId) -> Vec<AssertionKey<BlockNumber>>;
	}
}

impl<T: Config> Pallet<T> {
	/// See [`RegistryApi::institution`].
	pub fn institution(who: &T::AccountId) -> Option<InstitutionOf<T>> {
		Institutions::<T>::get(who)
	}

	/// See [`RegistryApi::members`].
	pub fn members() -> Vec<(T::AccountId, InstitutionOf<T>)> {
		Institutions::<T>::iter().filter(|(_, i)| i.status != Status::Applicant).collect()
	}

	/// See [`RegistryApi::proposals`].
	pub fn proposals() -> Vec<ProposalInfo<T::AccountId, BlockNumberFor<T>>> {
		Proposals::<T>::iter()
			.map(|(subject, p)| {
				let (ayes, nays, electorate) = voting::count::<T>(&subject, &p);
				ProposalInfo {
					subject,
					action: p.action,
					proposer: p.proposer,
					opened: p.opened,
					expires: p.expires,
					ayes,
					nays,
					electorate,
					threshold: threshold(electorate),
				}
			})
			.collect()
	}

	/// See [`RegistryApi::lecturers`].
	pub fn lecturers(institution: &T::AccountId) -> Vec<T::AccountId> {
		Lecturers::<T>::iter_key_prefix(institution).collect()
	}

	/// See [`RegistryApi::assertion_keys`].
	pub fn assertion_keys(institution: &T::AccountId) -> Vec<AssertionKeyOf<T>> {
		AssertionKeys::<T>::get(institution).into_inner()
	}
}
