//! The federated-learning ledger on a dev node over JSON-RPC: two institutions run a two-round
//! task, each registering its m when it accepts; m cannot be changed. A σ below the bound for
//! the registered m is refused with the bound; the round closes when both have
//! submitted; each payload is found in its block body by the recorded block and index and
//! matches its digest; an aggregate is recorded; an exhausted budget is refused; the deadline
//! closes the last round with the missing participant recorded.

use codec::Decode;
use educhain_e2e::{
	chain::{application, included, nonce, runtime_errors, sign_and_include, signed, signing_context},
	node::Node,
	rpc::{Rpc, TxOutcome},
	wait_for,
};
use educhain_runtime::{Runtime, RuntimeCall, RuntimeError, UncheckedExtrinsic};
use pallet_fl_ledger::{dp::ShortSigma, Call as Fl, DpParams};
use sp_core::{crypto::Ss58Codec, H256};
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie};
use sp_runtime::{
	traits::{BlakeTwo256, Hash, One},
	FixedU128,
};
use std::time::Duration;

const SAMPLES: u32 = 600;

fn fl(call: Fl<Runtime>) -> RuntimeCall {
	RuntimeCall::FlLedger(call)
}

/// Parse a decimal string as the RPC writes fixed-point values.
fn fixed(text: &str) -> FixedU128 {
	educhain_fl_client::ledger::parse_fixed(text).expect("a decimal")
}

/// `who`'s update for `round`: its payload bytes and the submit call, with noise `sigma`.
fn update(round: u32, sigma: FixedU128, seed: u8) -> (Vec<u8>, RuntimeCall) {
	let payload: Vec<u8> = (0..64u8).map(|i| i.wrapping_mul(seed)).collect();
	let call = fl(Fl::submit {
		task: 0,
		round,
		digest: BlakeTwo256::hash(&payload),
		sigma,
		payload: payload.clone().try_into().unwrap(),
	});
	(payload, call)
}

/// Sign and submit `call` as `who`; the runtime errors of the block it landed in.
async fn outcome(rpc: &Rpc, call: RuntimeCall, who: Sr25519Keyring) -> Vec<Result<RuntimeError, sp_runtime::DispatchError>> {
	let xt = signed(call, who, nonce(rpc, who).await, signing_context(rpc).await);
	let TxOutcome::InBlock(block) = rpc.submit_and_watch(&xt, false, Duration::from_secs(60)).await.unwrap() else {
		panic!("not included")
	};
	runtime_errors(rpc, &block).await
}

/// The payload of the submit extrinsic at `index` of block `number`.
async fn payload_in_block(rpc: &Rpc, number: u64, index: u64) -> Vec<u8> {
	let hash = rpc.block_hash(number as u32).await.expect("block");
	let block = rpc.must("chain_getBlock", vec![hash.into()]).await;
	let hex_xt = block["block"]["extrinsics"][index as usize].as_str().expect("extrinsic").to_string();
	let bytes = hex::decode(hex_xt.trim_start_matches("0x")).unwrap();
	let xt = UncheckedExtrinsic::decode(&mut &bytes[..]).expect("an extrinsic");
	match xt.function {
		RuntimeCall::FlLedger(Fl::submit { payload, .. }) => payload.into_inner(),
		other => panic!("block {number} index {index} holds {other:?}"),
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn two_institutions_run_a_private_task_that_an_auditor_can_follow() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let (_node, rpc) = Node::dev(dir.path()).await;

	// Charlie applies and the ministry (Alice) admits it: two institutions with Bob.
	included(&rpc, application(&rpc, Charlie, H256::repeat_byte(3), 0).await, "application").await;
	let approve = RuntimeCall::Registry(pallet_registry::Call::approve { subject: Charlie.to_account_id() });
	sign_and_include(&rpc, approve, Alice, "admission").await;

	// Bob registers a two-round task, 10 blocks a round (round 1 takes five transactions, one
	// block each); Charlie's budget covers one round.
	let dp = DpParams {
		epsilon: FixedU128::one(),
		delta: FixedU128::from_rational(1, 100_000),
		clip: FixedU128::one(),
	};
	let create = fl(Fl::create_task {
		model: H256::repeat_byte(9),
		params: 16,
		participants: vec![Bob.to_account_id(), Charlie.to_account_id()].try_into().unwrap(),
		rounds: 2,
		round_blocks: 10,
		dp,
		budgets: vec![FixedU128::from_u32(2), FixedU128::one()].try_into().unwrap(),
	});
	sign_and_include(&rpc, create, Bob, "task").await;
	let task = rpc.must("fl_task", vec![0.into()]).await;
	assert_eq!(task["status"], "Pending", "{task}");
	assert_eq!(task["delta"], "0.00001");
	for who in [Bob, Charlie] {
		sign_and_include(&rpc, fl(Fl::accept { task: 0, samples: SAMPLES }), who, "acceptance").await;
	}
	let task = rpc.must("fl_task", vec![0.into()]).await;
	assert_eq!(task["status"], "Running", "{task}");
	assert_eq!(task["openRound"], 1, "{task}");
	assert_eq!(task["participants"][1]["budget"]["samples"], SAMPLES, "{task}");
	// A larger m would lower the σ required: it cannot be registered again.
	let errors = outcome(&rpc, fl(Fl::accept { task: 0, samples: 10 * SAMPLES }), Charlie).await;
	assert!(matches!(errors[..], [Ok(RuntimeError::FlLedger(pallet_fl_ledger::Error::AlreadyAccepted))]), "{errors:?}");

	// A σ one unit below the bound is refused with the bound; the bound itself is accepted.
	let required = fixed(rpc.must("fl_requiredSigma", vec![0.into(), SAMPLES.into()]).await.as_str().unwrap());
	let expected = 2.0 * (2.0 * (1.25e5_f64).ln()).sqrt() / SAMPLES as f64;
	let got = required.into_inner() as f64 / 1e18;
	assert!(got >= expected && got - expected < 2e-9, "required σ {got}, expected {expected}");
	let (_, too_little) = update(1, FixedU128::from_inner(required.into_inner() - 1), 3);
	let errors = outcome(&rpc, too_little, Bob).await;
	let short = ShortSigma::round_up(required);
	assert!(
		matches!(errors[..], [Ok(RuntimeError::FlLedger(pallet_fl_ledger::Error::SigmaTooSmall { required: r }))] if r == short),
		"{errors:?}"
	);
	let (bob_payload, call) = update(1, required, 3);
	let errors = outcome(&rpc, call, Bob).await;
	assert!(errors.is_empty(), "{errors:?}");
	let (charlie_payload, call) = update(1, required, 5);
	let errors = outcome(&rpc, call, Charlie).await;
	assert!(errors.is_empty(), "{errors:?}");

	// Both in: round 1 closed and round 2 open. An auditor finds each payload in its block.
	let round = rpc.must("fl_round", vec![0.into(), 1.into()]).await;
	assert!(round["closed"].is_u64(), "{round}");
	assert_eq!(round["missing"], serde_json::json!([]));
	for (submission, payload) in round["submissions"].as_array().unwrap().iter().zip([&bob_payload, &charlie_payload]) {
		let found = payload_in_block(&rpc, submission["block"].as_u64().unwrap(), submission["index"].as_u64().unwrap()).await;
		assert_eq!(&found, payload);
		assert_eq!(submission["digest"], format!("{:?}", BlakeTwo256::hash(&found)));
		assert_eq!(fixed(submission["sigma"].as_str().unwrap()), required);
	}
	let task = rpc.must("fl_task", vec![0.into()]).await;
	assert_eq!(task["status"], "Running", "{task}");
	assert_eq!(task["openRound"], 2, "{task}");

	// Bob records its aggregate of round 1; Charlie's budget is spent.
	let half = FixedU128::from_rational(1, 2);
	let aggregate = fl(Fl::record_aggregate {
		task: 0,
		round: 1,
		digest: H256::repeat_byte(7),
		weights: vec![half, half].try_into().unwrap(),
	});
	sign_and_include(&rpc, aggregate, Bob, "aggregate").await;
	let round = rpc.must("fl_round", vec![0.into(), 1.into()]).await;
	assert_eq!(round["aggregates"][0]["weights"], serde_json::json!(["0.5", "0.5"]));
	let (_, call) = update(2, required, 5);
	let errors = outcome(&rpc, call, Charlie).await;
	assert!(matches!(errors[..], [Ok(RuntimeError::FlLedger(pallet_fl_ledger::Error::BudgetExceeded))]), "{errors:?}");
	let budget = rpc.must("fl_budget", vec![0.into(), Charlie.to_account_id().to_ss58check().into()]).await;
	// Basic composition spent all of it; Rényi DP, at δ = 2e-5 for the two rounds, 0.7865
	// (dp-accounting 0.6.0, z = 0.016149351 · 600/2): the second round would take it to 1.149.
	assert_eq!((budget["basicEpsilon"].as_str(), budget["totalDelta"].as_str()), (Some("1"), Some("0.00002")), "{budget}");
	assert_eq!(budget["spentEpsilon"], budget["rdpEpsilon"], "{budget}");
	assert!(budget["spentEpsilon"].as_str().unwrap().starts_with("0.78653"), "{budget}");
	assert_eq!((budget["samples"].as_u64(), budget["submissions"].as_u64()), (Some(SAMPLES.into()), Some(1)), "{budget}");

	// Bob submits round 2; at the deadline it closes with Charlie missing, and the task ends.
	let (_, call) = update(2, required, 3);
	let errors = outcome(&rpc, call, Bob).await;
	assert!(errors.is_empty(), "{errors:?}");
	let round = wait_for("round 2 to close at its deadline", Duration::from_secs(60), || async {
		let round = rpc.must("fl_round", vec![0.into(), 2.into()]).await;
		round["closed"].is_u64().then_some(round)
	})
	.await;
	assert_eq!(round["missing"], serde_json::json!([Charlie.to_account_id().to_ss58check()]));
	assert_eq!(rpc.must("fl_task", vec![0.into()]).await["status"], "Finished");
}
