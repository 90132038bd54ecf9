//! Storage migrations of the transcripts pallet.
//!
//! A new chain starts at the current storage version, so these run only on a chain upgraded
//! from an older runtime.

use crate::pallet::{ClassCount, Config, EnrolmentClasses, Enrolments, Pallet};
use crate::{Day, Enrolment, EnrolmentId, EnrolmentStatus, ProgramId, Recorded};
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

/// Version 2: each enrolment records when the chain learned of it ([`Recorded`]). Before it,
/// `enrol` took any start date. The chain cannot tell when it learned of an older enrolment, so
/// one whose start lies before the upgrade day counts as imported on that day: verifiers show
/// its start as the institution's statement. One that starts on or after it is vouched for.
pub mod v2 {
	use super::*;
	use codec::{Decode, Encode};
	use frame_system::pallet_prelude::BlockNumberFor;

	/// An enrolment as storage versions 0 and 1 kept it.
	#[derive(Encode, Decode)]
	pub struct OldEnrolment<AccountId> {
		/// The learner.
		pub learner: AccountId,
		/// The institution.
		pub institution: AccountId,
		/// The program.
		pub program: ProgramId,
		/// The start date, as the institution gave it.
		pub start: Day,
		/// Active or how it ended.
		pub status: EnrolmentStatus,
		/// End date, once ended.
		pub ended: Option<Day>,
		/// Credits earned.
		pub credits: u32,
	}

	/// Adds [`Recorded`] to every enrolment.
	pub struct RecordDays<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for RecordDays<T> {
		fn on_runtime_upgrade() -> Weight {
			let (block, day) = (frame_system::Pallet::<T>::block_number(), Pallet::<T>::today());
			let mut n = 0u64;
			Enrolments::<T>::translate::<OldEnrolment<T::AccountId>, _>(|_, old| {
				n += 1;
				let recorded: Recorded<BlockNumberFor<T>> = Recorded { block, day, imported: old.start < day };
				Some(Enrolment {
					learner: old.learner,
					institution: old.institution,
					program: old.program,
					start: old.start,
					status: old.status,
					ended: old.ended,
					credits: old.credits,
					recorded,
				})
			});
			T::DbWeight::get().reads_writes(n + 2, n)
		}
	}

	/// [`RecordDays`], run once: from storage version 1 to 2.
	pub type Migrate<T> =
		VersionedMigration<1, 2, RecordDays<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}

/// Version 3: grade values leave the chain. Before it, each [`GradeEntry`] kept the value on
/// the institution's scale, readable by every node operator. The value stays in the grade
/// record the learner holds, which the entry's digest commits to; what the rules need (pass or
/// fail) stays on chain.
pub mod v3 {
	use super::*;
	use crate::{pallet::Grades, ClassId, GradeEntry};
	use codec::{Decode, Encode};
	use frame_support::BoundedVec;
	use frame_system::pallet_prelude::BlockNumberFor;

	/// A grade entry as storage versions 0 to 2 kept it.
	#[derive(Encode, Decode)]
	pub struct OldGradeEntry<AccountId, Hash, BlockNumber> {
		/// The value on the institution's scale: what this migration removes.
		pub value: u32,
		/// Whether `value` reached the class's pass mark.
		pub passed: bool,
		/// Salted digest of the grade record.
		pub digest: Hash,
		/// Who wrote it.
		pub by: AccountId,
		/// The block in which it was written.
		pub at: BlockNumber,
	}

	type OldEntries<T> = BoundedVec<
		OldGradeEntry<<T as frame_system::Config>::AccountId, <T as frame_system::Config>::Hash, BlockNumberFor<T>>,
		<T as Config>::MaxCorrections,
	>;

	/// Rewrites every grade history without its values; pass or fail, digest, author and
	/// block are kept as they were.
	pub struct DropGradeValues<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for DropGradeValues<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut n = 0u64;
			Grades::<T>::translate::<OldEntries<T>, _>(|_: ClassId, _: EnrolmentId, old| {
				n += 1;
				let entries = old.into_iter().map(|g| GradeEntry { passed: g.passed, digest: g.digest, by: g.by, at: g.at });
				// Same length, same bound: the conversion cannot fail.
				Some(BoundedVec::truncate_from(entries.collect()))
			});
			T::DbWeight::get().reads_writes(n + 2, n + 1)
		}
	}

	/// [`DropGradeValues`], run once: from storage version 2 to 3.
	pub type Migrate<T> =
		VersionedMigration<2, 3, DropGradeValues<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}
