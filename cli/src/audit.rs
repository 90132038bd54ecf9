//! `audit`: the auditor's checks against a live node. `audit check` runs every pallet's
//! invariants at a block through the runtime API `AuditApi::check_invariants`. The offline
//! replay of a block file is the node's `educhain-node audit replay` (see `docs/audit.md`).

use crate::context::{Ctx, Error, Output};
use clap::Subcommand;
use serde_json::json;
use subxt::ext::codec::Decode;

#[derive(Subcommand)]
pub enum Audit {
	/// Check every invariant at the best block, or at block HASH; exits 1 when one is broken.
	Check { block: Option<String> },
}

/// Run an `audit` subcommand.
pub async fn run(ctx: &Ctx<'_>, command: &Audit) -> Result<Output, Error> {
	let Audit::Check { block } = command;
	let at = match block {
		Some(hash) => {
			let hash: subxt::utils::H256 = hash.parse().map_err(|_| format!("{hash}: not a block hash"))?;
			ctx.chain.api.at_block(hash).await
		},
		None => ctx.chain.api.at_current_block().await,
	}
	.map_err(|e| e.to_string())?;
	let raw = at
		.runtime_apis()
		.call_raw("AuditApi_check_invariants", None)
		.await
		.map_err(|e| format!("AuditApi_check_invariants: {e}"))?;
	let result = Result::<(), Vec<u8>>::decode(&mut &raw[..]).map_err(|e| format!("AuditApi_check_invariants gave {e}"))?;
	let number = at.block_number();
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
