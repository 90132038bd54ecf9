//! Coins on a dev node over JSON-RPC: a course with tasks worth 40, 40 and 30 coins and a
//! threshold of 100; a learner with 80 coins is refused, 20 short; with 110 the claim succeeds
//! and the micro-credential verifies; a second claim is refused.

use educhain_e2e::{
	chain::{nonce, runtime_errors, sign_and_include, signed, signing_context},
	node::Node,
	rpc::{Rpc, TxOutcome},
};
use educhain_runtime::{RuntimeCall, RuntimeError};
use pallet_transcripts::digest;
use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, H256};
use sp_keyring::Sr25519Keyring::{Bob, Charlie, Dave};
use std::time::Duration;

fn c(call: pallet_coins::Call<educhain_runtime::Runtime>) -> RuntimeCall {
	RuntimeCall::Coins(call)
}

/// The micro-credential document course 0 fixes for Dave.
fn micro_credential(course_document: H256) -> Value {
	let (bob, dave) = (Bob.to_account_id().to_ss58check(), Dave.to_account_id().to_ss58check());
	educhain_verifier::micro_credential(&bob, &dave, 0, &format!("{course_document:?}"))
}

/// Dave's claim of course 0's micro-credential; the errors of the block it landed in.
async fn claim(rpc: &Rpc, credential: H256) -> Vec<Result<RuntimeError, sp_runtime::DispatchError>> {
	let call = c(pallet_coins::Call::claim { course: 0, credential });
	let xt = signed(call, Dave, nonce(rpc, Dave).await, signing_context(rpc).await);
	let TxOutcome::InBlock(block) = rpc.submit_and_watch(&xt, false, Duration::from_secs(60)).await.unwrap() else {
		panic!("the claim was not included")
	};
	runtime_errors(rpc, &block).await
}

async fn award(rpc: &Rpc, task: u32, coins: u32) {
	let call = c(pallet_coins::Call::award { course: 0, learner: Dave.to_account_id(), task, coins });
	sign_and_include(rpc, call, Charlie, "award").await;
}

async fn balance(rpc: &Rpc) -> Value {
	rpc.must("coins_balance", vec![0.into(), Dave.to_account_id().to_ss58check().into()]).await
}

#[tokio::test(flavor = "multi_thread")]
async fn coins_earned_for_tasks_are_exchanged_once_for_a_verifiable_micro_credential() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let (node, rpc) = Node::dev(dir.path()).await;

	// 1. Bob (a university) appoints Charlie, who creates the course, its three tasks, and
	//    enrols Dave.
	let appoint = RuntimeCall::Registry(pallet_registry::Call::grant_lecturer { lecturer: Charlie.to_account_id() });
	sign_and_include(&rpc, appoint, Bob, "appoint").await;
	let course_document: H256 = digest::course_digest("Data cleaning").into();
	let create = c(pallet_coins::Call::create_course {
		institution: Bob.to_account_id(),
		document: course_document,
		threshold: 100,
	});
	sign_and_include(&rpc, create, Charlie, "course").await;
	for (i, max_coins) in [40, 40, 30].into_iter().enumerate() {
		let task = c(pallet_coins::Call::add_task {
			course: 0,
			document: digest::course_digest(&format!("task {i}")).into(),
			max_coins,
		});
		sign_and_include(&rpc, task, Charlie, "task").await;
	}
	let enrol = c(pallet_coins::Call::enrol { course: 0, learners: vec![Dave.to_account_id()].try_into().unwrap() });
	sign_and_include(&rpc, enrol, Charlie, "enrol").await;
	let course = rpc.must("coins_course", vec![0.into()]).await;
	assert_eq!(course["threshold"], 100);
	assert_eq!(course["lecturer"], Charlie.to_account_id().to_ss58check());
	let maxima: Vec<_> = course["tasks"].as_array().unwrap().iter().map(|t| t["maxCoins"].clone()).collect();
	assert_eq!(maxima, vec![json!(40), json!(40), json!(30)]);

	// 2. 40 + 40: the claim fails, 20 coins short, and nothing is spent.
	award(&rpc, 0, 40).await;
	award(&rpc, 1, 40).await;
	assert_eq!(balance(&rpc).await, json!({ "earned": 80, "spent": 0, "available": 80, "claimed": null }));
	let document = micro_credential(course_document);
	let id = educhain_verifier::credential_id(&document).unwrap();
	let errors = claim(&rpc, id).await;
	assert!(
		matches!(errors[..], [Ok(RuntimeError::Coins(pallet_coins::Error::BelowThreshold { missing: 20 }))]),
		"{errors:?}"
	);
	assert_eq!(balance(&rpc).await["spent"], 0);
	let report = educhain_verifier::verify(&document, &node.rpc_url()).await.expect("checked");
	assert!(!report.valid(), "{report}");

	// 3. + 30: the claim succeeds, the coins are spent and the micro-credential verifies.
	award(&rpc, 2, 30).await;
	assert_eq!(claim(&rpc, id).await.len(), 0, "the claim failed");
	assert_eq!(
		balance(&rpc).await,
		json!({ "earned": 110, "spent": 100, "available": 10, "claimed": format!("{id:?}") })
	);
	let report = educhain_verifier::verify(&document, &node.rpc_url()).await.expect("verified");
	assert!(report.valid(), "{report}");
	let record = rpc.must("credentials_verify", vec![format!("{id:?}").into()]).await;
	assert_eq!(record["kind"], "MicroCredential");
	assert_eq!(record["course"], json!({ "id": 0, "document": format!("{course_document:?}") }));
	assert_eq!(record["issuer"], Bob.to_account_id().to_ss58check());
	let awards = rpc.must("coins_awards", vec![0.into(), Dave.to_account_id().to_ss58check().into()]).await;
	let coins: Vec<_> = awards.as_array().unwrap().iter().map(|a| a["coins"].clone()).collect();
	assert_eq!(coins, vec![json!(40), json!(40), json!(30)]);

	// 4. A second claim, even with another document, fails.
	let mut other = document.clone();
	other["validFrom"] = json!("2026-11-22T00:00:00Z");
	let other_id = educhain_verifier::credential_id(&other).unwrap();
	let errors = claim(&rpc, other_id).await;
	assert!(matches!(errors[..], [Ok(RuntimeError::Coins(pallet_coins::Error::AlreadyClaimed))]), "{errors:?}");
	let balances = rpc.must("coins_balances", vec![Dave.to_account_id().to_ss58check().into()]).await;
	assert_eq!(balances[0]["spent"], 100);
	assert_eq!(balances.as_array().unwrap().len(), 1);
}
