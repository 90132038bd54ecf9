//! The accounts and records a load needs, made through the normal extrinsics: institutions
//! admitted by the ministry, lecturers granted, programs, enrolments, classes and (for
//! certificates) passing grades.

use crate::{Context, Result};
use codec::Decode;
use educhain_e2e::rpc::Rpc;
use educhain_runtime::{signing::sign, AccountId, Runtime, RuntimeCall};
use pallet_credentials::{CredentialKind, IssueItem};
use pallet_transcripts::{Call as T, GradeInput};
use sp_core::{sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use std::time::{Duration, Instant};

/// Learners per class (the runtime's `MaxRoster`).
pub const ROSTER: u32 = 500;
/// Grades per `grade_batch` when the set-up passes learners (the runtime's `MaxBatch`).
const GRADE_BATCH: u32 = 100;
/// Pass mark of every class; every grade the bench writes passes.
const PASS: u32 = 50;
const LIMIT: Duration = Duration::from_secs(600);

/// A signing account of the bench, from its role and number (fast: no key derivation).
pub fn signer(role: &str, i: u32) -> sr25519::Pair {
	sr25519::Pair::from_seed(&blake2_256(format!("educhain-bench/{role}/{i}").as_bytes()))
}

/// A learner: only an account id, since learners sign nothing here.
pub fn learner(tag: &str, i: u32) -> AccountId {
	AccountId::from(blake2_256(format!("educhain-bench/{tag}/learner/{i}").as_bytes()))
}

/// A stand-in digest (documents, grade records, credential ids).
pub fn digest(tag: &str, what: &str, i: u64) -> H256 {
	H256(blake2_256(format!("educhain-bench/{tag}/{what}/{i}").as_bytes()))
}

/// Submit `calls` from `who` with consecutive nonces, at most `CHUNK` ahead of the chain, and
/// wait until all are in the best chain. The node keeps what it accepts, so a refusal, or a
/// chunk that stops being included, fails the set-up rather than being sent again.
pub async fn settle(rpc: &Rpc, who: &sr25519::Pair, calls: Vec<RuntimeCall>) -> Result<()> {
	const CHUNK: usize = 2_000;
	let ctx = rpc.signing_context().await.context("set-up: the chain's genesis and runtime version")?;
	let account: AccountId = who.public().into();
	let first = rpc.nonce(&account).await.context("set-up: the sender's nonce")?;
	let xts: Vec<Vec<u8>> = calls
		.into_iter()
		.enumerate()
		.map(|(i, call)| codec::Encode::encode(&sign(call, who, first + i as u32, ctx)))
		.collect();
	let deadline = Instant::now() + LIMIT;
	for (c, chunk) in xts.chunks(CHUNK).enumerate() {
		for xt in chunk {
			rpc.submit(xt).await.context("set-up: the node refused a transaction")?;
		}
		let end = first + (c * CHUNK + chunk.len()) as u32;
		let (mut seen, mut since) = (first, Instant::now());
		loop {
			let now = rpc.nonce(&account).await.context("set-up: the sender's nonce")?;
			if now >= end {
				break;
			}
			(seen, since) = if now == seen { (seen, since) } else { (now, Instant::now()) };
			if since.elapsed() > Duration::from_secs(30) || Instant::now() >= deadline {
				return Err(format!("set-up: only {} of {} transactions were included", now - first, xts.len()));
			}
			tokio::time::sleep(Duration::from_millis(300)).await;
		}
	}
	Ok(())
}

/// The storage value under `key` at the best block, if any.
async fn stored(rpc: &Rpc, key: &[u8]) -> Result<Option<Vec<u8>>> {
	rpc.client.storage(key, None).await.context("set-up: state_getStorage")
}

/// A counter of the transcripts pallet (0 before its first use).
async fn counter(rpc: &Rpc, key: Vec<u8>) -> Result<u64> {
	match stored(rpc, &key).await? {
		Some(raw) => u64::decode(&mut &raw[..]).context("set-up: a counter"),
		None => Ok(0),
	}
}

/// The ministry (Alice) admits `count - 1` new institutions besides Bob, each after its own
/// application; returns all of them, Bob first.
pub async fn institutions(rpc: &Rpc, tag: &str, count: u32) -> Result<Vec<sr25519::Pair>> {
	let fresh: Vec<_> = (1..count).map(|i| signer(&format!("{tag}/institution"), i)).collect();
	let applications = fresh.iter().enumerate().map(|(i, pair)| async move {
		let kind = pallet_registry::InstitutionKind::University;
		let profile = digest(tag, "profile", i as u64);
		let candidate = educhain_client::Signer::from(pair.clone());
		rpc.apply(&candidate, kind, profile, educhain_client::Wait::InBlock).await.context("set-up: an application")
	});
	futures::future::try_join_all(applications).await?;
	let approvals = fresh
		.iter()
		.map(|p| RuntimeCall::Registry(pallet_registry::Call::approve { subject: p.public().into() }))
		.collect();
	settle(rpc, &Alice.pair(), approvals).await?;
	let mut all = vec![Bob.pair()];
	all.extend(fresh);
	for pair in &all {
		let who: AccountId = pair.public().into();
		let key = pallet_registry::Institutions::<Runtime>::hashed_key_for(&who);
		if stored(rpc, &key).await?.is_none() {
			return Err(format!("set-up: {who} was not admitted"));
		}
	}
	Ok(all)
}

/// One class: its id, the index of its lecturer, and its learners with their enrolments.
pub struct Class {
	pub id: u64,
	pub lecturer: usize,
	pub learners: Vec<(AccountId, u64)>,
}

/// One institution's part of a load: its lecturers, its learners (each once, with their
/// enrolment) and its classes.
pub struct School {
	pub institution: sr25519::Pair,
	pub lecturers: Vec<sr25519::Pair>,
	pub learners: Vec<(AccountId, u64)>,
	pub classes: Vec<Class>,
}

/// How a school is set up.
pub struct Shape {
	pub lecturers: u32,
	/// Distinct learners, enrolled once each.
	pub learners: u32,
	pub classes: u32,
	/// Learners per class; classes take consecutive learners, wrapping around.
	pub roster: u32,
	/// Grade every learner in every class (so that each can graduate).
	pub pass: bool,
}

/// Set up `shape` at `institution`. Schools are set up one after another, so that the
/// enrolment and class ids each one gets are consecutive.
pub async fn school(rpc: &Rpc, tag: &str, n: u32, institution: sr25519::Pair, shape: &Shape) -> Result<School> {
	let tag = format!("{tag}/{n}");
	let lecturers: Vec<_> = (0..shape.lecturers).map(|i| signer(&format!("{tag}/lecturer"), i)).collect();
	let first_enrolment = counter(rpc, pallet_transcripts::NextEnrolment::<Runtime>::hashed_key().to_vec()).await?;
	let first_class = counter(rpc, pallet_transcripts::NextClass::<Runtime>::hashed_key().to_vec()).await?;
	let program = u32::from_le_bytes(blake2_256(tag.as_bytes())[..4].try_into().expect("4 bytes"));
	let mut calls: Vec<RuntimeCall> = lecturers
		.iter()
		.map(|l| RuntimeCall::Registry(pallet_registry::Call::grant_lecturer { lecturer: l.public().into() }))
		.collect();
	calls.push(RuntimeCall::Transcripts(T::create_program {
		id: program,
		document: digest(&tag, "program", 0),
		credits_required: 1,
		min_days: 0,
		max_days: 10_000,
	}));
	let learners: Vec<_> = (0..shape.learners).map(|i| (learner(&tag, i), first_enrolment + u64::from(i))).collect();
	calls.extend(learners.iter().map(|(who, _)| {
		RuntimeCall::Transcripts(T::enrol { learner: who.clone(), program, start: educhain_e2e::today() })
	}));
	let mut classes = Vec::new();
	for c in 0..shape.classes {
		let on: Vec<_> = (0..shape.roster).map(|i| learners[((c * shape.roster + i) % shape.learners) as usize].clone()).collect();
		let lecturer = (c % shape.lecturers) as usize;
		calls.push(RuntimeCall::Transcripts(T::create_class {
			// A course of its own per class: a learner may pass one course only so often.
			course: digest(&tag, "course", c.into()),
			credits: 1,
			lecturer: lecturers[lecturer].public().into(),
			term: 1,
			pass_mark: PASS,
			scale_max: 100,
			roster: on.iter().map(|(_, e)| *e).collect::<Vec<_>>().try_into().expect("at most MaxRoster"),
		}));
		classes.push(Class { id: first_class + u64::from(c), lecturer, learners: on });
	}
	settle(rpc, &institution, calls).await?;
	let enrolled = counter(rpc, pallet_transcripts::NextEnrolment::<Runtime>::hashed_key().to_vec()).await?;
	let opened = counter(rpc, pallet_transcripts::NextClass::<Runtime>::hashed_key().to_vec()).await?;
	let (made, asked) = ((enrolled - first_enrolment, opened - first_class), (u64::from(shape.learners), u64::from(shape.classes)));
	if made != asked {
		return Err(format!("set-up: {made:?} enrolments and classes made, not {asked:?} (someone else enrolling meanwhile?)"));
	}
	let school = School { institution, lecturers, learners, classes };
	if shape.pass {
		let grading = school.lecturers.iter().enumerate().map(|(l, pair)| {
			let calls = school
				.classes
				.iter()
				.filter(|c| c.lecturer == l)
				.flat_map(|c| c.learners.chunks(GRADE_BATCH as usize).map(|chunk| grade_batch(&tag, c.id, chunk)))
				.collect();
			settle(rpc, pair, calls)
		});
		futures::future::try_join_all(grading).await?;
	}
	Ok(school)
}

/// A passing grade for each of `learners` in `class`.
pub fn grade_batch(tag: &str, class: u64, learners: &[(AccountId, u64)]) -> RuntimeCall {
	let grades: Vec<_> = learners.iter().map(|(who, e)| GradeInput { learner: who.clone(), passed: true, digest: digest(tag, "grade", *e) }).collect();
	RuntimeCall::Transcripts(T::grade_batch { class, grades: grades.try_into().expect("at most MaxBatch") })
}

/// A passing grade for one learner.
pub fn grade(tag: &str, class: u64, (who, e): &(AccountId, u64)) -> RuntimeCall {
	RuntimeCall::Transcripts(T::grade { class, learner: who.clone(), passed: true, digest: digest(tag, "grade", *e) })
}

/// The certificate of a learner who passed, with a stand-in document digest as its id.
pub fn certificate(tag: &str, (who, e): &(AccountId, u64)) -> IssueItem<AccountId, H256> {
	IssueItem { holder: who.clone(), enrolment: *e, kind: CredentialKind::Certificate, id: digest(tag, "certificate", *e) }
}

/// BLAKE2b-256, as the chain hashes extrinsics.
pub fn blake2_256(bytes: &[u8]) -> [u8; 32] {
	use sp_runtime::traits::Hash;
	sp_runtime::traits::BlakeTwo256::hash(bytes).0
}
