//! Unit tests of the ledger: registration and acceptance with m, the σ bound at its boundary for
//! the registered m, budget exhaustion under both accountants, deadlines, late and duplicate
//! submissions, aggregates, and the migration to version 1.

use crate::{
	dp::{self, ShortSigma},
	mock::*,
	pallet::{Aggregates, Budgets, Error, Event, Rounds, Submissions, Tasks},
	DpParams, FlTaskStatus,
};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_arithmetic::{
	traits::{One, Zero},
	FixedU128,
};
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};

const SAMPLES: u32 = 100;

fn dp_params() -> DpParams {
	DpParams {
		epsilon: FixedU128::one(),
		delta: FixedU128::from_rational(1, 100_000),
		clip: FixedU128::one(),
	}
}

fn sigma() -> FixedU128 {
	let p = dp_params();
	dp::required_sigma(p.epsilon, p.delta, p.clip, SAMPLES).unwrap()
}

fn bounded<T: Clone, S: frame_support::traits::Get<u32>>(v: &[T]) -> BoundedVec<T, S> {
	BoundedVec::try_from(v.to_vec()).ok().unwrap()
}

fn fixed(n: u128) -> FixedU128 {
	FixedU128::from_u32(n as u32)
}

/// Task 0 by A with participants A, B, C, two rounds of 10 blocks, 8 parameters, ε budgets 2, 2
/// and 1.
fn create() {
	assert_ok!(FlLedger::create_task(
		RuntimeOrigin::signed(A),
		H256::repeat_byte(1),
		8,
		bounded(&[A, B, C]),
		2,
		10,
		dp_params(),
		bounded(&[fixed(2), fixed(2), fixed(1)]),
	));
}

/// Task 0, accepted by all: round 1 open from the current block.
fn running() {
	create();
	for who in [A, B, C] {
		assert_ok!(accept(who, 0));
	}
}

fn accept(who: u64, task: u32) -> sp_runtime::DispatchResult {
	FlLedger::accept(RuntimeOrigin::signed(who), task, SAMPLES)
}

fn payload(n: u8) -> BoundedVec<u8, MaxPayload> {
	bounded(&[n; 32])
}

fn submit_with(who: u64, round: u32, sigma: FixedU128, payload: BoundedVec<u8, MaxPayload>) -> sp_runtime::DispatchResult {
	let digest = BlakeTwo256::hash(&payload);
	FlLedger::submit(RuntimeOrigin::signed(who), 0, round, digest, sigma, payload)
}

fn submit(who: u64, round: u32) -> sp_runtime::DispatchResult {
	submit_with(who, round, sigma(), payload(who as u8))
}

#[test]
fn a_task_opens_its_first_round_once_every_participant_accepts() {
	build_and_execute(|| {
		create();
		assert_eq!(Tasks::<Test>::get(0).unwrap().status, FlTaskStatus::Pending);
		assert_noop!(submit(A, 1), Error::<Test>::NotStarted);
		assert_noop!(accept(NOBODY, 0), Error::<Test>::NotParticipant);
		// m within MinSamples (10) and MaxSamples (1000).
		assert_noop!(FlLedger::accept(RuntimeOrigin::signed(A), 0, 9), Error::<Test>::SamplesOutOfRange);
		assert_noop!(FlLedger::accept(RuntimeOrigin::signed(A), 0, 1001), Error::<Test>::SamplesOutOfRange);
		assert_ok!(accept(A, 0));
		System::assert_last_event(Event::Accepted { task: 0, participant: A, samples: SAMPLES }.into());
		assert_eq!(Budgets::<Test>::get(0, A).unwrap().samples, SAMPLES);
		assert_ok!(accept(B, 0));
		assert_ok!(accept(C, 0));
		assert_eq!(Tasks::<Test>::get(0).unwrap().status, FlTaskStatus::Running { round: 1 });
		System::assert_last_event(Event::RoundOpened { task: 0, round: 1, deadline: 10 }.into());
	});
}

#[test]
fn registration_refuses_bad_parameters() {
	build_and_execute(|| {
		let call = |who, params, parts: &[u64], rounds, blocks, dp: DpParams, budgets: &[FixedU128]| {
			FlLedger::create_task(
				RuntimeOrigin::signed(who),
				H256::zero(),
				params,
				bounded(parts),
				rounds,
				blocks,
				dp,
				bounded(budgets),
			)
		};
		let two = [fixed(2), fixed(2)];
		assert_noop!(call(NOBODY, 8, &[A, B], 1, 10, dp_params(), &two), Error::<Test>::NotActiveInstitution);
		assert_noop!(call(A, 0, &[A, B], 1, 10, dp_params(), &two), Error::<Test>::InvalidParams);
		// 17 parameters of up to 4 bytes exceed the 64-byte payload bound.
		assert_noop!(call(A, 17, &[A, B], 1, 10, dp_params(), &two), Error::<Test>::InvalidParams);
		assert_noop!(call(A, 8, &[A], 1, 10, dp_params(), &[fixed(2)]), Error::<Test>::InvalidParticipants);
		assert_noop!(call(A, 8, &[A, A], 1, 10, dp_params(), &two), Error::<Test>::InvalidParticipants);
		assert_noop!(call(A, 8, &[A, NOBODY], 1, 10, dp_params(), &two), Error::<Test>::ParticipantNotActive);
		assert_noop!(call(A, 8, &[A, B], 0, 10, dp_params(), &two), Error::<Test>::InvalidRounds);
		assert_noop!(call(A, 8, &[A, B], 6, 10, dp_params(), &two), Error::<Test>::InvalidRounds);
		assert_noop!(call(A, 8, &[A, B], 1, 0, dp_params(), &two), Error::<Test>::InvalidRoundBlocks);
		assert_noop!(call(A, 8, &[A, B], 1, 101, dp_params(), &two), Error::<Test>::InvalidRoundBlocks);
		let bad_delta = DpParams { delta: FixedU128::one(), ..dp_params() };
		assert_noop!(call(A, 8, &[A, B], 1, 10, bad_delta, &two), Error::<Test>::InvalidDpParams);
		let no_epsilon = DpParams { epsilon: FixedU128::zero(), ..dp_params() };
		assert_noop!(call(A, 8, &[A, B], 1, 10, no_epsilon, &two), Error::<Test>::InvalidDpParams);
		assert_noop!(call(A, 8, &[A, B], 1, 10, dp_params(), &[fixed(2)]), Error::<Test>::InvalidBudgets);
		let below_one_round = [fixed(2), FixedU128::from_rational(1, 2)];
		assert_noop!(call(A, 8, &[A, B], 1, 10, dp_params(), &below_one_round), Error::<Test>::InvalidBudgets);
	});
}

#[test]
fn sigma_is_checked_at_its_boundary_and_the_error_gives_the_sigma_required() {
	build_and_execute(|| {
		running();
		let required = sigma();
		// ε = 1, δ = 1e-5, S = 1, m = 100: 2·√(2·ln 125000)/100 = 0.0968961052521 (Python).
		let expected = 0.09689610525210779_f64;
		let got = required.into_inner() as f64 / 1e18;
		assert!(got >= expected && got - expected < 2e-9, "{got}");
		let just_below = FixedU128::from_inner(required.into_inner() - 1);
		assert_noop!(
			submit_with(A, 1, just_below, payload(1)),
			Error::<Test>::SigmaTooSmall { required: ShortSigma { mantissa: 9690, exponent: -5 } }
		);
		assert_ok!(submit_with(A, 1, required, payload(1)));
	});
}

#[test]
fn submissions_are_checked_and_recorded_with_their_figures() {
	build_and_execute(|| {
		running();
		assert_noop!(submit(NOBODY, 1), Error::<Test>::NotParticipant);
		assert_noop!(submit(A, 2), Error::<Test>::WrongRound);
		assert_noop!(submit_with(A, 1, sigma(), bounded(&[])), Error::<Test>::PayloadSize);
		// 8 parameters: at most 32 bytes.
		assert_noop!(submit_with(A, 1, sigma(), bounded(&[0; 33])), Error::<Test>::PayloadSize);
		let wrong_digest = FlLedger::submit(RuntimeOrigin::signed(A), 0, 1, H256::zero(), sigma(), payload(1));
		assert_noop!(wrong_digest, Error::<Test>::DigestMismatch);

		assert_ok!(submit(A, 1));
		assert_noop!(submit(A, 1), Error::<Test>::DuplicateSubmission);
		let s = Submissions::<Test>::get((0, 1, A)).unwrap();
		assert_eq!((s.digest, s.sigma, s.samples, s.bytes, s.block), (BlakeTwo256::hash(&payload(1)), sigma(), SAMPLES, 32, 1));
		let budget = Budgets::<Test>::get(0, A).unwrap();
		assert_eq!((budget.spent_epsilon, budget.submissions), (fixed(1), 1));
		// Rényi DP charges less than basic composition even for one round: dp-accounting 0.6.0
		// gives 0.7865356254028308 for z = 0.096896106/0.02, one round, δ = 2e-5 (two rounds).
		let spent = budget.spent(dp_params().total_delta(2)).into_inner() as f64 / 1e18;
		assert!(spent >= 0.7865356254028308 && spent < 0.7865356264, "{spent}");
		let at = dp_params().total_delta(2);
		assert_eq!(budget.remaining(at), fixed(2) - budget.spent(at));
	});
}

#[test]
fn a_round_closes_when_everyone_has_submitted_and_the_next_opens() {
	build_and_execute(|| {
		running();
		for who in [A, B, C] {
			assert_ok!(submit(who, 1));
		}
		let r1 = Rounds::<Test>::get(0, 1).unwrap();
		assert_eq!((r1.closed, r1.submitted, r1.missing.len()), (Some(1), 3, 0));
		assert_eq!(Tasks::<Test>::get(0).unwrap().status, FlTaskStatus::Running { round: 2 });
		// Late for round 1.
		assert_noop!(submit(A, 1), Error::<Test>::WrongRound);
	});
}

#[test]
fn the_deadline_closes_a_round_and_records_who_is_missing() {
	build_and_execute(|| {
		running();
		assert_ok!(submit(A, 1));
		run_to(10);
		// Block 10 is the round's last.
		assert_ok!(submit(B, 1));
		run_to(11);
		let r1 = Rounds::<Test>::get(0, 1).unwrap();
		assert_eq!((r1.deadline, r1.closed, r1.submitted), (10, Some(11), 2));
		assert_eq!(r1.missing.into_inner(), vec![C]);
		System::assert_has_event(Event::RoundClosed { task: 0, round: 1, submitted: 2, missing: 1 }.into());
		assert_noop!(submit(C, 1), Error::<Test>::WrongRound);
		assert_eq!(Tasks::<Test>::get(0).unwrap().status, FlTaskStatus::Running { round: 2 });
		assert_eq!(Rounds::<Test>::get(0, 2).unwrap().opened, 11);

		// Round 2 runs out too; the task is finished.
		run_to(21);
		assert_eq!(Tasks::<Test>::get(0).unwrap().status, FlTaskStatus::Finished);
		assert_eq!(Rounds::<Test>::get(0, 2).unwrap().missing.len(), 3);
		assert_noop!(submit(A, 2), Error::<Test>::TaskFinished);
	});
}

#[test]
fn a_participant_whose_budget_is_spent_cannot_submit() {
	build_and_execute(|| {
		running();
		for who in [A, B, C] {
			assert_ok!(submit(who, 1));
		}
		// C's budget (ε = 1) covers one round under either accountant: a second would cost 2 by
		// basic composition and 1.149 by Rényi DP (dp-accounting, δ = 2e-5).
		assert_noop!(submit(C, 2), Error::<Test>::BudgetExceeded);
		assert_ok!(submit(A, 2));
		let c = Budgets::<Test>::get(0, C).unwrap();
		assert_eq!((c.spent_epsilon, c.submissions), (fixed(1), 1));
	});
}

#[test]
fn aggregates_are_recorded_once_after_the_round_with_weights_over_the_updates() {
	build_and_execute(|| {
		running();
		assert_ok!(submit(A, 1));
		assert_ok!(submit(B, 1));
		let half = FixedU128::from_rational(1, 2);
		let weights = || bounded(&[half, half, FixedU128::zero()]);
		let record = |who, w| FlLedger::record_aggregate(RuntimeOrigin::signed(who), 0, 1, H256::repeat_byte(7), w);
		assert_noop!(record(A, weights()), Error::<Test>::RoundNotClosed);
		run_to(11);
		assert_noop!(record(NOBODY, weights()), Error::<Test>::NotParticipant);
		assert_noop!(record(A, bounded(&[half, half])), Error::<Test>::InvalidWeights);
		// C submitted nothing: no weight for it.
		let third = FixedU128::from_rational(1, 3);
		assert_noop!(record(A, bounded(&[third, third, third])), Error::<Test>::InvalidWeights);
		assert_noop!(record(A, bounded(&[half, third, FixedU128::zero()])), Error::<Test>::InvalidWeights);
		assert_ok!(record(A, weights()));
		assert_noop!(record(A, weights()), Error::<Test>::AggregateExists);
		assert_eq!(Aggregates::<Test>::get((0, 1, A)).unwrap().weights.into_inner(), weights().into_inner());
		// A participant that submitted nothing may still aggregate the others.
		assert_ok!(record(C, weights()));
	});
}

#[test]
fn too_many_deadlines_in_one_block_are_refused() {
	build_and_execute(|| {
		// Three tasks opening round 1 in the same block, 10 blocks long: the third's deadline
		// finds the block full (MaxDeadlinesPerBlock = 2).
		for _ in 0..3 {
			create();
		}
		for task in 0..2 {
			for who in [A, B, C] {
				assert_ok!(accept(who, task));
			}
		}
		assert_ok!(accept(A, 2));
		assert_ok!(accept(B, 2));
		assert_noop!(accept(C, 2), Error::<Test>::TooManyDeadlines);
	});
}

#[test]
fn the_invariants_catch_an_exceeded_budget_a_wrong_rho_or_m_and_a_count_that_does_not_match() {
	new_test_ext().execute_with(|| {
		running();
		assert_ok!(submit(A, 1));
		assert_ok!(FlLedger::do_try_state());
		// Exceeded only when both accountants say so: with no ρ spent, ε spent of 2 is caught by
		// the next check, not this one.
		Budgets::<Test>::mutate(0, C, |b| b.as_mut().unwrap().spent_epsilon = fixed(2));
		assert_eq!(FlLedger::do_try_state().unwrap_err(), "ε spent is not ε per round times the updates".into());
		Budgets::<Test>::mutate(0, C, |b| b.as_mut().unwrap().rho = fixed(10));
		assert_eq!(FlLedger::do_try_state().unwrap_err(), "a privacy budget exceeded".into());
		Budgets::<Test>::mutate(0, C, |b| {
			let b = b.as_mut().unwrap();
			(b.spent_epsilon, b.rho) = (fixed(0), fixed(0));
		});
		assert_ok!(FlLedger::do_try_state());
		let rho = Budgets::<Test>::get(0, A).unwrap().rho;
		Budgets::<Test>::mutate(0, A, |b| b.as_mut().unwrap().rho = fixed(0));
		assert_eq!(FlLedger::do_try_state().unwrap_err(), "ρ spent is not the sum of the submissions' ρ".into());
		Budgets::<Test>::mutate(0, A, |b| b.as_mut().unwrap().rho = rho);
		Budgets::<Test>::mutate(0, A, |b| b.as_mut().unwrap().samples = SAMPLES + 1);
		assert_eq!(FlLedger::do_try_state().unwrap_err(), "a submission whose m is below the one registered".into());
		Budgets::<Test>::mutate(0, A, |b| b.as_mut().unwrap().samples = SAMPLES);
		Budgets::<Test>::mutate(0, A, |b| b.as_mut().unwrap().submissions = 2);
		assert_eq!(FlLedger::do_try_state().unwrap_err(), "ε spent is not ε per round times the updates".into());
	});
}

#[test]
fn sigma_is_checked_against_the_registered_m_which_cannot_change() {
	build_and_execute(|| {
		create();
		assert_ok!(accept(A, 0));
		// B registers half of A's data: its bound on σ is twice A's.
		assert_ok!(FlLedger::accept(RuntimeOrigin::signed(B), 0, SAMPLES / 2));
		// A second acceptance cannot change m, before or after the task starts.
		assert_noop!(FlLedger::accept(RuntimeOrigin::signed(B), 0, SAMPLES), Error::<Test>::AlreadyAccepted);
		assert_ok!(accept(C, 0));
		assert_noop!(FlLedger::accept(RuntimeOrigin::signed(B), 0, SAMPLES), Error::<Test>::AlreadyAccepted);
		assert_eq!(Budgets::<Test>::get(0, B).unwrap().samples, SAMPLES / 2);
		// The σ that is enough for m = 100 is not enough for B's m = 50.
		let p = dp_params();
		let for_b = dp::required_sigma(p.epsilon, p.delta, p.clip, SAMPLES / 2).unwrap();
		assert_noop!(
			submit(B, 1),
			Error::<Test>::SigmaTooSmall { required: ShortSigma::round_up(for_b) }
		);
		assert_ok!(submit_with(B, 1, for_b, payload(2)));
		assert_eq!(Submissions::<Test>::get((0, 1, B)).unwrap().samples, SAMPLES / 2);
		System::assert_last_event(
			Event::UpdateSubmitted {
				task: 0,
				round: 1,
				participant: B,
				digest: BlakeTwo256::hash(&payload(2)),
				sigma: for_b,
				samples: SAMPLES / 2,
			}
			.into(),
		);
	});
}

/// Task 0 by A with participants A and B, five rounds of 10 blocks, A's budget `budget` and B's
/// 2, accepted by both.
fn five_rounds(budget: FixedU128) {
	assert_ok!(FlLedger::create_task(
		RuntimeOrigin::signed(A),
		H256::repeat_byte(1),
		8,
		bounded(&[A, B]),
		5,
		10,
		dp_params(),
		bounded(&[budget, fixed(2)]),
	));
	assert_ok!(accept(A, 0));
	assert_ok!(accept(B, 0));
}

#[test]
fn renyi_accounting_lets_rounds_through_that_basic_composition_would_refuse() {
	build_and_execute(|| {
		// Five rounds of ε = 1 with a budget of 2: basic composition stops after two. Rényi DP at
		// δ = 5e-5 (five rounds of 1e-5) spends, by dp-accounting 0.6.0 for z = 0.096896106/0.02:
		// 0.7373, 1.0811, 1.3543, 1.5895, 1.8009.
		five_rounds(fixed(2));
		let expected = [0.7372817616194214, 1.0811461869613628, 1.3542717127826254, 1.5894951223907487, 1.8008706220266166];
		let at = dp_params().total_delta(5);
		for (round, want) in (1..=5).zip(expected) {
			// One round per block, so that no block holds more than two deadlines.
			run_to(u64::from(round));
			assert_ok!(submit(A, round));
			assert_ok!(submit(B, round));
			let b = Budgets::<Test>::get(0, A).unwrap();
			assert_eq!(b.spent_epsilon, fixed(round as u128));
			let spent = b.spent(at).into_inner() as f64 / 1e18;
			assert!(spent >= want - 1e-12 && spent - want < 1e-8, "round {round}: {spent} against {want}");
		}
		assert_eq!(Tasks::<Test>::get(0).unwrap().status, FlTaskStatus::Finished);
	});
}

#[test]
fn a_budget_over_even_renyi_accounting_is_refused() {
	build_and_execute(|| {
		// A budget of 1.5 at δ = 5e-5 covers three rounds (1.3543), not four (1.5895).
		five_rounds(FixedU128::from_rational(3, 2));
		for round in 1..=3 {
			run_to(u64::from(round));
			assert_ok!(submit(A, round));
			assert_ok!(submit(B, round));
		}
		run_to(4);
		assert_noop!(submit(A, 4), Error::<Test>::BudgetExceeded);
	});
}

#[test]
fn version_1_fixes_each_budgets_m_and_rho_from_its_submissions() {
	use crate::migrations::{BudgetV0, V1};
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	new_test_ext().execute_with(|| {
		running();
		assert_ok!(submit(A, 1));
		// As version 0 left it: budgets without m or ρ, A having stated m = 100 and then 60.
		let mut second = Submissions::<Test>::get((0, 1, A)).unwrap();
		second.samples = 60;
		Submissions::<Test>::insert((0, 0, A), second);
		for who in [A, B, C] {
			let b = Budgets::<Test>::get(0, who).unwrap();
			let old = BudgetV0 { total: b.total, spent_epsilon: b.spent_epsilon, spent_delta: b.spent_delta, submissions: b.submissions };
			frame_support::storage::unhashed::put(&Budgets::<Test>::hashed_key_for(0, who), &old);
		}
		StorageVersion::new(0).put::<FlLedger>();

		V1::<Test>::on_runtime_upgrade();
		assert_eq!(FlLedger::on_chain_storage_version(), StorageVersion::new(1));
		let a = Budgets::<Test>::get(0, A).unwrap();
		let clip = dp_params().clip;
		let rho = |m| crate::rdp::round_rho(sigma(), clip, m).unwrap();
		assert_eq!((a.samples, a.rho, a.submissions), (60, rho(SAMPLES) + rho(60), 1));
		// Nothing submitted: the least m allowed, and no ρ.
		let b = Budgets::<Test>::get(0, B).unwrap();
		assert_eq!((b.samples, b.rho, b.total), (10, FixedU128::zero(), fixed(2)));
		// Run again, it does nothing.
		V1::<Test>::on_runtime_upgrade();
		assert_eq!(Budgets::<Test>::get(0, A).unwrap(), a);
	});
}
