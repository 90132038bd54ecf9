//! `coins`: courses and tasks (as a lecturer), awards (as the course's lecturer), balances, and
//! claiming a micro-credential (as a learner).

use crate::chain::{account, digest, ss58, uint};
use crate::context::{Ctx, Error, Output};
use crate::digests::{self, hex32};
use clap::Subcommand;
use std::path::PathBuf;
use subxt::{
	dynamic::{self, Value as ScaleValue},
	utils::AccountId32,
};

#[derive(Subcommand)]
pub enum Coins {
	/// A course with its tasks.
	Course { course: u64 },
	/// A learner's coins in a course.
	Balance { course: u64, learner: AccountId32 },
	/// A learner's coins in every course.
	Balances { learner: AccountId32 },
	/// A learner's awards in a course.
	Awards { course: u64, learner: AccountId32 },
	/// Create a course at an institution whose lecturer the signer is; prints the course id.
	CreateCourse {
		institution: AccountId32,
		/// The digest of the course's document (32 bytes, 0x-hex).
		#[arg(long, value_parser = hex32)]
		document: [u8; 32],
		/// The coins its micro-credential needs.
		#[arg(long)]
		threshold: u32,
	},
	/// Close a course (as its lecturer): no more tasks, enrolments or awards.
	CloseCourse { course: u64 },
	/// Hand a course to another lecturer (as its institution).
	HandOver { course: u64, lecturer: AccountId32 },
	/// Add a task (as the course's lecturer); prints the task id.
	AddTask {
		course: u64,
		/// The digest of the task's document (32 bytes, 0x-hex).
		#[arg(long, value_parser = hex32)]
		document: [u8; 32],
		#[arg(long)]
		max_coins: u32,
	},
	/// Withdraw a task (as the course's lecturer).
	WithdrawTask { course: u64, task: u32 },
	/// Enrol learners, comma-separated (as the course's lecturer).
	Enrol {
		course: u64,
		#[arg(value_delimiter = ',', required = true)]
		learners: Vec<AccountId32>,
	},
	/// Award coins for a task (as the course's lecturer).
	Award(AwardArgs),
	/// Replace an award (as the course's lecturer); the earlier amount stays in its history.
	CorrectAward(AwardArgs),
	/// Exchange coins for the course's micro-credential (as the learner). Its document is the
	/// one the course fixes (docs/credentials.md): `--out` writes it, `--document` claims with a
	/// document file already made; the chain refuses any other.
	Claim {
		course: u64,
		/// Write the course's document for the signer to this file, and claim it.
		#[arg(long, required_unless_present = "document", conflicts_with = "document")]
		out: Option<PathBuf>,
		/// Claim with this document file.
		#[arg(long)]
		document: Option<PathBuf>,
	},
}

/// Who gets how many coins for which task, for an award or its correction.
#[derive(clap::Args)]
pub struct AwardArgs {
	course: u64,
	learner: AccountId32,
	#[arg(long)]
	task: u32,
	#[arg(long)]
	coins: u32,
}

impl AwardArgs {
	/// The `award` or `correct_award` call, which take the same arguments.
	fn call(&self, name: &str) -> subxt::transactions::DynamicPayload<Vec<ScaleValue>> {
		tx(name, vec![uint(self.course), account(&self.learner), uint(self.task), uint(self.coins)])
	}
}

fn tx(call: &str, args: Vec<ScaleValue>) -> subxt::transactions::DynamicPayload<Vec<ScaleValue>> {
	dynamic::tx("Coins", call, args)
}

/// Run a `coins` subcommand.
pub async fn run(ctx: &Ctx<'_>, command: &Coins) -> Result<Output, Error> {
	use Coins::*;
	Ok(match command {
		Course { course } => ctx.read("coins_course", vec![(*course).into()]).await?,
		Balance { course, learner } => ctx.read("coins_balance", vec![(*course).into(), ss58(learner)]).await?,
		Balances { learner } => ctx.read("coins_balances", vec![ss58(learner)]).await?,
		Awards { course, learner } => ctx.read("coins_awards", vec![(*course).into(), ss58(learner)]).await?,
		CreateCourse { institution, document, threshold } => {
			let call = tx("create_course", vec![account(institution), digest(document), uint(*threshold)]);
			ctx.create("course created", &call, "Coins.CourseCreated", "course").await?
		},
		CloseCourse { course } => ctx.send("course closed", &tx("close_course", vec![uint(*course)])).await?,
		HandOver { course, lecturer } =>
			ctx.send("handed over", &tx("hand_over", vec![uint(*course), account(lecturer)])).await?,
		AddTask { course, document, max_coins } => {
			let call = tx("add_task", vec![uint(*course), digest(document), uint(*max_coins)]);
			ctx.create("task added", &call, "Coins.TaskAdded", "task").await?
		},
		WithdrawTask { course, task } =>
			ctx.send("task withdrawn", &tx("withdraw_task", vec![uint(*course), uint(*task)])).await?,
		Enrol { course, learners } => {
			let list = ScaleValue::unnamed_composite(learners.iter().map(account));
			ctx.send("enrolled", &tx("enrol", vec![uint(*course), list])).await?
		},
		Award(a) => ctx.send("awarded", &a.call("award")).await?,
		CorrectAward(a) => ctx.send("award corrected", &a.call("correct_award")).await?,
		Claim { course, out, document } => {
			let id = match (out, document) {
				(Some(out), _) => write_course_document(ctx, *course, out).await?,
				(None, Some(document)) => digests::credential(document)?,
				(None, None) => return Err("give --out or --document".to_string().into()),
			};
			ctx.send("claimed", &tx("claim", vec![uint(*course), digest(&id)])).await?.with("id", digests::show(&id).into())
		},
	})
}

/// Write the micro-credential document that `course` fixes for the signer to `path`; its id.
async fn write_course_document(ctx: &Ctx<'_>, course: u64, path: &std::path::Path) -> Result<[u8; 32], Error> {
	let record = ctx.call("coins_course", vec![course.into()]).await?;
	let (Some(institution), Some(document)) = (record["institution"].as_str(), record["document"].as_str()) else {
		return Err(format!("no course {course} on chain").into());
	};
	let holder = ctx.signer()?.public_key().to_account_id().to_string();
	let form = educhain_verifier::micro_credential(institution, &holder, course, document);
	let text = serde_json::to_string_pretty(&form).map_err(|e| e.to_string())?;
	std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
	Ok(hex32(&educhain_verifier::credential_id(&form)?)?)
}
