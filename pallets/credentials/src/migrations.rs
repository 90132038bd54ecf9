//! Storage migrations of the credentials pallet.
//!
//! A new chain starts at the current storage version, so these run only on a chain upgraded
//! from an older runtime. Run after the transcripts pallet's v2, which records each enrolment.

use crate::pallet::{Config, Credentials, Pallet};
use crate::{Attests, CourseId, CourseRecords, Credential, CredentialKind, CredentialStatus};
use codec::{Decode, Encode};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_transcripts::{Day, EnrolmentId, ProgramId, TranscriptFacts, TranscriptProvider};

/// Version 1: every record states what it attests: a degree's program document digest, a
/// micro-credential's course and its document digest, the day of issue, and whether the issuer
/// was active then; transcript facts say when the chain recorded the enrolment.
pub mod v1 {
	use super::*;

	/// The program reference version 0 kept.
	#[derive(Encode, Decode)]
	pub struct OldProgramRef {
		/// The program.
		pub program: ProgramId,
		/// The enrolment.
		pub enrolment: EnrolmentId,
	}

	/// Transcript facts as version 0 kept them.
	#[derive(Encode, Decode)]
	pub struct OldFacts {
		/// Credits earned.
		pub credits: u32,
		/// Credits required.
		pub credits_required: u32,
		/// Classes.
		pub classes: u32,
		/// Start date.
		pub start: Day,
		/// The day the facts were taken: the day of issue.
		pub until: Day,
		/// Shortest duration.
		pub min_days: u32,
		/// Longest duration.
		pub max_days: u32,
	}

	/// A credential as version 0 kept it.
	#[derive(Encode, Decode)]
	pub struct OldCredential<AccountId, BlockNumber> {
		/// The issuer.
		pub issuer: AccountId,
		/// The holder.
		pub holder: AccountId,
		/// Its kind.
		pub kind: CredentialKind,
		/// Program and enrolment (none for a micro-credential).
		pub program: Option<OldProgramRef>,
		/// The block of issue.
		pub issued: BlockNumber,
		/// Its status.
		pub status: CredentialStatus<BlockNumber>,
		/// The facts at issue.
		pub facts: Option<OldFacts>,
	}

	/// Translates every record. Issuing has always required an active issuer, so the registry's
	/// answer at issue was yes. A degree's day of issue is its facts' last day; a
	/// micro-credential's was not kept. No record is dropped: one whose enrolment, program or
	/// course cannot be found (which the invariants rule out) keeps zeroed references, and the
	/// auditor's invariants then name it.
	pub struct StateAttestations<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for StateAttestations<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut n = 0u64;
			Credentials::<T>::translate::<OldCredential<T::AccountId, BlockNumberFor<T>>, _>(|id, old| {
				n += 1;
				Some(translate::<T>(id, old))
			});
			T::DbWeight::get().reads_writes(3 * n + 1, n)
		}
	}

	fn translate<T: Config>(
		id: T::Hash,
		old: OldCredential<T::AccountId, BlockNumberFor<T>>,
	) -> Credential<T::AccountId, T::Hash, BlockNumberFor<T>> {
		let (attests, facts, issued_on) = match (old.program, old.facts) {
			(Some(p), Some(f)) => {
				// Unknown: imported, on the start day, so that nothing looks vouched for.
				let recorded = T::Transcripts::enrolment(p.enrolment)
					.map_or((f.start, true), |e| (e.recorded.day, e.recorded.imported));
				let document = T::Transcripts::program(&old.issuer, p.program).map(|p| p.document).unwrap_or_default();
				let facts = TranscriptFacts {
					credits: f.credits,
					credits_required: f.credits_required,
					classes: f.classes,
					start: f.start,
					recorded: recorded.0,
					imported: recorded.1,
					until: f.until,
					min_days: f.min_days,
					max_days: f.max_days,
				};
				(Attests::Program { program: p.program, document, enrolment: p.enrolment }, Some(facts), Some(f.until))
			},
			_ => {
				let course = T::Courses::claimed(&old.holder, &id).unwrap_or(CourseId::MAX);
				let document = T::Courses::course(course).map(|(_, d)| d).unwrap_or_default();
				(Attests::Course { course, document }, None, None)
			},
		};
		Credential {
			issuer: old.issuer,
			holder: old.holder,
			kind: old.kind,
			attests,
			issued: old.issued,
			issued_on,
			issuer_active_at_issue: true,
			status: old.status,
			facts,
		}
	}

	/// [`StateAttestations`], run once: from storage version 0 to 1.
	pub type Migrate<T> =
		VersionedMigration<0, 1, StateAttestations<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}
