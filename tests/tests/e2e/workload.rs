//! A workload that leaves real state in every domain pallet of a dev chain: an institution's
//! program, enrolments, a class graded one by one, degrees issued and revoked, a coins course with
//! awards and claims, two admissions (one by the ministry, one by votes) and an FL round. The
//! audit test replays it; the upgrade test upgrades the runtime under it.

use educhain_e2e::{chain::signing_context, rpc::Rpc, wait_for};
use codec::Encode;
use educhain_runtime::{signing::{sign, sign_encoded}, RuntimeCall};
use pallet_credentials::CredentialKind;
use pallet_fl_ledger::{Call as Fl, DpParams};
use sp_core::{sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve};
use sp_runtime::traits::{BlakeTwo256, Hash};
use std::{collections::HashMap, time::Duration};

/// Learners enrolled and graded.
pub const LEARNERS: u32 = 100;
/// Learners who pass the class.
pub const PASSING: u32 = 60;
/// Degrees issued.
pub const DEGREES: u32 = 20;
/// Degrees revoked.
pub const REVOKED: u32 = 3;
/// Learners awarded coins.
pub const COIN_LEARNERS: u32 = 10;
/// Micro-credentials claimed.
pub const CLAIMS: u32 = 5;
const LIMIT: Duration = Duration::from_secs(120);

/// The `i`th learner's key.
pub fn learner(i: u32) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//Learner{i}"), None).unwrap()
}


/// Signs and submits batches of calls, each signer's nonces in order, and waits until all are in.
/// The pool may drop some of a big one-sender batch (see the README's B4E notes): whatever is
/// not in after 20 s without progress is submitted again.
pub struct Sender<'a> {
	rpc: &'a Rpc,
	nonces: HashMap<sp_core::crypto::AccountId32, u32>,
}

impl<'a> Sender<'a> {
	/// A sender that takes each signer's nonce from the chain the first time it signs.
	pub fn new(rpc: &'a Rpc) -> Self {
		Sender { rpc, nonces: HashMap::new() }
	}

	/// Sign and submit `calls`, each with its signer, and wait until all are included.
	pub async fn send(&mut self, calls: Vec<(RuntimeCall, sr25519::Pair)>) {
		self.send_signed(calls, |call, pair, nonce, ctx| sign(call, pair, nonce, ctx).encode()).await
	}

	/// As [`Sender::send`], with each call given as bytes: for calls in an older runtime's form.
	pub async fn send_encoded(&mut self, calls: Vec<(Vec<u8>, sr25519::Pair)>) {
		self.send_signed(calls, |call, pair, nonce, ctx| sign_encoded(&call, pair, nonce, ctx)).await
	}

	async fn send_signed<C>(
		&mut self,
		calls: Vec<(C, sr25519::Pair)>,
		sign: impl Fn(C, &sr25519::Pair, u32, educhain_runtime::signing::SigningContext) -> Vec<u8>,
	) {
		// Generous for big batches: inclusion speed is issue 11's subject, not this test's.
		let limit = LIMIT.max(Duration::from_millis(200) * calls.len() as u32);
		let ctx = signing_context(self.rpc).await;
		let mut next: HashMap<sp_core::crypto::AccountId32, u32> = HashMap::new();
		for (call, pair) in calls {
			let who: sp_core::crypto::AccountId32 = pair.public().into();
			let nonce = match self.nonces.get(&who) {
				Some(n) => *n,
				None => self.rpc.nonce(&who).await.expect("a nonce"),
			};
			let xt = sign(call, &pair, nonce, ctx);
			self.rpc.submit(&xt).await.unwrap_or_else(|e| panic!("submitting: {e}"));
			self.nonces.insert(who.clone(), nonce + 1);
			next.insert(who, nonce + 1);
		}
		// The node keeps what it accepted: wait for each sender's last nonce, never re-send.
		let deadline = std::time::Instant::now() + limit;
		for (who, next) in next {
			while self.rpc.nonce(&who).await.expect("a nonce") < next {
				assert!(std::time::Instant::now() < deadline, "the batch was not included in {limit:?}");
				tokio::time::sleep(Duration::from_millis(500)).await;
			}
		}
	}
}

/// A keyring account's key.
pub fn key(who: Sr25519Keyring) -> sr25519::Pair {
	who.pair()
}

/// Submit the workload; returns the extrinsics sent per pallet.
pub async fn every_pallet(rpc: &Rpc) -> HashMap<&'static str, u32> {
	use pallet_coins::Call as Co;
	use pallet_credentials::Call as Cr;
	use pallet_registry::Call as Re;
	use pallet_transcripts::Call as Tr;
	let mut s = Sender::new(rpc);
	let tr = |c: Tr<educhain_runtime::Runtime>| (RuntimeCall::Transcripts(c), key(Bob));

	// Bob appoints Charlie, defines a program, enrols the learners and opens one class.
	let mut calls = vec![(RuntimeCall::Registry(Re::grant_lecturer { lecturer: Charlie.to_account_id() }), key(Bob))];
	calls.push(tr(Tr::create_program { id: 1, document: H256::repeat_byte(1), credits_required: 10, min_days: 0, max_days: 36_500 }));
	for i in 0..LEARNERS {
		calls.push(tr(Tr::enrol { learner: learner(i).public().into(), program: 1, start: educhain_e2e::today() }));
	}
	let roster = (0..u64::from(LEARNERS)).collect::<Vec<_>>().try_into().unwrap();
	calls.push(tr(Tr::create_class {
		course: H256::repeat_byte(2),
		credits: 10,
		lecturer: Charlie.to_account_id(),
		term: 1,
		pass_mark: 50,
		scale_max: 100,
		roster,
	}));
	s.send(calls).await;

	// Charlie grades every learner, one call each.
	let grades = (0..LEARNERS).map(|i| {
		let call = Tr::grade { class: 0, learner: learner(i).public().into(), passed: i < PASSING, digest: H256::repeat_byte(i as u8) };
		(RuntimeCall::Transcripts(call), key(Charlie))
	});
	s.send(grades.collect()).await;

	// Bob issues degrees and revokes some; Charlie runs a coins course.
	let mut calls = Vec::new();
	let degree = |i: u32| BlakeTwo256::hash(&i.to_le_bytes());
	for i in 0..DEGREES {
		let call = Cr::issue { holder: learner(i).public().into(), enrolment: i.into(), kind: CredentialKind::Degree, id: degree(i) };
		calls.push((RuntimeCall::Credentials(call), key(Bob)));
	}
	for i in 0..REVOKED {
		calls.push((RuntimeCall::Credentials(Cr::revoke { id: degree(i), reason: 7 }), key(Bob)));
	}
	let co = |c: Co<educhain_runtime::Runtime>| (RuntimeCall::Coins(c), key(Charlie));
	calls.push(co(Co::create_course { institution: Bob.to_account_id(), document: H256::repeat_byte(3), threshold: 10 }));
	calls.push(co(Co::add_task { course: 0, document: H256::repeat_byte(4), max_coins: 10 }));
	let enrolled = (0..COIN_LEARNERS).map(|i| learner(i).public().into()).collect::<Vec<_>>().try_into().unwrap();
	calls.push(co(Co::enrol { course: 0, learners: enrolled }));
	for i in 0..COIN_LEARNERS {
		calls.push(co(Co::award { course: 0, learner: learner(i).public().into(), task: 0, coins: 10 }));
	}
	s.send(calls).await;
	let claims = (0..CLAIMS).map(|i| {
		let holder = learner(i).public().into();
		let credential = educhain_e2e::micro_credential_id(&Bob.to_account_id(), &holder, 0, H256::repeat_byte(3));
		let call = Co::claim { course: 0, credential };
		(RuntimeCall::Coins(call), learner(i))
	});
	s.send(claims.collect()).await;

	// Dave is admitted by the ministry, Eve by the votes of Bob and Dave.
	for who in [Dave, Eve] {
		let xt = educhain_e2e::chain::application(rpc, who, H256::repeat_byte(5), 0).await;
		rpc.submit(&xt).await.expect("application");
	}
	wait_for("two applications", LIMIT, || async {
		let open = rpc.must("registry_applications", vec![]).await;
		(open.as_array().map(Vec::len) == Some(2)).then_some(())
	})
	.await;
	s.send(vec![(RuntimeCall::Registry(Re::approve { subject: Dave.to_account_id() }), key(Alice))]).await;
	let vote = |who: Sr25519Keyring| (RuntimeCall::Registry(Re::vote { subject: Eve.to_account_id(), aye: true }), key(who));
	s.send(vec![vote(Bob), vote(Dave)]).await;

	// Bob and Dave run one FL round.
	let fixed = |t: &str| educhain_fl_client::ledger::parse_fixed(t).unwrap();
	let dp = DpParams { epsilon: fixed("1"), delta: fixed("0.00001"), clip: fixed("5") };
	let create = Fl::create_task {
		model: H256::repeat_byte(6),
		params: 16,
		participants: vec![Bob.to_account_id(), Dave.to_account_id()].try_into().unwrap(),
		rounds: 1,
		round_blocks: 100,
		dp,
		budgets: vec![fixed("2"), fixed("2")].try_into().unwrap(),
	};
	s.send(vec![(RuntimeCall::FlLedger(create), key(Bob))]).await;
	let accept = |who: Sr25519Keyring| (RuntimeCall::FlLedger(Fl::accept { task: 0, samples: 600 }), key(who));
	s.send(vec![accept(Bob), accept(Dave)]).await;
	let sigma = rpc.must("fl_requiredSigma", vec![0.into(), 600.into()]).await;
	let sigma = fixed(sigma.as_str().unwrap());
	let submit = |who: Sr25519Keyring, seed: u8| {
		let payload: Vec<u8> = (0..64u8).map(|i| i.wrapping_mul(seed)).collect();
		let call = Fl::submit {
			task: 0,
			round: 1,
			digest: BlakeTwo256::hash(&payload),
			sigma,
			payload: payload.try_into().unwrap(),
		};
		(RuntimeCall::FlLedger(call), key(who))
	};
	s.send(vec![submit(Bob, 3), submit(Dave, 5)]).await;

	HashMap::from([
		("Registry", 1 + 2 + 1 + 2),
		("Transcripts", 1 + LEARNERS + 1 + LEARNERS),
		("Credentials", DEGREES + REVOKED),
		("Coins", 3 + COIN_LEARNERS + CLAIMS),
		("FlLedger", 1 + 2 + 2),
	])
}
