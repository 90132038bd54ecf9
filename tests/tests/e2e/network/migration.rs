//! The storage migrations, end to end on a live chain. The four-authority local network starts
//! from the genesis and runtime it had at commit `afa49a2` (`spec_version` 165: transcripts and
//! credentials at storage version 0; `tests/fixtures/README.md`). Real records are written under
//! that runtime, then the ministry upgrades to this commit's runtime, whose migrations count each
//! enrolment's classes (transcripts v1), record when the chain learned of each enrolment
//! (transcripts v2), and state what each credential attests (credentials v1).

use crate::workload::{key, learner, Sender};
use educhain_e2e::{
	chain::{invariants, nonce, signed, signing_context, unsigned},
	network::LocalNetwork,
	rpc::{Rpc, TxOutcome},
	today, wait_for,
};
use educhain_runtime::{Runtime, RuntimeCall};
use frame_support::{StorageHasher, Twox128};
use pallet_credentials::{Attests, CredentialKind, CredentialStatus};
use pallet_transcripts::EnrolmentStatus;
use codec::{DecodeAll, Encode};
use sp_core::{crypto::Ss58Codec, Pair, H256};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::{traits::{BlakeTwo256, Hash}, AccountId32};
use std::{path::PathBuf, time::Duration};

const LIMIT: Duration = Duration::from_secs(180);
const LEARNERS: u32 = 4;
const PROGRAM_DOCUMENT: H256 = H256::repeat_byte(1);
const COURSE_DOCUMENT: H256 = H256::repeat_byte(3);

fn old_spec() -> PathBuf {
	educhain_e2e::root().join("tests/fixtures/local-raw-spec165.json")
}

/// A pallet's storage version as the chain holds it.
async fn storage_version(rpc: &Rpc, pallet: &str) -> u16 {
	let key = [Twox128::hash(pallet.as_bytes()), Twox128::hash(b":__STORAGE_VERSION__:")].concat();
	// A `StorageVersion` is its `u16`, encoded; none stored is version 0.
	rpc.client.storage_decoded::<u16>(&key, None).await.expect("the storage version").unwrap_or(0)
}

/// Learner `i`'s grade in the old runtime's class: all pass but the last.
fn grade_value(i: u32) -> u32 {
	if i < LEARNERS - 1 { 80 } else { 30 }
}

/// `transcripts.grade` as the old runtime takes it, with the value on the scale, which this
/// runtime's call no longer has: encoded by hand, as (pallet, call index 8, class, learner,
/// value, digest).
fn old_grade(i: u32, value: u32) -> Vec<u8> {
	let pallet = RuntimeCall::Transcripts(pallet_transcripts::Call::close_class { class: 0 }).encode()[0];
	let learner: AccountId32 = learner(i).public().into();
	(pallet, 8u8, 0u64, learner, value, H256::repeat_byte(i as u8)).encode()
}

fn degree(i: u32) -> H256 {
	BlakeTwo256::hash(&i.to_le_bytes())
}

/// Under the old runtime: Bob's program, four enrolments and a class that the lecturer grades
/// (three pass); degrees for the three, one revoked; a coins course whose first learner claims
/// a micro-credential.
async fn old_records(rpc: &Rpc) -> H256 {
	use pallet_coins::Call as Co;
	use pallet_credentials::Call as Cr;
	use pallet_transcripts::Call as Tr;
	let lecturer = sp_core::sr25519::Pair::from_string("//MigrationLecturer", None).unwrap();
	let mut s = Sender::new(rpc);
	let bob = |c: Tr<Runtime>| (RuntimeCall::Transcripts(c), key(Bob));
	let grant = pallet_registry::Call::grant_lecturer { lecturer: lecturer.public().into() };
	let mut calls = vec![(RuntimeCall::Registry(grant), key(Bob))];
	calls.push(bob(Tr::create_program { id: 1, document: PROGRAM_DOCUMENT, credits_required: 10, min_days: 0, max_days: 36_500 }));
	calls.extend((0..LEARNERS).map(|i| bob(Tr::enrol { learner: learner(i).public().into(), program: 1, start: today() })));
	let roster = (0..u64::from(LEARNERS)).collect::<Vec<_>>().try_into().unwrap();
	let course = H256::repeat_byte(2);
	calls.push(bob(Tr::create_class { course, credits: 10, lecturer: lecturer.public().into(), term: 1, pass_mark: 50, scale_max: 100, roster }));
	s.send(calls).await;
	let grades = (0..LEARNERS).map(|i| (old_grade(i, grade_value(i)), lecturer.clone()));
	s.send_encoded(grades.collect()).await;

	let mut calls: Vec<_> = (0..LEARNERS - 1)
		.map(|i| {
			let call = Cr::issue { holder: learner(i).public().into(), enrolment: i.into(), kind: CredentialKind::Degree, id: degree(i) };
			(RuntimeCall::Credentials(call), key(Bob))
		})
		.collect();
	calls.push((RuntimeCall::Credentials(Cr::revoke { id: degree(1), reason: 7 }), key(Bob)));
	let co = |c: Co<Runtime>| (RuntimeCall::Coins(c), lecturer.clone());
	calls.push(co(Co::create_course { institution: Bob.to_account_id(), document: COURSE_DOCUMENT, threshold: 10 }));
	calls.push(co(Co::add_task { course: 0, document: H256::repeat_byte(4), max_coins: 10 }));
	calls.push(co(Co::enrol { course: 0, learners: vec![learner(0).public().into()].try_into().unwrap() }));
	calls.push(co(Co::award { course: 0, learner: learner(0).public().into(), task: 0, coins: 10 }));
	s.send(calls).await;
	let micro = legacy_micro_credential_id(&Bob.to_account_id(), &learner(0).public().into(), 0, COURSE_DOCUMENT);
	s.send(vec![(RuntimeCall::Coins(Co::claim { course: 0, credential: micro }), learner(0))]).await;
	micro
}

/// The id the old runtime fixes for a micro-credential: the unsigned form of before
/// `spec_version` 168 (`docs/credentials.md`).
fn legacy_micro_credential_id(issuer: &AccountId32, holder: &AccountId32, course: u64, document: H256) -> H256 {
	let did = |who: &AccountId32| format!("did:educhain:{}", who.to_ss58check());
	let form = serde_json::json!({
		"@context": ["https://www.w3.org/ns/credentials/v2"],
		"type": ["VerifiableCredential", "EducationalCredential"],
		"issuer": did(issuer),
		"credentialSubject": { "id": did(holder), "credential": "MicroCredential", "course": { "id": course, "document": format!("{document:?}") } },
	});
	educhain_verifier::credential_id(&form).unwrap()
}

/// The ministry authorizes `code`'s hash, then anyone applies it; returns the block it is in.
async fn upgrade(rpc: &Rpc, code: &[u8]) -> H256 {
	let ctx = signing_context(rpc).await;
	let authorize = RuntimeCall::Ministry(pallet_ministry::Call::authorize_upgrade { code_hash: BlakeTwo256::hash(code) });
	let alice = nonce(rpc, Alice).await;
	let outcome = rpc.submit_and_watch(&signed(authorize, Alice, alice, ctx), false, LIMIT).await.unwrap();
	assert!(matches!(outcome, TxOutcome::InBlock(_)), "{outcome:?}");
	let apply = RuntimeCall::System(frame_system::Call::apply_authorized_upgrade { code: code.to_vec() });
	match rpc.submit_and_watch(&unsigned(apply), false, LIMIT).await.unwrap() {
		TxOutcome::InBlock(block) => block,
		other => panic!("the upgrade: {other:?}"),
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn records_written_under_an_old_runtime_are_migrated_on_a_live_chain() {
	let _gate = educhain_e2e::together();
	let net = LocalNetwork::start_from(&old_spec()).await;
	let rpc = net.rpc(0).await;
	rpc.wait_for_block(1, LIMIT).await;
	let old = rpc.client.runtime_version(None).await.expect("the runtime version");
	assert_eq!(old.spec_version, 165, "the fixture's runtime");
	assert_eq!((storage_version(&rpc, "Transcripts").await, storage_version(&rpc, "Credentials").await), (0, 0));

	let micro = old_records(&rpc).await;
	let code = educhain_runtime_wasm::WASM_BINARY.expect("the runtime's WASM is built");
	let upgraded = upgrade(&rpc, code).await;
	let number = rpc.client.header(Some(upgraded)).await.expect("the upgrade's block").number;
	let first = wait_for("the first block of the new runtime", LIMIT, || async {
		rpc.client.block_hash(number + 1).await.expect("a block hash")
	})
	.await;
	let new = rpc.client.runtime_version(Some(first)).await.expect("the runtime version");
	assert_eq!(new.spec_version, educhain_runtime::VERSION.spec_version);
	assert_eq!((storage_version(&rpc, "Transcripts").await, storage_version(&rpc, "Credentials").await), (3, 1));
	assert_eq!(storage_version(&rpc, "FlLedger").await, 1, "the FL ledger's budgets hold m and ρ");

	// Transcripts v1 and v2: each enrolment's class count, and when the chain learned of it.
	let upgrade_day = today();
	for i in 0..LEARNERS {
		let key = pallet_transcripts::Enrolments::<Runtime>::hashed_key_for(u64::from(i));
		let enrolment: pallet_transcripts::EnrolmentOf<Runtime> =
			rpc.client.storage_decoded(&key, Some(first)).await.expect("an enrolment").expect("the enrolment is kept");
		assert_eq!(enrolment.learner, learner(i).public().into());
		assert_eq!((enrolment.institution, enrolment.program, enrolment.start), (Bob.to_account_id(), 1, today()));
		assert_eq!(enrolment.credits, if i < LEARNERS - 1 { 10 } else { 0 });
		// Issuing a degree graduated its enrolment.
		let graduated = i < LEARNERS - 1;
		assert_eq!(enrolment.status, if graduated { EnrolmentStatus::Graduated } else { EnrolmentStatus::Active });
		// Migrations run as the first new block starts, before frame-system moves to its number
		// and the timestamp to its time: they record the upgrade's block and its day.
		assert_eq!((enrolment.recorded.block, enrolment.recorded.day, enrolment.recorded.imported), (number, upgrade_day, false));
		let count = pallet_transcripts::ClassCount::<Runtime>::hashed_key_for(u64::from(i));
		assert_eq!(rpc.client.storage_decoded::<u32>(&count, Some(first)).await.unwrap(), Some(1), "enrolment {i}'s classes");
	}

	// Transcripts v3: the grade values are gone; pass or fail, digest, lecturer and block stay.
	let lecturer: AccountId32 = sp_core::sr25519::Pair::from_string("//MigrationLecturer", None).unwrap().public().into();
	for i in 0..LEARNERS {
		let key = pallet_transcripts::Grades::<Runtime>::hashed_key_for(0u64, u64::from(i));
		let bytes = rpc.client.storage(&key, Some(first)).await.expect("a grade history").expect("the history is kept");
		// Exactly the new entries: a value left behind would be four bytes over.
		type Entries = Vec<pallet_transcripts::GradeEntryOf<Runtime>>;
		let entries = Entries::decode_all(&mut &bytes[..]).unwrap_or_else(|e| panic!("learner {i}'s grades: {e}"));
		let [entry] = &entries[..] else { panic!("learner {i}: one grade, got {entries:?}") };
		assert_eq!((entry.passed, entry.digest, &entry.by), (grade_value(i) >= 50, H256::repeat_byte(i as u8), &lecturer));
		assert!(entry.at < number, "written under the old runtime");
	}

	// Credentials v1: what each record attests.
	let credential = |id: H256| {
		let rpc = &rpc;
		async move {
			let key = pallet_credentials::Credentials::<Runtime>::hashed_key_for(id);
			let record: pallet_credentials::CredentialOf<Runtime> =
				rpc.client.storage_decoded(&key, Some(first)).await.expect("a credential").expect("the credential is kept");
			record
		}
	};
	for i in 0..LEARNERS - 1 {
		let record = credential(degree(i)).await;
		assert_eq!((record.issuer, record.holder, record.kind), (Bob.to_account_id(), learner(i).public().into(), CredentialKind::Degree));
		assert_eq!(record.attests, Attests::Program { program: 1, document: PROGRAM_DOCUMENT, enrolment: i.into() });
		let facts = record.facts.unwrap_or_else(|| panic!("degree {i} keeps the facts it rested on"));
		assert_eq!((facts.credits, facts.start, facts.recorded, facts.imported), (10, today(), upgrade_day, false));
		assert_eq!(record.issued_on, Some(facts.until));
		assert_eq!(matches!(record.status, CredentialStatus::Revoked { reason: 7, .. }), i == 1, "{:?}", record.status);
	}
	let record = credential(micro).await;
	assert_eq!((record.kind, record.attests), (CredentialKind::MicroCredential, Attests::Course { course: 0, document: COURSE_DOCUMENT }));

	// And each is found through the RPC a verifier's node answers, at the new runtime.
	for id in (0..LEARNERS - 1).map(degree).chain([micro]) {
		let answer = rpc.must("credentials_verify", vec![format!("{id:?}").into(), format!("{first:?}").into()]).await;
		assert_eq!(answer["found"], true, "{answer}");
	}

	// Every invariant holds on the migrated state, and the chain goes on.
	assert_eq!(invariants(&rpc, Some(first)).await, Ok(()));
	let target = rpc.best_number().await + 2;
	LocalNetwork::wait_finalized(&[&rpc], target, LIMIT).await;

	// An auditor replays the chain from genesis, across the upgrade: every event, extrinsic and
	// record written under the old runtime is read in its own layout, and the upgrade's block,
	// whose state waits for the migrations, is not taken for broken records.
	drop(rpc);
	let mut net = net;
	net.nodes[0].stop();
	let dir = tempfile::tempdir().unwrap();
	let blocks = dir.path().join("blocks.json");
	crate::shared::audit::export_blocks(Some(&old_spec()), &net.nodes[0].base_path, &blocks);
	let report_path = dir.path().join("report.json");
	let (ok, said) = crate::shared::audit::replay_chain(Some(&old_spec()), &blocks, &report_path, None);
	assert!(ok && said.contains("\nVERIFIED"), "{said}");
	let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&report_path).unwrap()).unwrap();
	assert_eq!(report["anomalies"], serde_json::json!([]), "{report}");
	let spec = educhain_runtime::VERSION.spec_version;
	assert_eq!(report["upgrades"], serde_json::json!([{ "block": number, "from": 165, "to": spec }]));
	assert_eq!(report["invariantChecks"], report["blocks"].as_u64().unwrap() - 1, "every block but the upgrade's");
	assert!(report["extrinsicsByPallet"].get("undecodable").is_none(), "{report}");
	assert_eq!(report["extrinsicsByPallet"]["Transcripts"], 2 + u64::from(2 * LEARNERS), "the old runtime's grades among them");
	let bob = &report["institutions"][Bob.to_account_id().to_ss58check()];
	assert_eq!((&bob["enrolments"], &bob["gradesWritten"]), (&LEARNERS.into(), &LEARNERS.into()), "{bob}");
	let credentials = (&bob["credentialsIssued"], &bob["credentialsRevoked"], &bob["microCredentials"]);
	assert_eq!(credentials, (&(LEARNERS - 1).into(), &1.into(), &1.into()), "{bob}");
	let program = &report["programs"][format!("{}/1", Bob.to_account_id().to_ss58check())];
	assert_eq!(program["degrees"], LEARNERS - 1, "{report}");
}
