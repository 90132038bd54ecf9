//! The flags of a light client, shared by `educhain-verify` and `educhain-cli credentials`, so
//! that both say and read them alike.

use crate::Source;
use std::{path::PathBuf, time::Duration};

/// How long a light client may take to sync before the verifier gives up, unless its user
/// says otherwise.
pub const LIGHT_SYNC_LIMIT: Duration = Duration::from_secs(60);

/// How a user sets up a light client: each from a flag, else from the environment.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct LightArgs {
	/// The network's raw chain spec, for the light client (default: $EDUCHAIN_CHAIN_SPEC; for a
	/// dev chain: `educhain-node build-spec --dev --raw > dev.json`).
	#[arg(long)]
	pub chain_spec: Option<PathBuf>,
	/// Keep the light client's state in this file between runs, for a faster start (its folder
	/// must exist).
	#[arg(long, value_parser = educhain_client::files::in_existing_folder)]
	pub light_db: Option<PathBuf>,
	/// Seconds the light client may take to sync (default: $EDUCHAIN_SYNC_LIMIT, or 60).
	#[arg(long, value_name = "SECONDS")]
	pub sync_limit: Option<u64>,
}

impl LightArgs {
	/// The chain spec file: `--chain-spec`, else `$EDUCHAIN_CHAIN_SPEC`.
	pub fn chain_spec(&self) -> Result<PathBuf, String> {
		let named = self.chain_spec.clone().or_else(|| std::env::var_os("EDUCHAIN_CHAIN_SPEC").map(PathBuf::from));
		named.ok_or_else(|| "the network's raw chain spec is needed: --chain-spec FILE or $EDUCHAIN_CHAIN_SPEC".into())
	}

	/// How long the light client may take to sync: `--sync-limit`, else `$EDUCHAIN_SYNC_LIMIT`
	/// (seconds), else [`LIGHT_SYNC_LIMIT`].
	pub fn sync_limit(&self) -> Result<Duration, String> {
		let seconds = match (self.sync_limit, std::env::var("EDUCHAIN_SYNC_LIMIT")) {
			(Some(seconds), _) => seconds,
			(None, Ok(text)) => text.trim().parse().map_err(|_| format!("EDUCHAIN_SYNC_LIMIT={text}: not a number of seconds"))?,
			(None, Err(_)) => return Ok(LIGHT_SYNC_LIMIT),
		};
		match seconds {
			0 => Err("a sync limit of 0 seconds leaves the light client no time to sync".into()),
			_ => Ok(Duration::from_secs(seconds)),
		}
	}

	/// The light client these flags set up, with peer addresses learnt from the node at
	/// `peers_from` if given (only addresses: nothing it says about the chain is used). Its
	/// limit and chain spec are checked before any node is asked.
	pub async fn source(&self, peers_from: Option<&str>) -> Result<Source, String> {
		let (spec, sync_limit) = (self.chain_spec()?, self.sync_limit()?);
		let chain_spec = std::fs::read_to_string(&spec).map_err(|e| format!("{}: {e}", spec.display()))?;
		let peers = match peers_from {
			Some(url) => educhain_client::light::peers_of(url).await.map_err(|e| format!("peer addresses from {url}: {e}"))?,
			None => Vec::new(),
		};
		Ok(Source::Light { chain_spec, peers, database: self.light_db.clone(), sync_limit })
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	// Only flags here: the environment is the process's, shared by tests running at once.
	#[test]
	fn flags_come_before_the_environment_and_no_time_is_refused() {
		let flags = |seconds| LightArgs { chain_spec: Some("spec.json".into()), sync_limit: Some(seconds), ..Default::default() };
		assert_eq!(flags(90).sync_limit(), Ok(Duration::from_secs(90)));
		assert_eq!(flags(0).sync_limit(), Err("a sync limit of 0 seconds leaves the light client no time to sync".into()));
		assert_eq!(flags(1).chain_spec(), Ok(PathBuf::from("spec.json")));
	}
}
