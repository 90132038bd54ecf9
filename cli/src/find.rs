//! `find`: a transaction sent earlier, looked for by its hash, as a tool that timed out asks
//! (`timed out: … look for it in the blocks from #N before sending it again`).

use crate::context::{Ctx, Error, Output};
use clap::Args;
use educhain_client::Failure;
use serde_json::Value;
use sp_core::H256;

/// Where a transaction sent earlier landed.
#[derive(Args)]
pub struct Find {
	/// The transaction's hash (0x-hex), as a timed-out command or `--json`'s `transaction` gives it.
	#[arg(value_parser = transaction_hash)]
	pub transaction: H256,
	/// The block to look from, as the timed-out command gave it: every block from it to the
	/// best one is read.
	#[arg(long)]
	pub from: u32,
}

/// A transaction's hash, from the command line.
fn transaction_hash(text: &str) -> Result<H256, String> {
	text.parse().map_err(|_| format!("{text}: not a transaction hash (0x and 64 hex digits)"))
}

/// The block of the best chain that holds the transaction, its events and whether it is final;
/// exit 1 when no block does (yet), or when its call failed.
pub async fn run(ctx: &Ctx<'_>, find: &Find) -> Result<Output, Error> {
	let client = &ctx.client;
	let Some((number, landed)) = client.find_transaction(find.transaction, find.from).await? else {
		let best = client.best_number().await?;
		let said = format!(
			"no block from #{} to #{best} holds transaction {:?}: it may still be in the pool; look again later",
			find.from, find.transaction
		);
		return Err(Error::Failed(Failure::said(said)));
	};
	let fin = client.finalized_number().await? >= number;
	Ok(Output::landed("transaction", &landed).with("number", number.into()).with("final", Value::Bool(fin)))
}
