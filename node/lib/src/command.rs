//! Subcommand dispatch.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};
use educhain_runtime::opaque::Block;
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;
use std::sync::OnceLock;

/// What the node binary adds to this library. The binary is its own crate so that what changes
/// with every commit (the version) and between builds (the WASM) is compiled there alone.
#[derive(Clone, Copy, Debug)]
pub struct Build {
	/// The version with the commit, `SUBSTRATE_CLI_IMPL_VERSION` of the binary's build script.
	pub version: &'static str,
	/// The binary's description, for `--help`.
	pub description: &'static str,
	/// The runtime's WASM for the specs the node builds itself (`dev`, `local`, a ministry
	/// template); `None` in a node built without it, which runs chain spec files only.
	pub runtime_wasm: Option<&'static [u8]>,
}

/// Set once by [`run`]: `SubstrateCli`'s methods that need it take no `self`.
static BUILD: OnceLock<Build> = OnceLock::new();

fn build() -> &'static Build {
	BUILD.get().expect("run() sets the build before sc-cli asks for it")
}

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"educhain node".into()
	}

	fn impl_version() -> String {
		build().version.into()
	}

	fn description() -> String {
		build().description.into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://example.invalid/educhain/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		chain_spec::load(id, build().runtime_wasm)
	}
}

/// The node binary's `main`: [`run`], with an error said once, as a sentence, and exit code 1.
/// (A `main` returning `sc_cli::Result` prints its error's `Debug` form, `Error: Input("…")`,
/// after commands such as `audit replay` have already said why.)
pub fn main(build: Build) -> std::process::ExitCode {
	match run(build) {
		Ok(()) => std::process::ExitCode::SUCCESS,
		Err(e) => {
			match e {
				// Its `Display` adds "Invalid input: " to messages written for people.
				sc_cli::Error::Input(message) => eprintln!("Error: {message}"),
				e => eprintln!("Error: {e}"),
			}
			std::process::ExitCode::FAILURE
		},
	}
}

/// Parse the command line and run it, as the node `build` describes.
pub fn run(build: Build) -> sc_cli::Result<()> {
	BUILD.set(build).map_err(|_| "the node runs once per process".to_string())?;
	let mut cli = Cli::from_args();
	// educhain's network stack is libp2p; sc-cli's default is litep2p. An explicit
	// `--network-backend` still wins.
	if !std::env::args().any(|a| a.starts_with("--network-backend")) {
		cli.run.network_params.network_backend = sc_cli::arg_enums::NetworkBackendType::Libp2p;
	}
	// The fork-aware pool (sc-cli's default) drops transactions it has accepted when a sender
	// submits faster than blocks come: see the README, "The transaction pool". An explicit
	// `--pool-type` still wins.
	if !std::env::args().any(|a| a.starts_with("--pool-type")) {
		cli.run.pool_config.pool_type = sc_cli::TransactionPoolType::SingleState;
	}

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		},
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let chain_spec = cli.load_spec(&cmd.chain)?;
			cmd.run(chain_spec)
		},
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		},
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		},
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::Audit(crate::audit::AuditCmd::Replay(cmd))) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let base = config.base_path.path().to_path_buf();
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((async move { crate::audit::replay(cmd, client, import_queue, &base).await }, task_manager))
			})
		},
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		},
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config)?;
				// GRANDPA keeps its own authority-set data; revert it together with the blocks.
				let aux_revert = Box::new(|client, _, blocks| {
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		},
		Some(Subcommand::Benchmark(cmd)) => crate::benchmarking::run(&cli, cmd),
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		},
		None => {
			let runner = cli.create_runner(&cli.run)?;
			runner.run_node_until_exit(|config| async move {
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<Block, <Block as sp_runtime::traits::Block>::Hash>,
					>(config),
					sc_network::config::NetworkBackendType::Litep2p =>
						service::new_full::<sc_network::Litep2pNetworkBackend>(config),
				}
				.map_err(sc_cli::Error::Service)
			})
		},
	}
}
