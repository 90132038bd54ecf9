//! Storage migrations of the transcripts pallet.
//!
//! A new chain starts at the current storage version, so these run only on a chain upgraded
//! from an older runtime.

use crate::pallet::{ClassCount, Config, EnrolmentClasses, Pallet};
use crate::EnrolmentId;
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// Version 1: [`ClassCount`], the number of classes each enrolment has been on, counted from
/// [`EnrolmentClasses`]. Before it, checking a transcript walked every class of the enrolment.
pub mod v1 {
	use super::*;

	/// Counts every enrolment's classes. One pass over `EnrolmentClasses`, whose keys start
	/// with the enrolment, so each enrolment's classes come one after another.
	pub struct CountClasses<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for CountClasses<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			let mut current: Option<(EnrolmentId, u32)> = None;
			for (enrolment, _class) in EnrolmentClasses::<T>::iter_keys() {
				reads += 1;
				current = match current {
					Some((e, n)) if e == enrolment => Some((e, n + 1)),
					done => {
						if let Some((e, n)) = done {
							ClassCount::<T>::insert(e, n);
							writes += 1;
						}
						Some((enrolment, 1))
					},
				};
			}
			if let Some((e, n)) = current {
				ClassCount::<T>::insert(e, n);
				writes += 1;
			}
			T::DbWeight::get().reads_writes(reads + 1, writes)
		}
	}

	/// [`CountClasses`], run once: from storage version 0 to 1.
	pub type Migrate<T> =
		VersionedMigration<0, 1, CountClasses<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}
