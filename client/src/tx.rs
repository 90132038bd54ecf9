//! Building, signing, submitting and checking educhain transactions.

use crate::rpc::{Rpc, TxOutcome};
use codec::{Decode, Encode};
use educhain_runtime::{
	signing::{sign, SigningContext},
	AccountId, Runtime, RuntimeCall, RuntimeError, RuntimeEvent,
};
use frame_system::{EventRecord, Phase};
use sp_core::{sr25519, Pair, H256};
use sp_runtime::DispatchError;
use std::{str::FromStr, time::Duration};

/// How long a transaction may take to reach a block.
const INCLUSION_LIMIT: Duration = Duration::from_secs(120);

/// Why a transaction did not take effect.
#[derive(Debug)]
pub enum TxError {
	/// The node refused it or it left the pool unincluded; the node's words.
	NotIncluded(String),
	/// It is in a block but its call failed: the pallet's error, or the dispatch error.
	Failed(Result<RuntimeError, DispatchError>),
}

impl core::fmt::Display for TxError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			TxError::NotIncluded(why) => write!(f, "not included: {why}"),
			TxError::Failed(Ok(e)) => write!(f, "failed: {e:?}"),
			TxError::Failed(Err(e)) => write!(f, "failed: {e:?}"),
		}
	}
}

impl std::error::Error for TxError {}

/// Where a transaction landed.
#[derive(Debug, Clone, PartialEq)]
pub struct Included {
	/// The block's hash, `0x`-hex.
	pub block: String,
	/// The extrinsic's index in the block.
	pub index: u32,
	/// The encoded extrinsic's length in bytes.
	pub bytes: usize,
}

/// The genesis hash and current runtime version of the chain behind `rpc`.
pub async fn signing_context(rpc: &Rpc) -> SigningContext {
	let genesis = rpc.block_hash(0).await.expect("genesis hash");
	let version = rpc.must("state_getRuntimeVersion", vec![]).await;
	SigningContext {
		genesis_hash: H256::from_str(&genesis).expect("hash"),
		spec_version: version["specVersion"].as_u64().expect("specVersion") as u32,
		transaction_version: version["transactionVersion"].as_u64().expect("transactionVersion")
			as u32,
	}
}

/// The on-chain nonce of `who` at the best block (0 for an account that does not exist).
pub async fn nonce(rpc: &Rpc, who: &AccountId) -> u32 {
	let key = frame_system::Account::<Runtime>::hashed_key_for(who);
	match rpc.storage(&key).await {
		None => 0,
		Some(bytes) => {
			frame_system::AccountInfo::<u32, ()>::decode(&mut &bytes[..]).expect("AccountInfo").nonce
		},
	}
}

/// `registry.apply` by `candidate` as a `kind` institution with `profile`, as the general
/// transaction it must be: the candidate's signature is inside the call. `nonce` is the number
/// of applications the candidate has made before.
pub async fn application(
	rpc: &Rpc,
	candidate: &sr25519::Pair,
	kind: pallet_registry::InstitutionKind,
	profile: H256,
	nonce: u32,
) -> Vec<u8> {
	use pallet_registry::{ApplicationPayload, APPLICATION_CONTEXT};
	let genesis = H256::from_str(&rpc.block_hash(0).await.expect("genesis")).expect("hash");
	let account: AccountId = candidate.public().into();
	let payload = ApplicationPayload {
		context: APPLICATION_CONTEXT,
		genesis: &genesis,
		candidate: &account,
		kind,
		profile: &profile,
		nonce,
	};
	let signature = payload.using_encoded(|bytes| candidate.sign(bytes));
	let call = RuntimeCall::Registry(pallet_registry::Call::apply {
		candidate: account,
		kind,
		profile,
		signature: signature.into(),
	});
	educhain_runtime::signing::general(call).encode()
}

/// The extrinsics of block `hash`, encoded.
pub async fn block_extrinsics(rpc: &Rpc, hash: &str) -> Vec<Vec<u8>> {
	let block = rpc.must("chain_getBlock", vec![hash.into()]).await;
	block["block"]["extrinsics"]
		.as_array()
		.expect("extrinsics")
		.iter()
		.map(|x| hex::decode(x.as_str().expect("hex").trim_start_matches("0x")).expect("hex"))
		.collect()
}

/// The events of block `hash`.
pub async fn events(rpc: &Rpc, hash: &str) -> Vec<EventRecord<RuntimeEvent, H256>> {
	let key = frame_support::storage::storage_prefix(b"System", b"Events");
	let args = vec![format!("0x{}", hex::encode(key)).into(), hash.into()];
	let value = rpc.must("state_getStorage", args).await;
	let Some(text) = value.as_str() else { return vec![] };
	let bytes = hex::decode(text.trim_start_matches("0x")).expect("hex");
	Decode::decode(&mut &bytes[..]).expect("events")
}

fn runtime_error(dispatch_error: DispatchError) -> Result<RuntimeError, DispatchError> {
	RuntimeError::from_dispatch_error(dispatch_error).ok_or(dispatch_error)
}

/// The runtime errors of the extrinsics that failed in block `hash` (the ones that decode as a
/// pallet's error; others as their dispatch error).
pub async fn runtime_errors(rpc: &Rpc, hash: &str) -> Vec<Result<RuntimeError, DispatchError>> {
	events(rpc, hash)
		.await
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { dispatch_error, .. }) =>
				Some(runtime_error(dispatch_error)),
			_ => None,
		})
		.collect()
}

/// Submit the encoded extrinsic `xt`, wait until it is in a block, and check that its call
/// succeeded there.
pub async fn submit(rpc: &Rpc, xt: &[u8]) -> Result<Included, TxError> {
	let outcome = rpc
		.submit_and_watch(xt, false, INCLUSION_LIMIT)
		.await
		.map_err(|e| TxError::NotIncluded(e.to_string()))?;
	let block = match outcome {
		TxOutcome::InBlock(block) | TxOutcome::Finalized(block) => block,
		TxOutcome::NotIncluded(status) => return Err(TxError::NotIncluded(status.to_string())),
	};
	let index = block_extrinsics(rpc, &block)
		.await
		.iter()
		.position(|x| x[..] == xt[..])
		.expect("the block the node reported holds the extrinsic") as u32;
	let failed = events(rpc, &block).await.into_iter().find_map(|r| match (r.phase, r.event) {
		(
			Phase::ApplyExtrinsic(i),
			RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { dispatch_error, .. }),
		) if i == index => Some(dispatch_error),
		_ => None,
	});
	match failed {
		Some(e) => Err(TxError::Failed(runtime_error(e))),
		None => Ok(Included { block, index, bytes: xt.len() }),
	}
}

/// Sign `call` as `signer` with its next nonce, submit it and check it succeeded.
pub async fn sign_and_submit(rpc: &Rpc, call: RuntimeCall, signer: &sr25519::Pair) -> Result<Included, TxError> {
	let ctx = signing_context(rpc).await;
	let nonce = nonce(rpc, &signer.public().into()).await;
	submit(rpc, &sign(call, signer, nonce, ctx).encode()).await
}
