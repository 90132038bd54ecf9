//! Building, signing and reading educhain transactions and state from a test.

use crate::rpc::Rpc;
use codec::{Decode, Encode};
use educhain_runtime::{
	signing::{sign, SigningContext},
	AccountId, Runtime, RuntimeCall, UncheckedExtrinsic,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use std::str::FromStr;

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
	let account: AccountId = who.to_account_id();
	let key = frame_system::Account::<Runtime>::hashed_key_for(&account);
	match rpc.storage(&key).await {
		None => 0,
		Some(bytes) => {
			frame_system::AccountInfo::<u32, ()>::decode(&mut &bytes[..]).expect("AccountInfo").nonce
		},
	}
}

/// The ministry accounts stored on chain, raw.
pub async fn ministry_accounts_raw(rpc: &Rpc) -> Option<Vec<u8>> {
	rpc.storage(&pallet_ministry::Accounts::<Runtime>::hashed_key()).await
}
