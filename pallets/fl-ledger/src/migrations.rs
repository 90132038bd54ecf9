//! Storage migrations of the FL ledger.

use crate::{
	pallet::{Budgets, Config, Pallet, Submissions, Tasks},
	rdp, Budget, FlTaskId,
};
use codec::{Decode, Encode};
use frame_support::{
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use sp_arithmetic::{traits::{Bounded, Saturating}, FixedU128};

/// A budget as version 0 stored it: basic composition only, and no registered m.
#[derive(Encode, Decode)]
pub struct BudgetV0 {
	/// The total ε.
	pub total: FixedU128,
	/// ε spent.
	pub spent_epsilon: FixedU128,
	/// δ spent.
	pub spent_delta: FixedU128,
	/// Updates submitted.
	pub submissions: u32,
}

/// Version 0 to 1: every budget gets the participant's m and the ρ of what it submitted. In
/// version 0 a participant stated m with each update; its registered m becomes the least it
/// stated (the strictest bound on σ), or `MinSamples` if it has submitted nothing. Its ρ is the
/// sum over its submissions of each one's ρ at the m it stated then.
pub struct FixSamplesAndRho<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for FixSamplesAndRho<T> {
	fn on_runtime_upgrade() -> Weight {
		let mut reads: u64 = 0;
		let mut writes: u64 = 0;
		Budgets::<T>::translate::<BudgetV0, _>(|task: FlTaskId, who, old| {
			reads += 2;
			writes += 1;
			let clip = Tasks::<T>::get(task).map(|t| t.dp.clip);
			let mut samples: Option<u32> = None;
			let mut rho = FixedU128::default();
			for ((_, p), s) in Submissions::<T>::iter_prefix((task,)) {
				reads += 1;
				if p == who {
					samples = Some(samples.map_or(s.samples, |m| m.min(s.samples)));
					// A ρ that cannot be computed must not count as none: at the maximum, Rényi DP
					// gives no bound and basic composition alone counts.
					let one = clip.and_then(|clip| rdp::round_rho(s.sigma, clip, s.samples));
					rho = rho.saturating_add(one.unwrap_or_else(FixedU128::max_value));
				}
			}
			Some(Budget {
				total: old.total,
				spent_epsilon: old.spent_epsilon,
				spent_delta: old.spent_delta,
				rho,
				samples: samples.unwrap_or_else(T::MinSamples::get),
				submissions: old.submissions,
			})
		});
		T::DbWeight::get().reads_writes(reads, writes)
	}
}

/// [`FixSamplesAndRho`], run only on version 0, which it moves to 1.
pub type V1<T> = frame_support::migrations::VersionedMigration<
	0,
	1,
	FixSamplesAndRho<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

