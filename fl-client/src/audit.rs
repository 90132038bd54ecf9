//! The auditor: recompute a participant's recorded aggregate from the updates on chain.

use crate::{
	ledger::{aggregate, node, Ledger, Result, UpdateReader},
	update,
};
use educhain_client::Client;
use educhain_runtime::AccountId;
use pallet_fl_ledger::{FlTaskId, Round};
use sp_core::H256;

/// What an audit found.
#[derive(Clone, Debug, PartialEq)]
pub struct Audit {
	/// The digest the participant recorded.
	pub recorded: H256,
	/// The digest of the aggregate recomputed from the chain.
	pub recomputed: H256,
	/// How many updates went into it.
	pub updates: usize,
}

impl Audit {
	/// Whether the recorded aggregate is the one the chain's updates and weights give.
	pub fn passed(&self) -> bool {
		self.recorded == self.recomputed
	}
}

/// Recompute `participant`'s aggregate of `round` of `task` from the updates in the block
/// bodies (each checked against its recorded digest) and the weights it recorded.
pub async fn audit(rpc: &Client, task: FlTaskId, round: Round, participant: &AccountId) -> Result<Audit> {
	let ledger = Ledger { rpc };
	let record = ledger.round(task, round).await?.ok_or_else(|| node(format!("no round {round} of task {task}")))?;
	let aggregate = aggregate(&record, participant)
		.ok_or_else(|| node(format!("{participant} recorded no aggregate of round {round}")))?;
	let participants = ledger.participants(task).await?;
	let updates = UpdateReader::default().round_updates(rpc, task, round, &record, &participants).await?;
	let views: Vec<Option<&[f32]>> = updates.iter().map(Option::as_deref).collect();
	if views.len() != aggregate.weights.len() {
		return Err(node("a weight count unlike the participant count"));
	}
	let weights: Vec<_> = aggregate.weights.iter().map(|w| w.0).collect();
	let recomputed = update::digest(&update::weighted_sum(&views, &weights));
	Ok(Audit { recorded: aggregate.digest, recomputed, updates: views.iter().flatten().count() })
}
