//! Read-only subcommands for transcripts, credentials, coins and the FL ledger: each is one of
//! the node's educhain JSON-RPC methods (see `docs/rpc.md`).

use clap::Subcommand;
use serde_json::Value;
use subxt::utils::AccountId32;

fn account(a: &AccountId32) -> Value {
	Value::String(a.to_string())
}

/// Transcripts.
#[derive(Subcommand)]
pub enum Transcripts {
	/// A learner's transcript, per enrolment.
	Transcript { learner: AccountId32 },
	/// A class with its roster.
	Class { class: u64 },
	/// An institution's programs.
	Programs { institution: AccountId32 },
}

/// Credentials.
#[derive(Subcommand)]
pub enum Credentials {
	/// The on-chain record of a credential, by id (the SHA-256 of its document, 0x-hex).
	Show { id: String },
}

/// Coins.
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
}

/// The federated-learning ledger.
#[derive(Subcommand)]
pub enum Fl {
	/// A task with its participants and budgets.
	Task { task: u32 },
	/// A round's submissions and aggregates.
	Round { task: u32, round: u32 },
	/// A participant's privacy budget.
	Budget { task: u32, participant: AccountId32 },
}

/// A subcommand that is one JSON-RPC read.
pub trait Read {
	/// The method and its parameters.
	fn request(&self) -> (&'static str, Vec<Value>);
}

impl Read for Transcripts {
	fn request(&self) -> (&'static str, Vec<Value>) {
		match self {
			Transcripts::Transcript { learner } => ("transcripts_transcript", vec![account(learner)]),
			Transcripts::Class { class } => ("transcripts_class", vec![(*class).into()]),
			Transcripts::Programs { institution } => ("transcripts_programs", vec![account(institution)]),
		}
	}
}

impl Read for Credentials {
	fn request(&self) -> (&'static str, Vec<Value>) {
		match self {
			Credentials::Show { id } => ("credentials_verify", vec![id.clone().into()]),
		}
	}
}

impl Read for Coins {
	fn request(&self) -> (&'static str, Vec<Value>) {
		match self {
			Coins::Course { course } => ("coins_course", vec![(*course).into()]),
			Coins::Balance { course, learner } => ("coins_balance", vec![(*course).into(), account(learner)]),
			Coins::Balances { learner } => ("coins_balances", vec![account(learner)]),
			Coins::Awards { course, learner } => ("coins_awards", vec![(*course).into(), account(learner)]),
		}
	}
}

impl Read for Fl {
	fn request(&self) -> (&'static str, Vec<Value>) {
		match self {
			Fl::Task { task } => ("fl_task", vec![(*task).into()]),
			Fl::Round { task, round } => ("fl_round", vec![(*task).into(), (*round).into()]),
			Fl::Budget { task, participant } => ("fl_budget", vec![(*task).into(), account(participant)]),
		}
	}
}
