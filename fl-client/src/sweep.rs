//! The figures of `fl-client sweep`: test accuracy of DFL-DP against ε per round for several
//! participant counts (simulated without a chain, with the noise the ledger requires), and the ε
//! a participant has spent after each round under basic composition and under the ledger's
//! Rényi-DP accountant.

use crate::{
	ledger::Result,
	run::{simulate_private, Mode, RunConfig},
};
use pallet_fl_ledger::{dp, rdp, DpParams};
use sp_runtime::{FixedPointNumber, FixedU128, Saturating};

/// A Markdown table of accuracy after each of `report` rounds, one row per (n, ε).
pub fn accuracy_table(base: &RunConfig, sizes: &[usize], epsilons: &[FixedU128], report: &[u32]) -> Result<String> {
	let mut out = String::from("| n | ε per round |");
	for r in report {
		out += &format!(" after round {r} |");
	}
	out += "\n| --- | --- |";
	out += &" --- |".repeat(report.len());
	let runs: Vec<RunConfig> = sizes
		.iter()
		.flat_map(|&n| epsilons.iter().map(move |&epsilon| (n, epsilon)))
		.map(|(n, epsilon)| RunConfig { mode: Mode::DflDp, participants: n, dp: DpParams { epsilon, ..base.dp.clone() }, ..base.clone() })
		.collect();
	// Every setting is checked before the first simulation, which takes minutes.
	runs.iter().try_for_each(RunConfig::check)?;
	for cfg in &runs {
		let (n, epsilon) = (cfg.participants, cfg.dp.epsilon.to_float());
		let accuracies = simulate_private(cfg)?;
		out += &format!("\n| {n} | {epsilon} |");
		for r in report {
			let at = accuracies.get(*r as usize - 1).map_or("-".into(), |a| format!("{a:.3}"));
			out += &format!(" {at} |");
		}
		eprintln!("n = {n}, ε = {epsilon}: {accuracies:.3?}");
	}
	Ok(out)
}

/// A Markdown table of ε spent after each round, `rounds` rounds of `dp` with σ at the ledger's
/// bound, under both accountants, at δ = rounds · δ per round.
pub fn epsilon_table(dp: &DpParams, rounds: u32, samples: u32) -> String {
	let sigma = dp::required_sigma(dp.epsilon, dp.delta, dp.clip, samples).expect("parameters in range");
	let rho = rdp::round_rho(sigma, dp.clip, samples).expect("σ and m positive");
	let total_delta = dp.total_delta(rounds);
	let mut out = String::from("| rounds | basic composition | Rényi DP |\n| --- | --- | --- |");
	for k in 1..=rounds {
		let basic = dp.epsilon.saturating_mul(FixedU128::saturating_from_integer(k));
		let spent = rho.saturating_mul(FixedU128::saturating_from_integer(k));
		let renyi = rdp::epsilon(spent, total_delta).map_or("-".into(), |e| format!("{:.3}", e.to_float()));
		out += &format!("\n| {k} | {:.3} | {renyi} |", basic.to_float());
	}
	out
}
