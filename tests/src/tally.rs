//! Tallying transactions submitted during faults: each must end included in a finalized block
//! or rejected with a reason the client was given. Anything else (dropped without a word, or a
//! watch that breaks) is lost, and a test that tallies expects none.

use crate::rpc::{Rpc, TxOutcome};
use educhain_client::error::said;
use jsonrpsee::core::ClientError;
use std::{sync::Arc, time::Duration};
use tokio::task::JoinHandle;

/// How one transaction ended.
#[derive(Debug)]
pub enum Fate {
	/// In a finalized block, with this hash.
	Finalized(String),
	/// Refused at submission; the node's reason.
	Rejected(String),
	/// Neither: the status the node sent, or what broke.
	Lost(String),
}

/// Transactions being followed, each by its own task, until they settle.
#[derive(Default)]
pub struct Tally {
	pending: Vec<(String, Vec<u8>, JoinHandle<Fate>)>,
	/// Settled transactions: what, the encoded extrinsic, and how it ended.
	pub settled: Vec<(String, Vec<u8>, Fate)>,
}

impl Tally {
	/// Submit `xt` (described by `what`) through `rpc` and follow it to finality, for up to
	/// `limit`, in the background.
	pub fn submit(&mut self, rpc: &Arc<Rpc>, what: impl Into<String>, xt: Vec<u8>, limit: Duration) {
		let (rpc, bytes) = (rpc.clone(), xt.clone());
		let task = tokio::spawn(async move {
			match tokio::time::timeout(limit, rpc.submit_and_watch(&bytes, true, limit)).await {
				Err(_) => Fate::Lost(format!("not settled within {limit:?}")),
				// Only the node's answer to the submission is a reason given; a broken watch is not.
				Ok(Err(educhain_client::Error::Rpc { error: error @ ClientError::Call(_), .. })) => Fate::Rejected(said(&error)),
				Ok(Err(e)) => Fate::Lost(e.to_string()),
				Ok(Ok(TxOutcome::Finalized(hash))) => Fate::Finalized(format!("{hash:?}")),
				Ok(Ok(other)) => Fate::Lost(format!("{other:?}")),
			}
		});
		self.pending.push((what.into(), xt, task));
	}

	/// Wait for every transaction submitted so far to settle.
	pub async fn settle(&mut self) {
		for (what, xt, task) in self.pending.drain(..) {
			let fate = task.await.unwrap_or_else(|e| Fate::Lost(format!("the watch failed: {e}")));
			self.settled.push((what, xt, fate));
		}
	}

	/// The settled transactions whose fate `pick` selects: (what, extrinsic, what the fate says).
	fn by_fate(&self, pick: fn(&Fate) -> Option<&str>) -> impl Iterator<Item = (&str, &[u8], &str)> {
		self.settled.iter().filter_map(move |(what, xt, fate)| Some((what.as_str(), xt.as_slice(), pick(fate)?)))
	}

	/// The finalized transactions: (what, extrinsic, block hash).
	pub fn finalized(&self) -> impl Iterator<Item = (&str, &[u8], &str)> {
		self.by_fate(|f| if let Fate::Finalized(block) = f { Some(block.as_str()) } else { None })
	}

	/// The rejected transactions: (what, reason).
	pub fn rejected(&self) -> impl Iterator<Item = (&str, &str)> {
		self.by_fate(|f| if let Fate::Rejected(reason) = f { Some(reason.as_str()) } else { None }).map(|(w, _, r)| (w, r))
	}

	/// The lost transactions: (what, what happened).
	pub fn lost(&self) -> Vec<(&str, &str)> {
		self.by_fate(|f| if let Fate::Lost(how) = f { Some(how.as_str()) } else { None }).map(|(w, _, h)| (w, h)).collect()
	}

	/// One line: submitted, finalized, rejected, lost.
	pub fn summary(&self) -> String {
		format!(
			"{} submitted: {} finalized, {} rejected with a reason, {} lost",
			self.settled.len() + self.pending.len(),
			self.finalized().count(),
			self.rejected().count(),
			self.lost().len()
		)
	}
}

/// Whether block `hash` (as `rpc` has it) contains the extrinsic `xt`.
pub async fn block_contains(rpc: &Rpc, hash: &str, xt: &[u8]) -> bool {
	let extrinsics = rpc.client.block_extrinsics(crate::chain::block(hash)).await.expect("the block's extrinsics");
	extrinsics.iter().any(|x| x[..] == xt[..])
}
