//! Benchmarks for the credentials pallet. Issuing is measured with 50 classes on the transcript
//! (the facts read their count, so the number no longer changes the cost) and revocation with
//! a history one short of full.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;

const CLASSES: u32 = 50;

fn doc<T: Config>(n: u32) -> T::Hash {
	let mut h = T::Hash::default();
	h.as_mut()[..4].copy_from_slice(&n.to_le_bytes());
	h
}

/// An issued degree, with `changes` status changes already in its history.
fn issued<T: Config>(changes: u32) -> (T::AccountId, T::Hash) {
	let issuer = T::BenchmarkHelper::institution();
	let (holder, enrolment) = T::BenchmarkHelper::qualified(&issuer, 0, 1);
	let id = doc::<T>(0);
	Pallet::<T>::issue(RawOrigin::Signed(issuer.clone()).into(), holder, enrolment, CredentialKind::Degree, id)
		.expect("qualified");
	for i in 0..changes {
		let origin = RawOrigin::Signed(issuer.clone()).into();
		if i % 2 == 0 {
			Pallet::<T>::revoke(origin, id, 1).unwrap();
		} else {
			Pallet::<T>::reinstate(origin, id, 1).unwrap();
		}
	}
	(issuer, id)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn issue() {
		let issuer = T::BenchmarkHelper::institution();
		let (holder, enrolment) = T::BenchmarkHelper::qualified(&issuer, 0, CLASSES);

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), holder, enrolment, CredentialKind::Degree, doc::<T>(0));

		assert!(Credentials::<T>::contains_key(doc::<T>(0)));
	}

	#[benchmark]
	fn issue_batch(b: Linear<1, { T::MaxBatch::get() }>) {
		let issuer = T::BenchmarkHelper::institution();
		let items: Vec<IssueItemOf<T>> = (0..b)
			.map(|i| {
				let (holder, enrolment) = T::BenchmarkHelper::qualified(&issuer, i, CLASSES);
				IssueItem { holder, enrolment, kind: CredentialKind::Certificate, id: doc::<T>(i) }
			})
			.collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), BoundedVec::try_from(items).unwrap());

		assert!(Credentials::<T>::contains_key(doc::<T>(b - 1)));
	}

	/// Worst case: the history is one short of full (an even number of changes: valid now).
	#[benchmark]
	fn revoke() {
		let changes = (T::MaxHistory::get() - 1) & !1;
		let (issuer, id) = issued::<T>(changes);

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id, 9);

		assert!(matches!(Credentials::<T>::get(id).unwrap().status, CredentialStatus::Revoked { .. }));
	}

	#[benchmark]
	fn reinstate() {
		let changes = ((T::MaxHistory::get() - 1) & !1).max(2) - 1;
		let (issuer, id) = issued::<T>(changes);

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id, 9);

		assert_eq!(Credentials::<T>::get(id).unwrap().status, CredentialStatus::Valid);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
