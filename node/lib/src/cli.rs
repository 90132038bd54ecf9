//! Command-line interface.

/// The node's subcommands; without one, the node runs.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert into a keystore.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (plain, or raw with `--raw`).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export a chain specification.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmarks: pallets (weights), storage, block, overhead, extrinsic, machine.
	#[cfg(feature = "benchmark")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Benchmarks: not in this build (build with `--features benchmark`; scripts/weights.sh does).
	#[cfg(not(feature = "benchmark"))]
	Benchmark(NoBenchmarks),

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// The auditor's tools: replay a chain from a block file and check it.
	#[command(subcommand)]
	Audit(crate::audit::AuditCmd),
}

/// The educhain node's command line.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}

/// Takes the place of the `benchmark` subcommand in a node built without the `benchmark` feature,
/// so that asking for it says how to get it instead of "unrecognized subcommand".
#[cfg(not(feature = "benchmark"))]
#[derive(Debug, clap::Args)]
pub struct NoBenchmarks {
	/// Whatever followed `benchmark`; refused as a whole.
	#[arg(trailing_var_arg = true, allow_hyphen_values = true)]
	pub args: Vec<String>,
}
