//! Turning outcomes into figures: rates, percentiles, and the table beside B4E.

use crate::{load::Outcome, reads::Reads};
use std::time::Duration;

/// One line of the results table.
pub struct Row {
	pub workload: String,
	pub ours: String,
	pub b4e: String,
	pub ratio: String,
	/// Nothing rejected or lost, and something done.
	pub clean: bool,
}

/// The `p`th percentile (0..=100) of sorted `values`.
pub fn percentile(sorted: &[Duration], p: u32) -> Duration {
	if sorted.is_empty() {
		return Duration::ZERO;
	}
	let rank = (sorted.len() * p as usize).div_ceil(100).clamp(1, sorted.len());
	sorted[rank - 1]
}

/// Events per second over `span`.
pub fn rate(count: usize, span: Duration) -> f64 {
	if span.is_zero() {
		0.0
	} else {
		count as f64 / span.as_secs_f64()
	}
}

pub fn secs(d: Duration) -> String {
	format!("{:.2} s", d.as_secs_f64())
}

pub fn millis(d: Duration) -> String {
	format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// `x` with thousands separators, no decimals.
pub fn whole(x: f64) -> String {
	let digits = format!("{:.0}", x);
	let mut out = String::new();
	for (i, c) in digits.chars().enumerate() {
		if i > 0 && (digits.len() - i) % 3 == 0 {
			out.push(',');
		}
		out.push(c);
	}
	out
}

fn reasons(rejects: &std::collections::BTreeMap<String, usize>) -> String {
	rejects.iter().map(|(why, n)| format!("{n} × {why}")).collect::<Vec<_>>().join("; ")
}

/// Print everything about a load, for the log.
pub fn describe(what: &str, o: &Outcome) {
	let items = o.items as usize;
	println!("{what}:");
	println!(
		"  extrinsics: {} accepted in {}, {} included by {}, finalized by {}",
		o.submitted,
		secs(o.submit_span),
		o.included,
		secs(o.include_span),
		secs(o.finalize_span)
	);
	println!(
		"  per second: submitted {}, included {}, finalized {} (extrinsics); included {} items",
		whole(rate(o.submitted, o.submit_span)),
		whole(rate(o.included, o.include_span)),
		whole(rate(o.included, o.finalize_span)),
		whole(rate(o.included * items, o.include_span)),
	);
	println!(
		"  to inclusion: {}, max {}; to finality: {}, max {}",
		spread(&o.inclusion, secs),
		secs(percentile(&o.inclusion, 100)),
		spread(&o.finality, secs),
		secs(percentile(&o.finality, 100)),
	);
	println!("  rejects: {}; lost: {}", if o.rejects.is_empty() { "none".into() } else { reasons(&o.rejects) }, o.lost);
	let blocks: Vec<String> = o.blocks.iter().map(|(n, c)| format!("#{n}: {c}")).collect();
	println!("  ours per finalized block: {}", blocks.join(", "));
}

/// The end of a row's figure: latencies and rejects.
pub fn tail(o: &Outcome) -> String {
	let rejects = o.rejects.values().sum::<usize>() + o.lost;
	format!("inclusion {}, finality {}; {rejects} rejected or lost", spread(&o.inclusion, secs), spread(&o.finality, secs))
}

/// "p50 …, p99 …" of sorted `values`, each shown by `show`.
fn spread(values: &[Duration], show: fn(Duration) -> String) -> String {
	format!("p50 {}, p99 {}", show(percentile(values, 50)), show(percentile(values, 99)))
}

pub fn clean(o: &Outcome) -> bool {
	o.included > 0 && o.rejects.is_empty() && o.lost == 0
}

/// Print and summarize a read measurement.
pub fn describe_reads(what: &str, r: &Reads) -> (f64, String) {
	let per_second = rate(r.answered, r.elapsed);
	let errors: usize = r.errors.values().sum();
	let text = format!("{}/s; {}; {errors} errors", whole(per_second), spread(&r.latency, millis));
	let why = if r.errors.is_empty() { "none".into() } else { reasons(&r.errors) };
	println!("{what}: {} answered in {} = {text} ({why})", r.answered, secs(r.elapsed));
	(per_second, text)
}

/// The results as a Markdown table.
pub fn table(rows: &[Row]) -> String {
	let mut out = String::from("| workload | educhain | B4E | ratio |\n| --- | --- | --- | --- |\n");
	for r in rows {
		out.push_str(&format!("| {} | {} | {} | {} |\n", r.workload, r.ours, r.b4e, r.ratio));
	}
	out
}
