//! Transcripts on a dev node over JSON-RPC: Bob (a university on the dev chain) appoints Charlie
//! as lecturer, defines a program, enrols three learners and runs two classes; Charlie grades
//! one class in a batch and the other one by one, with a correction; the transcripts read back
//! show it all, and no read, over RPC or of raw storage, shows a grade's value.

use educhain_e2e::{
	chain::sign_and_include,
	node::Node,
	rpc::Rpc,
};
use educhain_runtime::RuntimeCall;
use pallet_transcripts::{digest, GradeInput};
use sp_core::{crypto::Ss58Codec, H256};
use sp_keyring::Sr25519Keyring::{self, Bob, Charlie, Dave, Eve, Ferdie};

const LEARNERS: [Sr25519Keyring; 3] = [Dave, Eve, Ferdie];

fn transcripts(call: pallet_transcripts::Call<educhain_runtime::Runtime>) -> RuntimeCall {
	RuntimeCall::Transcripts(call)
}

fn grade_digest(learner: Sr25519Keyring, course: &str, value: u32) -> H256 {
	// The record a learner holds: any bytes; here a small JSON document.
	let record = format!(r#"{{"learner":"{learner:?}","course":"{course}","grade":{value}}}"#);
	digest::grade_digest(&[learner as u8; 32], record.as_bytes()).into()
}

async fn read(rpc: &Rpc, method: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
	rpc.must(&format!("transcripts_{method}"), args).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_class_is_graded_and_the_transcripts_read_back() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let (_node, rpc) = Node::dev(dir.path()).await;

	// Bob appoints Charlie and sets up a 10-credit program with three learners.
	let appoint = RuntimeCall::Registry(pallet_registry::Call::grant_lecturer {
		lecturer: Charlie.to_account_id(),
	});
	sign_and_include(&rpc, appoint, Bob, "appoint Charlie").await;
	let program = transcripts(pallet_transcripts::Call::create_program {
		id: 1,
		document: digest::program_digest(b"BSc Computing, 2026 edition").into(),
		credits_required: 10,
		min_days: 365,
		max_days: 1460,
	});
	sign_and_include(&rpc, program, Bob, "program").await;
	for learner in LEARNERS {
		let enrol = transcripts(pallet_transcripts::Call::enrol {
			learner: learner.to_account_id(),
			program: 1,
			start: educhain_e2e::today(),
		});
		sign_and_include(&rpc, enrol, Bob, "enrolment").await;
	}
	// Two classes, enrolments 0, 1 and 2 on each.
	for (course, credits) in [("CS101", 4), ("MA201", 6)] {
		let class = transcripts(pallet_transcripts::Call::create_class {
			course: digest::course_digest(course).into(),
			credits,
			lecturer: Charlie.to_account_id(),
			term: 20261,
			pass_mark: 50,
			scale_max: 100,
			roster: vec![0, 1, 2].try_into().unwrap(),
		});
		sign_and_include(&rpc, class, Bob, "class").await;
	}

	// Class 0 in one batch.
	let values = [80, 45, 60];
	let batch: Vec<_> = LEARNERS
		.iter()
		.zip(values)
		.map(|(l, value)| GradeInput {
			learner: l.to_account_id(),
			passed: value >= 50,
			digest: grade_digest(*l, "CS101", value),
		})
		.collect();
	let call = transcripts(pallet_transcripts::Call::grade_batch { class: 0, grades: batch.try_into().unwrap() });
	sign_and_include(&rpc, call, Charlie, "batch").await;

	// Class 1 one by one, then a correction for Dave: 40 becomes 70.
	for (learner, value) in [(Dave, 40), (Eve, 90), (Dave, 70)] {
		let call = transcripts(pallet_transcripts::Call::grade {
			class: 1,
			learner: learner.to_account_id(),
			passed: value >= 50,
			digest: grade_digest(learner, "MA201", value),
		});
		sign_and_include(&rpc, call, Charlie, "grade").await;
	}
	// Bob is not the lecturer: refused, and nothing changes.
	let ctx = educhain_e2e::chain::signing_context(&rpc).await;
	let nonce = educhain_e2e::chain::nonce(&rpc, Bob).await;
	let bad = transcripts(pallet_transcripts::Call::grade {
		class: 1,
		learner: Ferdie.to_account_id(),
		passed: true,
		digest: H256::zero(),
	});
	let refused = rpc.client.submit(&educhain_e2e::chain::signed(bad, Bob, nonce, ctx), educhain_client::Wait::InBlock).await;
	let Err(educhain_client::Error::Failed(failure)) = refused else { panic!("a grade by a stranger to the class: {refused:?}") };
	assert_eq!(failure.error, "transcripts.NotClassLecturer", "{failure}");

	// Dave: CS101 passed (4), MA201 corrected to a pass (6): 10 of 10 credits.
	let dave = read(&rpc, "transcript", vec![Dave.to_account_id().to_ss58check().into()]).await;
	let enrolment = &dave[0];
	assert_eq!(enrolment["creditsEarned"], 10, "{dave}");
	assert_eq!(enrolment["creditsRequired"], 10);
	assert_eq!(enrolment["program"]["minDays"], 365);
	assert_eq!(enrolment["elapsedDays"], 0, "enrolled today");
	assert_eq!((enrolment["recordedDay"].as_u64(), &enrolment["imported"]), (Some(educhain_e2e::today().into()), &serde_json::json!(false)));
	let classes = enrolment["classes"].as_array().unwrap();
	assert_eq!(classes.len(), 2);
	let ma = classes.iter().find(|c| c["class"] == 1).unwrap();
	let history: Vec<_> = ma["grades"].as_array().unwrap().iter().map(|g| (g["passed"].clone(), g["digest"].clone())).collect();
	let entry = |passed: bool, value: u32| -> (serde_json::Value, serde_json::Value) { (passed.into(), format!("{:?}", grade_digest(Dave, "MA201", value)).into()) };
	assert_eq!(history, vec![entry(false, 40), entry(true, 70)], "the correction history stays");
	assert_eq!(ma["grades"][1]["by"], Charlie.to_account_id().to_ss58check());

	// Eve failed CS101 (45) and passed MA201: 6 credits. Ferdie: only CS101 graded.
	let eve = read(&rpc, "transcript", vec![Eve.to_account_id().to_ss58check().into()]).await;
	assert_eq!(eve[0]["creditsEarned"], 6, "{eve}");
	let ferdie = read(&rpc, "transcript", vec![Ferdie.to_account_id().to_ss58check().into()]).await;
	assert_eq!(ferdie[0]["creditsEarned"], 4, "{ferdie}");

	// The class view: roster with grading status; Ferdie has no MA201 grade (Bob's was refused).
	let class = read(&rpc, "class", vec![1.into()]).await;
	assert_eq!(class["status"], "Open");
	let graded: Vec<_> = class["roster"].as_array().unwrap().iter().map(|r| r["graded"].clone()).collect();
	assert_eq!(graded, vec![serde_json::json!(true), serde_json::json!(true), serde_json::json!(false)], "{class}");
	assert_eq!(read(&rpc, "class", vec![9.into()]).await, serde_json::Value::Null);

	let programs = read(&rpc, "programs", vec![Bob.to_account_id().to_ss58check().into()]).await;
	assert_eq!(programs[0]["creditsRequired"], 10, "{programs}");

	for t in [&dave, &eve, &ferdie] {
		assert_no_grade_values(t);
	}
	assert_grade_storage_holds_no_values(&rpc).await;
}

/// No grade in a transcript read carries anything but pass or fail, the digest, the lecturer
/// and the block.
fn assert_no_grade_values(transcript: &serde_json::Value) {
	for enrolment in transcript.as_array().unwrap() {
		for class in enrolment["classes"].as_array().unwrap() {
			for g in class["grades"].as_array().unwrap() {
				let mut fields: Vec<_> = g.as_object().unwrap().keys().map(String::as_str).collect();
				fields.sort_unstable();
				assert_eq!(fields, ["block", "by", "digest", "passed"], "{g}");
			}
		}
	}
}

/// Every entry of `Transcripts::Grades`, read as raw bytes, is exactly a list of (pass or fail,
/// digest, lecturer, block): a value on the scale would be four bytes more.
async fn assert_grade_storage_holds_no_values(rpc: &Rpc) {
	use codec::DecodeAll;
	use frame_support::{StorageHasher, Twox128};
	type Entries = Vec<pallet_transcripts::GradeEntry<sp_runtime::AccountId32, H256, u32>>;
	let prefix = [Twox128::hash(b"Transcripts"), Twox128::hash(b"Grades")].concat();
	let keys = rpc.must("state_getKeysPaged", vec![format!("0x{}", hex::encode(&prefix)).into(), 100.into()]).await;
	let keys = keys.as_array().unwrap();
	assert_eq!(keys.len(), 5, "five grade histories: three in class 0, two in class 1");
	for key in keys {
		let value = rpc.must("state_getStorage", vec![key.clone()]).await;
		let bytes = hex::decode(value.as_str().unwrap().trim_start_matches("0x")).unwrap();
		let entries = Entries::decode_all(&mut &bytes[..]).unwrap_or_else(|e| panic!("{key}: {e}: not (passed, digest, by, at) entries"));
		assert!(!entries.is_empty());
	}
}
