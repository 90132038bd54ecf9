//! Harness for educhain's end-to-end tests.
//!
//! Every test starts real `educhain-node` processes on loopback with free ports and temporary
//! base paths, talks to them over JSON-RPC, bounds every wait, and kills every process it started
//! (on drop, so also when a test fails).

pub mod chain;
pub mod network;
pub mod node;
pub mod rpc;

use std::time::{Duration, Instant};

/// The DID a credential document names `who` by: `did:educhain:<SS58 address>`.
pub fn did(who: sp_keyring::Sr25519Keyring) -> String {
	use sp_core::crypto::Ss58Codec;
	format!("did:educhain:{}", who.to_account_id().to_ss58check())
}

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
