//! The federated-learning ledger over JSON-RPC: tasks, submissions, rounds, aggregates, and
//! the updates themselves, read back from the block bodies and checked against their digests.

use codec::Decode;
use educhain_client::{
	rpc::Rpc,
	tx::{self, Included, TxError},
};
use educhain_runtime::{AccountId, Runtime, RuntimeCall, RuntimeEvent, UncheckedExtrinsic};
use pallet_fl_ledger::{Call as Fl, DpParams, Event as FlEvent, FlTaskId, Round};
use sp_core::{crypto::Ss58Codec, sr25519, Pair, H256};
use sp_runtime::{FixedPointNumber, FixedU128, MultiAddress};
use std::{collections::HashMap, str::FromStr, time::Duration};

/// What went wrong talking to the ledger.
#[derive(Debug)]
pub enum LedgerError {
	/// A transaction did not take effect.
	Tx(&'static str, TxError),
	/// The node answered something unexpected.
	Node(String),
	/// A recorded update is not what the ledger says it is.
	BadUpdate(String),
}

impl core::fmt::Display for LedgerError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			LedgerError::Tx(what, e) => write!(f, "{what}: {e}"),
			LedgerError::Node(why) => write!(f, "unexpected answer from the node: {why}"),
			LedgerError::BadUpdate(why) => write!(f, "bad update on chain: {why}"),
		}
	}
}

impl std::error::Error for LedgerError {}

/// Shorthand for ledger results.
pub type Result<T> = core::result::Result<T, LedgerError>;

fn node(why: impl Into<String>) -> LedgerError {
	LedgerError::Node(why.into())
}

/// A fixed-point value as the `fl_*` methods write it (`"0.00001"`, `"2"`).
pub fn parse_fixed(text: &str) -> Option<FixedU128> {
	let (int, frac) = text.split_once('.').unwrap_or((text, ""));
	if frac.len() > 18 || !frac.bytes().all(|b| b.is_ascii_digit()) {
		return None;
	}
	let frac: u128 = format!("{frac:0<18}").parse().ok()?;
	let int: u128 = int.parse().ok()?;
	int.checked_mul(FixedU128::DIV)?.checked_add(frac).map(FixedU128::from_inner)
}

/// One participant's recorded submission.
#[derive(Clone, Debug, PartialEq)]
pub struct SubmissionRef {
	/// Who submitted.
	pub participant: AccountId,
	/// The digest of the update.
	pub digest: H256,
	/// The σ declared.
	pub sigma: FixedU128,
	/// The samples declared.
	pub samples: u32,
	/// The block holding the update.
	pub block: u32,
	/// The update's extrinsic index in that block.
	pub index: u32,
}

/// One participant's recorded aggregate.
#[derive(Clone, Debug, PartialEq)]
pub struct AggregateRef {
	/// Whose aggregate.
	pub participant: AccountId,
	/// The digest of the aggregated model.
	pub digest: H256,
	/// The weight given to each participant's update, in task order.
	pub weights: Vec<FixedU128>,
}

/// A round as `fl_round` reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundRecord {
	/// Whether it has closed.
	pub closed: bool,
	/// The submissions, in task order.
	pub submissions: Vec<SubmissionRef>,
	/// The aggregates recorded so far, in task order.
	pub aggregates: Vec<AggregateRef>,
}

fn account(v: &serde_json::Value) -> Result<AccountId> {
	let text = v.as_str().ok_or_else(|| node(format!("not an address: {v}")))?;
	AccountId::from_ss58check(text).map_err(|e| node(format!("address {text}: {e:?}")))
}

fn hash(v: &serde_json::Value) -> Result<H256> {
	v.as_str().and_then(|s| H256::from_str(s).ok()).ok_or_else(|| node(format!("not a hash: {v}")))
}

fn fixed(v: &serde_json::Value) -> Result<FixedU128> {
	v.as_str().and_then(parse_fixed).ok_or_else(|| node(format!("not a decimal: {v}")))
}

fn number(v: &serde_json::Value) -> Result<u32> {
	v.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(|| node(format!("not a number: {v}")))
}

fn too_many() -> LedgerError {
	node("more participants than the runtime allows")
}

fn fl(call: Fl<Runtime>) -> RuntimeCall {
	RuntimeCall::FlLedger(call)
}

/// The ledger behind one node.
pub struct Ledger<'a> {
	/// The node.
	pub rpc: &'a Rpc,
}

/// What a new task looks like.
#[derive(Clone, Debug)]
pub struct TaskSpec {
	/// Digest of the model specification (here: of the initial parameters).
	pub model: H256,
	/// Parameters per update.
	pub params: u32,
	/// The participants, in task order.
	pub participants: Vec<AccountId>,
	/// Rounds.
	pub rounds: Round,
	/// Blocks a round stays open at most.
	pub round_blocks: u32,
	/// Privacy parameters of every round.
	pub dp: DpParams,
	/// Each participant's total ε.
	pub budget: FixedU128,
}

impl Ledger<'_> {
	async fn send(&self, what: &'static str, call: RuntimeCall, signer: &sr25519::Pair) -> Result<Included> {
		tx::sign_and_submit(self.rpc, call, signer).await.map_err(|e| LedgerError::Tx(what, e))
	}

	/// Register `spec` as `owner`; the new task's id.
	pub async fn create_task(&self, owner: &sr25519::Pair, spec: &TaskSpec) -> Result<FlTaskId> {
		let participants = spec.participants.clone().try_into().map_err(|_| too_many())?;
		let budgets = vec![spec.budget; spec.participants.len()].try_into().map_err(|_| too_many())?;
		let call = fl(Fl::create_task {
			model: spec.model,
			params: spec.params,
			participants,
			rounds: spec.rounds,
			round_blocks: spec.round_blocks,
			dp: spec.dp.clone(),
			budgets,
		});
		let at = self.send("create task", call, owner).await?;
		let me: AccountId = owner.public().into();
		tx::events(self.rpc, &at.block)
			.await
			.into_iter()
			.find_map(|r| match r.event {
				RuntimeEvent::FlLedger(FlEvent::TaskCreated { task, owner, .. }) if owner == me => Some(task),
				_ => None,
			})
			.ok_or_else(|| node("no TaskCreated event"))
	}

	/// Accept `task` as `who`.
	pub async fn accept(&self, who: &sr25519::Pair, task: FlTaskId) -> Result<Included> {
		self.send("accept", fl(Fl::accept { task }), who).await
	}

	/// The least σ `task` accepts from a participant with `samples` samples.
	pub async fn required_sigma(&self, task: FlTaskId, samples: u32) -> Result<FixedU128> {
		let v = self.rpc.call("fl_requiredSigma", vec![task.into(), samples.into()]).await;
		fixed(&v.map_err(|e| node(e.to_string()))?)
	}

	/// Submit `who`'s update `payload` for `round`.
	pub async fn submit(
		&self,
		who: &sr25519::Pair,
		task: FlTaskId,
		round: Round,
		sigma: FixedU128,
		samples: u32,
		payload: Vec<u8>,
	) -> Result<Included> {
		let digest = crate::update::payload_digest(&payload);
		let payload = payload.try_into().map_err(|_| node("payload over the runtime's limit"))?;
		self.send("submit", fl(Fl::submit { task, round, digest, sigma, samples, payload }), who).await
	}

	/// Record `who`'s aggregate of `round`.
	pub async fn record_aggregate(
		&self,
		who: &sr25519::Pair,
		task: FlTaskId,
		round: Round,
		digest: H256,
		weights: Vec<FixedU128>,
	) -> Result<Included> {
		let weights = weights.try_into().map_err(|_| node("too many weights"))?;
		self.send("record aggregate", fl(Fl::record_aggregate { task, round, digest, weights }), who).await
	}

	/// `round` of `task`, if it has opened.
	pub async fn round(&self, task: FlTaskId, round: Round) -> Result<Option<RoundRecord>> {
		let v = self.rpc.call("fl_round", vec![task.into(), round.into()]).await.map_err(|e| node(e.to_string()))?;
		if v.is_null() {
			return Ok(None);
		}
		let list = |key: &str| v[key].as_array().cloned().ok_or_else(|| node(format!("no {key} in {v}")));
		let submissions = list("submissions")?
			.iter()
			.map(|s| {
				Ok(SubmissionRef {
					participant: account(&s["participant"])?,
					digest: hash(&s["digest"])?,
					sigma: fixed(&s["sigma"])?,
					samples: number(&s["samples"])?,
					block: number(&s["block"])?,
					index: number(&s["index"])?,
				})
			})
			.collect::<Result<_>>()?;
		let aggregates = list("aggregates")?
			.iter()
			.map(|a| {
				let weights = a["weights"].as_array().ok_or_else(|| node("no weights"))?;
				Ok(AggregateRef {
					participant: account(&a["participant"])?,
					digest: hash(&a["digest"])?,
					weights: weights.iter().map(fixed).collect::<Result<_>>()?,
				})
			})
			.collect::<Result<_>>()?;
		Ok(Some(RoundRecord { closed: !v["closed"].is_null(), submissions, aggregates }))
	}

	/// The participants of `task`, in task order.
	pub async fn participants(&self, task: FlTaskId) -> Result<Vec<AccountId>> {
		let v = self.rpc.call("fl_task", vec![task.into()]).await.map_err(|e| node(e.to_string()))?;
		let list = v["participants"].as_array().ok_or_else(|| node(format!("no task {task}")))?;
		list.iter().map(|p| account(&p["account"])).collect()
	}

	/// Wait until `round` of `task` has closed, for at most `limit`.
	pub async fn closed_round(&self, task: FlTaskId, round: Round, limit: Duration) -> Result<RoundRecord> {
		let deadline = tokio::time::Instant::now() + limit;
		loop {
			if let Some(r) = self.round(task, round).await?.filter(|r| r.closed) {
				return Ok(r);
			}
			if tokio::time::Instant::now() > deadline {
				return Err(node(format!("round {round} of task {task} still open after {limit:?}")));
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
	}
}

/// Reads updates from block bodies, fetching each block once, and counts the bytes read.
#[derive(Default)]
pub struct UpdateReader {
	blocks: HashMap<u32, Vec<Vec<u8>>>,
	/// Bytes of the blocks' extrinsics fetched so far.
	pub bytes_read: usize,
}

impl RoundRecord {
	/// `who`'s submission, if it submitted.
	pub fn submission(&self, who: &AccountId) -> Option<&SubmissionRef> {
		self.submissions.iter().find(|s| &s.participant == who)
	}
}

impl UpdateReader {
	/// Every update of `record` in the order of `participants`, `None` for one that is missing.
	pub async fn round_updates(
		&mut self,
		rpc: &Rpc,
		task: FlTaskId,
		round: Round,
		record: &RoundRecord,
		participants: &[AccountId],
	) -> Result<Vec<Option<Vec<f32>>>> {
		let mut updates = Vec::with_capacity(participants.len());
		for who in participants {
			updates.push(match record.submission(who) {
				Some(s) => Some(self.update(rpc, task, round, s).await?),
				None => None,
			});
		}
		Ok(updates)
	}

	/// The update `s` refers to: the `submit` extrinsic at its block and index, signed by its
	/// participant, for `task` and `round`, whose payload hashes to the recorded digest.
	pub async fn update(&mut self, rpc: &Rpc, task: FlTaskId, round: Round, s: &SubmissionRef) -> Result<Vec<f32>> {
		if !self.blocks.contains_key(&s.block) {
			let hash = rpc.block_hash(s.block).await.ok_or_else(|| node(format!("no block {}", s.block)))?;
			let extrinsics = tx::block_extrinsics(rpc, &hash).await;
			self.bytes_read += extrinsics.iter().map(Vec::len).sum::<usize>();
			self.blocks.insert(s.block, extrinsics);
		}
		let bad = |why: String| LedgerError::BadUpdate(format!("block {} index {}: {why}", s.block, s.index));
		let bytes = self.blocks[&s.block].get(s.index as usize).ok_or_else(|| bad("no such extrinsic".into()))?;
		let xt = UncheckedExtrinsic::decode(&mut &bytes[..]).map_err(|e| bad(format!("{e}")))?;
		let signer = match &xt.preamble {
			sp_runtime::generic::Preamble::Signed(MultiAddress::Id(who), ..) => who.clone(),
			_ => return Err(bad("not signed by an account".into())),
		};
		let payload = match xt.function {
			RuntimeCall::FlLedger(Fl::submit { task: t, round: r, payload, digest, .. })
				if t == task && r == round && digest == s.digest =>
				payload.into_inner(),
			other => return Err(bad(format!("not this submission: {other:?}"))),
		};
		if signer != s.participant {
			return Err(bad(format!("signed by {signer}, recorded for {}", s.participant)));
		}
		if crate::update::payload_digest(&payload) != s.digest {
			return Err(bad("the payload does not match its digest".into()));
		}
		crate::update::decode(&payload).ok_or_else(|| bad("not whole 32-bit floats".into()))
	}
}

/// Whether `who` is an active institution.
pub async fn is_active(rpc: &Rpc, who: &AccountId) -> bool {
	let key = pallet_registry::Active::<Runtime>::hashed_key();
	let active = rpc.storage(&key).await.map(|b| Vec::<AccountId>::decode(&mut &b[..]).expect("active list"));
	active.is_some_and(|a| a.contains(who))
}

/// Make each of `candidates` an active institution (a college): it applies, and `ministry`
/// approves. Those already active are left alone.
pub async fn admit(rpc: &Rpc, ministry: &sr25519::Pair, candidates: &[sr25519::Pair]) -> Result<()> {
	for (i, candidate) in candidates.iter().enumerate() {
		let who: AccountId = candidate.public().into();
		if is_active(rpc, &who).await {
			continue;
		}
		let profile = crate::update::payload_digest(format!("fl-client institution {i}").as_bytes());
		let kind = pallet_registry::InstitutionKind::College;
		let application = tx::application(rpc, candidate, kind, profile, 0).await;
		tx::submit(rpc, &application).await.map_err(|e| LedgerError::Tx("apply", e))?;
		let approve = RuntimeCall::Registry(pallet_registry::Call::approve { subject: who });
		tx::sign_and_submit(rpc, approve, ministry).await.map_err(|e| LedgerError::Tx("approve", e))?;
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn fixed_point_decimals_parse_exactly() {
		assert_eq!(parse_fixed("2"), Some(FixedU128::from_u32(2)));
		assert_eq!(parse_fixed("0.00001"), Some(FixedU128::from_rational(1, 100_000)));
		assert_eq!(parse_fixed("0.000000000000000001"), Some(FixedU128::from_inner(1)));
		assert_eq!(parse_fixed("0.0000000000000000001"), None);
		assert_eq!(parse_fixed("1.-5"), None);
		assert_eq!(parse_fixed("x"), None);
	}
}
