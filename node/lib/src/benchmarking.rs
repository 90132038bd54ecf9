//! The `benchmark` subcommand. frame-benchmarking-cli brings about 125 crates into the node
//! (polkadot-overseer, XCM, staking, subxt, jemalloc), which cost minutes of every cold build, so
//! only a node built with the `benchmark` feature has it; `scripts/weights.sh` builds that one.

#[cfg(not(feature = "benchmark"))]
/// Refuses the subcommand, naming the feature that provides it.
pub fn run(_cli: &crate::cli::Cli, _cmd: &crate::cli::NoBenchmarks) -> sc_cli::Result<()> {
	Err("this educhain-node was built without benchmarks: build it with \
	     `cargo build --release -p educhain-node --features benchmark` (scripts/weights.sh does)"
		.into())
}

#[cfg(feature = "benchmark")]
pub use with_benchmarks::run;

#[cfg(feature = "benchmark")]
mod with_benchmarks {
	use crate::{cli::Cli, service};
	use codec::Encode;
	use educhain_runtime::{
		opaque::Block,
		signing::{sign, SigningContext},
		RuntimeCall, VERSION,
	};
	use frame_benchmarking_cli::{
		BenchmarkCmd, ExtrinsicBuilder, ExtrinsicFactory, SUBSTRATE_REFERENCE_HARDWARE,
	};
	use sc_cli::SubstrateCli;
	use sc_service::PartialComponents;
	use sp_inherents::{InherentData, InherentDataProvider};
	use sp_keyring::Sr25519Keyring;
	use sp_runtime::{traits::HashingFor, OpaqueExtrinsic};

	/// Runs one `benchmark` subcommand.
	pub fn run(cli: &Cli, cmd: &BenchmarkCmd) -> sc_cli::Result<()> {
		let runner = cli.create_runner(cmd)?;
		runner.sync_run(|config| match cmd {
			// Runs the benchmarks compiled into the runtime given with `--runtime` (a
			// `runtime-benchmarks` build, see scripts/weights.sh) or the chain's runtime.
			BenchmarkCmd::Pallet(cmd) =>
				cmd.run_with_spec::<HashingFor<Block>, ()>(Some(config.chain_spec)),
			BenchmarkCmd::Block(cmd) => {
				let PartialComponents { client, .. } = service::new_partial(&config)?;
				cmd.run(client)
			},
			BenchmarkCmd::Storage(_) => Err(
				"storage benchmarks need a node built with sc-client-db's runtime-benchmarks \
				 feature; educhain uses ParityDB's published weights instead"
					.into(),
			),
			BenchmarkCmd::Overhead(cmd) => cmd.run_with_extrinsic_builder_and_spec::<Block, ()>(
				Box::new(|_metadata, genesis_hash, version| {
					Box::new(RemarkBuilder::new(SigningContext {
						genesis_hash,
						spec_version: version.spec_version,
						transaction_version: version.transaction_version,
					})) as Box<dyn ExtrinsicBuilder>
				}),
				Some(config.chain_spec),
			),
			BenchmarkCmd::Extrinsic(cmd) => {
				let PartialComponents { client, .. } = service::new_partial(&config)?;
				let genesis_hash = sc_client_api::BlockBackend::block_hash(&*client, 0)?
					.ok_or("no genesis block")?;
				let factory = ExtrinsicFactory(vec![Box::new(RemarkBuilder::new(
					SigningContext {
						genesis_hash,
						spec_version: VERSION.spec_version,
						transaction_version: VERSION.transaction_version,
					},
				))]);
				cmd.run(client, inherent_benchmark_data()?, Vec::new(), &factory)
			},
			BenchmarkCmd::Machine(cmd) =>
				cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone()),
		})
	}

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
}
