//! `transcripts_*` JSON-RPC methods: a learner's transcript, a class, an institution's programs,
//! read through the runtime's `TranscriptsApi` at the best block (or the block given as `at`).
//!
//! Accounts are SS58 strings, digests 0x-prefixed hex, dates days since 1970-01-01.

use super::registry::runtime_error;
use educhain_runtime::{opaque::Block, AccountId, BlockNumber, Hash};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_transcripts::{
	api::{ClassView, EnrolmentTranscript, TranscriptsApi},
	ClassId, GradeEntry, Program, ProgramId,
};
use serde_json::{json, Value};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use std::sync::Arc;

/// The transcripts JSON-RPC methods.
#[rpc(server, namespace = "transcripts")]
pub trait TranscriptsRpc {
	/// The learner's transcript: per enrolment, its classes with every grade entry (corrections
	/// included), credits earned against required, and days elapsed against the program's
	/// minimum and maximum.
	#[method(name = "transcript")]
	fn transcript(&self, learner: AccountId, at: Option<Hash>) -> RpcResult<Value>;

	/// A class with its roster and grading status, or null.
	#[method(name = "class")]
	fn class(&self, class: ClassId, at: Option<Hash>) -> RpcResult<Value>;

	/// The institution's programs.
	#[method(name = "programs")]
	fn programs(&self, institution: AccountId, at: Option<Hash>) -> RpcResult<Value>;
}

/// Serves [`TranscriptsRpcServer`] from a client.
pub struct Transcripts<C> {
	client: Arc<C>,
}

impl<C> Transcripts<C> {
	/// Serve from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

fn program_json(id: ProgramId, p: &Program<Hash>) -> Value {
	json!({
		"id": id,
		"document": p.document,
		"creditsRequired": p.credits_required,
		"minDays": p.min_days,
		"maxDays": p.max_days,
		"status": format!("{:?}", p.status),
	})
}

fn grade_json(g: &GradeEntry<AccountId, Hash, BlockNumber>) -> Value {
	json!({
		"value": g.value,
		"passed": g.passed,
		"digest": g.digest,
		"by": g.by.to_ss58check(),
		"block": g.at,
	})
}

fn enrolment_json(t: &EnrolmentTranscript<AccountId, Hash, BlockNumber>) -> Value {
	let e = &t.enrolment;
	json!({
		"enrolment": t.id,
		"institution": e.institution.to_ss58check(),
		"program": t.program.as_ref().map(|p| program_json(e.program, p)),
		"start": e.start,
		// When the chain learned of it; an imported start is the institution's statement.
		"recordedBlock": e.recorded.block,
		"recordedDay": e.recorded.day,
		"imported": e.recorded.imported,
		"status": format!("{:?}", e.status),
		"ended": e.ended,
		"creditsEarned": e.credits,
		"creditsRequired": t.program.as_ref().map(|p| p.credits_required),
		"elapsedDays": t.elapsed_days,
		"classes": t.classes.iter().map(|c| json!({
			"class": c.class,
			"course": c.course,
			"credits": c.credits,
			"term": c.term,
			"status": format!("{:?}", c.status),
			// Oldest first; the last entry is the grade that counts.
			"grades": c.grades.iter().map(grade_json).collect::<Vec<_>>(),
		})).collect::<Vec<_>>(),
	})
}

fn class_json(id: ClassId, c: &ClassView<AccountId, Hash>) -> Value {
	json!({
		"class": id,
		"institution": c.institution.to_ss58check(),
		"course": c.course,
		"credits": c.credits,
		"lecturer": c.lecturer.to_ss58check(),
		"term": c.term,
		"passMark": c.pass_mark,
		"scaleMax": c.scale_max,
		"status": format!("{:?}", c.status),
		"roster": c.roster.iter().map(|(learner, enrolment, graded)| json!({
			"learner": learner.to_ss58check(),
			"enrolment": enrolment,
			"graded": graded,
		})).collect::<Vec<_>>(),
	})
}

impl<C> TranscriptsRpcServer for Transcripts<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: TranscriptsApi<Block, AccountId, Hash, BlockNumber>,
{
	fn transcript(&self, learner: AccountId, at: Option<Hash>) -> RpcResult<Value> {
		let at = super::at_or_best(&*self.client, at);
		let t = self.client.runtime_api().transcript(at, learner).map_err(runtime_error)?;
		Ok(Value::Array(t.iter().map(enrolment_json).collect()))
	}

	fn class(&self, class: ClassId, at: Option<Hash>) -> RpcResult<Value> {
		let at = super::at_or_best(&*self.client, at);
		let c = self.client.runtime_api().class(at, class).map_err(runtime_error)?;
		Ok(c.map(|c| class_json(class, &c)).unwrap_or(Value::Null))
	}

	fn programs(&self, institution: AccountId, at: Option<Hash>) -> RpcResult<Value> {
		let at = super::at_or_best(&*self.client, at);
		let p = self.client.runtime_api().programs(at, institution).map_err(runtime_error)?;
		Ok(Value::Array(p.iter().map(|(id, p)| program_json(*id, p)).collect()))
	}
}
