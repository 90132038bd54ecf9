//! The federated-learning ledger over JSON-RPC: tasks, submissions, rounds, aggregates, and
//! the updates themselves, read back from the block bodies and checked against their digests.

use codec::Decode;
use educhain_client::{
	api::{
		fl::{AggregateView, FlRpcClient, RoundInfo, SubmissionView},
		Decimal,
	},
	Client, Landed, Signer, Wait,
};
use educhain_runtime::{AccountId, Runtime, RuntimeCall, RuntimeEvent, UncheckedExtrinsic};
use pallet_fl_ledger::{Call as Fl, DpParams, Event as FlEvent, FlTaskId, Round};
use sp_core::H256;
use sp_runtime::{FixedU128, MultiAddress};
use std::{collections::HashMap, time::Duration};

/// What went wrong talking to the ledger.
#[derive(Debug)]
pub enum LedgerError {
	/// A transaction did not take effect, or the node could not be read.
	Tx(&'static str, educhain_client::Error),
	/// The node answered something unexpected.
	Node(String),
	/// A recorded update is not what the ledger says it is.
	BadUpdate(String),
	/// A run's settings that the chain or the training cannot take.
	Settings(String),
}

impl core::fmt::Display for LedgerError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			LedgerError::Tx(what, e) => write!(f, "{what}: {e}"),
			LedgerError::Node(why) => write!(f, "unexpected answer from the node: {why}"),
			LedgerError::BadUpdate(why) => write!(f, "bad update on chain: {why}"),
			LedgerError::Settings(why) => write!(f, "refused before the run: {why}"),
		}
	}
}

impl std::error::Error for LedgerError {}

impl From<educhain_client::Error> for LedgerError {
	fn from(e: educhain_client::Error) -> Self {
		LedgerError::Tx("reading the chain", e)
	}
}

impl From<jsonrpsee::core::ClientError> for LedgerError {
	fn from(e: jsonrpsee::core::ClientError) -> Self {
		LedgerError::Node(educhain_client::error::said(&e))
	}
}

/// Shorthand for ledger results.
pub type Result<T> = core::result::Result<T, LedgerError>;

/// An unexpected answer from the node, as a ledger error.
pub(crate) fn node(why: impl Into<String>) -> LedgerError {
	LedgerError::Node(why.into())
}

/// A fixed-point value as the `fl_*` methods and the command line write it (`"0.00001"`).
pub fn parse_fixed(text: &str) -> Option<FixedU128> {
	text.parse::<Decimal>().ok().map(|d| d.0)
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
	pub rpc: &'a Client,
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
	async fn send(&self, what: &'static str, call: RuntimeCall, signer: &Signer) -> Result<Landed> {
		self.rpc.sign_and_submit(call, signer, Wait::InBlock).await.map_err(|e| LedgerError::Tx(what, e))
	}

	/// Register `spec` as `owner`; the new task's id.
	pub async fn create_task(&self, owner: &Signer, spec: &TaskSpec) -> Result<FlTaskId> {
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
		let landed = self.send("create task", call, owner).await?;
		landed
			.find(|e| match e {
				RuntimeEvent::FlLedger(FlEvent::TaskCreated { task, .. }) => Some(*task),
				_ => None,
			})
			.ok_or_else(|| node("no TaskCreated event"))
	}

	/// Accept `task` as `who`, registering its `samples` (m).
	pub async fn accept(&self, who: &Signer, task: FlTaskId, samples: u32) -> Result<Landed> {
		self.send("accept", fl(Fl::accept { task, samples }), who).await
	}

	/// The least σ `task` accepts from a participant with `samples` samples.
	pub async fn required_sigma(&self, task: FlTaskId, samples: u32) -> Result<FixedU128> {
		let sigma = self.rpc.rpc().required_sigma(task, samples, None).await?;
		sigma.map(|d| d.0).ok_or_else(|| node(format!("no task {task}")))
	}

	/// Submit `who`'s update `payload` for `round`, with noise `sigma`.
	pub async fn submit(&self, who: &Signer, task: FlTaskId, round: Round, sigma: FixedU128, payload: Vec<u8>) -> Result<Landed> {
		let digest = crate::update::payload_digest(&payload);
		let payload = payload.try_into().map_err(|_| node("payload over the runtime's limit"))?;
		self.send("submit", fl(Fl::submit { task, round, digest, sigma, payload }), who).await
	}

	/// Record `who`'s aggregate of `round`.
	pub async fn record_aggregate(
		&self,
		who: &Signer,
		task: FlTaskId,
		round: Round,
		digest: H256,
		weights: Vec<FixedU128>,
	) -> Result<Landed> {
		let weights = weights.try_into().map_err(|_| node("too many weights"))?;
		self.send("record aggregate", fl(Fl::record_aggregate { task, round, digest, weights }), who).await
	}

	/// `round` of `task`, if it has opened.
	pub async fn round(&self, task: FlTaskId, round: Round) -> Result<Option<RoundInfo>> {
		Ok(self.rpc.rpc().round(task, round, None).await?)
	}

	/// The participants of `task`, in task order.
	pub async fn participants(&self, task: FlTaskId) -> Result<Vec<AccountId>> {
		let info = self.rpc.rpc().task(task, None).await?.ok_or_else(|| node(format!("no task {task}")))?;
		Ok(info.participants.into_iter().map(|p| p.account).collect())
	}

	/// Wait until `round` of `task` has closed, for at most `limit`.
	pub async fn closed_round(&self, task: FlTaskId, round: Round, limit: Duration) -> Result<RoundInfo> {
		let deadline = tokio::time::Instant::now() + limit;
		loop {
			if let Some(r) = self.round(task, round).await?.filter(|r| r.closed.is_some()) {
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

/// `who`'s submission in `record`, if it submitted.
pub fn submission<'a>(record: &'a RoundInfo, who: &AccountId) -> Option<&'a SubmissionView> {
	record.submissions.iter().find(|s| &s.participant == who)
}

/// `who`'s aggregate in `record`, if it recorded one.
pub fn aggregate<'a>(record: &'a RoundInfo, who: &AccountId) -> Option<&'a AggregateView> {
	record.aggregates.iter().find(|a| &a.participant == who)
}

impl UpdateReader {
	/// Every update of `record` in the order of `participants`, `None` for one that is missing.
	pub async fn round_updates(
		&mut self,
		rpc: &Client,
		task: FlTaskId,
		round: Round,
		record: &RoundInfo,
		participants: &[AccountId],
	) -> Result<Vec<Option<Vec<f32>>>> {
		let mut updates = Vec::with_capacity(participants.len());
		for who in participants {
			updates.push(match submission(record, who) {
				Some(s) => Some(self.update(rpc, task, round, s).await?),
				None => None,
			});
		}
		Ok(updates)
	}

	/// The update `s` refers to: the `submit` extrinsic at its block and index, signed by its
	/// participant, for `task` and `round`, whose payload hashes to the recorded digest.
	pub async fn update(&mut self, rpc: &Client, task: FlTaskId, round: Round, s: &SubmissionView) -> Result<Vec<f32>> {
		if !self.blocks.contains_key(&s.block) {
			let hash = rpc.block_hash(s.block).await?.ok_or_else(|| node(format!("no block {}", s.block)))?;
			let extrinsics = rpc.block_extrinsics(hash).await?;
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
pub async fn is_active(rpc: &Client, who: &AccountId) -> Result<bool> {
	let key = pallet_registry::Active::<Runtime>::hashed_key();
	let active: Option<Vec<AccountId>> = rpc.storage_decoded(&key, None).await?;
	Ok(active.is_some_and(|a| a.contains(who)))
}

/// Make each of `candidates` an active institution (a college): it applies, and `ministry`
/// approves. Those already active are left alone.
pub async fn admit(rpc: &Client, ministry: &Signer, candidates: &[&Signer]) -> Result<()> {
	for (i, candidate) in candidates.iter().enumerate() {
		let who = candidate.account();
		if is_active(rpc, &who).await? {
			continue;
		}
		let profile = crate::update::payload_digest(format!("fl-client institution {i}").as_bytes());
		let kind = pallet_registry::InstitutionKind::College;
		rpc.apply(candidate, kind, profile, Wait::InBlock).await.map_err(|e| LedgerError::Tx("apply", e))?;
		let approve = RuntimeCall::Registry(pallet_registry::Call::approve { subject: who });
		rpc.sign_and_submit(approve, ministry, Wait::InBlock).await.map_err(|e| LedgerError::Tx("approve", e))?;
	}
	Ok(())
}
