//! Reads for dApps: the runtime API and the queries behind it.

use crate::{
	pallet::{Classes, EnrolmentClasses, Enrolments, Grades, LearnerEnrolments, Programs},
	ClassId, ClassStatus, Config, Enrolment, EnrolmentId, GradeEntry, Pallet, Program, ProgramId,
};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// One class on a transcript, with every grade entry (corrections included, oldest first).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct ClassRecord<AccountId, Hash, BlockNumber> {
	/// The class.
	pub class: ClassId,
	/// Digest of its course code.
	pub course: Hash,
	/// Credits a pass earns.
	pub credits: u32,
	/// Its term.
	pub term: u32,
	/// Whether grading is still open.
	pub status: ClassStatus,
	/// The grade and its corrections; the last one counts.
	pub grades: Vec<GradeEntry<AccountId, Hash, BlockNumber>>,
}

/// A learner's transcript for one enrolment.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct EnrolmentTranscript<AccountId, Hash, BlockNumber> {
	/// The enrolment's id.
	pub id: EnrolmentId,
	/// The enrolment (institution, program, start, status, credits earned).
	pub enrolment: Enrolment<AccountId, BlockNumber>,
	/// The program, with the credits required and the duration bounds.
	pub program: Option<Program<Hash>>,
	/// Days from the start to the end of the enrolment, or to today while it is active.
	pub elapsed_days: u32,
	/// The classes it has been on.
	pub classes: Vec<ClassRecord<AccountId, Hash, BlockNumber>>,
}

/// A class with its roster and grading status.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct ClassView<AccountId, Hash> {
	/// The institution.
	pub institution: AccountId,
	/// Digest of its course code.
	pub course: Hash,
	/// Credits a pass earns.
	pub credits: u32,
	/// Its lecturer.
	pub lecturer: AccountId,
	/// Its term.
	pub term: u32,
	/// Lowest passing value.
	pub pass_mark: u32,
	/// Highest value on the scale.
	pub scale_max: u32,
	/// Open or closed for grading.
	pub status: ClassStatus,
	/// Each learner, its enrolment, and whether it has a grade yet.
	pub roster: Vec<(AccountId, EnrolmentId, bool)>,
}

sp_api::decl_runtime_apis! {
	/// Transcripts, classes and programs, for the node's `transcripts_*` JSON-RPC methods.
	/// Version 2 (spec 172, issue 29): a transcript's grade entries carry pass or fail and the
	/// digest, no value.
	#[api_version(2)]
	pub trait TranscriptsApi<AccountId, Hash, BlockNumber>
	where
		AccountId: Codec,
		Hash: Codec,
		BlockNumber: Codec,
	{
		/// The learner's transcript, one entry per enrolment.
		fn transcript(learner: AccountId) -> Vec<EnrolmentTranscript<AccountId, Hash, BlockNumber>>;
		/// A class with its roster and grading status.
		fn class(id: ClassId) -> Option<ClassView<AccountId, Hash>>;
		/// An institution's programs.
		fn programs(institution: AccountId) -> Vec<(ProgramId, Program<Hash>)>;
	}
}

impl<T: Config> Pallet<T> {
	/// See [`TranscriptsApi::transcript`].
	pub fn transcript(
		learner: &T::AccountId,
	) -> Vec<EnrolmentTranscript<T::AccountId, T::Hash, BlockNumberFor<T>>> {
		let today = Self::today();
		LearnerEnrolments::<T>::get(learner)
			.into_iter()
			.filter_map(|id| {
				let enrolment = Enrolments::<T>::get(id)?;
				let program = Programs::<T>::get(&enrolment.institution, enrolment.program);
				let until = enrolment.ended.unwrap_or(today);
				let classes = EnrolmentClasses::<T>::iter_key_prefix(id)
					.filter_map(|class| {
						let c = Classes::<T>::get(class)?;
						Some(ClassRecord {
							class,
							course: c.course,
							credits: c.credits,
							term: c.term,
							status: c.status,
							grades: Grades::<T>::get(class, id).map(|g| g.into_inner()).unwrap_or_default(),
						})
					})
					.collect();
				Some(EnrolmentTranscript {
					id,
					elapsed_days: until.saturating_sub(enrolment.start),
					enrolment,
					program,
					classes,
				})
			})
			.collect()
	}

	/// See [`TranscriptsApi::class`].
	pub fn class(id: ClassId) -> Option<ClassView<T::AccountId, T::Hash>> {
		let c = Classes::<T>::get(id)?;
		let roster = c
			.roster
			.iter()
			// `get`, not `contains_key`: a node's proof of `exists` holds only the value's hash,
			// with which a light client (smoldot) cannot run this call.
			.map(|(learner, e)| (learner.clone(), *e, Grades::<T>::get(id, e).is_some()))
			.collect();
		Some(ClassView {
			institution: c.institution,
			course: c.course,
			credits: c.credits,
			lecturer: c.lecturer,
			term: c.term,
			pass_mark: c.pass_mark,
			scale_max: c.scale_max,
			status: c.status,
			roster,
		})
	}

	/// See [`TranscriptsApi::programs`].
	pub fn programs(institution: &T::AccountId) -> Vec<(ProgramId, Program<T::Hash>)> {
		Programs::<T>::iter_prefix(institution).collect()
	}
}
