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
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit(ctx));
	let signature = payload.using_encoded(sign);
	UncheckedExtrinsic::new_signed(call, Address::Id(account), Signature::Sr25519(signature), extension)
}

/// What the extensions add to the signed payload without sending it: the versions and the
/// genesis hash (twice: `CheckGenesis`, and `CheckEra`'s birth block of an immortal era).
fn implicit(
	ctx: SigningContext,
) -> <TxExtension as sp_runtime::traits::TransactionExtension<RuntimeCall>>::Implicit {
	((), (), ctx.spec_version, ctx.transaction_version, ctx.genesis_hash, ctx.genesis_hash, (), (), (), ())
}

/// Sign a call given as its bytes, for a runtime whose calls this one's `RuntimeCall` can no
/// longer express (a migration test writes records the way an older runtime took them). The
/// layout is the signed extrinsic of format version 4, as [`sign`] makes it: the payload (call,
/// extensions, implicit data) is signed, hashed first when over 256 bytes.
pub fn sign_encoded(call: &[u8], signer: &sr25519::Pair, nonce: crate::Nonce, ctx: SigningContext) -> Vec<u8> {
	let extension = tx_extension(nonce);
	let mut payload = call.to_vec();
	(&extension, implicit(ctx)).encode_to(&mut payload);
	let signature = match payload.len() > 256 {
		true => signer.sign(&sp_io::hashing::blake2_256(&payload)),
		false => signer.sign(&payload),
	};
	// The preamble byte: format version 4 with the "signed" bit.
	let mut body = alloc::vec![0x84u8];
	(Address::Id(signer.public().into()), Signature::Sr25519(signature), extension).encode_to(&mut body);
	body.extend_from_slice(call);
	let mut xt = codec::Compact(body.len() as u32).encode();
	xt.extend(body);
	xt
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_runtime::traits::Checkable;

	/// A call signed from its bytes is the extrinsic [`sign`] makes: it decodes, and its
	/// signature checks against the same payload.
	#[test]
	fn a_call_signed_from_its_bytes_decodes_and_checks() {
		let pair = sr25519::Pair::from_string("//Alice", None).unwrap();
		let genesis_hash = H256::repeat_byte(7);
		let version = crate::VERSION;
		let ctx = SigningContext { genesis_hash, spec_version: version.spec_version, transaction_version: version.transaction_version };
		// Long enough to be hashed before signing, and short.
		let remark = |n| RuntimeCall::System(frame_system::Call::remark { remark: alloc::vec![1; n] });
		sp_io::TestExternalities::default().execute_with(|| {
			// What `CheckGenesis` and `CheckEra` put in the payload.
			frame_system::BlockHash::<crate::Runtime>::insert(0, genesis_hash);
			for call in [remark(300), remark(0)] {
				let xt = sign_encoded(&call.encode(), &pair, 5, ctx);
				let decoded = <UncheckedExtrinsic as codec::Decode>::decode(&mut &xt[..]).unwrap();
				assert_eq!(decoded.function, call);
				// `check` verifies the signature against the payload the runtime rebuilds.
				let checked = decoded.check(&frame_system::ChainContext::<crate::Runtime>::default());
				assert!(checked.is_ok(), "{checked:?}");
			}
		});
	}
}

/// A general transaction carrying `call`, for calls that a pallet authorizes by its own rule
/// (such as `registry.apply`). Nothing is signed: the runtime computes the extensions' implicit
/// data itself, and the nonce is ignored for an unsigned origin.
pub fn general(call: RuntimeCall) -> UncheckedExtrinsic {
	UncheckedExtrinsic::new_transaction(call, tx_extension(0))
}
