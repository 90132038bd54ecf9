//! Building, signing and reading educhain transactions and state from a test.

use crate::rpc::Rpc;
use codec::{Decode, Encode};
use educhain_runtime::{
	signing::{sign, SigningContext},
	Runtime, RuntimeCall, UncheckedExtrinsic,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;

pub use educhain_client::tx::{runtime_errors, signing_context};

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
	educhain_client::tx::nonce(rpc, &who.to_account_id()).await
}

/// The ministry accounts stored on chain, raw.
pub async fn ministry_accounts_raw(rpc: &Rpc) -> Option<Vec<u8>> {
	rpc.storage(&pallet_ministry::Accounts::<Runtime>::hashed_key()).await
}

/// `registry.apply` by the dev account `who` as a college with `profile` (see
/// [`educhain_client::tx::application`]).
pub async fn application(rpc: &Rpc, who: Sr25519Keyring, profile: H256, nonce: u32) -> Vec<u8> {
	let kind = pallet_registry::InstitutionKind::College;
	educhain_client::tx::application(rpc, &who.pair(), kind, profile, nonce).await
}

/// `session.set_keys` with the SCALE-encoded `keys` and `proof` that
/// `author_rotateKeysWithOwner` returned.
pub fn set_keys(keys: &[u8], proof: &[u8]) -> RuntimeCall {
	let keys = educhain_runtime::SessionKeys::decode(&mut &keys[..]).expect("session keys");
	RuntimeCall::Session(pallet_session::Call::set_keys { keys, proof: proof.to_vec() })
}

/// The Aura authorities at block `hash` (the best block if `None`).
pub async fn aura_authorities(
	rpc: &Rpc,
	hash: Option<&str>,
) -> Vec<sp_consensus_aura::sr25519::AuthorityId> {
	let key = pallet_aura::Authorities::<Runtime>::hashed_key();
	let mut args = vec![format!("0x{}", hex::encode(key)).into()];
	if let Some(hash) = hash {
		args.push(hash.into());
	}
	let value = rpc.must("state_getStorage", args).await;
	let bytes = hex::decode(value.as_str().expect("authorities are set").trim_start_matches("0x"))
		.expect("hex");
	Vec::decode(&mut &bytes[..]).expect("authorities")
}

/// The GRANDPA authorities at the best block.
pub async fn grandpa_authorities(rpc: &Rpc) -> Vec<sp_consensus_grandpa::AuthorityId> {
	let raw = rpc.storage(&pallet_grandpa::Authorities::<Runtime>::hashed_key()).await.expect("GRANDPA authorities");
	let weighted = Vec::<(sp_consensus_grandpa::AuthorityId, u64)>::decode(&mut &raw[..]).expect("authorities");
	weighted.into_iter().map(|(id, _)| id).collect()
}

/// The Aura key that authored block `number`: the authority of its slot.
pub async fn block_author(rpc: &Rpc, number: u32) -> sp_consensus_aura::sr25519::AuthorityId {
	let hash = rpc.block_hash(number).await.expect("block exists");
	let header = rpc.must("chain_getHeader", vec![hash.clone().into()]).await;
	let parent = header["parentHash"].as_str().expect("parent").to_string();
	let slot = header["digest"]["logs"]
		.as_array()
		.expect("logs")
		.iter()
		.find_map(|log| {
			let bytes = hex::decode(log.as_str()?.trim_start_matches("0x")).ok()?;
			let item = sp_runtime::generic::DigestItem::decode(&mut &bytes[..]).ok()?;
			item.pre_runtime_try_to::<u64>(&sp_consensus_aura::AURA_ENGINE_ID)
		})
		.expect("an Aura pre-runtime digest");
	let authorities = aura_authorities(rpc, Some(&parent)).await;
	authorities[(slot % authorities.len() as u64) as usize].clone()
}

/// Submit `xt` and wait until it is in a block; panics, naming `what`, if it is not.
pub async fn included(rpc: &Rpc, xt: Vec<u8>, what: &str) {
	let limit = std::time::Duration::from_secs(120);
	match rpc.submit_and_watch(&xt, false, limit).await {
		Ok(crate::rpc::TxOutcome::InBlock(_)) => {},
		other => panic!("{what}: {other:?}"),
	}
}

/// Sign `call` as `who` with its next nonce, submit it and wait until it is in a block.
pub async fn sign_and_include(rpc: &Rpc, call: RuntimeCall, who: Sr25519Keyring, what: &str) {
	let ctx = signing_context(rpc).await;
	let nonce = nonce(rpc, who).await;
	included(rpc, signed(call, who, nonce, ctx), what).await;
}

/// The errors of the extrinsics that failed in block `hash`, as `Pallet(Error)` strings.
pub async fn failures(rpc: &Rpc, hash: &str) -> Vec<String> {
	runtime_errors(rpc, hash)
		.await
		.into_iter()
		.map(|e| match e {
			Ok(e) => format!("{e:?}"),
			Err(e) => format!("{e:?}"),
		})
		.collect()
}
