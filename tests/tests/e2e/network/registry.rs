//! The registry on the real local network: a fifth institution applies, the members vote it in
//! over JSON-RPC, it registers session keys and authors blocks from the next sessions on; then
//! the members vote it out, it stops authoring, and finality never stops.

use educhain_e2e::{
	chain::{application, aura_authorities, block_author, included, set_keys, sign_and_include},
	network::LocalNetwork,
	rpc::Rpc,
	wait_for,
};
use educhain_runtime::RuntimeCall;
use pallet_registry::Action;
use sp_core::{crypto::Ss58Codec, H256};
use sp_keyring::Sr25519Keyring::{self, Bob, Charlie, Dave, Eve, Ferdie};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(120);

fn vote(subject: Sr25519Keyring, aye: bool) -> RuntimeCall {
	RuntimeCall::Registry(pallet_registry::Call::vote { subject: subject.to_account_id(), aye })
}

async fn registry(rpc: &Rpc, method: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
	rpc.must(&format!("registry_{method}"), args).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_fifth_institution_is_voted_in_authors_blocks_and_is_voted_out() {
	let _gate = educhain_e2e::together();
	let mut net = LocalNetwork::start().await;
	let alice = net.rpc(0).await;
	LocalNetwork::wait_finalized(&[&alice], 1, LIMIT).await;
	let eve_node = net.join("eve");
	let eve_rpc = net.rpc(eve_node).await;
	let eve = Eve.to_account_id().to_ss58check();

	// The three genesis universities are the members.
	let members = registry(&alice, "members", vec![]).await;
	assert_eq!(members.as_array().map(Vec::len), Some(3), "{members}");
	assert!(members.as_array().unwrap().iter().all(|m| m["status"] == "Active"));

	// 1. Eve applies: a general transaction carrying her signature; she has no tokens.
	let profile = H256::repeat_byte(0xe5);
	included(&alice, application(&alice, Eve, profile, 0).await, "Eve's application").await;
	let apps = registry(&alice, "applications", vec![]).await;
	assert_eq!(apps[0]["subject"], eve.as_str(), "{apps}");
	assert_eq!((apps[0]["electorate"].as_u64(), apps[0]["threshold"].as_u64()), (Some(3), Some(2)));
	// The same application again is refused by the pool, with the registry's reason.
	let again = application(&alice, Eve, profile, 0).await;
	assert!(alice.submit(&again).await.is_err(), "a second application is refused");

	// 2. Bob and Charlie vote aye over JSON-RPC: 2 of 3 is more than half.
	sign_and_include(&alice, vote(Eve, true), Bob, "Bob's vote").await;
	let record = registry(&alice, "institution", vec![eve.clone().into()]).await;
	assert_eq!(record["status"], "Applicant", "1 of 3 is not enough");
	sign_and_include(&alice, vote(Eve, true), Charlie, "Charlie's vote").await;
	let record = registry(&alice, "institution", vec![eve.clone().into()]).await;
	assert_eq!(record["status"], "Active", "{record}");
	assert_eq!(record["kind"], "College");
	assert!(registry(&alice, "applications", vec![]).await.as_array().unwrap().is_empty());

	// As a member, Eve may now sign: she makes Ferdie one of her lecturers.
	let grant = RuntimeCall::Registry(pallet_registry::Call::grant_lecturer {
		lecturer: Ferdie.to_account_id(),
	});
	sign_and_include(&alice, grant, Eve, "Eve's lecturer").await;
	let lecturers = registry(&alice, "lecturers", vec![eve.clone().into()]).await;
	assert_eq!(lecturers, serde_json::json!([Ferdie.to_account_id().to_ss58check()]));

	// 3. Eve's node makes session keys with a proof of possession; Eve registers them.
	let owner = format!("0x{}", hex::encode(Eve.to_account_id()));
	let generated = eve_rpc.must("author_rotateKeysWithOwner", vec![owner.into()]).await;
	let bytes = |v: &serde_json::Value| hex::decode(v.as_str().unwrap().trim_start_matches("0x")).unwrap();
	let (keys, proof) = (bytes(&generated["keys"]), bytes(&generated["proof"]));
	let call = set_keys(&keys, &proof);
	let RuntimeCall::Session(pallet_session::Call::set_keys { keys: session_keys, .. }) = &call else {
		unreachable!()
	};
	let eve_aura = session_keys.aura.clone();
	sign_and_include(&alice, call, Eve, "Eve's session keys").await;

	// From the session after next, Eve is an Aura authority, and she authors blocks.
	let joined_at = wait_for("Eve to become an authority", 2 * LIMIT, || async {
		aura_authorities(&alice, None).await.contains(&eve_aura).then_some(())?;
		Some(alice.best_number().await)
	})
	.await;
	let authored = wait_for("a block authored by Eve", LIMIT, || async {
		let best = alice.best_number().await;
		for n in joined_at + 1..=best {
			if block_author(&alice, n).await == eve_aura {
				return Some(n);
			}
		}
		None
	})
	.await;
	let rpcs: Vec<Rpc> = all_rpcs(&net).await;
	let all: Vec<&Rpc> = rpcs.iter().collect();
	LocalNetwork::wait_finalized(&all, authored, LIMIT).await;

	// 4. Bob moves to remove Eve and Dave seconds: 2 of the 3 others.
	let remove = RuntimeCall::Registry(pallet_registry::Call::propose {
		subject: Eve.to_account_id(),
		action: Action::Remove,
	});
	sign_and_include(&alice, remove, Bob, "Bob's motion").await;
	let motions = registry(&alice, "motions", vec![]).await;
	assert_eq!(motions[0]["action"], "Remove", "{motions}");
	sign_and_include(&alice, vote(Eve, true), Dave, "Dave's vote").await;
	let record = registry(&alice, "institution", vec![eve.clone().into()]).await;
	assert_eq!(record["status"], "Removed", "{record}");

	// Within two sessions she is no longer an authority, and authors nothing after that.
	let left_at = wait_for("Eve to leave the authority set", 2 * LIMIT, || async {
		(!aura_authorities(&alice, None).await.contains(&eve_aura)).then_some(())?;
		Some(alice.best_number().await)
	})
	.await;
	let finalized = alice.finalized_number().await;
	LocalNetwork::wait_finalized(&all[..4], left_at + 10, LIMIT).await;
	assert!(alice.finalized_number().await > finalized, "finality kept going");
	for n in left_at + 1..=left_at + 10 {
		assert_ne!(block_author(&alice, n).await, eve_aura, "block {n}");
	}
}

async fn all_rpcs(net: &LocalNetwork) -> Vec<Rpc> {
	let mut rpcs = Vec::new();
	for i in 0..net.nodes.len() {
		rpcs.push(net.rpc(i).await);
	}
	rpcs
}
