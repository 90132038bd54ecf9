//! `fl-client`: run federated-learning participants against an educhain node, audit a recorded
//! aggregate, benchmark FedAvg, DFL and DFL-DP, or make DFL-DP's accuracy and privacy figures.

use clap::{Parser, Subcommand};
use educhain_client::{Client, Signer};
use educhain_fl_client::{
	audit::audit,
	ledger::parse_fixed,
	model::Training,
	run::{run_fedavg, run_on_chain, Mode, RoundReport, RunConfig, RunReport},
	sweep,
};
use educhain_runtime::AccountId;
use sp_core::crypto::Ss58Codec;
use sp_runtime::FixedU128;
use std::{process::ExitCode, time::Duration};

#[derive(Parser)]
#[command(version, about)]
struct Cli {
	/// The node's JSON-RPC WebSocket endpoint.
	#[arg(long, global = true, default_value = "ws://127.0.0.1:9944")]
	url: String,
	#[command(subcommand)]
	command: Command,
}

#[derive(clap::Args, Clone)]
struct RunArgs {
	/// Participants.
	#[arg(long, default_value_t = 3)]
	participants: usize,
	/// Rounds.
	#[arg(long, default_value_t = 2)]
	rounds: u32,
	/// Local epochs per round.
	#[arg(long, default_value_t = 5)]
	epochs: usize,
	/// SGD step size.
	#[arg(long, default_value_t = 0.1)]
	learning_rate: f32,
	/// ε per round.
	#[arg(long, default_value = "1", value_parser = fixed)]
	epsilon: FixedU128,
	/// δ per round.
	#[arg(long, default_value = "0.00001", value_parser = fixed)]
	delta: FixedU128,
	/// Clip norm S of each update (in DFL-DP, of each sample's step).
	#[arg(long, default_value = "2", value_parser = fixed)]
	clip: FixedU128,
	/// Blocks a round stays open at most.
	#[arg(long, default_value_t = 100)]
	round_blocks: u32,
	/// Seed of the data split, the initial model and the participants' noise.
	#[arg(long, default_value_t = 1)]
	seed: u64,
	/// Secret URI of the ministry account that admits participants not yet institutions.
	#[arg(long, default_value = "//Alice")]
	ministry: String,
	/// Participant i's secret URI is this followed by i.
	#[arg(long, default_value = "//educhain-fl-")]
	key_prefix: String,
}

#[derive(Subcommand)]
enum Command {
	/// Run n participants through a new task and report every round.
	Run {
		/// fedavg (no chain), dfl (chain, no noise) or dfl-dp.
		#[arg(long, default_value = "dfl-dp", value_parser = mode)]
		mode: Mode,
		#[command(flatten)]
		args: RunArgs,
	},
	/// Recompute a participant's recorded aggregate from the chain and compare digests.
	Audit {
		/// The task's id (`run` prints it).
		#[arg(long)]
		task: u32,
		/// The round whose aggregate is recomputed (counted from 1).
		#[arg(long, value_parser = round)]
		round: u32,
		/// The participant: an SS58 address or a secret URI.
		#[arg(long)]
		participant: String,
	},
	/// Time and bytes per round for FedAvg, DFL and DFL-DP at several sizes, as a table.
	Bench {
		/// Participant counts.
		#[arg(long, value_delimiter = ',', default_value = "3,5,10")]
		sizes: Vec<usize>,
		#[command(flatten)]
		args: RunArgs,
	},
	/// DFL-DP's test accuracy against ε per round for several participant counts, simulated
	/// without a chain with the noise the ledger requires, and the ε spent after each round
	/// under basic composition and the ledger's Rényi-DP accountant; Markdown tables.
	Sweep {
		/// Participant counts.
		#[arg(long, value_delimiter = ',', default_value = "3,5,10")]
		sizes: Vec<usize>,
		/// ε per round.
		#[arg(long, value_delimiter = ',', default_value = "0.5,1,2,4,8", value_parser = fixed)]
		epsilons: Vec<FixedU128>,
		/// The rounds whose accuracy is reported (counted from 1).
		#[arg(long, value_delimiter = ',', default_value = "2,5,10,20", value_parser = round)]
		report: Vec<u32>,
		#[command(flatten)]
		args: RunArgs,
	},
}

fn fixed(text: &str) -> Result<FixedU128, String> {
	parse_fixed(text).ok_or_else(|| format!("{text:?} is not a non-negative decimal with at most 18 places"))
}

/// A round's number: rounds count from 1.
fn round(text: &str) -> Result<u32, String> {
	match text.parse() {
		Ok(0) => Err("rounds count from 1".into()),
		Ok(round) => Ok(round),
		Err(e) => Err(format!("not a round's number: {e}")),
	}
}

fn mode(text: &str) -> Result<Mode, String> {
	[Mode::FedAvg, Mode::Dfl, Mode::DflDp]
		.into_iter()
		.find(|m| m.name() == text)
		.ok_or_else(|| format!("{text:?}: expected fedavg, dfl or dfl-dp"))
}

/// The key `flag` names, or why not under the flag's name.
fn signer(flag: &str, uri: &str) -> Result<Signer, String> {
	Signer::from_uri(uri).map_err(|e| format!("{flag}: {e}"))
}

impl RunArgs {
	fn config(&self, mode: Mode, participants: usize) -> RunConfig {
		let mut cfg = RunConfig {
			mode,
			participants,
			rounds: self.rounds,
			training: Training { epochs: self.epochs, learning_rate: self.learning_rate, ..Training::default() },
			round_blocks: self.round_blocks,
			seed: self.seed,
			key_prefix: self.key_prefix.clone(),
			..RunConfig::default()
		};
		cfg.dp.epsilon = self.epsilon;
		cfg.dp.delta = self.delta;
		cfg.dp.clip = self.clip;
		cfg
	}
}

async fn connect(url: &str) -> Result<Client, String> {
	Client::connect_within(url, Duration::from_secs(10)).await.map_err(|e| e.to_string())
}

/// Run `cfg`; its settings and the ministry's key (`--ministry`) were checked before.
async fn run(url: &str, cfg: &RunConfig, ministry: &Signer) -> Result<RunReport, String> {
	if cfg.mode == Mode::FedAvg {
		return run_fedavg(cfg).map_err(|e| e.to_string());
	}
	let rpc = connect(url).await?;
	run_on_chain(&rpc, ministry, cfg).await.map_err(|e| e.to_string())
}

fn print_round(r: &RoundReport) {
	println!(
		"round {}: accuracy personalized {:.3}, FedAvg {:.3}; compute {:.2} s, chain {:.2} s; {} bytes on chain, {} off chain",
		r.round,
		r.personal_accuracy,
		r.fedavg_accuracy,
		r.compute.as_secs_f64(),
		r.chain.as_secs_f64(),
		r.on_chain_bytes,
		r.off_chain_bytes
	);
}

/// Means over rounds: (compute s, chain s, on-chain MB, off-chain MB, last accuracy).
fn means(report: &RunReport) -> (f64, f64, f64, f64, f64) {
	let n = report.rounds.len().max(1) as f64;
	let sum = |f: &dyn Fn(&RoundReport) -> f64| report.rounds.iter().map(f).sum::<f64>() / n;
	(
		sum(&|r| r.compute.as_secs_f64()),
		sum(&|r| r.chain.as_secs_f64()),
		sum(&|r| r.on_chain_bytes as f64 / 1e6),
		sum(&|r| r.off_chain_bytes as f64 / 1e6),
		report.rounds.last().map_or(0.0, |r| r.personal_accuracy),
	)
}

async fn bench(url: &str, sizes: &[usize], args: &RunArgs) -> Result<(), String> {
	let modes = [Mode::FedAvg, Mode::Dfl, Mode::DflDp];
	let mut cells = vec![vec![String::new(); modes.len()]; 3];
	// Every size, and the keys, are checked before the first run, which takes minutes.
	for &n in sizes {
		args.config(Mode::DflDp, n).check().map_err(|e| e.to_string())?;
	}
	let ministry = signer("--ministry", &args.ministry)?;
	for (m, mode) in modes.into_iter().enumerate() {
		let mut rows: [Vec<String>; 3] = Default::default();
		for &n in sizes {
			let report = run(url, &args.config(mode, n), &ministry).await?;
			let (compute, chain, on, off, acc) = means(&report);
			eprintln!("{} n={n}: compute {compute:.2} s, chain {chain:.2} s, {on:.2} MB on chain, {off:.2} MB off, accuracy {acc:.3}", mode.name());
			rows[0].push(format!("{:.2} ({compute:.2} + {chain:.2})", compute + chain));
			rows[1].push(format!("{:.2} ({on:.2} + {off:.2})", on + off));
			rows[2].push(format!("{acc:.3}"));
		}
		for (row, cell) in rows.iter().zip(cells.iter_mut()) {
			cell[m] = row.join(" / ");
		}
	}
	let ns = sizes.iter().map(usize::to_string).collect::<Vec<_>>().join(" / ");
	println!("| | FedAvg | DFL | DFL-DP |\n| --- | --- | --- | --- |");
	let labels = [
		format!("time per round, s (compute + chain), n = {ns}"),
		format!("communication per round, MB (on chain + off chain), n = {ns}"),
		format!("test accuracy after round {}, n = {ns}", args.rounds),
	];
	for (label, row) in labels.iter().zip(cells) {
		println!("| {label} | {} |", row.join(" | "));
	}
	Ok(())
}

async fn main_result(cli: Cli) -> Result<ExitCode, String> {
	match cli.command {
		Command::Run { mode, args } => {
			let cfg = args.config(mode, args.participants);
			cfg.check().map_err(|e| e.to_string())?;
			let report = run(&cli.url, &cfg, &signer("--ministry", &args.ministry)?).await?;
			if let Some(task) = report.task {
				println!("task {task}");
			}
			for (i, who) in report.participants.iter().enumerate() {
				println!("participant {}: {}", i + 1, who.to_ss58check());
			}
			report.rounds.iter().for_each(print_round);
		},
		Command::Audit { task, round, participant } => {
			let who = AccountId::from_ss58check(&participant)
				.or_else(|_| signer("--participant", &participant).map(|s| s.account()))?;
			let rpc = connect(&cli.url).await?;
			let found = audit(&rpc, task, round, &who).await.map_err(|e| e.to_string())?;
			println!("recorded   {:?}\nrecomputed {:?}\nfrom {} updates", found.recorded, found.recomputed, found.updates);
			if !found.passed() {
				println!("MISMATCH: the recorded aggregate is not the one the chain's updates give");
				return Ok(ExitCode::FAILURE);
			}
			println!("ok: the recorded aggregate is the one the chain's updates give");
		},
		Command::Bench { sizes, args } => bench(&cli.url, &sizes, &args).await?,
		Command::Sweep { sizes, epsilons, report, args } => {
			let mut cfg = args.config(Mode::DflDp, args.participants);
			cfg.rounds = report.iter().copied().max().unwrap_or(cfg.rounds);
			let table = sweep::accuracy_table(&cfg, &sizes, &epsilons, &report).map_err(|e| e.to_string())?;
			println!("Test accuracy of DFL-DP (FedAvg of the noisy models), δ = {}, S = {}:\n\n{table}\n", cfg.dp.delta.to_float(), cfg.dp.clip.to_float());
			let samples = (1797.0 * 0.8 / 3.0) as u32;
			println!("ε spent after each round of ε = {} (δ = {} each), under each accountant:\n\n{}", cfg.dp.epsilon.to_float(), cfg.dp.delta.to_float(), sweep::epsilon_table(&cfg.dp, cfg.rounds, samples));
		},
	}
	Ok(ExitCode::SUCCESS)
}

#[tokio::main]
async fn main() -> ExitCode {
	match main_result(Cli::parse()).await {
		Ok(code) => code,
		Err(e) => {
			eprintln!("error: {e}");
			ExitCode::from(2)
		},
	}
}
