//! A client for educhain nodes: JSON-RPC over WebSocket ([`rpc`]), and building, signing,
//! submitting and checking transactions ([`tx`]). The end-to-end tests and the command-line
//! tools share it.

pub mod rpc;
pub mod tx;

use std::time::{Duration, Instant};

/// Poll `check` every 500 ms until it returns `Some`, or fail after `limit` saying `what`.
pub async fn wait_for<T, F, Fut>(what: &str, limit: Duration, mut check: F) -> T
where
	F: FnMut() -> Fut,
	Fut: std::future::Future<Output = Option<T>>,
{
	let deadline = Instant::now() + limit;
	loop {
		if let Some(value) = check().await {
			return value;
		}
		if Instant::now() > deadline {
			panic!("timed out after {limit:?} waiting for {what}");
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}
