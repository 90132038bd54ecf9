//! Invariants under random use: long random sequences of the education pallets' calls, by
//! random origins with random arguments, on the runtime itself (natively, in test
//! externalities started from the `local_testnet` preset). After every step each pallet's
//! invariants (`AuditApi::check_invariants`, the pallets' `try_state`) must hold; a call that
//! panics fails the test.
//!
//! Calls are generated from the runtime's own type information (`scale-info`), so every call of
//! every pallet is covered, including ones added later, without a generator to maintain.
//! Arguments are drawn from small pools (a few accounts, ids, digests and days) so that random
//! calls meet each other's state, with extremes (`MAX`, oversized vectors, garbage bytes) mixed
//! in. How long it runs: `EDUCHAIN_FUZZ_CASES` sequences (default 64) of up to
//! `EDUCHAIN_FUZZ_STEPS` steps (default 400). Failures found so far are kept as the tests at the
//! end of this file, and proptest keeps the seeds of new ones in `random_use.proptest-regressions`.

mod random_use {
	pub mod calls;
	pub mod chain;
	pub mod setup;
}

use proptest::prelude::*;
use random_use::{calls::Generator, chain, setup};
use std::sync::{
	atomic::{AtomicU64, Ordering::Relaxed},
	Mutex, OnceLock,
};

/// One step of a random sequence.
#[derive(Clone, Debug)]
enum Step {
	/// Dispatch a call generated from `seed` with an origin chosen by `who`.
	Call { who: u8, seed: u64 },
	/// Account `who` applies to join, with a payload it really signed (random bytes never
	/// make a valid application).
	Apply { who: u8, seed: u64 },
	/// Finish the block and start `n` more (hooks run: session rotation, expiries).
	Advance(u8),
}

fn step() -> impl Strategy<Value = Step> {
	prop_oneof![
		12 => (any::<u8>(), any::<u64>()).prop_map(|(who, seed)| Step::Call { who, seed }),
		1 => (any::<u8>(), any::<u64>()).prop_map(|(who, seed)| Step::Apply { who, seed }),
		1 => (1u8..=12).prop_map(Step::Advance),
	]
}

fn env(name: &str, default: u32) -> u32 {
	std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// What all cases did, for the summary printed at the end.
#[derive(Default)]
struct Tally {
	ok: AtomicU64,
	failed: AtomicU64,
	undecodable: AtomicU64,
	refused: AtomicU64,
	blocks: AtomicU64,
	succeeded: Mutex<std::collections::BTreeMap<String, u64>>,
	failures: Mutex<std::collections::BTreeMap<String, u64>>,
}

fn tally() -> &'static Tally {
	static TALLY: OnceLock<Tally> = OnceLock::new();
	TALLY.get_or_init(Tally::default)
}

/// Count what a call did; its description.
fn record(outcome: chain::Outcome) -> String {
	let t = tally();
	match &outcome {
		chain::Outcome::Ok(name) => {
			t.ok.fetch_add(1, Relaxed);
			*t.succeeded.lock().unwrap().entry(name.clone()).or_default() += 1;
		},
		chain::Outcome::Failed(name, e) => {
			t.failed.fetch_add(1, Relaxed);
			*t.failures.lock().unwrap().entry(format!("{name}: {e:?}")).or_default() += 1;
		},
		chain::Outcome::Undecodable => drop(t.undecodable.fetch_add(1, Relaxed)),
		chain::Outcome::Refused => drop(t.refused.fetch_add(1, Relaxed)),
	}
	format!("{outcome:?}")
}

/// Run `steps` from the preset's genesis, checking the invariants after each.
fn run(steps: &[Step]) -> Result<(), TestCaseError> {
	let generator = Generator::new();
	chain::new_ext().execute_with(|| {
		setup::records();
		chain::check().map_err(|e| TestCaseError::fail(format!("after the setup: {e}")))?;
		for (i, step) in steps.iter().enumerate() {
			let outcome = match step {
				Step::Call { who, seed } => record(chain::dispatch(&generator, *who, *seed)),
				Step::Apply { who, seed } => record(chain::apply(*who, *seed)),
				Step::Advance(n) => {
					chain::advance(u32::from(*n)).map_err(|e| TestCaseError::fail(format!("step {i} ({step:?}): {e}")))?;
					tally().blocks.fetch_add(u64::from(*n), Relaxed);
					format!("advanced {n} blocks")
				},
			};
			chain::check().map_err(|e| TestCaseError::fail(format!("step {i} ({step:?}: {outcome}): {e}")))?;
		}
		Ok(())
	})
}

#[test]
fn invariants_hold_under_random_calls_by_random_origins() {
	let cases = env("EDUCHAIN_FUZZ_CASES", 64);
	let steps = env("EDUCHAIN_FUZZ_STEPS", 400) as usize;
	let started = std::time::Instant::now();
	let regressions = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/random_use.proptest-regressions");
	let config = ProptestConfig {
		cases,
		failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(regressions))),
		..ProptestConfig::default()
	};
	proptest::test_runner::TestRunner::new(config)
		.run(&proptest::collection::vec(step(), 1..=steps), |steps| run(&steps))
		.unwrap_or_else(|e| panic!("{e}"));

	let t = tally();
	let calls = t.ok.load(Relaxed) + t.failed.load(Relaxed) + t.undecodable.load(Relaxed) + t.refused.load(Relaxed);
	let succeeded = t.succeeded.lock().unwrap();
	eprintln!(
		"random use: {cases} sequences, {calls} calls ({} succeeded, {} failed with an error, {} undecodable, {} refused by authorize), {} blocks, in {:.1?}",
		t.ok.load(Relaxed),
		t.failed.load(Relaxed),
		t.undecodable.load(Relaxed),
		t.refused.load(Relaxed),
		t.blocks.load(Relaxed),
		started.elapsed()
	);
	eprintln!("calls that succeeded at least once ({}): {succeeded:?}", succeeded.len());
	if std::env::var("EDUCHAIN_FUZZ_WHY").is_ok() {
		eprintln!("why calls failed: {:#?}", t.failures.lock().unwrap());
	}
	// The setup and the pools let random calls build on each other: without them, only the
	// calls that need no prior state would succeed, and the invariants would be checked on an
	// almost empty chain. Runs of the default size reach about 27 of the 39 calls.
	if cases >= 64 && steps >= 400 {
		assert!(succeeded.len() >= 20, "only {} calls ever succeeded: the generator no longer reaches deep state", succeeded.len());
		// The registry's whole lifecycle runs on real applications.
		for call in ["Registry.apply", "Registry.vote", "Registry.approve", "Registry.reject"] {
			assert!(succeeded.contains_key(call), "{call} never succeeded: {succeeded:?}");
		}
	}
}

/// Found by the test above (its seed is in `random_use.proptest-regressions`): a ministry
/// account removed in the block whose session rotation queued it stays queued until the next
/// rotation, like a suspended institution. The authorities check took it for a stranger.
#[test]
fn a_ministry_account_removed_as_the_session_rotates_keeps_its_queued_place() {
	use educhain_runtime::{RuntimeCall, RuntimeEvent, RuntimeOrigin, System};
	use sp_keyring::Sr25519Keyring::{Alice, Charlie};
	use sp_runtime::traits::Dispatchable;
	chain::new_ext().execute_with(|| {
		let ministry = |call| RuntimeCall::Ministry(call).dispatch(RuntimeOrigin::signed(Alice.to_account_id()));
		ministry(pallet_ministry::Call::add_account { account: Charlie.to_account_id() }).expect("added");
		let rotated = || {
			System::events()
				.iter()
				.any(|r| matches!(r.event, RuntimeEvent::Session(pallet_session::Event::NewSession { .. })))
		};
		while !rotated() {
			chain::advance(1).expect("the invariants hold at the end of each block");
		}
		ministry(pallet_ministry::Call::remove_account { account: Alice.to_account_id() }).expect("removed");
		chain::check().expect("Alice keeps her queued place until the next rotation");
	})
}
