//! `transcripts`: programs, enrolments, classes and rosters (as an institution), grades (as the
//! class's lecturer, one by one or a class from a CSV file), and transcripts.

use crate::batch;
use crate::context::{distinct, named, Ctx, Error, Output};
use crate::digests::{self, hex32};
use crate::summary;
use clap::Subcommand;
use educhain_client::api::transcripts::TranscriptsRpcClient;
use educhain_runtime::{AccountId, Runtime, RuntimeCall, RuntimeEvent};
use pallet_transcripts::{digest::course_digest, Call, EnrolmentStatus, Event, GradeInput};
use sp_core::{Get, H256};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum Transcripts {
	/// A learner's transcript, per enrolment.
	Transcript {
		/// The learner (SS58 address).
		learner: AccountId,
	},
	/// A class with its roster.
	Class {
		/// The class id (`create-class` prints it).
		class: u64,
	},
	/// An institution's programs.
	Programs {
		/// The institution (SS58 address).
		institution: AccountId,
	},
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
	CloseProgram {
		/// The program's number at the signing institution.
		id: u32,
	},
	/// Enrol a learner in a program (as an institution); prints the enrolment id.
	Enrol {
		/// The learner (SS58 address).
		learner: AccountId,
		/// The program's number at the signing institution.
		#[arg(long)]
		program: u32,
		/// The first day, from today to 366 days ahead: YYYY-MM-DD, `today`, or a day number
		/// (days since 1970-01-01). Earlier learning comes in with `import-enrolment`.
		#[arg(long, value_parser = day)]
		start: u32,
	},
	/// Import an enrolment that started before today (as an institution): learning from before
	/// the chain recorded it. It stays marked as imported, and verifiers say so.
	ImportEnrolment {
		/// The learner (SS58 address).
		learner: AccountId,
		/// The program's number at the signing institution.
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
		/// The enrolment id (`enrol` prints it).
		enrolment: u64,
		/// Graduated, Withdrawn or Transferred.
		#[arg(value_parser = outcome)]
		outcome: EnrolmentStatus,
	},
	/// Create a class (as an institution); prints the class id.
	CreateClass {
		/// The course code, for example CS101; the chain stores its digest.
		#[arg(long, value_parser = crate::digests::course_code)]
		course: String,
		/// Credits a pass earns.
		#[arg(long)]
		credits: u32,
		/// The lecturer who grades it.
		#[arg(long)]
		lecturer: AccountId,
		/// The term, as the institution numbers terms (for example 20261).
		#[arg(long)]
		term: u32,
		/// The lowest passing grade on the scale.
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
		/// The class id (`create-class` prints it).
		class: u64,
		/// The enrolments to add, comma-separated.
		#[arg(value_delimiter = ',', required = true)]
		enrolments: Vec<u64>,
	},
	/// Remove an ungraded enrolment from an open class (as its institution).
	RemoveLearner {
		/// The class id (`create-class` prints it).
		class: u64,
		/// The enrolment to remove.
		enrolment: u64,
	},
	/// Close a class: its grades are final (as its institution).
	CloseClass {
		/// The class id (`create-class` prints it).
		class: u64,
	},
	/// Grade one learner (as the class's lecturer); again to correct. The chain is told only
	/// pass or fail, by the class's pass mark, and the record's digest: the value stays in the
	/// grade record the learner holds.
	Grade {
		/// The class id (`create-class` prints it).
		class: u64,
		/// The learner (SS58 address).
		learner: AccountId,
		/// The grade on the class's scale.
		value: u32,
		/// The salted digest of the grade record (`educhain-cli digest grade`).
		#[arg(long, value_parser = hex32)]
		digest: [u8; 32],
	},
	/// Grade a class from a CSV file with the header `learner,value,digest` (as the class's
	/// lecturer), in batches of the runtime's limit, showing progress. As with `grade`, only
	/// pass or fail reaches the chain.
	GradeClass {
		/// The class id (`create-class` prints it).
		class: u64,
		/// The CSV file.
		file: PathBuf,
	},
}

/// A day number from `YYYY-MM-DD`, `today` (UTC, by this machine's clock) or a plain number.
pub fn day(text: &str) -> Result<u32, String> {
	if let Ok(n) = text.parse() {
		return Ok(n);
	}
	if text == "today" {
		return Ok(educhain_verifier::dates::today());
	}
	let day = educhain_verifier::dates::day(text).ok_or_else(|| format!("{text:?}: not a date YYYY-MM-DD from 1970 on"))?;
	u32::try_from(day).map_err(|_| format!("{text:?}: too far ahead"))
}

/// How an enrolment ends, by name.
fn outcome(name: &str) -> Result<EnrolmentStatus, String> {
	use EnrolmentStatus::*;
	named([Graduated, Withdrawn, Transferred], name)
}

fn tx(call: Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Transcripts(call)
}

/// A list of distinct enrolments within the runtime's roster limit.
fn roster<B: Get<u32>>(ids: &[u64]) -> Result<frame_support::BoundedVec<u64, B>, String> {
	distinct(ids, "enrolments")?;
	ids.to_vec().try_into().map_err(|_| format!("{} enrolments: at most {} at a time", ids.len(), B::get()))
}

/// Run a `transcripts` subcommand.
pub async fn run(ctx: &Ctx<'_>, command: &Transcripts) -> Result<Output, Error> {
	use Transcripts::*;
	let rpc = ctx.client.rpc();
	Ok(match command {
		Transcript { learner } => Output::list(&rpc.transcript(learner.clone(), None).await?, summary::enrolment)?,
		Class { class } => Output::record(&rpc.class(*class, None).await?, summary::class)?,
		Programs { institution } => Output::list(&rpc.programs(institution.clone(), None).await?, summary::program)?,
		CreateProgram { id, document, credits, min_days, max_days } => {
			let d = digests::program(document)?;
			let call = Call::create_program { id: *id, document: d.into(), credits_required: *credits, min_days: *min_days, max_days: *max_days };
			ctx.send("program created", tx(call)).await?.with("document", digests::show(&d).into())
		},
		CloseProgram { id } => ctx.send("program closed", tx(Call::close_program { id: *id })).await?,
		Enrol { learner, program, start } => {
			let call = tx(Call::enrol { learner: learner.clone(), program: *program, start: *start });
			ctx.create("enrolled", call, "enrolment", enrolment_id).await?
		},
		ImportEnrolment { learner, program, start, evidence, salt } => {
			let (d, salt) = digests::evidence(evidence, *salt)?;
			let call = tx(Call::import_enrolment { learner: learner.clone(), program: *program, start: *start, evidence: d.into() });
			let out = ctx.create("imported", call, "enrolment", enrolment_id).await?;
			out.with("evidence", digests::show(&d).into()).with("salt", digests::show(&salt).into())
		},
		EndEnrolment { enrolment, outcome } =>
			ctx.send("enrolment ended", tx(Call::end_enrolment { enrolment: *enrolment, outcome: *outcome })).await?,
		CreateClass { course, credits, lecturer, term, pass_mark, scale_max, roster: ids } => {
			let call = Call::create_class {
				course: course_digest(course).into(),
				credits: *credits,
				lecturer: lecturer.clone(),
				term: *term,
				pass_mark: *pass_mark,
				scale_max: *scale_max,
				roster: roster(ids)?,
			};
			ctx.create("class created", tx(call), "class", |e| match e {
				RuntimeEvent::Transcripts(Event::ClassCreated { class, .. }) => Some(*class),
				_ => None,
			})
			.await?
		},
		AddLearners { class, enrolments: ids } =>
			ctx.send("learners added", tx(Call::add_learners { class: *class, enrolments: roster(ids)? })).await?,
		RemoveLearner { class, enrolment } =>
			ctx.send("learner removed", tx(Call::remove_learner { class: *class, enrolment: *enrolment })).await?,
		CloseClass { class } => ctx.send("class closed", tx(Call::close_class { class: *class })).await?,
		Grade { class, learner, value, digest: d } => {
			let passed = pass_rule(ctx, *class).await?(*value)?;
			let call = Call::grade { class: *class, learner: learner.clone(), passed, digest: H256(*d) };
			ctx.send("graded", tx(call)).await?
		},
		GradeClass { class, file } => {
			let rows = batch::read(file, &GRADE_COLUMNS)?;
			let items = grades(file, &rows, pass_rule(ctx, *class).await?)?;
			type Limit = <Runtime as pallet_transcripts::Config>::MaxBatch;
			let class = *class;
			batch::send(ctx, "grades", &rows, items, <Limit as Get<u32>>::get() as usize, |chunk| {
				let grades = chunk.try_into().map_err(|_| "a chunk over the batch limit".to_string())?;
				Ok(tx(Call::grade_batch { class, grades }))
			})
			.await?
		},
	})
}

/// The columns of a class's grades file.
const GRADE_COLUMNS: [&str; 3] = ["learner", "value", "digest"];

/// The grades of a class's grades file at `file` (its `rows`), with values that `passes` turns
/// into pass or fail. A learner may have one row: a second would silently replace the first.
fn grades(file: &Path, rows: &[batch::Row], passes: impl Fn(u32) -> Result<bool, String>) -> Result<Vec<GradeInput<AccountId, H256>>, String> {
	let (mut items, mut lines) = (Vec::new(), std::collections::HashMap::new());
	for row in rows {
		let learner: AccountId = row.get(file, &GRADE_COLUMNS, 0, |s| s.parse().map_err(|e| format!("{e:?}")))?;
		if let Some(first) = lines.insert(learner.clone(), row.line) {
			return Err(format!("{}:{}: learner: {learner} has a row on line {first} too: one grade each", file.display(), row.line));
		}
		let passed = row.get(file, &GRADE_COLUMNS, 1, |s| passes(s.parse().map_err(|e| format!("{e}"))?))?;
		let d = row.get(file, &GRADE_COLUMNS, 2, hex32)?;
		items.push(GradeInput { learner, passed, digest: H256(d) });
	}
	Ok(items)
}

/// The class's public rule, read from the chain: a value passes if it reaches the pass mark,
/// and one above the scale is refused. Only its outcome is sent, so the value stays here.
async fn pass_rule(ctx: &Ctx<'_>, class: u64) -> Result<impl Fn(u32) -> Result<bool, String>, Error> {
	let c = ctx.client.rpc().class(class, None).await?.ok_or_else(|| format!("class {class}: no such class"))?;
	Ok(move |value: u32| {
		if value > c.scale_max {
			return Err(format!("{value}: above class {class}'s scale (0 to {})", c.scale_max));
		}
		Ok(value >= c.pass_mark)
	})
}

/// The id of the enrolment a call made.
fn enrolment_id(e: &RuntimeEvent) -> Option<u64> {
	match e {
		RuntimeEvent::Transcripts(Event::Enrolled { enrolment, .. } | Event::EnrolmentImported { enrolment, .. }) => Some(*enrolment),
		_ => None,
	}
}

#[cfg(test)]
mod tests {
	use super::*;

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

	#[test]
	fn the_help_and_the_docs_say_the_runtimes_start_limit() {
		let limit: u32 = <Runtime as pallet_transcripts::Config>::MaxStartAhead::get();
		let command = <Transcripts as Subcommand>::augment_subcommands(clap::Command::new("transcripts"));
		let enrol = command.find_subcommand("enrol").expect("an enrol subcommand");
		let start = enrol.get_arguments().find(|a| a.get_id() == "start").expect("a --start argument");
		let help = start.get_help().expect("help for --start").to_string();
		assert!(help.contains(&format!("from today to {limit} days ahead")), "{help}");
		let readme = include_str!("../../README.md");
		assert!(readme.contains(&format!("one more than {limit} days ahead (`StartTooFarAhead`")), "README.md");
		assert!(readme.contains(&format!("may start at most {limit} days after today.")), "README.md's error example");
		let docs = include_str!("../../docs/credentials.md");
		assert!(docs.contains(&format!("`MaxStartAhead` days after today ({limit} on educhain")), "docs/credentials.md");
	}

	#[test]
	fn a_grades_file_gives_each_learner_one_grade() {
		let (eve, dave) = ("5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw", "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy");
		let digest = format!("0x{}", "22".repeat(32));
		let row = |line, learner: &str, value: &str| batch::Row { line, fields: vec![learner.into(), value.into(), digest.clone()] };
		let passes = |value: u32| Ok(value >= 50);
		let file = Path::new("grades.csv");
		let graded = grades(file, &[row(2, eve, "70"), row(3, dave, "40")], passes).expect("one row each");
		assert_eq!(graded.iter().map(|g| g.passed).collect::<Vec<_>>(), [true, false]);
		let twice = grades(file, &[row(2, eve, "70"), row(3, dave, "40"), row(4, eve, "80")], passes);
		assert_eq!(twice.err(), Some(format!("grades.csv:4: learner: {eve} has a row on line 2 too: one grade each")));
		let unreadable = grades(file, &[row(2, eve, "seventy")], passes);
		assert!(unreadable.expect_err("not a number").starts_with("grades.csv:2: value: "));
	}
}
