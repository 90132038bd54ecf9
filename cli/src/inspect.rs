//! `chain`: what any metadata-driven client sees, with no educhain-specific types: the pallets
//! and their calls, storage, events, errors and constants; every storage entry of a pallet,
//! decoded; and a block's events, decoded. It shows that a standard client needs nothing but
//! the runtime's metadata (see `docs/rpc.md`, "Standard clients").

use crate::context::{to_json, Error, Global, Output};
use clap::Subcommand;
use educhain_client::metadata::Metadata;

#[derive(Subcommand)]
pub enum Inspect {
	/// The runtime's pallets with the number of calls, storage items, events, errors and
	/// constants each has.
	Pallets,
	/// Every storage entry of a pallet, each key and value decoded from the metadata.
	Storage {
		/// The pallet's name, as `chain pallets` lists it (for example Registry).
		pallet: String,
	},
	/// The events of the best block, or of block HASH, decoded from the metadata.
	Events {
		/// The block's hash (0x-hex); without it, the best block.
		#[arg(value_parser = crate::audit::block_hash)]
		block: Option<sp_core::H256>,
	},
}

/// Run a `chain` subcommand.
pub async fn run(global: &Global, command: &Inspect) -> Result<Output, Error> {
	let chain = Metadata::connect(&global.url).await?;
	Ok(match command {
		Inspect::Pallets => Output::list(&chain.pallets().await?, |p| {
			format!(
				"{} ({}): {} calls, {} storage items, {} events, {} errors, {} constants",
				p.name, p.index, p.calls, p.storage, p.events, p.errors, p.constants
			)
		})?,
		Inspect::Storage { pallet } => {
			let items = chain.storage(pallet).await?;
			let human = items
				.iter()
				.map(|(name, values)| {
					let lines: Vec<String> = values
						.iter()
						.map(|v| match &v.key {
							Some(k) => format!("  {k} => {}", v.value),
							None => format!("  {}", v.value),
						})
						.collect();
					format!("{pallet}.{name}: {} entries\n{}", lines.len(), lines.join("\n"))
				})
				.collect::<Vec<_>>()
				.join("\n");
			Output { json: to_json(&items)?, human }
		},
		Inspect::Events { block } => Output::list(&chain.events(*block).await?, |e| format!("{} {}", e.event, e.fields))?,
	})
}
