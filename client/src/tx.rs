//! Building, signing, submitting and checking educhain transactions.

use crate::{names, watch::Watch, Client, Error, Failure, Result, Signer, TxOutcome};
use jsonrpsee::core::ClientError;
use codec::Encode;
use educhain_runtime::{
	signing::{sign_with, SigningContext},
	AccountId, Runtime, RuntimeCall, RuntimeEvent,
};
use frame_system::{EventRecord, Phase};
use pallet_registry::InstitutionKind;
use sp_core::H256;
use sp_runtime::traits::Hash as _;
use std::time::Duration;

/// How long a transaction may take to reach a block, or a finalized one.
const INCLUSION_LIMIT: Duration = Duration::from_secs(120);
/// How often [`Watch::landed`] hands a dropped transaction to the pool again.
pub const RESUBMISSIONS: usize = 3;

/// How long to wait for a transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
	/// Until it is in a block of the best chain.
	InBlock,
	/// Until its block is finalized.
	Finalized,
}

/// A transaction that took effect.
#[derive(Clone, Debug, PartialEq)]
pub struct Landed {
	/// The block holding it.
	pub block: H256,
	/// Its index in the block.
	pub index: u32,
	/// Its hash.
	pub hash: H256,
	/// The encoded extrinsic's length in bytes.
	pub bytes: usize,
	/// The events it emitted, in order.
	pub events: Vec<RuntimeEvent>,
}

impl Landed {
	/// Its events' names, `Pallet.Event`.
	pub fn event_names(&self) -> Vec<String> {
		self.events.iter().map(names::event_name).collect()
	}

	/// The first of its events that `pick` selects, for example the id a creating call assigned.
	pub fn find<T>(&self, pick: impl FnMut(&RuntimeEvent) -> Option<T>) -> Option<T> {
		self.events.iter().find_map(pick)
	}
}

impl Client {
	/// What a signature must commit to on this chain now: its genesis and runtime versions.
	pub async fn signing_context(&self) -> Result<SigningContext> {
		let version = self.runtime_version(None).await?;
		Ok(SigningContext {
			genesis_hash: self.genesis_hash().await?,
			spec_version: version.spec_version,
			transaction_version: version.transaction_version,
		})
	}

	/// `who`'s next nonce, counting its transactions in the pool.
	pub async fn next_nonce(&self, who: &AccountId) -> Result<u32> {
		self.call("system_accountNextIndex", vec![serde_json::to_value(who).map_err(|e| Error::Decode(e.to_string()))?]).await
	}

	/// `who`'s nonce at the best block (0 for an account that does not exist).
	pub async fn nonce(&self, who: &AccountId) -> Result<u32> {
		let key = frame_system::Account::<Runtime>::hashed_key_for(who);
		let info = self.storage_decoded::<frame_system::AccountInfo<u32, ()>>(&key, None).await?;
		Ok(info.map_or(0, |i| i.nonce))
	}

	/// `call` signed by `signer` at `nonce`, encoded.
	pub fn sign(&self, call: RuntimeCall, signer: &Signer, nonce: u32, ctx: SigningContext) -> Vec<u8> {
		sign_with(call, signer.account(), nonce, ctx, |payload| signer.sign(payload)).encode()
	}

	/// Sign `call` as `signer` with its next nonce (counting the pool), submit it, wait as
	/// `wait` says, and check that its call succeeded.
	pub async fn sign_and_submit(&self, call: RuntimeCall, signer: &Signer, wait: Wait) -> Result<Landed> {
		let ctx = self.signing_context().await?;
		let nonce = self.next_nonce(&signer.account()).await?;
		self.submit(&self.sign(call, signer, nonce, ctx), wait).await
	}

	/// Submit the encoded extrinsic `xt`, wait as `wait` says, and check that its call
	/// succeeded in its block.
	pub async fn submit(&self, xt: &[u8], wait: Wait) -> Result<Landed> {
		self.send(xt).await?.landed(wait).await
	}

	/// Hand the encoded extrinsic `xt` to the pool without waiting for a block; a refusal is
	/// [`Error::Refused`] with the pallet's error when the pool gave its code.
	pub async fn send(&self, xt: &[u8]) -> Result<Watch<'_>> {
		match self.watch(xt).await {
			Err(Error::Rpc { error: error @ ClientError::Call(_), .. }) => {
				// A refusal's custom code is an error of the call's pallet.
				Err(Error::Refused(names::refusal(call_pallet(xt), &crate::error::said(&error))))
			},
			other => other,
		}
	}

	/// Where `xt` landed in block `block`, with its events; its call's failure is an error.
	async fn check(&self, xt: &[u8], block: H256) -> Result<Landed> {
		let index = self
			.block_extrinsics(block)
			.await?
			.iter()
			.position(|x| x[..] == xt[..])
			.ok_or_else(|| Error::Decode(format!("block {block:?} does not hold the transaction the node said it does")))?;
		self.landed_at(xt, block, index as u32).await
	}

	/// `xt`, extrinsic `index` of block `block`, with its events; its call's failure is an error.
	pub(crate) async fn landed_at(&self, xt: &[u8], block: H256, index: u32) -> Result<Landed> {
		let mut events = Vec::new();
		for record in self.events(block).await? {
			match (record.phase, record.event) {
				(Phase::ApplyExtrinsic(i), RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { dispatch_error, .. }))
					if i == index =>
					return Err(Error::Failed(names::dispatch_failure(dispatch_error))),
				(Phase::ApplyExtrinsic(i), event) if i == index => events.push(event),
				_ => {},
			}
		}
		let hash = sp_runtime::traits::BlakeTwo256::hash(xt).into();
		Ok(Landed { block, index, hash, bytes: xt.len(), events })
	}

	/// `registry.apply` by `candidate` as a `kind` institution with `profile`, as the general
	/// transaction it must be: the candidate is not yet a member and signs the application, the
	/// pallet's own [`pallet_registry::ApplicationPayload`], inside the call.
	pub async fn application(&self, candidate: &Signer, kind: InstitutionKind, profile: H256) -> Result<Vec<u8>> {
		let key = pallet_registry::ApplicationNonces::<Runtime>::hashed_key_for(candidate.account());
		let nonce = self.storage_decoded::<u32>(&key, None).await?.unwrap_or_default();
		self.application_at(candidate, kind, profile, nonce).await
	}

	/// [`Self::application`] with the payload's `nonce` given: the number of applications the
	/// candidate made before (another one is a replay, which the registry refuses).
	pub async fn application_at(&self, candidate: &Signer, kind: InstitutionKind, profile: H256, nonce: u32) -> Result<Vec<u8>> {
		use pallet_registry::{ApplicationPayload, APPLICATION_CONTEXT};
		let (account, genesis) = (candidate.account(), self.genesis_hash().await?);
		let payload =
			ApplicationPayload { context: APPLICATION_CONTEXT, genesis: &genesis, candidate: &account, kind, profile: &profile, nonce };
		let signature = payload.using_encoded(|bytes| candidate.sign(bytes));
		let call = RuntimeCall::Registry(pallet_registry::Call::apply { candidate: account, kind, profile, signature: signature.into() });
		Ok(educhain_runtime::signing::general(call).encode())
	}

	/// Apply to join as `candidate` (see [`Self::application`]) and wait as `wait` says.
	pub async fn apply(&self, candidate: &Signer, kind: InstitutionKind, profile: H256, wait: Wait) -> Result<Landed> {
		self.submit(&self.application(candidate, kind, profile).await?, wait).await
	}

	/// The events of block `hash`.
	pub async fn events(&self, hash: H256) -> Result<Vec<EventRecord<RuntimeEvent, H256>>> {
		let key = frame_support::storage::storage_prefix(b"System", b"Events");
		Ok(self.storage_decoded(&key, Some(hash)).await?.unwrap_or_default())
	}

	/// The extrinsics that failed in block `hash`: each one's index in the block, and why.
	pub async fn failures(&self, hash: H256) -> Result<Vec<(u32, Failure)>> {
		Ok(self
			.events(hash)
			.await?
			.into_iter()
			.filter_map(|r| match (r.phase, r.event) {
				(Phase::ApplyExtrinsic(i), RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { dispatch_error, .. })) =>
					Some((i, names::dispatch_failure(dispatch_error))),
				_ => None,
			})
			.collect())
	}
}


/// The pallet index of the call in the encoded extrinsic `xt`, when it decodes.
fn call_pallet(xt: &[u8]) -> Option<u8> {
	let decoded = <educhain_runtime::UncheckedExtrinsic as codec::Decode>::decode(&mut &xt[..]).ok()?;
	decoded.function.encode().first().copied()
}

impl Watch<'_> {
	/// Wait as `wait` says, and check that the call succeeded in its block. A transaction the
	/// pool reports dropped (its limits, not the transaction's fault) is handed to it again, at
	/// most [`RESUBMISSIONS`] times; any other end is an error that names it.
	pub async fn landed(self, wait: Wait) -> Result<Landed> {
		let (client, xt) = (self.client, self.xt.clone());
		let mut watch = self;
		let mut attempts = 0;
		loop {
			let status = match watch.outcome(wait == Wait::Finalized, INCLUSION_LIMIT).await? {
				TxOutcome::InBlock(block) | TxOutcome::Finalized(block) => return client.check(&xt, block).await,
				TxOutcome::NotIncluded(status) => status,
			};
			if !crate::watch::dropped(&status) || attempts == RESUBMISSIONS {
				return Err(Error::Refused(Failure::said(format!("not included: {status}"))));
			}
			attempts += 1;
			watch = client.send(&xt).await?;
		}
	}
}
