//! Benchmark of the `CheckMember` extension.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::dispatch::DispatchInfo;
use frame_system::RawOrigin;
use sp_runtime::traits::{Dispatchable, TransactionExtension, TxBaseImplication};

#[benchmarks(where
	T: Send + Sync,
	<T as frame_system::Config>::RuntimeCall: Dispatchable<Info = DispatchInfo> + From<frame_system::Call<T>>,
)]
mod benchmarks {
	use super::*;

	/// Worst case: a stranger, so both `Members` and `OpenCalls` are consulted.
	#[benchmark]
	fn check_member() {
		let stranger: T::AccountId = account("stranger", 0, 0);
		let call: <T as frame_system::Config>::RuntimeCall =
			frame_system::Call::<T>::remark { remark: alloc::vec![] }.into();
		let info = DispatchInfo::default();
		let ext = CheckMember::<T>::new();
		let validity;

		#[block]
		{
			validity = ext.validate(
				RawOrigin::Signed(stranger).into(),
				&call,
				&info,
				0,
				(),
				&TxBaseImplication(()),
				frame_support::pallet_prelude::TransactionSource::External,
			);
		}

		assert!(validity.is_err(), "a stranger's remark is refused");
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
