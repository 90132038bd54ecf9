//! Helpers for the `benchmark overhead` and `benchmark extrinsic` subcommands.

use educhain_runtime::{
	signing::{sign, SigningContext},
	RuntimeCall,
};
use codec::Encode;
use frame_benchmarking_cli::ExtrinsicBuilder;
use sp_inherents::{InherentData, InherentDataProvider};
use sp_keyring::Sr25519Keyring;
use sp_runtime::OpaqueExtrinsic;

/// Builds empty `system.remark` transactions signed by Alice, the dev chain's ministry (a member,
/// so `CheckMember` admits them).
pub struct RemarkBuilder {
	ctx: SigningContext,
}

impl RemarkBuilder {
	pub fn new(ctx: SigningContext) -> Self {
		Self { ctx }
	}
}

impl ExtrinsicBuilder for RemarkBuilder {
	fn pallet(&self) -> &str {
		"system"
	}

	fn extrinsic(&self) -> &str {
		"remark"
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		let xt = sign(call, &Sr25519Keyring::Alice.pair(), nonce, self.ctx);
		OpaqueExtrinsic::try_from_encoded_extrinsic(&xt.encode()).map_err(|_| "cannot re-encode the extrinsic")
	}
}

/// Inherent data for benchmark blocks: a timestamp of zero.
pub fn inherent_benchmark_data() -> sc_cli::Result<InherentData> {
	let mut inherent_data = InherentData::new();
	let timestamp = sp_timestamp::InherentDataProvider::new(0.into());
	futures::executor::block_on(timestamp.provide_inherent_data(&mut inherent_data))
		.map_err(|e| format!("creating inherent data: {e:?}"))?;
	Ok(inherent_data)
}
