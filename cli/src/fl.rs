//! `fl`: federated-learning tasks (create, as an institution; accept, as a participant),
//! rounds and budgets. Updates and aggregates are the `fl-client`'s work.

use crate::context::{distinct, Ctx, Error, Output};
use crate::digests::hex32;
use crate::summary;
use clap::Subcommand;
use educhain_client::api::{fl::FlRpcClient, Decimal};
use educhain_runtime::{AccountId, Runtime, RuntimeCall, RuntimeEvent};
use pallet_fl_ledger::{Call, DpParams, Event};
use sp_core::H256;
use sp_runtime::FixedU128;

#[derive(Subcommand)]
pub enum Fl {
	/// A task with its participants and budgets.
	Task {
		/// The task id (`create-task` prints it).
		task: u32,
	},
	/// A round's submissions and aggregates.
	Round {
		/// The task id (`create-task` prints it).
		task: u32,
		/// The round, from 1.
		#[arg(value_parser = clap::value_parser!(u32).range(1..))]
		round: u32,
	},
	/// A participant's privacy budget.
	Budget {
		/// The task id (`create-task` prints it).
		task: u32,
		/// The participant institution (SS58 address).
		participant: AccountId,
	},
	/// Register a task (as an active institution); prints the task id. Each participant then
	/// accepts it.
	CreateTask {
		/// The digest of the model's definition (32 bytes, 0x-hex).
		#[arg(long, value_parser = hex32)]
		model: [u8; 32],
		/// The model's parameter count.
		#[arg(long)]
		params: u32,
		/// The participants (active institutions), comma-separated.
		#[arg(long, value_delimiter = ',', required = true)]
		participants: Vec<AccountId>,
		/// How many rounds.
		#[arg(long)]
		rounds: u32,
		/// Blocks per round.
		#[arg(long)]
		round_blocks: u32,
		/// ε spent per round.
		#[arg(long, value_parser = fixed)]
		epsilon: FixedU128,
		/// δ spent per round.
		#[arg(long, value_parser = fixed)]
		delta: FixedU128,
		/// The clip norm of an update.
		#[arg(long, value_parser = fixed)]
		clip: FixedU128,
		/// Each participant's total ε budget.
		#[arg(long, value_parser = fixed)]
		budget: FixedU128,
	},
	/// Accept a task as one of its participants, registering the size m of the local data set
	/// (every σ submitted is checked against the bound for it, and it cannot change); the last
	/// acceptance opens round 1.
	Accept {
		/// The task id.
		task: u32,
		/// m: the number of local samples this participant trains on.
		#[arg(long)]
		samples: u32,
	},
}

/// A non-negative decimal with at most 18 places, exactly.
fn fixed(text: &str) -> Result<FixedU128, String> {
	text.parse::<Decimal>().map(|d| d.0)
}

fn tx(call: Call<Runtime>) -> RuntimeCall {
	RuntimeCall::FlLedger(call)
}

/// Run an `fl` subcommand.
pub async fn run(ctx: &Ctx<'_>, command: &Fl) -> Result<Output, Error> {
	use Fl::*;
	let rpc = ctx.client.rpc();
	Ok(match command {
		Task { task } => Output::record(&rpc.task(*task, None).await?, summary::fl_task)?,
		Round { task, round } => Output::record(&rpc.round(*task, *round, None).await?, summary::round)?,
		Budget { task, participant } => Output::record(&rpc.budget(*task, participant.clone(), None).await?, summary::budget)?,
		CreateTask { model, params, participants, rounds, round_blocks, epsilon, delta, clip, budget } => {
			distinct(participants, "participants")?;
			let too_many = || format!("{} participants: more than the runtime allows", participants.len());
			let call = Call::create_task {
				model: H256(*model),
				params: *params,
				participants: participants.clone().try_into().map_err(|_| too_many())?,
				rounds: *rounds,
				round_blocks: *round_blocks,
				dp: DpParams { epsilon: *epsilon, delta: *delta, clip: *clip },
				budgets: vec![*budget; participants.len()].try_into().map_err(|_| too_many())?,
			};
			ctx.create("task created", tx(call), "task", |e| match e {
				RuntimeEvent::FlLedger(Event::TaskCreated { task, .. }) => Some(*task),
				_ => None,
			})
			.await?
		},
		Accept { task, samples } => ctx.send("accepted", tx(Call::accept { task: *task, samples: *samples })).await?,
	})
}

#[cfg(test)]
mod tests {
	use super::Fl;
	use clap::Parser;

	/// `fl` alone, as the CLI nests it.
	#[derive(Parser)]
	struct Command {
		#[command(subcommand)]
		fl: Fl,
	}

	#[test]
	fn rounds_count_from_one() {
		let parsed = Command::try_parse_from(["fl", "round", "3", "1"]).map(|c| c.fl);
		assert!(matches!(parsed, Ok(Fl::Round { task: 3, round: 1 })));
		let refused = Command::try_parse_from(["fl", "round", "3", "0"]).err().map(|e| e.to_string());
		assert!(refused.as_deref().is_some_and(|e| e.contains("0 is not in 1..")), "{refused:?}");
	}
}
