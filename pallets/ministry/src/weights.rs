//! Weights for pallet_ministry.
//!
//! PLACEHOLDER until `scripts/benchmark.sh` regenerates this file with the benchmark CLI.
//! The figures below are copied from nothing; they are the CLI template's shape with
//! conservative storage costs so that the runtime compiles before the first benchmark run.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for pallet_ministry.
pub trait WeightInfo {
	fn authorize_upgrade() -> Weight;
	fn add_account() -> Weight;
	fn remove_account() -> Weight;
}

/// Weights for pallet_ministry using the educhain node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn authorize_upgrade() -> Weight {
		Weight::from_parts(20_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn add_account() -> Weight {
		Weight::from_parts(25_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn remove_account() -> Weight {
		Weight::from_parts(25_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn authorize_upgrade() -> Weight {
		Weight::from_parts(20_000_000, 1_600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn add_account() -> Weight {
		Weight::from_parts(25_000_000, 1_600)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn remove_account() -> Weight {
		Weight::from_parts(25_000_000, 1_600)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}
