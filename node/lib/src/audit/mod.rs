//! `educhain-node audit replay`: an auditor's offline replay of a chain from its spec and a
//! block file made by `export-blocks` on any node.
//!
//! Every block goes through the node's own import pipeline into a fresh database: its Aura
//! seal and GRANDPA justifications are verified and it is re-executed, which checks its state
//! root. Before that, the replay checks that each block is the next one, that its parent is
//! the block before it, and that its body is the one its header commits to, so that a missing
//! or altered block is named. After each block (or every N-th, `--check-every`) the runtime's
//! `AuditApi::check_invariants` runs every pallet's invariants on the new state. The report
//! counts what each institution, program and FL task did and lists every anomaly with its
//! block. A checkpoint after each chunk of blocks lets an interrupted replay resume with the
//! same `--base-path`.

mod blocks;
mod decode;
mod report;

use crate::service::FullClient;
use blocks::{BlockFile, FileBlock};
use codec::DecodeAll;
use educhain_runtime::{audit::AuditApi, opaque::Block, AccountId, Runtime};
use pallet_fl_ledger::api::FlLedgerApi;
use report::{ChainView, Report};
use sc_cli::{CliConfiguration, ImportParams, SharedParams};
use sc_client_api::StorageProvider;
use sc_consensus::{BlockImportError, BlockImportStatus, ImportQueue, IncomingBlock, Link};
use sc_service::{BasePath, PruningMode};
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::{storage::StorageKey, H256};
use sp_runtime::traits::{Block as BlockT, Header as HeaderT};
use std::{
	collections::BTreeMap,
	path::{Path, PathBuf},
	sync::{Arc, Mutex},
	time::Instant,
};

/// Blocks imported between checkpoints.
const CHUNK: usize = 256;

/// The auditor's commands.
#[derive(Debug, clap::Subcommand)]
pub enum AuditCmd {
	/// Replay a block file from genesis: verify and re-execute every block, check the
	/// invariants, and write a report.
	Replay(ReplayCmd),
}

/// `audit replay`.
#[derive(Debug, clap::Parser)]
pub struct ReplayCmd {
	/// The block file, from `export-blocks` (JSON, or SCALE with `--binary`; told apart by
	/// its first byte).
	#[arg(long)]
	pub blocks: PathBuf,
	/// Check the invariants after every N-th block and after the last one; 0 never.
	#[arg(long, default_value_t = 1)]
	pub check_every: u32,
	/// Write the JSON report to this file; the summary goes to stdout either way.
	#[arg(long)]
	pub report: Option<PathBuf>,
	#[allow(missing_docs)]
	#[clap(flatten)]
	pub shared_params: SharedParams,
	#[allow(missing_docs)]
	#[clap(flatten)]
	pub import_params: ImportParams,
}

impl CliConfiguration for ReplayCmd {
	fn shared_params(&self) -> &SharedParams {
		&self.shared_params
	}

	fn import_params(&self) -> Option<&ImportParams> {
		Some(&self.import_params)
	}

	/// A fresh temporary database unless `--base-path` keeps one to resume from.
	fn base_path(&self) -> sc_cli::Result<Option<BasePath>> {
		Ok(Some(match self.shared_params.base_path()? {
			Some(path) => path,
			None => BasePath::new_temp_dir()?,
		}))
	}

	/// Every state is kept: a resumed replay checks blocks imported before it stopped.
	fn state_pruning(&self) -> sc_cli::Result<Option<PruningMode>> {
		Ok(Some(PruningMode::ArchiveAll))
	}
}

/// What survives an interruption: the report so far and the classes seen.
#[derive(Default, Serialize, Deserialize)]
struct Checkpoint {
	report: Report,
	classes: BTreeMap<u64, AccountId>,
}

/// Collects the import queue's results.
#[derive(Default)]
struct Results(Mutex<Vec<(Result<BlockImportStatus<u32>, BlockImportError>, H256)>>);

impl Link<Block> for Results {
	fn blocks_processed(&self, _: usize, _: usize, results: Vec<(Result<BlockImportStatus<u32>, BlockImportError>, H256)>) {
		self.0.lock().expect("not poisoned").extend(results);
	}
}

/// The state around one block, for the report.
struct View<'a> {
	client: &'a FullClient,
	at: H256,
	parent: H256,
}

impl View<'_> {
	/// The value at `key` in the state at `at`, decoded as `T`; an entry that does not decode is
	/// an error, never taken for an absent one.
	fn read<T: DecodeAll>(&self, at: H256, key: Vec<u8>, what: &str) -> Result<Option<T>, String> {
		let Some(data) = self.client.storage(at, &StorageKey(key)).map_err(|e| format!("{what}: {e}"))? else {
			return Ok(None);
		};
		T::decode_all(&mut &data.0[..]).map(Some).map_err(|e| format!("{what} does not decode: {e}"))
	}
}

impl ChainView for View<'_> {
	fn active_before(&self) -> Result<Vec<AccountId>, String> {
		let key = pallet_registry::Active::<Runtime>::hashed_key().to_vec();
		Ok(self.read(self.parent, key, "the active institutions")?.unwrap_or_default())
	}

	fn credential(&self, id: &H256) -> Result<Option<(AccountId, Option<u32>)>, String> {
		use frame_support::traits::StorageVersion;
		use pallet_credentials::{migrations::v1::OldCredential, pallet::CredentialOf, Attests, Pallet};
		let key = pallet_credentials::Credentials::<Runtime>::hashed_key_for(id);
		let what = format!("credential {id:?}");
		// The layout is the one the pallet's storage version in that state names.
		let version = StorageVersion::storage_key::<Pallet<Runtime>>().to_vec();
		if self.read::<u16>(self.at, version, "the credentials' storage version")?.unwrap_or(0) == 0 {
			type Old = OldCredential<AccountId, u32>;
			return Ok(self.read::<Old>(self.at, key, &what)?.map(|c| (c.issuer, c.program.map(|p| p.program))));
		}
		let Some(record) = self.read::<CredentialOf<Runtime>>(self.at, key, &what)? else { return Ok(None) };
		let program = match record.attests {
			Attests::Program { program, .. } => Some(program),
			Attests::Course { .. } => None,
		};
		Ok(Some((record.issuer, program)))
	}

	fn required_sigma(&self, task: u32, samples: u32) -> Result<Option<sp_arithmetic::FixedU128>, String> {
		// An instance of the runtime API per block: it keeps its overlay between calls.
		let bound = |at| self.client.runtime_api().required_sigma(at, task, samples).map_err(|e| format!("the σ bound of FL task {task}: {e}"));
		// The block's extrinsics ran on its parent's runtime: an upgrade in it takes effect only
		// from the next block. A task created in this block is not yet there.
		match bound(self.parent)? {
			Some(sigma) => Ok(Some(sigma)),
			None => bound(self.at),
		}
	}
}

/// Block `at`'s events, decoded with `metadata` (its parent's runtime's).
fn events(client: &FullClient, at: H256, metadata: &frame_metadata::v15::RuntimeMetadataV15) -> Result<Vec<decode::Event>, String> {
	let key = StorageKey(frame_support::storage::storage_prefix(b"System", b"Events").to_vec());
	let data = client.storage(at, &key).map_err(|e| e.to_string())?.map(|d| d.0).unwrap_or_default();
	if data.is_empty() {
		return Ok(Vec::new());
	}
	decode::events(&data, metadata)
}

/// Why block `number` of a resumed replay's file is refused: not the one the database or the
/// checkpoint has, so not the file the replay started from.
fn not_the_start(number: u32) -> String {
	format!("block #{number} is not the block #{number} this replay started from")
}

/// The replay, with its inputs.
struct Replay<'a, Q> {
	cmd: &'a ReplayCmd,
	client: Arc<FullClient>,
	queue: Q,
	checkpoint_path: PathBuf,
	state: Checkpoint,
	started: Instant,
	replayed_now: u32,
	metadatas: decode::Metadatas,
	/// The last block audited and its `spec_version`: the next block's parent, whose version
	/// need not be read again (reading one hashes the runtime's code).
	last_spec: Option<(H256, u32)>,
}

/// Replay `cmd.blocks` into `client` through `queue`, keeping the checkpoint in `base`.
pub async fn replay<Q: ImportQueue<Block>>(
	cmd: &ReplayCmd,
	client: Arc<FullClient>,
	queue: Q,
	base: &Path,
) -> sc_cli::Result<()> {
	if let Some(path) = &cmd.report {
		// A report left from an earlier run must not pass for this one's.
		match std::fs::remove_file(path) {
			Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
				return Err(format!("{}: an earlier report that cannot be removed: {e}", path.display()).into())
			},
			_ => {},
		}
		// Found before the replay, which may take hours, not when the report is written.
		educhain_files::folder_exists(path)?;
	}
	let checkpoint_path = base.join("audit-checkpoint.json");
	// No checkpoint is a replay from genesis; one that cannot be read is an error, not that.
	let state = match std::fs::read(&checkpoint_path) {
		Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", checkpoint_path.display()))?,
		Err(e) if e.kind() == std::io::ErrorKind::NotFound => Checkpoint::default(),
		Err(e) => {
			let path = checkpoint_path.display();
			return Err(format!("{path}: a checkpoint that cannot be read ({e}); delete it to replay from genesis").into());
		},
	};
	let mut run = Replay { cmd, client, queue, checkpoint_path, state, started: Instant::now(), replayed_now: 0, metadatas: Default::default(), last_spec: None };
	match run.all().await {
		Ok(()) => run.finish(),
		Err(e) => {
			println!("REJECTED: {e}");
			Err(sc_cli::Error::Input(format!("the block file was rejected: {e}")))
		},
	}
}

impl<Q: ImportQueue<Block>> Replay<'_, Q> {
	/// Go through the file; the first bad block is an error naming it.
	async fn all(&mut self) -> Result<(), String> {
		let genesis = self.client.info().genesis_hash;
		if self.state.report.blocks == 0 {
			let genesis_view = View { client: &self.client, at: genesis, parent: genesis };
			let founders = genesis_view.active_before().map_err(|e| format!("genesis: {e}"))?;
			self.state.report.founders(&founders);
		}
		let (mut expected, mut parent) = match self.state.report.last_block {
			0 => (1, genesis),
			n => (n + 1, self.last_hash()?),
		};
		let (mut chunk, mut lost): (Vec<FileBlock>, Vec<FileBlock>) = Default::default();
		let mut reached = 0;
		for (position, block) in BlockFile::open(&self.cmd.blocks)?.enumerate() {
			let block = block.map_err(|e| format!("block #{expected} (entry {} of the file) {e}", position + 1))?;
			let number = *block.block.header().number();
			reached = reached.max(number);
			if number < expected {
				self.replayed_before(block, &mut lost).await?;
				continue;
			}
			self.restore(std::mem::take(&mut lost)).await?;
			if let Err(why) = blocks::precheck(&block, expected, parent) {
				// The blocks before it are sound: import them first, so that the error names the
				// first bad block even when it is the one before (an altered state root).
				self.import(std::mem::take(&mut chunk)).await?;
				return Err(why);
			}
			parent = block.block.header().hash();
			expected += 1;
			chunk.push(block);
			if chunk.len() == CHUNK {
				self.import(std::mem::take(&mut chunk)).await?;
			}
		}
		// Otherwise the report would be of blocks this file does not hold.
		if reached < self.state.report.last_block {
			let last = self.state.report.last_block;
			return Err(format!("the file ends at block #{reached}, before #{last} where the checkpoint stands: resume with the file this replay started from, or delete the checkpoint to replay from genesis"));
		}
		self.restore(lost).await?;
		self.import(chunk).await?;
		if self.state.report.blocks == 0 {
			return Err("the file holds no block after genesis".into());
		}
		Ok(())
	}

	/// Genesis, or a block a previous run replayed: it must be the one the database has, or one
	/// the database lost after the checkpoint counted it, put in `lost` to be imported again.
	async fn replayed_before(&mut self, block: FileBlock, lost: &mut Vec<FileBlock>) -> Result<(), String> {
		let number = *block.block.header().number();
		match self.client.hash(number).map_err(|e| e.to_string())? {
			Some(known) if known == block.block.header().hash() => {},
			None if number > 0 => {
				lost.push(block);
				if lost.len() == CHUNK {
					self.restore(std::mem::take(lost)).await?;
				}
			},
			_ => return Err(not_the_start(number)),
		}
		Ok(())
	}

	/// Import `chunk`, then audit each of its blocks and save the checkpoint.
	async fn import(&mut self, chunk: Vec<FileBlock>) -> Result<(), String> {
		if chunk.is_empty() {
			return Ok(());
		}
		self.import_only(&chunk).await?;
		for block in &chunk {
			self.audit(block)?;
		}
		self.save()?;
		let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
		eprintln!(
			"replayed #{}: {:.1} blocks/s, {:.1} extrinsics/s",
			self.state.report.last_block,
			f64::from(self.replayed_now) / seconds,
			f64::from(self.state.report.extrinsics) / seconds,
		);
		Ok(())
	}

	/// Import again the blocks up to the checkpoint that the database lost (a crash before its
	/// last commits reached the disk, while the checkpoint, flushed, survived): they are checked
	/// and executed as before, but not counted again, since the checkpoint's report has them.
	async fn restore(&mut self, lost: Vec<FileBlock>) -> Result<(), String> {
		let Some(last) = lost.last() else { return Ok(()) };
		let (number, hash) = (*last.block.header().number(), last.block.header().hash());
		if number == self.state.report.last_block && hash != self.last_hash()? {
			return Err(not_the_start(number));
		}
		self.import_only(&lost).await?;
		eprintln!("imported #{}..#{number} again: the database had lost them", number + 1 - lost.len() as u32);
		Ok(())
	}

	/// Hand `chunk` to the import queue and wait for each block's result; a refused one is an
	/// error naming it.
	async fn import_only(&mut self, chunk: &[FileBlock]) -> Result<(), String> {
		let incoming = chunk
			.iter()
			.map(|b| {
				let (header, body) = b.block.clone().deconstruct();
				IncomingBlock {
					hash: header.hash(),
					header: Some(header),
					body: Some(body),
					indexed_body: None,
					justifications: b.justifications.clone(),
					origin: None,
					allow_missing_state: false,
					skip_execution: false,
					import_existing: false,
					state: None,
				}
			})
			.collect();
		self.queue.service_ref().import_blocks(sp_consensus::BlockOrigin::File, incoming);
		let results = Results::default();
		let queue = &mut self.queue;
		futures::future::poll_fn(|cx| {
			queue.poll_actions(cx, &results);
			if results.0.lock().expect("not poisoned").len() >= chunk.len() {
				std::task::Poll::Ready(())
			} else {
				std::task::Poll::Pending
			}
		})
		.await;
		let results = results.0.into_inner().expect("not poisoned");
		for (block, (result, _)) in chunk.iter().zip(results) {
			if let Err(e) = result {
				return Err(format!("block #{} was refused on import: {e}", block.block.header().number()));
			}
		}
		Ok(())
	}

	/// Count `block` into the report and check the invariants when due.
	fn audit(&mut self, block: &FileBlock) -> Result<(), String> {
		let header = block.block.header();
		let (number, at) = (*header.number(), header.hash());
		let parent = *header.parent_hash();
		let metadata = self.runtime(number, parent, at);
		let view = View { client: &self.client, at, parent };
		let report = &mut self.state.report;
		let extrinsics = block.block.extrinsics().iter().map(codec::Encode::encode).collect::<Vec<_>>();
		let pallets = match metadata.and_then(|m| Ok((events(&self.client, at, &m)?, m))) {
			Ok((events, metadata)) => {
				report.count_events(number, &events, &mut self.state.classes, &view);
				decode::pallets(extrinsics.iter().map(Vec::as_slice), &metadata)
			},
			Err(e) => {
				report.anomalies.push(report::Anomaly { block: number, what: format!("could not be checked: {e}") });
				vec!["undecodable".to_string(); extrinsics.len()]
			},
		};
		for pallet in pallets {
			*report.extrinsics_by_pallet.entry(pallet).or_default() += 1;
		}
		report.extrinsics += block.block.extrinsics().len() as u32;
		report.blocks += 1;
		report.last_block = number;
		report.last_hash = format!("{at:?}");
		self.replayed_now += 1;
		let every = self.cmd.check_every;
		if every != 0 && number % every == 0 {
			self.check(number, at)?;
		}
		Ok(())
	}

	/// The metadata of the runtime that executed block `number` (its parent's); a runtime
	/// upgrade in the block is recorded.
	fn runtime(&mut self, number: u32, parent: H256, at: H256) -> Result<Arc<frame_metadata::v15::RuntimeMetadataV15>, String> {
		let spec = |hash| {
			let version = self.client.runtime_version_at(hash, sp_core::traits::CallContext::Offchain);
			version.map(|v| v.spec_version).map_err(|e| format!("its runtime version: {e}"))
		};
		let from = match self.last_spec {
			Some((hash, version)) if hash == parent => version,
			_ => spec(parent)?,
		};
		let to = spec(at)?;
		self.last_spec = Some((at, to));
		if from != to {
			self.state.report.upgrades.push(report::Upgrade { block: number, from, to });
		}
		self.metadatas.at(&self.client, parent, from)
	}

	/// Check the invariants in the state after block `number`, unless the block upgraded the
	/// runtime: its state waits for the migrations the next block runs, which the new code's
	/// invariants would take for broken records.
	fn check(&mut self, number: u32, at: H256) -> Result<(), String> {
		if self.state.report.upgrades.last().is_some_and(|u| u.block == number) {
			return Ok(());
		}
		let result = self.client.runtime_api().check_invariants(at).map_err(|e| format!("block #{number}: {e}"))?;
		let report = &mut self.state.report;
		report.invariant_checks += 1;
		if let Err(broken) = result {
			let what = format!("invariant broken: {}", String::from_utf8_lossy(&broken));
			report.anomalies.push(report::Anomaly { block: number, what });
		}
		Ok(())
	}

	/// The hash of the last block replayed, from the report.
	fn last_hash(&self) -> Result<H256, String> {
		self.state.report.last_hash.parse().map_err(|_| "a damaged checkpoint: no last block hash".to_string())
	}

	/// Write the checkpoint: what was replayed so far and the report up to there.
	fn save(&self) -> Result<(), String> {
		let bytes = serde_json::to_vec(&self.state).expect("the checkpoint serializes");
		// Whole and on the disk: an interruption, even a power cut, leaves the old one or the new.
		educhain_files::write_whole(&self.checkpoint_path, bytes)
	}

	/// Check the last block if it was not, record budgets, and write the report.
	fn finish(mut self) -> sc_cli::Result<()> {
		let last = self.state.report.last_block;
		// The last block replayed (the database may hold more, from an earlier, longer file).
		let at = self.last_hash()?;
		let every = self.cmd.check_every;
		if every != 0 && last % every != 0 {
			self.check(last, at)?;
		}
		let api = self.client.runtime_api();
		for (task, t) in self.state.report.fl_tasks.iter_mut() {
			let view = match api.task(at, *task) {
				Ok(Some(view)) => view,
				// Ended and removed: its budgets are no longer the chain's to report.
				Ok(None) => continue,
				Err(e) => return Err(format!("FL task {task}'s budgets at the last block: {e}").into()),
			};
			let total_delta = view.dp.total_delta(view.rounds);
			for (who, _, budget) in view.participants {
				let spent = educhain_rpc_api::Decimal(budget.spent(total_delta)).to_string();
				t.budgets.insert(sp_core::crypto::Ss58Codec::to_ss58check(&who), (spent, educhain_rpc_api::Decimal(budget.total).to_string()));
			}
		}
		self.state.report.seconds = self.started.elapsed().as_secs_f64();
		self.save()?;
		let report = &self.state.report;
		if let Some(path) = &self.cmd.report {
			let json = serde_json::to_vec_pretty(report).expect("the report serializes");
			educhain_files::write_whole(path, json)?;
		}
		println!("{}", report.summary());
		if report.anomalies.is_empty() {
			Ok(())
		} else {
			Err(sc_cli::Error::Input(format!("{} anomalies", report.anomalies.len())))
		}
	}
}
