//! Building signed extrinsics off chain (std only).
//!
//! The node's benchmark commands and the end-to-end tests sign transactions with these helpers,
//! so the transaction extension tuple is written down once, next to its definition.

use crate::{Address, RuntimeCall, Signature, SignedPayload, TxExtension, UncheckedExtrinsic};
use codec::Encode;
use sp_core::{sr25519, Pair, H256};
use sp_runtime::generic::Era;

/// What a signature commits to besides the call: the chain and runtime it is meant for.
#[derive(Clone, Copy, Debug)]
pub struct SigningContext {
	/// Genesis hash of the chain.
	pub genesis_hash: H256,
	/// The on-chain runtime's `spec_version`.
	pub spec_version: u32,
	/// The on-chain runtime's `transaction_version`.
	pub transaction_version: u32,
}

/// The transaction extensions for a transaction with `nonce` (immortal era).
pub fn tx_extension(nonce: crate::Nonce) -> TxExtension {
	(
		frame_system::AuthorizeCall::new(),
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		pallet_admission::CheckMember::new(),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		frame_system::WeightReclaim::new(),
	)
}

/// Sign `call` with `signer` at `nonce` for the chain and runtime in `ctx`.
pub fn sign(
	call: RuntimeCall,
	signer: &sr25519::Pair,
	nonce: crate::Nonce,
	ctx: SigningContext,
) -> UncheckedExtrinsic {
	sign_with(call, signer.public().into(), nonce, ctx, |bytes| signer.sign(bytes))
}

/// Sign `call` as `account` at `nonce` for the chain and runtime in `ctx`, with `sign` making
/// the sr25519 signature of the payload: for keys that are not an sp-core pair.
pub fn sign_with(
	call: RuntimeCall,
	account: crate::AccountId,
	nonce: crate::Nonce,
	ctx: SigningContext,
	sign: impl FnOnce(&[u8]) -> sr25519::Signature,
) -> UncheckedExtrinsic {
	let extension = tx_extension(nonce);
	let implicit = (
		(),
		(),
		ctx.spec_version,
		ctx.transaction_version,
		ctx.genesis_hash,
		ctx.genesis_hash,
		(),
		(),
		(),
		(),
	);
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(sign);
	UncheckedExtrinsic::new_signed(call, Address::Id(account), Signature::Sr25519(signature), extension)
}

/// A general transaction carrying `call`, for calls that a pallet authorizes by its own rule
/// (such as `registry.apply`). Nothing is signed: the runtime computes the extensions' implicit
/// data itself, and the nonce is ignored for an unsigned origin.
pub fn general(call: RuntimeCall) -> UncheckedExtrinsic {
	UncheckedExtrinsic::new_transaction(call, tx_extension(0))
}
