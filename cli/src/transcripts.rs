//! `transcripts`: programs, enrolments, classes and rosters (as an institution), grades (as the
//! class's lecturer, one by one or a class from a CSV file), and transcripts.

use crate::batch;
use crate::chain::{account, digest, ss58, uint, variant};
use crate::context::{Ctx, Error, Output};
use crate::digests::{self, hex32};
use clap::Subcommand;
use pallet_transcripts::digest::course_digest;
use std::path::PathBuf;
use subxt::{
	dynamic::{self, Value as ScaleValue},
	utils::AccountId32,
};

#[derive(Subcommand)]
pub enum Transcripts {
	/// A learner's transcript, per enrolment.
	Transcript { learner: AccountId32 },
	/// A class with its roster.
	Class { class: u64 },
	/// An institution's programs.
	Programs { institution: AccountId32 },
	/// Define a program (as an institution).
	CreateProgram {
		/// The program's number at this institution.
		id: u32,
		/// The program document (a file); the chain stores its digest.
		#[arg(long)]
		document: PathBuf,
		/// Credits needed to graduate.
		#[arg(long)]
		credits: u32,
		/// Shortest duration, in days.
		#[arg(long)]
		min_days: u32,
		/// Longest duration, in days.
		#[arg(long)]
		max_days: u32,
	},
	/// Close a program to new enrolments (as its institution).
	CloseProgram { id: u32 },
	/// Enrol a learner in a program (as an institution); prints the enrolment id.
	Enrol {
		learner: AccountId32,
		#[arg(long)]
		program: u32,
		/// The first day, today or later: YYYY-MM-DD, `today`, or a day number (days since
		/// 1970-01-01). Earlier learning comes in with `import-enrolment`.
		#[arg(long, value_parser = day)]
		start: u32,
	},
	/// Import an enrolment that started before today (as an institution): learning from before
	/// the chain recorded it. It stays marked as imported, and verifiers say so.
	ImportEnrolment {
		learner: AccountId32,
		#[arg(long)]
		program: u32,
		/// The first day, before today: YYYY-MM-DD, or a day number.
		#[arg(long, value_parser = day)]
		start: u32,
		/// The institution's own record of the enrolment (a file); the chain keeps its salted
		/// digest.
		#[arg(long)]
		evidence: PathBuf,
		/// The evidence digest's 32-byte salt, 0x-hex; without it, a fresh one (printed).
		#[arg(long, value_parser = hex32)]
		salt: Option<[u8; 32]>,
	},
	/// End an enrolment as of today (as its institution).
	EndEnrolment {
		enrolment: u64,
		#[arg(value_parser = ["Graduated", "Withdrawn", "Transferred"])]
		outcome: String,
	},
	/// Create a class (as an institution); prints the class id.
	CreateClass {
		/// The course code, for example CS101; the chain stores its digest.
		#[arg(long)]
		course: String,
		#[arg(long)]
		credits: u32,
		/// The lecturer who grades it.
		#[arg(long)]
		lecturer: AccountId32,
		/// The term, as the institution numbers terms (for example 20261).
		#[arg(long)]
		term: u32,
		#[arg(long)]
		pass_mark: u32,
		/// The top of the grading scale.
		#[arg(long)]
		scale_max: u32,
		/// The enrolments on the roster, comma-separated.
		#[arg(long, value_delimiter = ',')]
		roster: Vec<u64>,
	},
	/// Add enrolments to an open class's roster (as its institution).
	AddLearners {
		class: u64,
		#[arg(value_delimiter = ',', required = true)]
		enrolments: Vec<u64>,
	},
	/// Remove an ungraded enrolment from an open class (as its institution).
	RemoveLearner { class: u64, enrolment: u64 },
	/// Close a class: its grades are final (as its institution).
	CloseClass { class: u64 },
	/// Grade one learner (as the class's lecturer); again to correct.
	Grade {
		class: u64,
		learner: AccountId32,
		/// The grade on the class's scale.
		value: u32,
		/// The salted digest of the grade record (`educhain-cli digest grade`).
		#[arg(long, value_parser = hex32)]
		digest: [u8; 32],
	},
	/// Grade a class from a CSV file with the header `learner,value,digest` (as the class's
	/// lecturer), in batches of the runtime's limit, showing progress.
	GradeClass { class: u64, file: PathBuf },
}

/// A day number from `YYYY-MM-DD`, `today` (UTC, by this machine's clock) or a plain number.
pub fn day(text: &str) -> Result<u32, String> {
	if let Ok(n) = text.parse() {
		return Ok(n);
	}
	if text == "today" {
		let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_err(|e| e.to_string())?;
		return Ok((now.as_secs() / 86_400) as u32);
	}
	let day = educhain_verifier::dates::day(text).ok_or_else(|| format!("{text:?}: not a date YYYY-MM-DD from 1970 on"))?;
	u32::try_from(day).map_err(|_| format!("{text:?}: too far ahead"))
}

fn tx(call: &str, args: Vec<ScaleValue>) -> subxt::transactions::DynamicPayload<Vec<ScaleValue>> {
	dynamic::tx("Transcripts", call, args)
}

fn enrolments(ids: &[u64]) -> ScaleValue {
	ScaleValue::unnamed_composite(ids.iter().map(|e| uint(*e)))
}

fn grade_input(learner: &AccountId32, value: u32, d: &[u8; 32]) -> ScaleValue {
	ScaleValue::named_composite([("learner", account(learner)), ("value", uint(value)), ("digest", digest(d))])
}

/// Run a `transcripts` subcommand.
pub async fn run(ctx: &Ctx<'_>, command: &Transcripts) -> Result<Output, Error> {
	use Transcripts::*;
	Ok(match command {
		Transcript { learner } => ctx.read("transcripts_transcript", vec![ss58(learner)]).await?,
		Class { class } => ctx.read("transcripts_class", vec![(*class).into()]).await?,
		Programs { institution } => ctx.read("transcripts_programs", vec![ss58(institution)]).await?,
		CreateProgram { id, document, credits, min_days, max_days } => {
			let d = digests::program(document)?;
			let args = vec![uint(*id), digest(&d), uint(*credits), uint(*min_days), uint(*max_days)];
			ctx.send("program created", &tx("create_program", args)).await?.with("document", digests::show(&d).into())
		},
		CloseProgram { id } => ctx.send("program closed", &tx("close_program", vec![uint(*id)])).await?,
		Enrol { learner, program, start } => {
			let call = tx("enrol", vec![account(learner), uint(*program), uint(*start)]);
			ctx.create("enrolled", &call, "Transcripts.Enrolled", "enrolment").await?
		},
		ImportEnrolment { learner, program, start, evidence, salt } => {
			let (d, salt) = digests::evidence(evidence, *salt)?;
			let call = tx("import_enrolment", vec![account(learner), uint(*program), uint(*start), digest(&d)]);
			let out = ctx.create("imported", &call, "Transcripts.EnrolmentImported", "enrolment").await?;
			out.with("evidence", digests::show(&d).into()).with("salt", digests::show(&salt).into())
		},
		EndEnrolment { enrolment, outcome } =>
			ctx.send("enrolment ended", &tx("end_enrolment", vec![uint(*enrolment), variant(outcome)])).await?,
		CreateClass { course, credits, lecturer, term, pass_mark, scale_max, roster } => {
			let args = vec![
				digest(&course_digest(course)),
				uint(*credits),
				account(lecturer),
				uint(*term),
				uint(*pass_mark),
				uint(*scale_max),
				enrolments(roster),
			];
			ctx.create("class created", &tx("create_class", args), "Transcripts.ClassCreated", "class").await?
		},
		AddLearners { class, enrolments: ids } =>
			ctx.send("learners added", &tx("add_learners", vec![uint(*class), enrolments(ids)])).await?,
		RemoveLearner { class, enrolment } =>
			ctx.send("learner removed", &tx("remove_learner", vec![uint(*class), uint(*enrolment)])).await?,
		CloseClass { class } => ctx.send("class closed", &tx("close_class", vec![uint(*class)])).await?,
		Grade { class, learner, value, digest: d } => {
			let call = tx("grade", vec![uint(*class), account(learner), uint(*value), digest(d)]);
			ctx.send("graded", &call).await?
		},
		GradeClass { class, file } => {
			const COLUMNS: [&str; 3] = ["learner", "value", "digest"];
			let rows = batch::read(file, &COLUMNS)?;
			let mut items = Vec::new();
			for row in &rows {
				let learner: AccountId32 = row.get(file, &COLUMNS, 0, |s| s.parse().map_err(|e| format!("{e:?}")))?;
				let value: u32 = row.get(file, &COLUMNS, 1, |s| s.parse().map_err(|e| format!("{e}")))?;
				let d = row.get(file, &COLUMNS, 2, hex32)?;
				items.push(grade_input(&learner, value, &d));
			}
			let limit = ctx.chain.constant("Transcripts", "MaxBatch").await? as usize;
			let class = *class;
			batch::send(ctx, "grades", &rows, items, limit, |chunk| {
				tx("grade_batch", vec![uint(class), ScaleValue::unnamed_composite(chunk)])
			})
			.await?
		},
	})
}

#[cfg(test)]
mod tests {
	use super::day;

	#[test]
	fn dates_are_days_since_1970() {
		assert_eq!(day("1970-01-01"), Ok(0));
		assert_eq!(day("2000-03-01"), Ok(11_017));
		assert_eq!(day("2026-11-21"), Ok(20_778));
		assert_eq!(day("2024-02-29").unwrap() + 1, day("2024-03-01").unwrap());
		assert_eq!(day("20778"), Ok(20_778));
		assert!(day("2026-13-01").is_err());
		assert!(day("2026-02-30").is_err());
		assert!(day("yesterday").is_err());
		assert!(day("today").unwrap() > day("2026-11-21").unwrap());
	}
}
