//! Weights for pallet_admission.
//!
//! PLACEHOLDER until `scripts/benchmark.sh` regenerates this file with the benchmark CLI.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for pallet_admission.
pub trait WeightInfo {
	fn check_member() -> Weight;
}

/// Weights for pallet_admission using the educhain node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn check_member() -> Weight {
		Weight::from_parts(5_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn check_member() -> Weight {
		Weight::from_parts(5_000_000, 1_600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
	}
}
