//! Benchmarks for the federated-learning ledger. `submit` is measured as the last submission of
//! a round (it closes the round and opens the next), as a function of the payload size `b` and
//! the participants `p`; `on_initialize_close` closes `n` rounds of `p` participants at their
//! deadline, with nobody having submitted.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{traits::{Get, Hooks}, BoundedVec};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_arithmetic::{
	traits::{One, Zero},
	FixedU128,
};
use sp_runtime::traits::Hash;

fn dp_params() -> DpParams {
	DpParams { epsilon: FixedU128::one(), delta: FixedU128::from_rational(1, 100_000), clip: FixedU128::one() }
}

/// `p` active institutions.
fn institutions<T: Config>(p: u32) -> Vec<T::AccountId> {
	(0..p)
		.map(|i| {
			let who: T::AccountId = account("institution", i, 0);
			T::BenchmarkHelper::activate(&who);
			who
		})
		.collect()
}

/// A pending task of `p` participants with the largest model the payload bound allows.
fn pending<T: Config>(p: u32) -> (FlTaskId, Vec<T::AccountId>) {
	let members = institutions::<T>(p);
	let task = NextTask::<T>::get();
	let params = T::MaxPayload::get() / T::MaxBytesPerParam::get();
	let budgets = alloc::vec![FixedU128::from_u32(T::MaxRounds::get()); p as usize];
	Pallet::<T>::create_task(
		RawOrigin::Signed(members[0].clone()).into(),
		T::Hash::default(),
		params,
		BoundedVec::truncate_from(members.clone()),
		T::MaxRounds::get(),
		10u32.into(),
		dp_params(),
		BoundedVec::truncate_from(budgets),
	)
	.expect("valid task");
	(task, members)
}

/// A running task of `p` participants, in round 1.
fn running<T: Config>(p: u32) -> (FlTaskId, Vec<T::AccountId>) {
	let (task, members) = pending::<T>(p);
	for who in &members {
		Pallet::<T>::accept(RawOrigin::Signed(who.clone()).into(), task, T::MinSamples::get()).expect("participant");
	}
	(task, members)
}

fn submit_as<T: Config>(who: &T::AccountId, task: FlTaskId, bytes: u32) {
	let payload: BoundedVec<u8, T::MaxPayload> = BoundedVec::truncate_from(alloc::vec![7u8; bytes as usize]);
	let digest = T::Hashing::hash(&payload);
	let sigma = FixedU128::from_u32(1_000);
	Pallet::<T>::submit(RawOrigin::Signed(who.clone()).into(), task, 1, digest, sigma, payload)
		.expect("valid submission");
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_task(p: Linear<2, { T::MaxParticipants::get() }>) {
		let members = institutions::<T>(p);
		let budgets = alloc::vec![FixedU128::from_u32(10); p as usize];

		#[extrinsic_call]
		_(
			RawOrigin::Signed(members[0].clone()),
			T::Hash::default(),
			1,
			BoundedVec::truncate_from(members.clone()),
			T::MaxRounds::get(),
			10u32.into(),
			dp_params(),
			BoundedVec::truncate_from(budgets),
		);

		assert!(Tasks::<T>::contains_key(0));
	}

	/// The last acceptance, which opens round 1.
	#[benchmark]
	fn accept(p: Linear<2, { T::MaxParticipants::get() }>) {
		let (task, members) = pending::<T>(p);
		for who in &members[1..] {
			Pallet::<T>::accept(RawOrigin::Signed(who.clone()).into(), task, T::MinSamples::get()).unwrap();
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(members[0].clone()), task, T::MinSamples::get());

		assert!(Rounds::<T>::contains_key(task, 1));
	}

	#[benchmark]
	fn submit(b: Linear<1, { T::MaxPayload::get() }>, p: Linear<2, { T::MaxParticipants::get() }>) {
		let (task, members) = running::<T>(p);
		for who in &members[1..] {
			submit_as::<T>(who, task, 1);
		}
		let payload: BoundedVec<u8, T::MaxPayload> = BoundedVec::truncate_from(alloc::vec![7u8; b as usize]);
		let digest = T::Hashing::hash(&payload);

		#[extrinsic_call]
		_(RawOrigin::Signed(members[0].clone()), task, 1, digest, FixedU128::from_u32(1_000), payload);

		assert!(Rounds::<T>::get(task, 1).unwrap().closed.is_some());
	}

	#[benchmark]
	fn record_aggregate(p: Linear<2, { T::MaxParticipants::get() }>) {
		let (task, members) = running::<T>(p);
		for who in &members {
			submit_as::<T>(who, task, 1);
		}
		let weights: Vec<FixedU128> = (0..p).map(|i| if i == 0 { FixedU128::one() } else { FixedU128::zero() }).collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(members[0].clone()), task, 1, T::Hash::default(), BoundedVec::truncate_from(weights));

		assert!(Aggregates::<T>::contains_key((task, 1, &members[0])));
	}

	#[benchmark]
	fn on_initialize_close(
		n: Linear<0, { T::MaxDeadlinesPerBlock::get() }>,
		p: Linear<2, { T::MaxParticipants::get() }>,
	) {
		let mut due = BlockNumberFor::<T>::default();
		for _ in 0..n {
			let (task, _) = running::<T>(p);
			due = Rounds::<T>::get(task, 1).unwrap().deadline + 1u32.into();
		}
		// Round 2's deadlines must not land in the block being measured.
		frame_system::Pallet::<T>::set_block_number(due);

		#[block]
		{
			Pallet::<T>::on_initialize(due);
		}

		if n > 0 {
			assert!(Rounds::<T>::get(n - 1, 1).unwrap().closed.is_some());
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
