//! Read throughput: many connections, each sending one request after another for a while.

use crate::{Context, Result};
use educhain_e2e::rpc::Rpc;
use serde_json::Value;
use std::{
	collections::BTreeMap,
	sync::Arc,
	time::{Duration, Instant},
};

/// What the readers saw.
pub struct Reads {
	pub answered: usize,
	pub errors: BTreeMap<String, usize>,
	/// Every answered request's latency, sorted.
	pub latency: Vec<Duration>,
	pub elapsed: Duration,
}

/// `connections` clients call `method` for `duration`, cycling through `params`.
pub async fn run(url: &str, connections: usize, duration: Duration, method: &'static str, params: Arc<Vec<Vec<Value>>>) -> Result<Reads> {
	// Connect everyone first, so that only requests are timed; all at once, so that a node that
	// refuses some (its `--rpc-max-connections`) costs one connect timeout, not one each.
	let attempts = (0..connections).map(|_| Rpc::try_connect(url, Duration::from_secs(5)));
	let mut clients = Vec::new();
	let mut errors = BTreeMap::new();
	for attempt in futures::future::join_all(attempts).await {
		match attempt {
			Some(rpc) => clients.push(rpc),
			None => *errors.entry("could not connect (the node's --rpc-max-connections?)".to_string()).or_default() += 1,
		}
	}
	let started = Instant::now();
	let deadline = started + duration;
	let tasks: Vec<_> = clients
		.into_iter()
		.enumerate()
		.map(|(n, rpc)| {
			let params = params.clone();
			tokio::spawn(async move {
				let (mut latency, mut errors) = (Vec::new(), BTreeMap::<String, usize>::new());
				let mut i = n * 7919;
				while Instant::now() < deadline {
					let args = params[i % params.len()].clone();
					i += 1;
					let sent = Instant::now();
					match rpc.call(method, args).await {
						Ok(_) => latency.push(sent.elapsed()),
						Err(e) => *errors.entry(e.to_string()).or_default() += 1,
					}
				}
				(latency, errors)
			})
		})
		.collect();
	let mut latency = Vec::new();
	for task in tasks {
		let (l, e) = task.await.context("a reader")?;
		latency.extend(l);
		for (why, n) in e {
			*errors.entry(why).or_default() += n;
		}
	}
	let elapsed = started.elapsed();
	latency.sort();
	Ok(Reads { answered: latency.len(), errors, latency, elapsed })
}
