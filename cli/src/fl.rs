//! `fl`: federated-learning tasks (create, as an institution; accept, as a participant),
//! rounds and budgets. Updates and aggregates are the `fl-client`'s work.

use crate::chain::{account, digest, ss58, uint};
use crate::context::{Ctx, Error, Output};
use crate::digests::hex32;
use clap::Subcommand;
use subxt::{
	dynamic::{self, Value as ScaleValue},
	utils::AccountId32,
};

#[derive(Subcommand)]
pub enum Fl {
	/// A task with its participants and budgets.
	Task { task: u32 },
	/// A round's submissions and aggregates.
	Round { task: u32, round: u32 },
	/// A participant's privacy budget.
	Budget { task: u32, participant: AccountId32 },
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
		participants: Vec<AccountId32>,
		#[arg(long)]
		rounds: u32,
		/// Blocks per round.
		#[arg(long)]
		round_blocks: u32,
		/// ε spent per round.
		#[arg(long, value_parser = fixed)]
		epsilon: u128,
		/// δ spent per round.
		#[arg(long, value_parser = fixed)]
		delta: u128,
		/// The clip norm of an update.
		#[arg(long, value_parser = fixed)]
		clip: u128,
		/// Each participant's total ε budget.
		#[arg(long, value_parser = fixed)]
		budget: u128,
	},
	/// Accept a task as one of its participants; the last acceptance opens round 1.
	Accept { task: u32 },
}

/// A non-negative decimal as a `FixedU128`'s inner value (18 decimal places).
fn fixed(text: &str) -> Result<u128, String> {
	let bad = || format!("{text:?} is not a non-negative decimal with at most 18 places");
	let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
	if whole.is_empty() || fraction.len() > 18 || !(whole.chars().chain(fraction.chars())).all(|c| c.is_ascii_digit()) {
		return Err(bad());
	}
	let whole: u128 = whole.parse().map_err(|_| bad())?;
	let fraction: u128 = format!("{fraction:0<18}").parse().map_err(|_| bad())?;
	whole.checked_mul(10u128.pow(18)).and_then(|w| w.checked_add(fraction)).ok_or_else(bad)
}

/// Run an `fl` subcommand.
pub async fn run(ctx: &Ctx<'_>, command: &Fl) -> Result<Output, Error> {
	use Fl::*;
	Ok(match command {
		Task { task } => ctx.read("fl_task", vec![(*task).into()]).await?,
		Round { task, round } => ctx.read("fl_round", vec![(*task).into(), (*round).into()]).await?,
		Budget { task, participant } => ctx.read("fl_budget", vec![(*task).into(), ss58(participant)]).await?,
		CreateTask { model, params, participants, rounds, round_blocks, epsilon, delta, clip, budget } => {
			let dp = ScaleValue::named_composite([("epsilon", uint(*epsilon)), ("delta", uint(*delta)), ("clip", uint(*clip))]);
			let args = vec![
				digest(model),
				uint(*params),
				ScaleValue::unnamed_composite(participants.iter().map(account)),
				uint(*rounds),
				uint(*round_blocks),
				dp,
				ScaleValue::unnamed_composite(participants.iter().map(|_| uint(*budget))),
			];
			ctx.create("task created", &dynamic::tx("FlLedger", "create_task", args), "FlLedger.TaskCreated", "task").await?
		},
		Accept { task } => ctx.send("accepted", &dynamic::tx("FlLedger", "accept", vec![uint(*task)])).await?,
	})
}

#[cfg(test)]
mod tests {
	use super::fixed;

	#[test]
	fn decimals_become_fixed_point_exactly() {
		assert_eq!(fixed("1"), Ok(1_000_000_000_000_000_000));
		assert_eq!(fixed("0.00001"), Ok(10_000_000_000_000));
		assert_eq!(fixed("2.5"), Ok(2_500_000_000_000_000_000));
		assert!(fixed("-1").is_err());
		assert!(fixed(".5").is_err());
		assert!(fixed("0.0000000000000000001").is_err());
	}
}
