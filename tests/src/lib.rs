//! Harness for educhain's end-to-end tests.
//!
//! Every test starts real `educhain-node` processes on loopback with free ports and temporary
//! base paths, talks to them over JSON-RPC, bounds every wait, and kills every process it started
//! (on drop, so also when a test fails).

#![warn(missing_docs)]

pub mod chain;
pub mod cli;
pub mod http;
pub mod network;
pub mod node;
pub mod page;
pub mod proxy;
pub mod rpc;
pub mod tally;

use std::time::{Duration, Instant};

/// Poll `check` every 500 ms until it returns `Some`, or fail the test after `limit` saying
/// `what`.
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

/// The repository root: of the checkout that `cargo test` runs in (cargo sets
/// CARGO_MANIFEST_DIR for the test process too), not of the one the harness was built in.
/// Checkouts share one target directory, and cargo reuses a crate built in another checkout
/// whose sources are the same, with that checkout's path compiled in.
pub fn root() -> std::path::PathBuf {
	let tests = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| env!("CARGO_MANIFEST_DIR").into(), std::path::PathBuf::from);
	tests.parent().expect("tests/ is in the workspace").to_path_buf()
}

/// How long a light client in a test may take to sync: three times a user's default, since five
/// tests share two cores. Alone, a dev chain's light client syncs in seconds; once, in CI, it took
/// longer than 60 s.
pub const LIGHT_SYNC_LIMIT: Duration = Duration::from_secs(180);

/// A light client's flags for the network of chain spec file `spec`, allowed
/// [`LIGHT_SYNC_LIMIT`], keeping its state in `database` if given.
pub fn light_args(spec: &std::path::Path, database: Option<std::path::PathBuf>) -> educhain_verifier::LightArgs {
	let sync_limit = Some(LIGHT_SYNC_LIMIT.as_secs());
	educhain_verifier::LightArgs { chain_spec: Some(spec.to_path_buf()), light_db: database, sync_limit }
}

/// Today on this machine, in days since 1970-01-01: the dev chain's clock, to enrol from.
pub fn today() -> u32 {
	educhain_verifier::dates::today()
}

/// The DID a credential document names `who` by: `did:educhain:<SS58 address>`.
pub fn did(who: sp_keyring::Sr25519Keyring) -> String {
	educhain_client::api::did::did_of(&who.to_account_id())
}

/// The id of the micro-credential document that course `course` (document digest `document`)
/// at `issuer` fixes for `holder`: the only id a claim of it may anchor.
pub fn micro_credential_id(
	issuer: &sp_runtime::AccountId32,
	holder: &sp_runtime::AccountId32,
	course: u64,
	document: sp_core::H256,
) -> sp_core::H256 {
	use sp_core::crypto::Ss58Codec;
	let form = educhain_verifier::micro_credential(&issuer.to_ss58check(), &holder.to_ss58check(), course, &format!("{document:?}"));
	educhain_verifier::credential_id(&form).expect("the form canonicalizes")
}

/// End-to-end tests run a few at a time (`scripts/test.sh` gives the harness five threads): most
/// of a test's time is spent waiting for 3-second blocks, not computing. A test that loads a node
/// or a network to its limits, or measures how promptly or how much a node serves, holds
/// [`alone`] and runs by itself; every other one, a network of nodes of its own included, holds
/// [`together`].
static GATE: std::sync::RwLock<()> = std::sync::RwLock::new(());

/// Runs the holder alongside other [`together`] tests, never beside an [`alone`] one.
pub fn together() -> Gate<std::sync::RwLockReadGuard<'static, ()>> {
	// A test that failed while holding the gate poisons it; the others still run.
	Gate::new(GATE.read().unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// Runs the holder with no other end-to-end test beside it.
pub fn alone() -> Gate<std::sync::RwLockWriteGuard<'static, ()>> {
	Gate::new(GATE.write().unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// A held gate. When `EDUCHAIN_E2E_TIMES` names a file, each test appends its name and how long
/// it held the gate, in seconds, tab-separated: where the suite's time goes.
pub struct Gate<G> {
	_guard: G,
	start: std::time::Instant,
}

impl<G> Gate<G> {
	fn new(guard: G) -> Self {
		Gate { _guard: guard, start: std::time::Instant::now() }
	}
}

impl<G> Drop for Gate<G> {
	fn drop(&mut self) {
		let Some(path) = std::env::var_os("EDUCHAIN_E2E_TIMES") else { return };
		// libtest names each test's thread after the test.
		let name = std::thread::current().name().unwrap_or("?").to_string();
		let line = format!("{name}\t{:.1}\n", self.start.elapsed().as_secs_f64());
		let written = std::fs::OpenOptions::new().create(true).append(true).open(&path).and_then(|mut f| std::io::Write::write_all(&mut f, line.as_bytes()));
		// A figure that cannot be written must not fail or hide the test's own outcome.
		if let Err(e) = written {
			eprintln!("{}: {e}", std::path::Path::new(&path).display());
		}
	}
}
