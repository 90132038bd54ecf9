//! The chain the random calls run on: the runtime's `local_testnet` genesis in test
//! externalities, blocks advanced with the hooks of the pallets that have them, and calls
//! dispatched as the chain would dispatch them.

use super::calls::{accounts, Generator, TODAY};
use educhain_runtime::{
	Coins, Credentials, FlLedger, Ministry, Registry, Runtime, RuntimeGenesisConfig, RuntimeOrigin, Session, System,
	Transcripts,
};
use frame_support::traits::{Authorize, GetCallMetadata, OnFinalize, OnInitialize};
use sp_runtime::{traits::Dispatchable, transaction_validity::TransactionSource, BuildStorage};

/// The pallets with hooks that matter here. Timestamp and the consensus pallets are left out:
/// their hooks check the block's inherents and digests, which a block built by hand lacks; the
/// time is set directly instead.
type Hooked = (System, Session, Ministry, Registry, Transcripts, Credentials, Coins, FlLedger);

/// Genesis from the `local_testnet` preset (a patch over the default config, merged as the
/// chain-spec builder merges it), at block 1.
pub fn new_ext() -> sp_io::TestExternalities {
	let preset = educhain_runtime::genesis_config_presets::get_preset(&"local_testnet".into()).expect("the preset");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("the default config");
	merge(&mut config, serde_json::from_slice(&preset).expect("preset JSON"));
	let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("a valid genesis config");
	let mut ext: sp_io::TestExternalities = config.build_storage().expect("genesis builds").into();
	ext.execute_with(|| start_block(1));
	ext
}

fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) =>
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			},
		(base, patch) => *base = patch,
	}
}

fn start_block(n: u32) {
	System::initialize(&n, &System::parent_hash(), &Default::default());
	// Blocks come as often as the runtime's slots.
	let now = TODAY as u64 * 86_400_000 + u64::from(n) * educhain_runtime::MILLI_SECS_PER_BLOCK;
	pallet_timestamp::Now::<Runtime>::put(now);
	<Hooked as OnInitialize<u32>>::on_initialize(n);
}

/// Finish the current block and run `blocks` more, one by one, so that no hook is skipped.
/// The invariants are checked at the end of every block, while its events (a session rotation,
/// an expiry) are still there to read.
pub fn advance(blocks: u32) -> Result<(), String> {
	for _ in 0..blocks {
		let n = System::block_number();
		<Hooked as OnFinalize<u32>>::on_finalize(n);
		check().map_err(|e| format!("at the end of block {n}: {e}"))?;
		start_block(n + 1);
	}
	Ok(())
}

/// What a random step did.
#[derive(Debug)]
pub enum Outcome {
	/// Dispatched and succeeded: `Pallet.call`.
	Ok(String),
	/// Dispatched and failed with an error (state unchanged).
	Failed(String, sp_runtime::DispatchError),
	/// The random bytes were not a call.
	Undecodable,
	/// A general transaction whose `authorize` refused it: it never reaches a block.
	Refused,
}

/// Generate a call from `seed` and dispatch it as `who` picks: signed by one of the accounts
/// (whether or not the admission extension would let it into the pool: the pallets must hold
/// on their own), unsigned, root, or, for calls that authorize themselves, as a general
/// transaction that passed `authorize`.
pub fn dispatch(generator: &Generator, who: u8, seed: u64) -> Outcome {
	match generator.call(seed) {
		Ok(call) => dispatch_call(call, who),
		Err(_) => Outcome::Undecodable,
	}
}

/// A real application: one of the accounts (`who`) applies with a kind and profile from
/// `seed`, signing the registry's own payload with its key, as a candidate does; it is then
/// dispatched as a general transaction that passed `authorize` (or is refused by it, as a
/// member's or a second application is).
pub fn apply(who: u8, seed: u64) -> Outcome {
	use pallet_registry::InstitutionKind::*;
	let key = super::calls::keys()[usize::from(who) % 8];
	let candidate = key.to_account_id();
	let kind = [University, College, School, Other][(seed % 4) as usize];
	let profile = sp_core::H256::from_low_u64_be(seed % 3);
	let payload = Registry::application_payload(&candidate, kind, &profile);
	let signature = sp_runtime::MultiSignature::Sr25519(key.sign(&payload));
	let call = educhain_runtime::RuntimeCall::Registry(pallet_registry::Call::apply { candidate, kind, profile, signature });
	dispatch_call(call, who)
}

/// Dispatch `call` as the chain would: a general transaction through `authorize`, anything
/// else with an origin chosen by `who`.
fn dispatch_call(call: educhain_runtime::RuntimeCall, who: u8) -> Outcome {
	let name = {
		let meta = call.get_call_metadata();
		format!("{}.{}", meta.pallet_name, meta.function_name)
	};
	let origin = match call.authorize(TransactionSource::External) {
		Some(Ok(_)) => RuntimeOrigin::from(frame_system::RawOrigin::Authorized),
		Some(Err(_)) => return Outcome::Refused,
		None => origin(who),
	};
	// Every extrinsic is dispatched in its own storage layer, as `Executive` does.
	let result = frame_support::storage::with_storage_layer(|| call.clone().dispatch(origin));
	match result {
		Ok(_) => Outcome::Ok(name),
		Err(e) => Outcome::Failed(name, e.error),
	}
}

/// Mostly the accounts that hold roles after `setup` (Bob the university, Eve his lecturer,
/// Alice the ministry), so that calls get past their origin checks; any account otherwise.
fn origin(who: u8) -> RuntimeOrigin {
	let signer = match who % 20 {
		0 => return RuntimeOrigin::none(),
		1 => return RuntimeOrigin::root(),
		2..=5 => 1,
		6..=8 => 4,
		9..=10 => 0,
		n => usize::from(n % 8),
	};
	RuntimeOrigin::signed(accounts()[signer].clone())
}

/// Every pallet's invariants, as the auditor checks them.
pub fn check() -> Result<(), String> {
	educhain_runtime::audit::check_invariants().map_err(|e| String::from_utf8_lossy(&e).into_owned())
}
