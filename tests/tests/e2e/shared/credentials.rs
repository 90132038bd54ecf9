//! Credentials on a dev node over JSON-RPC: a learner completes a program, the degree is
//! issued and the verifier library reports it valid; an altered copy is not valid; after
//! revocation the original is reported revoked; a learner one credit short cannot get one.

use educhain_e2e::{
	did,
	chain::{failures, nonce, sign_and_include, signed, signing_context},
	node::Node,
	rpc::{Rpc, TxOutcome},
};
use educhain_runtime::RuntimeCall;
use pallet_credentials::CredentialKind;
use pallet_transcripts::digest;
use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, H256};
use sp_keyring::Sr25519Keyring::{self, Bob, Charlie, Dave, Eve};
use std::time::Duration;


/// An unsigned degree document for `holder`'s `enrolment` in program 1.
pub(crate) fn degree(holder: Sr25519Keyring, enrolment: u64) -> Value {
	json!({
		"@context": ["https://www.w3.org/ns/credentials/v2"],
		"type": ["VerifiableCredential", "EducationalCredential"],
		"issuer": did(Bob),
		"validFrom": format!("{}T00:00:00Z", educhain_verifier::dates::date(educhain_e2e::today().into())),
		"credentialSubject": {
			"id": did(holder),
			"credential": "Degree",
			"program": { "id": 1, "name": "BSc Computing", "document": format!("{:?}", H256::zero()) },
			"enrolment": enrolment,
		},
	})
}

/// Bob's call issuing `document` as `holder`'s degree for `enrolment`.
pub(crate) fn issue_call(holder: Sr25519Keyring, enrolment: u64, document: &Value) -> RuntimeCall {
	let id = educhain_verifier::credential_id(document).unwrap();
	RuntimeCall::Credentials(pallet_credentials::Call::issue {
		holder: holder.to_account_id(),
		enrolment,
		kind: CredentialKind::Degree,
		id,
	})
}

fn t(call: pallet_transcripts::Call<educhain_runtime::Runtime>) -> RuntimeCall {
	RuntimeCall::Transcripts(call)
}

/// Bob appoints Charlie, defines a 10-credit program and enrols Dave (enrolment 0) and Eve (1);
/// Dave passes a 10-credit class, Eve a 9-credit one.
pub(crate) async fn complete_program(rpc: &Rpc) {
	let appoint = RuntimeCall::Registry(pallet_registry::Call::grant_lecturer { lecturer: Charlie.to_account_id() });
	sign_and_include(rpc, appoint, Bob, "appoint").await;
	let program = t(pallet_transcripts::Call::create_program {
		id: 1,
		document: H256::zero(),
		credits_required: 10,
		min_days: 0,
		max_days: 1_460,
	});
	sign_and_include(rpc, program, Bob, "program").await;
	for learner in [Dave, Eve] {
		let enrol = t(pallet_transcripts::Call::enrol { learner: learner.to_account_id(), program: 1, start: educhain_e2e::today() });
		sign_and_include(rpc, enrol, Bob, "enrol").await;
	}
	for (class, (learner, credits)) in [(Dave, 10), (Eve, 9)].into_iter().enumerate() {
		pass_class(rpc, class as u64, class as u64, learner, credits).await;
	}
}

/// After [`complete_program`]: Dave's degree (enrolment 0) stays valid; Eve passes one more
/// credit, gets hers (enrolment 1), and Bob revokes it with reason 2. The two documents, Eve's
/// credential id, and the number of the block that revoked it.
pub(crate) async fn valid_and_revoked(rpc: &Rpc) -> (Value, Value, H256, u32) {
	let (dave, eve) = (degree(Dave, 0), degree(Eve, 1));
	sign_and_include(rpc, issue_call(Dave, 0, &dave), Bob, "Dave's degree").await;
	pass_class(rpc, 2, 1, Eve, 1).await;
	sign_and_include(rpc, issue_call(Eve, 1, &eve), Bob, "Eve's degree").await;
	let id = educhain_verifier::credential_id(&eve).unwrap();
	let revoke = RuntimeCall::Credentials(pallet_credentials::Call::revoke { id, reason: 2 });
	let revoked_in = sign_and_include(rpc, revoke, Bob, "revocation").await;
	let revoked_at = rpc.client.header(Some(revoked_in.block)).await.unwrap().number;
	(dave, eve, id, revoked_at)
}

/// Bob opens class `class` (the chain's next; course `C<class>`, `credits` credits, Charlie
/// lecturing) for `learner`'s `enrolment`, and Charlie grades it a pass.
pub(crate) async fn pass_class(rpc: &Rpc, class: u64, enrolment: u64, learner: Sr25519Keyring, credits: u32) {
	let create = t(pallet_transcripts::Call::create_class {
		course: digest::course_digest(&format!("C{class}")).into(),
		credits,
		lecturer: Charlie.to_account_id(),
		term: 1,
		pass_mark: 50,
		scale_max: 100,
		roster: vec![enrolment].try_into().unwrap(),
	});
	sign_and_include(rpc, create, Bob, "class").await;
	let grade = t(pallet_transcripts::Call::grade { class, learner: learner.to_account_id(), passed: true, digest: H256::zero() });
	sign_and_include(rpc, grade, Charlie, "grade").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_degree_is_issued_verified_altered_revoked_and_refused_one_credit_short() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let (node, rpc) = Node::dev(dir.path()).await;
	let url = node.rpc_url();
	complete_program(&rpc).await;

	// 2. Dave's degree is issued, and the verifier library reports it valid.
	let document = degree(Dave, 0);
	sign_and_include(&rpc, issue_call(Dave, 0, &document), Bob, "Dave's degree").await;
	let report = educhain_verifier::verify(&document, &url).await.expect("verified");
	assert!(report.valid(), "{report}");
	assert!(report.to_string().contains("10 of 10 credits"), "{report}");
	assert_eq!(report.unattested, vec![r#"credentialSubject.program.name = "BSc Computing""#], "{report}");
	let transcript = rpc.must("transcripts_transcript", vec![Dave.to_account_id().to_ss58check().into()]).await;
	assert_eq!(transcript[0]["status"], "Graduated");

	// 3. One changed field: not valid, and the report says why.
	let mut altered = document.clone();
	altered["credentialSubject"]["program"]["name"] = json!("MSc Computing");
	let report = educhain_verifier::verify(&altered, &url).await.expect("checked");
	assert!(!report.valid());
	assert!(report.to_string().contains("unknown or was altered"), "{report}");

	// 4. Revoked by the issuer: the original is reported revoked, with the reason.
	let id = educhain_verifier::credential_id(&document).unwrap();
	let revoke = RuntimeCall::Credentials(pallet_credentials::Call::revoke { id, reason: 2 });
	sign_and_include(&rpc, revoke, Bob, "revocation").await;
	let report = educhain_verifier::verify(&document, &url).await.expect("checked");
	assert!(!report.valid());
	assert!(report.to_string().contains("with reason code 2"), "{report}");

	// 5. Eve has 9 of 10 credits: the issue fails, with the credit error.
	let ctx = signing_context(&rpc).await;
	let xt = signed(issue_call(Eve, 1, &degree(Eve, 1)), Bob, nonce(&rpc, Bob).await, ctx);
	let TxOutcome::InBlock(block) = rpc.submit_and_watch(&xt, false, Duration::from_secs(60)).await.unwrap() else {
		panic!("not included")
	};
	assert_eq!(failures(&rpc, &block).await, vec!["Credentials(InsufficientCredits)".to_string()]);
	let report = educhain_verifier::verify(&degree(Eve, 1), &url).await.expect("checked");
	assert!(!report.valid(), "{report}");
}
