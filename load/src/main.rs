//! `educhain-load`: educhain's load tool. It sets up what each workload needs through the
//! normal extrinsics, drives a node over JSON-RPC with signed extrinsics from many accounts at
//! once, and measures throughput and latency, beside the figures of B4E (Hyperledger Sawtooth).
//!
//!   educhain-load                      every workload, each on a fresh dev node it starts
//!   educhain-load grades reads         some of them
//!   educhain-load --url ws://…         against a running dev chain or local network
//!   educhain-load --smoke              a few seconds of each, failing on any reject (CI)
//!
//! `scripts/load-test.sh` runs it and writes the table into the README. A benchmark, not a test.

mod load;
mod reads;
mod report;
mod setup;
mod workloads;

use clap::Parser;
use educhain_client::Client;
use educhain_e2e::node::{Node, NodeConfig};
use report::Row;
use std::{path::PathBuf, time::Duration};

/// The workloads, in the order they run.
pub const WORKLOADS: [&str; 7] =
	["grades", "grade-batches", "certificates", "certificate-batches", "b4e-grades", "b4e-certificates", "reads"];

#[derive(Parser)]
#[command(about = "Load educhain with grades and certificates and measure it against B4E")]
struct Args {
	/// Workloads to run (default: all).
	#[arg(value_parser = clap::builder::PossibleValuesParser::new(WORKLOADS))]
	workloads: Vec<String>,
	/// The node to load (WebSocket URL). Without it, each workload starts a fresh dev node. The
	/// `reads` workload opens 500 connections: start the node with `--rpc-max-connections 1000`.
	/// A node (this or `--also`) that does not answer within 10 s ends the run at once (exit 1).
	#[arg(long)]
	url: Option<String>,
	/// Seconds each sustained workload submits for (1 or more).
	#[arg(long, default_value_t = 60, value_parser = seconds)]
	secs: u64,
	/// Seconds each read measurement lasts (1 or more).
	#[arg(long, default_value_t = 10, value_parser = seconds)]
	read_secs: u64,
	/// A few seconds of everything on one dev node; exits non-zero on any reject or loss.
	#[arg(long)]
	smoke: bool,
	/// Also write the results table (Markdown) here (its folder must exist).
	#[arg(long, value_parser = educhain_client::files::in_existing_folder)]
	markdown: Option<PathBuf>,
	/// Another node of the network `--url` belongs to (repeatable): an extrinsic then counts
	/// as final only once every one of them has finalized its block too.
	#[arg(long, requires = "url")]
	also: Vec<String>,
}

/// How big each workload is.
pub struct Sizes {
	pub secs: u64,
	pub read_secs: u64,
	pub lecturers: u32,
	pub institutions: u32,
	/// The most grades or certificates per second each sustained workload prepares for: its
	/// set-up grows with them, and a workload that runs out stops early.
	pub grade_rate: u32,
	pub grade_batch_rate: u32,
	pub certificate_rate: u32,
	pub certificate_batch_rate: u32,
	pub b4e_lecturers: u32,
	pub b4e_grades: u32,
	pub b4e_certificates: u32,
	pub grade_batch: u32,
	pub certificate_batch: u32,
	pub connections: Vec<usize>,
	/// The other nodes whose finality counts (`--also`).
	pub also: Vec<String>,
}

impl Sizes {
	fn full(secs: u64, read_secs: u64) -> Self {
		Sizes {
			secs,
			read_secs,
			lecturers: 50,
			institutions: 4,
			grade_rate: 1_200,
			grade_batch_rate: 3_000,
			certificate_rate: 800,
			certificate_batch_rate: 1_000,
			b4e_lecturers: 100,
			b4e_grades: 50,
			b4e_certificates: 5_000,
			grade_batch: 100,
			certificate_batch: 200,
			connections: vec![100, 500],
			also: Vec::new(),
		}
	}

	fn smoke() -> Self {
		Sizes {
			secs: 3,
			read_secs: 1,
			lecturers: 2,
			institutions: 2,
			grade_rate: 20,
			grade_batch_rate: 40,
			certificate_rate: 20,
			certificate_batch_rate: 40,
			b4e_lecturers: 4,
			b4e_grades: 5,
			b4e_certificates: 40,
			grade_batch: 10,
			certificate_batch: 10,
			connections: vec![4],
			also: Vec::new(),
		}
	}
}

/// A dev node for the bench, started as users start it but for one flag: room for the `reads`
/// workload's 500 connections (the node's default is 100).
fn dev_node(dir: &std::path::Path) -> Node {
	let mut config = NodeConfig::dev();
	config.extra = ["--rpc-max-connections", "1000"].map(String::from).to_vec();
	Node::start(config, dir)
}

/// Stop with exit 1 and the reason when a node given on the command line does not answer: a
/// wrong `--url` or `--also` is the user's mistake, to be named before any set-up, not a panic.
async fn check_reachable(urls: impl Iterator<Item = &String>) {
	for url in urls {
		if let Err(e) = Client::connect_within(url, Duration::from_secs(10)).await {
			fail(&e.to_string());
		}
	}
}

/// What went wrong, in words: the tool prints it and exits 1.
pub type Result<T> = std::result::Result<T, String>;

/// Names what failed, as in `.context("the sender's nonce")?`.
pub trait Context<T> {
	/// The value, or an error that says what was being done.
	fn context(self, what: &str) -> Result<T>;
}

impl<T, E: std::fmt::Display> Context<T> for std::result::Result<T, E> {
	fn context(self, what: &str) -> Result<T> {
		self.map_err(|e| format!("{what}: {e}"))
	}
}

/// Print `why` and exit 1.
fn fail(why: &str) -> ! {
	eprintln!("educhain-load: {why}");
	std::process::exit(1)
}

/// A measurement's length: a whole number of seconds, 1 or more.
fn seconds(text: &str) -> std::result::Result<u64, String> {
	match text.parse() {
		Ok(0) => Err("a measurement lasts 1 second or more".into()),
		Ok(secs) => Ok(secs),
		Err(e) => Err(format!("not a number of seconds: {e}")),
	}
}

#[tokio::main]
async fn main() {
	let args = Args::parse();
	let chosen: Vec<&str> =
		WORKLOADS.iter().copied().filter(|w| args.workloads.is_empty() || args.workloads.iter().any(|a| a == w)).collect();
	let mut sizes = if args.smoke { Sizes::smoke() } else { Sizes::full(args.secs, args.read_secs) };
	sizes.also = args.also.clone();
	check_reachable(args.url.iter().chain(&args.also)).await;
	// With --url or --smoke, every workload shares one node; otherwise each gets a fresh one.
	let shared = args.url.is_some() || args.smoke;
	let dir = tempfile::tempdir().unwrap_or_else(|e| fail(&format!("a temporary directory: {e}")));
	let mut node = None;
	let mut rows: Vec<Row> = Vec::new();
	let mut previous: Option<workloads::Issued> = None;
	for (n, workload) in chosen.iter().enumerate() {
		// The reads look up the certificates of the workload before, on its node.
		let keep = shared || (*workload == "reads" && previous.is_some());
		if !keep || node.is_none() {
			node = None;
			if args.url.is_none() {
				node = Some(dev_node(&dir.path().join(n.to_string())));
			}
		}
		let url = args.url.clone().unwrap_or_else(|| node.as_ref().expect("started").rpc_url());
		eprintln!("== {workload}");
		let (mut new, issued) = match workloads::run(workload, &url, &sizes, previous.take()).await {
			Ok(done) => done,
			// A node that died or stopped answering: stop the one this tool started, then say why.
			Err(why) => {
				drop((node, dir));
				fail(&format!("{workload}: {why}"))
			},
		};
		previous = issued;
		rows.append(&mut new);
	}
	drop(node);
	let table = report::table(&rows);
	println!("\n{table}");
	if let Some(path) = args.markdown {
		educhain_client::files::write_whole(&path, &table).unwrap_or_else(|e| fail(&e));
	}
	let bad: Vec<_> = rows.iter().filter(|r| args.smoke && !r.clean).map(|r| r.workload.as_str()).collect();
	if !bad.is_empty() {
		fail(&format!("smoke run: rejects, losses or nothing included in {bad:?}"));
	}
}
