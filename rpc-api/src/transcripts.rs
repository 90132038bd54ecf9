//! `transcripts_*`: a learner's transcript, a class, an institution's programs. Dates are days
//! since 1970-01-01.

use crate::{name, AccountId, BlockNumber, Hash, RpcResult};
use jsonrpsee::proc_macros::rpc;
use pallet_transcripts::{api::ClassRecord, Day, EnrolmentId, GradeEntry, Program, ProgramId};
/// What `TranscriptsApi` answers, for clients that call the runtime directly (a light client),
/// the type of a class id, and the grade-record digest a disclosed record is checked against.
pub use pallet_transcripts::{
	api::{ClassView, EnrolmentTranscript},
	digest::grade_digest,
	ClassId,
};
use serde::{Deserialize, Serialize};

/// A program of study.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgramView {
	/// Its id.
	pub id: ProgramId,
	/// Digest of its document.
	pub document: Hash,
	/// Credits a degree needs.
	pub credits_required: u32,
	/// Least days from start to degree.
	pub min_days: u32,
	/// Most days from start to degree.
	pub max_days: u32,
	/// `Open` or `Closed`.
	pub status: String,
}

impl ProgramView {
	/// Program `id`.
	pub fn new(id: ProgramId, p: &Program<Hash>) -> Self {
		Self {
			id,
			document: p.document,
			credits_required: p.credits_required,
			min_days: p.min_days,
			max_days: p.max_days,
			status: name(&p.status),
		}
	}
}

/// One grade entry; corrections are later entries. The grade's value is not on chain: it is in
/// the grade record the learner holds, which `digest` commits to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeView {
	/// Whether it meets the class's pass mark, as the lecturer stated.
	pub passed: bool,
	/// Salted digest of the grade record.
	pub digest: Hash,
	/// The lecturer who entered it.
	pub by: AccountId,
	/// The block it was entered in.
	pub block: BlockNumber,
}

impl From<&GradeEntry<AccountId, Hash, BlockNumber>> for GradeView {
	fn from(g: &GradeEntry<AccountId, Hash, BlockNumber>) -> Self {
		Self { passed: g.passed, digest: g.digest, by: g.by.clone(), block: g.at }
	}
}

/// A class on a transcript, with its grade history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassRecordView {
	/// The class.
	pub class: ClassId,
	/// Digest of its course document.
	pub course: Hash,
	/// Credits it carries.
	pub credits: u32,
	/// Its term.
	pub term: u32,
	/// Its grading status.
	pub status: String,
	/// Oldest first; the last entry is the grade that counts.
	pub grades: Vec<GradeView>,
}

impl From<&ClassRecord<AccountId, Hash, BlockNumber>> for ClassRecordView {
	fn from(c: &ClassRecord<AccountId, Hash, BlockNumber>) -> Self {
		Self {
			class: c.class,
			course: c.course,
			credits: c.credits,
			term: c.term,
			status: name(&c.status),
			grades: c.grades.iter().map(GradeView::from).collect(),
		}
	}
}

/// One enrolment of a learner's transcript.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrolmentView {
	/// The enrolment's id.
	pub enrolment: EnrolmentId,
	/// The institution it is at.
	pub institution: AccountId,
	/// Its program, if the program still exists.
	pub program: Option<ProgramView>,
	/// The day it started.
	pub start: Day,
	/// The block in which the chain learned of it.
	pub recorded_block: BlockNumber,
	/// The day on which the chain learned of it.
	pub recorded_day: Day,
	/// Whether the start is the institution's statement about history before the chain.
	pub imported: bool,
	/// Its status.
	pub status: String,
	/// The day it ended, if it has.
	pub ended: Option<Day>,
	/// Credits earned so far.
	pub credits_earned: u32,
	/// Credits its program requires.
	pub credits_required: Option<u32>,
	/// Days from its start to now (or its end).
	pub elapsed_days: u32,
	/// Its classes.
	pub classes: Vec<ClassRecordView>,
}

impl From<&EnrolmentTranscript<AccountId, Hash, BlockNumber>> for EnrolmentView {
	fn from(t: &EnrolmentTranscript<AccountId, Hash, BlockNumber>) -> Self {
		let e = &t.enrolment;
		Self {
			enrolment: t.id,
			institution: e.institution.clone(),
			program: t.program.as_ref().map(|p| ProgramView::new(e.program, p)),
			start: e.start,
			recorded_block: e.recorded.block,
			recorded_day: e.recorded.day,
			imported: e.recorded.imported,
			status: name(&e.status),
			ended: e.ended,
			credits_earned: e.credits,
			credits_required: t.program.as_ref().map(|p| p.credits_required),
			elapsed_days: t.elapsed_days,
			classes: t.classes.iter().map(ClassRecordView::from).collect(),
		}
	}
}

/// A learner on a class's roster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RosterEntry {
	/// The learner.
	pub learner: AccountId,
	/// The enrolment the class counts towards.
	pub enrolment: EnrolmentId,
	/// Whether the learner has a grade.
	pub graded: bool,
}

/// A class with its roster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassInfo {
	/// The class.
	pub class: ClassId,
	/// The institution teaching it.
	pub institution: AccountId,
	/// Digest of its course document.
	pub course: Hash,
	/// Credits it carries.
	pub credits: u32,
	/// The lecturer who grades it.
	pub lecturer: AccountId,
	/// Its term.
	pub term: u32,
	/// The least passing grade.
	pub pass_mark: u32,
	/// The top of its grading scale.
	pub scale_max: u32,
	/// Its grading status.
	pub status: String,
	/// Its learners.
	pub roster: Vec<RosterEntry>,
}

impl ClassInfo {
	/// Class `id`.
	pub fn new(id: ClassId, c: &ClassView<AccountId, Hash>) -> Self {
		Self {
			class: id,
			institution: c.institution.clone(),
			course: c.course,
			credits: c.credits,
			lecturer: c.lecturer.clone(),
			term: c.term,
			pass_mark: c.pass_mark,
			scale_max: c.scale_max,
			status: name(&c.status),
			roster: c
				.roster
				.iter()
				.map(|(learner, enrolment, graded)| RosterEntry { learner: learner.clone(), enrolment: *enrolment, graded: *graded })
				.collect(),
		}
	}
}

/// The transcripts JSON-RPC methods, each at the best block or the block `at`.
#[rpc(client, server, namespace = "transcripts")]
pub trait TranscriptsRpc {
	/// The learner's transcript: per enrolment, its classes with every grade entry (corrections
	/// included), credits earned against required, and days elapsed against the program's
	/// minimum and maximum.
	#[method(name = "transcript")]
	fn transcript(&self, learner: AccountId, at: Option<Hash>) -> RpcResult<Vec<EnrolmentView>>;

	/// A class with its roster and grading status, or null.
	#[method(name = "class")]
	fn class(&self, class: ClassId, at: Option<Hash>) -> RpcResult<Option<ClassInfo>>;

	/// The institution's programs.
	#[method(name = "programs")]
	fn programs(&self, institution: AccountId, at: Option<Hash>) -> RpcResult<Vec<ProgramView>>;
}
