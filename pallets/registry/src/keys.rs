//! Institutions' assertion keys: the Ed25519 keys that sign their credentials, with the block
//! each was added and ended, so that a credential is checked against the keys of the block in
//! which it was issued.

use crate::{
	pallet::{AssertionKeys, KeyOwners},
	AssertionKey, Config, Error, KeyEnd,
};
use frame_support::ensure;
use sp_runtime::DispatchResult;

/// Register `key` to `institution` from this block on. A key serves one institution, once:
/// a key that was ever registered cannot be registered again.
pub(crate) fn add<T: Config>(institution: &T::AccountId, key: [u8; 32]) -> DispatchResult {
	ensure!(!KeyOwners::<T>::contains_key(key), Error::<T>::KeyInUse);
	let added = frame_system::Pallet::<T>::block_number();
	AssertionKeys::<T>::try_mutate(institution, |keys| {
		keys.try_push(AssertionKey { public: key, added, ended: None })
			.map_err(|_| Error::<T>::TooManyAssertionKeys)
	})?;
	KeyOwners::<T>::insert(key, institution);
	Ok(())
}

/// End `institution`'s current key `key` at this block, for `why`.
pub(crate) fn end<T: Config>(institution: &T::AccountId, key: [u8; 32], why: KeyEnd) -> DispatchResult {
	let now = frame_system::Pallet::<T>::block_number();
	AssertionKeys::<T>::try_mutate(institution, |keys| {
		let record = keys.iter_mut().find(|k| k.public == key).ok_or(Error::<T>::UnknownAssertionKey)?;
		ensure!(record.ended.is_none(), Error::<T>::AssertionKeyEnded);
		record.ended = Some((now, why));
		Ok(())
	})
}

/// The invariants of the keys: each registered key is listed once, under its owner, with its
/// end after its start; and every key listed has its owner recorded.
pub(crate) fn check<T: Config>() -> Result<(), sp_runtime::TryRuntimeError> {
	let mut listed = 0usize;
	for (institution, keys) in AssertionKeys::<T>::iter() {
		for key in keys.iter() {
			listed += 1;
			ensure!(KeyOwners::<T>::get(key.public).as_ref() == Some(&institution), "an assertion key without its owner");
			ensure!(key.ended.is_none_or(|(end, _)| end >= key.added), "an assertion key ends before it starts");
		}
	}
	ensure!(KeyOwners::<T>::iter().count() == listed, "a key owner whose key is not listed, or listed twice");
	Ok(())
}
