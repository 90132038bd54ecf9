//! Building, signing and reading educhain transactions and state from a test.

use crate::rpc::Rpc;
use codec::{Decode, Encode};
use educhain_runtime::{
	signing::{sign, SigningContext},
	Runtime, RuntimeCall, UncheckedExtrinsic,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;

/// What a signature commits to on the chain behind `rpc`.
pub async fn signing_context(rpc: &Rpc) -> SigningContext {
	rpc.client.signing_context().await.expect("the genesis hash and runtime version")
}

/// The errors of the extrinsics that failed in block `hash`: the pallet's error, or the
/// dispatch error when it is not a pallet's.
pub async fn runtime_errors(rpc: &Rpc, hash: &H256) -> Vec<Result<educhain_runtime::RuntimeError, sp_runtime::DispatchError>> {
	let failures = rpc.client.failures(*hash).await.expect("the block's events");
	failures
		.into_iter()
		.map(|(_, f)| match (f.runtime, f.dispatch) {
			(Some(e), _) => Ok(e),
			(None, Some(d)) => Err(d),
			(None, None) => panic!("a failure in a block without its dispatch error: {}", f.error),
		})
		.collect()
}

/// A `0x`-hex block hash.
pub fn block(hash: &str) -> H256 {
	hash.parse().unwrap_or_else(|e| panic!("block hash {hash}: {e:?}"))
}

/// `system.remark(data)`: a transaction that changes nothing but the signer's nonce.
pub fn remark(data: Vec<u8>) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: data })
}

/// `call` signed by the dev account `who` at `nonce`, encoded.
pub fn signed(call: RuntimeCall, who: Sr25519Keyring, nonce: u32, ctx: SigningContext) -> Vec<u8> {
	sign(call, &who.pair(), nonce, ctx).encode()
}

/// `call` as an unsigned ("bare") extrinsic, encoded.
pub fn unsigned(call: RuntimeCall) -> Vec<u8> {
	UncheckedExtrinsic::new_bare(call).encode()
}

/// The on-chain nonce of `who` at the best block (0 for an account that does not exist).
pub async fn nonce(rpc: &Rpc, who: Sr25519Keyring) -> u32 {
	rpc.client.nonce(&who.to_account_id()).await.expect("the account's nonce")
}

/// The ministry accounts stored on chain, raw.
pub async fn ministry_accounts_raw(rpc: &Rpc) -> Option<Vec<u8>> {
	rpc.storage(&pallet_ministry::Accounts::<Runtime>::hashed_key()).await
}

/// `registry.apply` by the dev account `who` as a college with `profile` (see
/// [`educhain_client::Client::application`]).
pub async fn application(rpc: &Rpc, who: Sr25519Keyring, profile: H256, nonce: u32) -> Vec<u8> {
	let kind = pallet_registry::InstitutionKind::College;
	rpc.client.application_at(&who.pair().into(), kind, profile, nonce).await.expect("the application")
}

/// `session.set_keys` with the SCALE-encoded `keys` and `proof` that
/// `author_rotateKeysWithOwner` returned.
pub fn set_keys(keys: &[u8], proof: &[u8]) -> RuntimeCall {
	let keys = educhain_runtime::SessionKeys::decode(&mut &keys[..]).expect("session keys");
	RuntimeCall::Session(pallet_session::Call::set_keys { keys, proof: proof.to_vec() })
}

/// The Aura authorities at block `hash` (the best block if `None`).
pub async fn aura_authorities(rpc: &Rpc, hash: Option<&str>) -> Vec<sp_consensus_aura::sr25519::AuthorityId> {
	let key = pallet_aura::Authorities::<Runtime>::hashed_key();
	let authorities = rpc.client.storage_decoded(&key, hash.map(block)).await.expect("state_getStorage");
	authorities.expect("authorities are set")
}

/// The GRANDPA authorities at the best block.
pub async fn grandpa_authorities(rpc: &Rpc) -> Vec<sp_consensus_grandpa::AuthorityId> {
	let key = pallet_grandpa::Authorities::<Runtime>::hashed_key();
	let weighted: Vec<(sp_consensus_grandpa::AuthorityId, u64)> =
		rpc.client.storage_decoded(&key, None).await.expect("state_getStorage").expect("GRANDPA authorities");
	weighted.into_iter().map(|(id, _)| id).collect()
}

/// The Aura key that authored block `number`: the authority of its slot.
pub async fn block_author(rpc: &Rpc, number: u32) -> sp_consensus_aura::sr25519::AuthorityId {
	let hash = rpc.client.block_hash(number).await.expect("chain_getBlockHash").expect("block exists");
	let header = rpc.client.header(Some(hash)).await.expect("the block's header");
	let slot = header
		.digest
		.logs
		.iter()
		.find_map(|log| log.pre_runtime_try_to::<u64>(&sp_consensus_aura::AURA_ENGINE_ID))
		.expect("an Aura pre-runtime digest");
	let authorities = aura_authorities(rpc, Some(&format!("{:?}", header.parent_hash))).await;
	authorities[(slot % authorities.len() as u64) as usize].clone()
}

/// Submit `xt`, wait until it is in a block, and check that its call succeeded there; panics,
/// naming `what`, if it did not.
pub async fn included(rpc: &Rpc, xt: Vec<u8>, what: &str) -> educhain_client::Landed {
	rpc.client.submit(&xt, educhain_client::Wait::InBlock).await.unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// Sign `call` as `who` with its next nonce, submit it and wait until it is in a block.
pub async fn sign_and_include(rpc: &Rpc, call: RuntimeCall, who: Sr25519Keyring, what: &str) -> educhain_client::Landed {
	let ctx = signing_context(rpc).await;
	let nonce = nonce(rpc, who).await;
	included(rpc, signed(call, who, nonce, ctx), what).await
}

/// The errors of the extrinsics that failed in block `hash`, as `Pallet(Error)` strings.
pub async fn failures(rpc: &Rpc, hash: &H256) -> Vec<String> {
	runtime_errors(rpc, hash)
		.await
		.into_iter()
		.map(|e| match e {
			Ok(e) => format!("{e:?}"),
			Err(e) => format!("{e:?}"),
		})
		.collect()
}

/// `AuditApi_check_invariants` at block `at` (the best block if `None`): every pallet's
/// invariants, `Err` with the runtime's message when one fails.
pub async fn invariants(rpc: &Rpc, at: Option<H256>) -> Result<(), String> {
	let answer: Result<(), Vec<u8>> = rpc.client.runtime_call("AuditApi_check_invariants", &[], at).await.expect("the runtime API");
	answer.map_err(|e| String::from_utf8_lossy(&e).into_owned())
}

/// How many peers `rpc`'s node has (`system_health`).
pub async fn peers(rpc: &Rpc) -> u64 {
	rpc.must("system_health", vec![]).await["peers"].as_u64().expect("peers")
}
