//! `coins`: courses and tasks (as a lecturer), awards (as the course's lecturer), balances, and
//! claiming a micro-credential (as a learner).

use crate::context::{distinct, write_json, Ctx, Error, Output};
use crate::digests::{self, hex32};
use crate::summary;
use clap::Subcommand;
use educhain_client::api::coins::CoinsRpcClient;
use educhain_runtime::{AccountId, Runtime, RuntimeCall, RuntimeEvent};
use pallet_coins::{Call, Event};
use sp_core::{crypto::Ss58Codec, H256};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum Coins {
	/// A course with its tasks.
	Course {
		/// The course id (`create-course` prints it).
		course: u64,
	},
	/// A learner's coins in a course.
	Balance {
		/// The course id (`create-course` prints it).
		course: u64,
		/// The learner (SS58 address).
		learner: AccountId,
	},
	/// A learner's coins in every course.
	Balances {
		/// The learner (SS58 address).
		learner: AccountId,
	},
	/// A learner's awards in a course.
	Awards {
		/// The course id (`create-course` prints it).
		course: u64,
		/// The learner (SS58 address).
		learner: AccountId,
	},
	/// Create a course at an institution whose lecturer the signer is; prints the course id.
	CreateCourse {
		/// The institution (SS58 address).
		institution: AccountId,
		/// The digest of the course's document (32 bytes, 0x-hex).
		#[arg(long, value_parser = hex32)]
		document: [u8; 32],
		/// The coins its micro-credential needs.
		#[arg(long)]
		threshold: u32,
	},
	/// Close a course (as its lecturer): no more tasks, enrolments or awards.
	CloseCourse {
		/// The course id (`create-course` prints it).
		course: u64,
	},
	/// Hand a course to another lecturer (as its institution).
	HandOver {
		/// The course id (`create-course` prints it).
		course: u64,
		/// The new lecturer (SS58 address).
		lecturer: AccountId,
	},
	/// Add a task (as the course's lecturer); prints the task id.
	AddTask {
		/// The course id (`create-course` prints it).
		course: u64,
		/// The digest of the task's document (32 bytes, 0x-hex).
		#[arg(long, value_parser = hex32)]
		document: [u8; 32],
		/// The most coins one award for it may give.
		#[arg(long)]
		max_coins: u32,
	},
	/// Withdraw a task (as the course's lecturer).
	WithdrawTask {
		/// The course id (`create-course` prints it).
		course: u64,
		/// The task id (`add-task` prints it).
		task: u32,
	},
	/// Enrol learners, comma-separated (as the course's lecturer).
	Enrol {
		/// The course id (`create-course` prints it).
		course: u64,
		/// The learners (SS58 addresses), comma-separated.
		#[arg(value_delimiter = ',', required = true)]
		learners: Vec<AccountId>,
	},
	/// Award coins for a task (as the course's lecturer).
	Award(AwardArgs),
	/// Replace an award (as the course's lecturer); the earlier amount stays in its history.
	CorrectAward(AwardArgs),
	/// Exchange coins for the course's micro-credential (as the learner). Its document is the
	/// one the course fixes (docs/credentials.md): `--out` writes it, `--document` claims with a
	/// document file already made; the chain refuses any other.
	Claim {
		/// The course id (`create-course` prints it).
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
	/// The course id.
	course: u64,
	/// The learner (SS58 address).
	learner: AccountId,
	/// The task id.
	#[arg(long)]
	task: u32,
	/// How many coins, at most the task's maximum.
	#[arg(long)]
	coins: u32,
}

fn tx(call: Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Coins(call)
}

/// Run a `coins` subcommand.
pub async fn run(ctx: &Ctx<'_>, command: &Coins) -> Result<Output, Error> {
	use Coins::*;
	let rpc = ctx.client.rpc();
	Ok(match command {
		Course { course } => Output::record(&rpc.course(*course, None).await?, summary::course)?,
		Balance { course, learner } => Output::record(&rpc.balance(*course, learner.clone(), None).await?, summary::balance)?,
		Balances { learner } => Output::list(&rpc.balances(learner.clone(), None).await?, summary::course_balance)?,
		Awards { course, learner } => Output::list(&rpc.awards(*course, learner.clone(), None).await?, summary::award)?,
		CreateCourse { institution, document, threshold } => {
			let call = Call::create_course { institution: institution.clone(), document: H256(*document), threshold: *threshold };
			ctx.create("course created", tx(call), "course", |e| match e {
				RuntimeEvent::Coins(Event::CourseCreated { course, .. }) => Some(*course),
				_ => None,
			})
			.await?
		},
		CloseCourse { course } => ctx.send("course closed", tx(Call::close_course { course: *course })).await?,
		HandOver { course, lecturer } =>
			ctx.send("handed over", tx(Call::hand_over { course: *course, lecturer: lecturer.clone() })).await?,
		AddTask { course, document, max_coins } => {
			let call = Call::add_task { course: *course, document: H256(*document), max_coins: *max_coins };
			ctx.create("task added", tx(call), "task", |e| match e {
				RuntimeEvent::Coins(Event::TaskAdded { task, .. }) => Some(*task),
				_ => None,
			})
			.await?
		},
		WithdrawTask { course, task } =>
			ctx.send("task withdrawn", tx(Call::withdraw_task { course: *course, task: *task })).await?,
		Enrol { course, learners } => {
			distinct(learners, "learners")?;
			let limit = <<Runtime as pallet_coins::Config>::MaxBatch as sp_core::Get<u32>>::get();
			let learners = learners.clone().try_into().map_err(|_| format!("{} learners: at most {limit} at a time", learners.len()))?;
			ctx.send("enrolled", tx(Call::enrol { course: *course, learners })).await?
		},
		Award(a) => {
			let call = Call::award { course: a.course, learner: a.learner.clone(), task: a.task, coins: a.coins };
			ctx.send("awarded", tx(call)).await?
		},
		CorrectAward(a) => {
			let call = Call::correct_award { course: a.course, learner: a.learner.clone(), task: a.task, coins: a.coins };
			ctx.send("award corrected", tx(call)).await?
		},
		Claim { course, out, document } => {
			let id = match (out, document) {
				(Some(out), _) => write_course_document(ctx, *course, out).await?,
				(None, Some(document)) => digests::credential(document)?,
				(None, None) => return Err("give --out or --document".to_string().into()),
			};
			let call = Call::claim { course: *course, credential: H256(id) };
			ctx.send("claimed", tx(call)).await?.with("id", digests::show(&id).into())
		},
	})
}

async fn write_course_document(ctx: &Ctx<'_>, course: u64, path: &std::path::Path) -> Result<[u8; 32], Error> {
	let record = ctx.client.rpc().course(course, None).await?.ok_or_else(|| format!("no course {course} on chain"))?;
	let holder = ctx.signer()?.account().to_ss58check();
	let form = educhain_verifier::micro_credential(&record.institution.to_ss58check(), &holder, course, &format!("{:?}", record.document));
	write_json(path, &form)?;
	Ok(educhain_verifier::credential_id(&form)?.0)
}
