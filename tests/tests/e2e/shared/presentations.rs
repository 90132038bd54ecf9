//! Consented sharing on a dev node: Eve gives Bob (a university) the holder account derived
//! for Bob from her secret, is enrolled under it, passes a class and gets her degree. A verifier
//! issues a challenge; Eve presents the degree and her grade record with `educhain-cli present`,
//! and the presentation verifies. The same presentation shown again (a replay), one past its
//! expiry, one made for another verifier's domain and one signed by another learner's key are
//! each refused with their own message. The verification page (`web/`), through its own light
//! client, issues its own challenges and gives each answer the same checks, word for word.

use educhain_client::{
	light,
	vc::{holder, presentation::GradeDisclosure},
};
use educhain_e2e::{
	chain::sign_and_include,
	cli::{cli, text},
	node::{dev_spec, workspace_binary, Node},
	page::{self, Page},
	rpc::Rpc,
};
use educhain_runtime::RuntimeCall;
use educhain_verifier::{dates, Challenges, PresentationReport, Source, Verifier};
use pallet_credentials::CredentialKind;
use pallet_transcripts::digest;
use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, H256};
use sp_keyring::Sr25519Keyring::{Bob, Charlie};
use std::path::Path;

const DOMAIN: &str = "admissions.example.edu";

fn t(call: pallet_transcripts::Call<educhain_runtime::Runtime>) -> RuntimeCall {
	RuntimeCall::Transcripts(call)
}

/// Eve's grade record for class 0 (80 of 100) under account `eve`, with its salt.
fn grade_record(eve: &str) -> GradeDisclosure {
	let record = format!(r#"{{"learner":"{eve}","course":"CS101","term":1,"grade":80}}"#);
	GradeDisclosure { class: 0, learner: sp_core::crypto::AccountId32::from_ss58check(eve).unwrap(), salt: format!("0x{}", "5a".repeat(32)), record }
}

/// Eve's degree for enrolment 0, under account `eve`.
fn degree(eve: &str) -> Value {
	json!({
		"@context": ["https://www.w3.org/ns/credentials/v2"],
		"type": ["VerifiableCredential", "EducationalCredential"],
		"issuer": educhain_e2e::did(Bob),
		"validFrom": format!("{}T00:00:00Z", dates::date(educhain_e2e::today().into())),
		"credentialSubject": {
			"id": format!("did:educhain:{eve}"), "credential": "Degree", "enrolment": 0,
			"program": { "id": 1, "name": "BSc Computing", "document": format!("{:?}", H256::zero()) },
		},
	})
}

/// Bob enrols `eve` in a 10-credit program; Charlie grades her 10-credit class with `record`'s
/// digest; Bob issues `document` as her degree.
async fn graduate(rpc: &Rpc, eve: &sp_core::crypto::AccountId32, record: &GradeDisclosure, document: &Value) {
	let appoint = RuntimeCall::Registry(pallet_registry::Call::grant_lecturer { lecturer: Charlie.to_account_id() });
	sign_and_include(rpc, appoint, Bob, "appoint").await;
	let program = t(pallet_transcripts::Call::create_program { id: 1, document: H256::zero(), credits_required: 10, min_days: 0, max_days: 1_460 });
	sign_and_include(rpc, program, Bob, "program").await;
	let enrol = t(pallet_transcripts::Call::enrol { learner: eve.clone(), program: 1, start: educhain_e2e::today() });
	sign_and_include(rpc, enrol, Bob, "enrol").await;
	let create = t(pallet_transcripts::Call::create_class {
		course: digest::course_digest("CS101").into(), credits: 10, lecturer: Charlie.to_account_id(), term: 1,
		pass_mark: 50, scale_max: 100, roster: vec![0].try_into().unwrap(),
	});
	sign_and_include(rpc, create, Bob, "class").await;
	let grade = t(pallet_transcripts::Call::grade { class: 0, learner: eve.clone(), passed: true, digest: record.digest().unwrap() });
	sign_and_include(rpc, grade, Charlie, "grade").await;
	let id = educhain_verifier::credential_id(document).unwrap();
	let issue = pallet_credentials::Call::issue { holder: eve.clone(), enrolment: 0, kind: CredentialKind::Degree, id };
	sign_and_include(rpc, RuntimeCall::Credentials(issue), Bob, "degree").await;
}

/// Eve's presentation (signed with the key `secret` derives for Bob) of the degree and grade
/// record in `dir`, for `challenge` and `domain`, checkable for `lifetime` seconds.
fn present(url: &str, dir: &Path, secret: &str, challenge: &str, domain: &str, lifetime: u64) -> Value {
	let out = dir.join(format!("vp-{challenge}.json"));
	let (bob, lifetime) = (Bob.to_account_id().to_ss58check(), lifetime.to_string());
	let (degree, grade) = (dir.join("degree.json"), dir.join("grade.json"));
	let args = ["present", "--secret", secret, "--institution", &bob, "--challenge", challenge, "--domain", domain, "--lifetime", &lifetime];
	let files = ["--credential", degree.to_str().unwrap(), "--grade", grade.to_str().unwrap(), "--out", out.to_str().unwrap()];
	let run = cli(url, &[&args[..], &files[..]].concat());
	assert!(run.status.success(), "present: {}", text(&run));
	serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

/// The names of the presentation's own checks that failed.
fn failed(report: &PresentationReport) -> Vec<&'static str> {
	report.failed().iter().map(|c| c.name).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_learner_presents_a_degree_and_a_grade_and_every_bad_presentation_is_refused() {
	let _gate = educhain_e2e::together();
	let dir = tempfile::tempdir().unwrap();
	let (mut node, rpc) = Node::dev(dir.path()).await;
	let url = node.rpc_url();
	let eve = holder::account(&holder::derive("//Eve", &Bob.to_account_id()).unwrap());
	let address = eve.to_ss58check();
	let (record, document) = (grade_record(&address), degree(&address));
	graduate(&rpc, &eve, &record, &document).await;
	std::fs::write(dir.path().join("degree.json"), document.to_string()).unwrap();
	std::fs::write(dir.path().join("grade.json"), serde_json::to_string(&record).unwrap()).unwrap();
	// The account Eve gives Bob is what `keys holder` prints, and not her own.
	let shown = cli(&url, &["keys", "holder", "--secret", "//Eve", "--institution", &Bob.to_account_id().to_ss58check()]);
	assert!(text(&shown).contains(&address), "{}", text(&shown));
	assert_ne!(eve, sp_keyring::Sr25519Keyring::Eve.to_account_id());

	let verifier = Verifier::open(&Source::Node(url.clone())).await.unwrap();
	let mut challenges = Challenges::in_memory();
	let asked = challenges.issue(DOMAIN, 600, dates::now()).unwrap();
	let vp = present(&url, dir.path(), "//Eve", &asked.challenge, DOMAIN, 600);
	let report = verifier.verify_presentation(&vp, &mut challenges, dates::now()).await.unwrap();
	assert!(report.valid(), "{report}");
	let text = report.to_string();
	assert!(text.contains(&format!("signed with {address}'s own key")), "{text}");
	assert!(text.contains("80 of 100, pass mark 50: passed, as on chain"), "{text}");
	assert_eq!(report.credentials.len(), 1);
	assert!(report.credentials[0].valid(), "{}", report.credentials[0]);

	// Through a light client, which trusts no node: the degree and the grade record's reads
	// (TranscriptsApi_transcript and _class) are proven against a finalized block.
	let source = educhain_e2e::light_args(&dev_spec(), None).source(Some(&url)).await.expect("the node's addresses");
	let light = Verifier::open(&source).await.expect("the light client starts");
	let asked_light = challenges.issue(DOMAIN, 600, dates::now()).unwrap();
	let vp_light = present(&url, dir.path(), "//Eve", &asked_light.challenge, DOMAIN, 600);
	let proven = light.verify_presentation(&vp_light, &mut challenges, dates::now()).await.unwrap();
	assert!(proven.valid(), "{proven}");
	assert!(proven.to_string().contains("verified by light client"), "{proven}");
	let outcomes = |r: &PresentationReport| r.checks.iter().map(|c| (c.name, c.passed)).collect::<Vec<_>>();
	assert_eq!(outcomes(&proven), outcomes(&report));
	let grade = |r: &PresentationReport| r.checks.iter().find(|c| c.name == "grade").map(|c| c.detail.clone());
	assert_eq!(grade(&proven), grade(&report));

	// The same presentation again: a replay.
	let again = verifier.verify_presentation(&vp, &mut challenges, dates::now()).await.unwrap();
	assert_eq!(failed(&again), vec!["replay"], "{again}");
	assert!(again.to_string().contains("this presentation is a replay"), "{again}");

	// Two verifications sharing a challenges file (two educhain-verify processes, say), both
	// started before either answered: the first takes the challenge, the other is told it is a
	// replay when it comes to take it.
	let file = dir.path().join("shared-challenges.json");
	let asked = Challenges::open(&file).unwrap().issue(DOMAIN, 600, dates::now()).unwrap();
	let vp = present(&url, dir.path(), "//Eve", &asked.challenge, DOMAIN, 600);
	let (mut one, mut other) = (Challenges::open(&file).unwrap(), Challenges::open(&file).unwrap());
	let first = verifier.verify_presentation(&vp, &mut one, dates::now()).await.unwrap();
	let second = verifier.verify_presentation(&vp, &mut other, dates::now()).await.unwrap();
	assert!(first.valid(), "{first}");
	assert_eq!(failed(&second), vec!["replay"], "{second}");
	assert!(!second.to_string().contains("not answered before"), "{second}");

	// Past its expiry (a 1-second presentation checked 5 seconds on).
	let asked = challenges.issue(DOMAIN, 600, dates::now()).unwrap();
	let vp = present(&url, dir.path(), "//Eve", &asked.challenge, DOMAIN, 1);
	let late = verifier.verify_presentation(&vp, &mut challenges, dates::now() + 5).await.unwrap();
	assert_eq!(failed(&late), vec!["expiry"], "{late}");
	assert!(late.to_string().contains("expired at"), "{late}");

	// Made for another verifier.
	let asked = challenges.issue(DOMAIN, 600, dates::now()).unwrap();
	let vp = present(&url, dir.path(), "//Eve", &asked.challenge, "jobs.example.com", 600);
	let elsewhere = verifier.verify_presentation(&vp, &mut challenges, dates::now()).await.unwrap();
	assert_eq!(failed(&elsewhere), vec!["audience"], "{elsewhere}");
	assert!(elsewhere.to_string().contains(&format!("made for \"jobs.example.com\", not for this verifier ({DOMAIN})")), "{elsewhere}");

	// Signed by another learner's key: neither the degree nor the record is theirs.
	let asked = challenges.issue(DOMAIN, 600, dates::now()).unwrap();
	let vp = present(&url, dir.path(), "//Ferdie", &asked.challenge, DOMAIN, 600);
	let stolen = verifier.verify_presentation(&vp, &mut challenges, dates::now()).await.unwrap();
	assert_eq!(failed(&stolen), vec!["holder", "holder"], "{stolen}");
	assert!(stolen.to_string().contains(&format!("is held by {address}, who did not sign this presentation")), "{stolen}");

	the_page(&node, dir.path()).await;
	node.stop();
}

/// The verification page in headless Chromium and Firefox, through its own light client on
/// `node` (never its RPC port): for each challenge the page issues, Eve's answer made with
/// `educhain-cli present` gets the verdict and the checks, word for word, that educhain-verify
/// gives it. Valid; the same again (a replay); made for another domain; signed by Ferdie's key;
/// and expired. When a challenge was answered and what time it is now are each verifier's own
/// clock's, so those two cases compare the words but for their date-times. And the replay once
/// more with a damaged entry (no closing time) among the page's stored challenges: refused with
/// the reason, as educhain-verify refuses such a file.
async fn the_page(node: &Node, dir: &Path) {
	let url = node.rpc_url();
	let peers = light::peers_of(&url).await.expect("the node's addresses");
	let ws: Vec<String> = peers.into_iter().filter(|a| a.contains("/ws/p2p/")).collect();
	let page = Page::serve(&dir.join("page"), &dev_spec(), &ws);
	let (cli, verify) = (workspace_binary("educhain-cli"), workspace_binary("educhain-verify"));
	let (bob, degree, grade) = (Bob.to_account_id().to_ss58check(), dir.join("degree.json"), dir.join("grade.json"));
	let verify_argv = json!([verify, "--rpc", url, "--challenges", "{challenges}", "--presentation", "{out}"]);
	let case = |name: &str, secret: &str, domain: &str, lifetime: u64, expect: &[&str]| {
		let present = json!([cli, "present", "--secret", secret, "--institution", bob, "--challenge", "{challenge}",
			"--domain", domain, "--lifetime", lifetime.to_string(), "--credential", degree, "--grade", grade, "--out", "{out}"]);
		let (challenges, out) = (dir.join(format!("{name}.challenges.json")), dir.join(format!("{name}.vp.json")));
		json!({ "name": name, "present": present, "verify": verify_argv, "challenges": challenges, "out": out, "expect": expect })
	};
	let mut expired = case("expired", "//Eve", "{domain}", 1, &["expired at"]);
	expired["sleep"] = json!(3);
	expired["anyTime"] = json!(true);
	let cases = json!([
		case("valid", "//Eve", "{domain}", 600, &["A presentation, checked against", "80 of 100, pass mark 50: passed, as on chain"]),
		{ "name": "replay", "again": "valid", "verify": verify_argv, "anyTime": true, "expect": ["this presentation is a replay"] },
		{ "name": "damaged", "again": "valid", "damaged": { "domain": DOMAIN, "answered": null },
			"expect": ["Could not verify: the stored challenges are damaged: challenge damaged has no closing time (until) (clearing this site's data in the browser starts afresh)"] },
		case("elsewhere", "//Eve", "jobs.example.com", 600, &["made for \"jobs.example.com\", not for this verifier"]),
		case("stolen", "//Ferdie", "{domain}", 600, &["who did not sign this presentation"]),
		expired,
	]);
	let file = dir.join("presentations.json");
	std::fs::write(&file, cases.to_string()).unwrap();
	let said = page.check(&file, &[node.rpc_port]);
	eprintln!("the verification page (presentations):\n{said}");
}

/// The page keeps its challenges as educhain-verify keeps its file: two tabs answering the same
/// challenges at the same instant never both take one, and neither loses what the other issued
/// or answered (`web/src/challenges.js` in two tabs of headless Chromium and of Firefox:
/// `web/test/challenges.test.mjs`).
#[test]
fn the_pages_tabs_take_a_challenge_once() {
	let (passed, said) = page::node_test("challenges.test.mjs");
	assert_eq!(passed, 10, "five cases in each of two browsers:\n{said}");
}
