//! `audit`: the auditor's checks against a live node. `audit check` runs every pallet's
//! invariants at a block through the runtime API `AuditApi::check_invariants`. The offline
//! replay of a block file is the node's `educhain-node audit replay` (see `docs/audit.md`).

use crate::context::{Ctx, Error, Output};
use clap::Subcommand;
use serde_json::json;
use sp_core::H256;

#[derive(Subcommand)]
pub enum Audit {
	/// Check every invariant at the best block, or at block HASH; exits 1 when one is broken.
	Check {
		/// The block's hash (0x-hex); without it, the best block.
		#[arg(value_parser = block_hash)]
		block: Option<H256>,
	},
}

/// A block hash given on the command line (0x-hex), read before any node is asked.
pub fn block_hash(text: &str) -> Result<H256, String> {
	text.parse().map_err(|_| format!("{text}: not a block hash (0x and 64 hex digits)"))
}

/// Run an `audit` subcommand.
pub async fn run(ctx: &Ctx<'_>, command: &Audit) -> Result<Output, Error> {
	let Audit::Check { block: at } = *command;
	// Pin the best block, so that the number reported is the block checked.
	let header = ctx.client.header(at).await?;
	let hash = match at {
		Some(hash) => hash,
		None => ctx.client.block_hash(header.number).await?.ok_or_else(|| format!("block {} is gone", header.number))?,
	};
	let result: Result<(), Vec<u8>> = ctx.client.runtime_call("AuditApi_check_invariants", &[], Some(hash)).await?;
	let number = header.number;
	match result {
		Ok(()) => Ok(Output {
			json: json!({"block": number, "ok": true}),
			human: format!("every invariant holds at block {number}"),
		}),
		Err(broken) => {
			let broken = String::from_utf8_lossy(&broken).into_owned();
			Err(Error::Partial(Output {
				human: format!("block {number}: invariant broken: {broken}"),
				json: json!({"block": number, "ok": false, "broken": broken}),
			}))
		},
	}
}
