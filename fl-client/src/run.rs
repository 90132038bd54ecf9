//! Running n participants through a task: train (privately in DFL-DP: one DP-SGD step with
//! per-sample clipping), noise, submit, read everyone's updates back from the chain, aggregate
//! (FedAvg and personalized), record, and measure.

use crate::{
	data::{self, Samples},
	ledger::{Ledger, LedgerError, Result, TaskSpec, UpdateReader},
	model::{Mlp, Training, PARAMS},
	update,
};
use educhain_client::{Client, Signer};
use educhain_runtime::{AccountId, Runtime};
use pallet_fl_ledger::{dp, Config as LedgerConfig, DpParams, FlTaskId};
use sp_core::Get;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use sp_runtime::{traits::Saturating, FixedU128};
use std::time::{Duration, Instant};

/// How the participants combine their models.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
	/// Plain federated averaging through a central server: no chain, no noise.
	FedAvg,
	/// Decentralized over the ledger, without meaningful noise (ε = 10⁶ makes the required σ
	/// about 1e-9).
	Dfl,
	/// Decentralized over the ledger, private: each round is one DP-SGD step, every sample's
	/// step clipped to S and their sum divided by the registered m, plus the (ε, δ) Gaussian noise
	/// the ledger requires for that m ([`crate::model::Mlp::clipped_mean_step`]).
	DflDp,
}

impl Mode {
	/// The name used on the command line and in reports.
	pub fn name(self) -> &'static str {
		match self {
			Mode::FedAvg => "fedavg",
			Mode::Dfl => "dfl",
			Mode::DflDp => "dfl-dp",
		}
	}
}

/// A run's settings.
#[derive(Clone, Debug)]
pub struct RunConfig {
	/// How models are combined.
	pub mode: Mode,
	/// Participants.
	pub participants: usize,
	/// Rounds.
	pub rounds: u32,
	/// Local training per round.
	pub training: Training,
	/// Per-round privacy (ε, δ, clip norm S); ε is replaced by 10⁶ in [`Mode::Dfl`].
	pub dp: DpParams,
	/// Blocks a round stays open at most.
	pub round_blocks: u32,
	/// Seeds the data split, the initial model and each participant's randomness.
	pub seed: u64,
	/// The participants' secret URIs are this followed by 1, 2, …
	pub key_prefix: String,
}

impl Default for RunConfig {
	fn default() -> Self {
		RunConfig {
			mode: Mode::DflDp,
			participants: 3,
			rounds: 2,
			training: Training::default(),
			dp: DpParams {
				epsilon: FixedU128::from_u32(1),
				delta: FixedU128::from_rational(1, 100_000),
				// The best of 0.5, 1, 2 and 5 for DFL-DP on these data (docs/federated-learning.md).
				clip: FixedU128::from_u32(2),
			},
			round_blocks: 100,
			seed: 1,
			key_prefix: "//educhain-fl-".into(),
		}
	}
}

impl RunConfig {
	/// Participant `i`'s key (0-based).
	pub fn key(&self, i: usize) -> Result<Signer> {
		let uri = format!("{}{}", self.key_prefix, i + 1);
		Signer::from_uri(&uri).map_err(|e| LedgerError::Tx("participant key", e))
	}

	/// Why the chain or the training would not take this run, if they would not: participants,
	/// rounds or a round's blocks outside the runtime's bounds, (ε, δ, S) with no noise bound
	/// under the ledger's rule, no training to do, or a key prefix that makes no key. Checked
	/// before any node is asked.
	pub fn check(&self) -> Result<()> {
		let participants = <<Runtime as LedgerConfig>::MaxParticipants as Get<u32>>::get() as usize;
		let rounds = <<Runtime as LedgerConfig>::MaxRounds as Get<u32>>::get();
		let blocks: u32 = <<Runtime as LedgerConfig>::MaxRoundBlocks as Get<_>>::get();
		let (dp, t) = (self.chain_dp(), &self.training);
		let why = if !(2..=participants).contains(&self.participants) {
			format!("{} participants: a task has 2 to {participants}", self.participants)
		} else if !(1..=rounds).contains(&self.rounds) {
			format!("{} rounds: a task has 1 to {rounds}", self.rounds)
		} else if !(1..=blocks).contains(&self.round_blocks) {
			format!("rounds of {} blocks: a round stays open for 1 to {blocks}", self.round_blocks)
		} else if self.mode != Mode::FedAvg && dp::required_sigma(dp.epsilon, dp.delta, dp.clip, 1).is_none() {
			"ε, δ and S give no noise bound: ε and S must be above 0, and δ between 0 and 1".into()
		} else if t.epochs == 0 || t.batch == 0 || !(t.learning_rate.is_finite() && t.learning_rate > 0.0) {
			"training needs an epoch or more, a batch of a sample or more, and a step size above 0".into()
		} else if let Err(e) = Signer::from_uri(&format!("{}1", self.key_prefix)) {
			format!("--key-prefix {:?}: participant 1's {e}", self.key_prefix)
		} else {
			return Ok(());
		};
		Err(LedgerError::Settings(why))
	}

	/// The privacy parameters put on chain.
	fn chain_dp(&self) -> DpParams {
		match self.mode {
			Mode::Dfl => DpParams { epsilon: FixedU128::from_u32(1_000_000), ..self.dp.clone() },
			_ => self.dp.clone(),
		}
	}
}

/// What one round cost and achieved, averaged over participants where it says so.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RoundReport {
	/// The round (1-based).
	pub round: u32,
	/// Local training and aggregation, per participant.
	pub compute: Duration,
	/// Waiting on the chain (or server), for the round as a whole.
	pub chain: Duration,
	/// Bytes of the round's transactions (0 without a chain).
	pub on_chain_bytes: usize,
	/// Bytes read or sent besides: block bodies fetched, or models to and from the server.
	pub off_chain_bytes: usize,
	/// Test accuracy of the FedAvg model.
	pub fedavg_accuracy: f64,
	/// Mean test accuracy of the participants' personalized models (FedAvg's in that mode).
	pub personal_accuracy: f64,
}

/// A whole run.
#[derive(Clone, Debug, Default)]
pub struct RunReport {
	/// The task on chain, if any.
	pub task: Option<FlTaskId>,
	/// The participants, in task order.
	pub participants: Vec<AccountId>,
	/// Each round.
	pub rounds: Vec<RoundReport>,
}

struct Participant {
	signer: Signer,
	shard: Samples,
	base: Vec<f32>,
	rng: ChaCha20Rng,
}

fn participants(cfg: &RunConfig) -> Result<(Vec<Participant>, Samples, Vec<f32>)> {
	cfg.check()?;
	let (shards, test) = data::split(&data::digits(), cfg.participants, 0.2, cfg.seed);
	let initial = Mlp::new(cfg.seed).to_flat();
	let parts = shards
		.into_iter()
		.enumerate()
		.map(|(i, shard)| {
			Ok(Participant {
				signer: cfg.key(i)?,
				shard,
				base: initial.clone(),
				rng: ChaCha20Rng::seed_from_u64(cfg.seed ^ ((i as u64 + 1) << 32)),
			})
		})
		.collect::<Result<_>>()?;
	Ok((parts, test, initial))
}

/// The step size of the private step: large enough that every sample's step is clipped to S,
/// so that a round moves the model by at most S along the mean of the samples' directions.
pub const PRIVATE_STEP_SIZE: f32 = 10.0;

impl Participant {
	/// The m it registers: its shard's size.
	fn samples(&self) -> u32 {
		self.shard.len() as u32
	}

	/// Its model after a private round: the base plus the clipped mean step (no noise yet).
	fn private_local(&self, clip: f64) -> Vec<f32> {
		let base = Mlp::from_flat(&self.base).expect("the base has the model's shape");
		let step = base.clipped_mean_step(&self.shard, PRIVATE_STEP_SIZE, clip, self.samples());
		self.base.iter().zip(step).map(|(b, s)| b + s).collect()
	}
}

/// Participant `p`'s local model for a round of `cfg`: private in DFL-DP, else trained.
fn local_model(p: &mut Participant, cfg: &RunConfig) -> Vec<f32> {
	match cfg.mode {
		Mode::DflDp => p.private_local(update::weight_value(cfg.dp.clip)),
		_ => train(p, cfg.training),
	}
}

fn train(p: &mut Participant, training: Training) -> Vec<f32> {
	let mut model = Mlp::from_flat(&p.base).expect("the base has the model's shape");
	model.train(&p.shard, training, &mut p.rng);
	model.to_flat()
}

fn accuracy(params: &[f32], test: &Samples) -> f64 {
	Mlp::from_flat(params).expect("the model's shape").accuracy(test)
}

/// FedAvg through an in-process server: each round every participant trains from the global
/// model and sends its model; the server averages them by samples and sends the average back.
pub fn run_fedavg(cfg: &RunConfig) -> Result<RunReport> {
	let (mut parts, test, mut global) = participants(cfg)?;
	let mut report = RunReport { participants: parts.iter().map(|p| p.signer.account()).collect(), ..Default::default() };
	for round in 1..=cfg.rounds {
		let started = Instant::now();
		let locals: Vec<Vec<f32>> = parts
			.iter_mut()
			.map(|p| {
				p.base = global.clone();
				train(p, cfg.training)
			})
			.collect();
		let samples: Vec<Option<u32>> = parts.iter().map(|p| Some(p.shard.len() as u32)).collect();
		let weights = update::ledger_weights(&update::fedavg_weights(&samples));
		let views: Vec<Option<&[f32]>> = locals.iter().map(|l| Some(&l[..])).collect();
		global = update::weighted_sum(&views, &weights);
		let compute = started.elapsed() / parts.len() as u32;
		let acc = accuracy(&global, &test);
		report.rounds.push(RoundReport {
			round,
			compute,
			chain: Duration::ZERO,
			on_chain_bytes: 0,
			off_chain_bytes: 2 * parts.len() * PARAMS * 4,
			fedavg_accuracy: acc,
			personal_accuracy: acc,
		});
	}
	Ok(report)
}

/// Run the task over the ledger behind `rpc`. Participants that are not yet institutions are
/// admitted by `ministry`; participant 1 registers the task and everyone accepts it.
pub async fn run_on_chain(rpc: &Client, ministry: &Signer, cfg: &RunConfig) -> Result<RunReport> {
	if cfg.mode == Mode::FedAvg {
		return Err(LedgerError::Node("FedAvg runs without a chain".into()));
	}
	let ledger = Ledger { rpc };
	let (mut parts, test, initial) = participants(cfg)?;
	let signers: Vec<&Signer> = parts.iter().map(|p| &p.signer).collect();
	crate::ledger::admit(rpc, ministry, &signers).await?;
	let accounts: Vec<AccountId> = signers.iter().map(|p| p.account()).collect();
	let dp = cfg.chain_dp();
	let spec = TaskSpec {
		model: update::digest(&initial),
		params: PARAMS as u32,
		participants: accounts.clone(),
		rounds: cfg.rounds,
		round_blocks: cfg.round_blocks,
		budget: dp.epsilon.saturating_mul(FixedU128::from_u32(cfg.rounds)),
		dp: dp.clone(),
	};
	let task = ledger.create_task(signers[0], &spec).await?;
	futures::future::try_join_all(parts.iter().map(|p| ledger.accept(&p.signer, task, p.samples()))).await?;
	let mut report = RunReport { task: Some(task), participants: accounts.clone(), rounds: vec![] };
	// A round waits for at most its own length in blocks of 3 s, plus slack.
	let round_limit = Duration::from_secs(3 * u64::from(cfg.round_blocks) + 60);

	// σ depends only on the task and each participant's samples: the same every round.
	let mut sigmas = Vec::new();
	for p in &parts {
		sigmas.push(ledger.required_sigma(task, p.samples()).await?);
	}
	let clip = update::weight_value(dp.clip);

	for round in 1..=cfg.rounds {
		let started = Instant::now();
		let mut compute = Duration::ZERO;
		let mut locals = Vec::new();
		let mut payloads = Vec::new();
		for (p, sigma) in parts.iter_mut().zip(&sigmas) {
			let t = Instant::now();
			let local = local_model(p, cfg);
			let noisy = update::noisy_model(&p.base, &local, clip, update::weight_value(*sigma), &mut p.rng);
			payloads.push(update::encode(&noisy));
			locals.push(local);
			compute += t.elapsed();
		}
		let submitted = futures::future::try_join_all(parts.iter().zip(&sigmas).zip(payloads).map(
			|((p, sigma), payload)| ledger.submit(&p.signer, task, round, *sigma, payload),
		))
		.await?;
		let mut on_chain: usize = submitted.iter().map(|s| s.bytes).sum();
		let record = ledger.closed_round(task, round, round_limit).await?;

		let samples: Vec<Option<u32>> = accounts.iter().map(|who| crate::ledger::submission(&record, who).map(|s| s.samples)).collect();
		let fedavg_weights = update::ledger_weights(&update::fedavg_weights(&samples));
		let mut off_chain = 0;
		let mut aggregates = Vec::new();
		let mut fedavg = None;
		for (p, local) in parts.iter().zip(&locals) {
			// Each participant reads the round from the chain itself.
			let mut reader = UpdateReader::default();
			let updates = reader.round_updates(rpc, task, round, &record, &accounts).await?;
			off_chain += reader.bytes_read;
			let t = Instant::now();
			let views: Vec<Option<&[f32]>> = updates.iter().map(Option::as_deref).collect();
			let weights = update::ledger_weights(&update::correlation_weights(&p.base, local, &views));
			let personal = update::weighted_sum(&views, &weights);
			// Everyone reads the same updates, so FedAvg's model is computed once.
			if fedavg.is_none() {
				fedavg = Some(update::weighted_sum(&views, &fedavg_weights));
			}
			compute += t.elapsed();
			aggregates.push((update::digest(&personal), weights, personal));
		}
		let recorded = futures::future::try_join_all(
			parts
				.iter()
				.zip(&aggregates)
				.map(|(p, (digest, weights, _))| ledger.record_aggregate(&p.signer, task, round, *digest, weights.clone())),
		)
		.await?;
		on_chain += recorded.iter().map(|r| r.bytes).sum::<usize>();
		let wall = started.elapsed();

		let fedavg = fedavg.ok_or_else(|| LedgerError::Node("no updates".into()))?;
		let mut personal_accuracy = 0.0;
		for (p, (_, _, personal)) in parts.iter_mut().zip(aggregates) {
			personal_accuracy += accuracy(&personal, &test) / accounts.len() as f64;
			p.base = personal;
		}
		let compute = compute / parts.len() as u32;
		report.rounds.push(RoundReport {
			round,
			compute,
			chain: wall.saturating_sub(compute * parts.len() as u32),
			on_chain_bytes: on_chain,
			off_chain_bytes: off_chain,
			fedavg_accuracy: accuracy(&fedavg, &test),
			personal_accuracy,
		});
	}
	Ok(report)
}

/// DFL-DP without a chain, for the figures: each round every participant makes its private
/// change and adds the noise the ledger would require of it (the same fixed-point bound), and
/// all continue from the FedAvg of the noisy models. Test accuracy after each round.
pub fn simulate_private(cfg: &RunConfig) -> Result<Vec<f64>> {
	let (mut parts, test, mut global) = participants(cfg)?;
	let clip = update::weight_value(cfg.dp.clip);
	let samples: Vec<Option<u32>> = parts.iter().map(|p| Some(p.samples())).collect();
	let weights = update::ledger_weights(&update::fedavg_weights(&samples));
	let mut accuracies = Vec::new();
	for _ in 0..cfg.rounds {
		let mut noisy = Vec::new();
		for p in parts.iter_mut() {
			p.base = global.clone();
			let sigma = pallet_fl_ledger::dp::required_sigma(cfg.dp.epsilon, cfg.dp.delta, cfg.dp.clip, p.samples())
				.ok_or_else(|| LedgerError::Node("the privacy parameters give no bound".into()))?;
			let local = p.private_local(clip);
			noisy.push(update::noisy_model(&p.base, &local, clip, update::weight_value(sigma), &mut p.rng));
		}
		let views: Vec<Option<&[f32]>> = noisy.iter().map(|l| Some(&l[..])).collect();
		global = update::weighted_sum(&views, &weights);
		accuracies.push(accuracy(&global, &test));
	}
	Ok(accuracies)
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The reason `cfg` is refused, or "" if it is taken.
	fn refusal(cfg: RunConfig) -> String {
		match cfg.check() {
			Ok(()) => String::new(),
			Err(LedgerError::Settings(why)) => why,
			Err(e) => panic!("not a refusal of the settings: {e}"),
		}
	}

	#[test]
	fn settings_the_chain_or_the_training_cannot_take_are_refused_before_any_work() {
		let base = RunConfig::default;
		assert_eq!(refusal(base()), "");
		assert_eq!(refusal(RunConfig { participants: 32, rounds: 1_000, ..base() }), "");
		for n in [0, 1, 33, 100_000] {
			assert_eq!(refusal(RunConfig { participants: n, ..base() }), format!("{n} participants: a task has 2 to 32"));
		}
		assert!(refusal(RunConfig { rounds: 0, ..base() }).starts_with("0 rounds"));
		assert!(refusal(RunConfig { rounds: 1_001, ..base() }).starts_with("1001 rounds"));
		assert!(refusal(RunConfig { round_blocks: 0, ..base() }).starts_with("rounds of 0 blocks"));
		let dp = |epsilon: u32, delta: FixedU128| DpParams { epsilon: FixedU128::from_u32(epsilon), delta, clip: FixedU128::from_u32(2) };
		let no_bound = "ε, δ and S give no noise bound: ε and S must be above 0, and δ between 0 and 1";
		assert_eq!(refusal(RunConfig { dp: dp(0, base().dp.delta), ..base() }), no_bound);
		assert_eq!(refusal(RunConfig { dp: dp(1, FixedU128::from_u32(1)), ..base() }), no_bound);
		// FedAvg adds no noise, so its ε is not the chain's business.
		assert_eq!(refusal(RunConfig { mode: Mode::FedAvg, dp: dp(0, base().dp.delta), ..base() }), "");
		for training in [
			Training { epochs: 0, ..Training::default() },
			Training { batch: 0, ..Training::default() },
			Training { learning_rate: f32::NAN, ..Training::default() },
			Training { learning_rate: 0.0, ..Training::default() },
		] {
			assert!(refusal(RunConfig { training, ..base() }).starts_with("training needs"), "{training:?}");
		}
		// The keys are the prefix followed by 1, 2, …: one that makes no key is refused.
		assert_eq!(refusal(RunConfig { key_prefix: "//fl-".into(), ..base() }), "");
		for prefix in ["", "not a phrase "] {
			let why = refusal(RunConfig { key_prefix: prefix.into(), ..base() });
			assert!(why.starts_with(&format!("--key-prefix {prefix:?}: participant 1's key: not a secret URI")), "{why}");
		}
		// A run that would have divided its data among no one says why instead of panicking.
		let none = RunConfig { mode: Mode::FedAvg, participants: 0, ..base() };
		assert!(matches!(run_fedavg(&none), Err(LedgerError::Settings(_))));
	}
}
