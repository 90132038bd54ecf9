//! The FL ledger's invariants, checked by `try_state` and by the auditor's replay (which is
//! why they are compiled into the runtime, not only under `try-runtime`):
//!
//! 1. **no participant's privacy budget is exceeded**: ε spent (the smaller of basic
//!    composition's and Rényi DP's, at the task's total δ) is at most the total; ε and δ spent
//!    by basic composition are exactly the task's per-round ε and δ times the updates
//!    submitted, and ρ is exactly the sum of its submissions' ρ;
//! 2. a participant's submission count is the number of its recorded submissions, each with
//!    the σ the task's rule required for its m, which is the registered m (or, from version 0,
//!    at least it);
//! 3. every task's participants have a budget and only they do; task ids are below
//!    `NextTask`; a round's count of submissions is the number recorded.

use crate::pallet::{Budgets, Config, NextTask, Pallet, Rounds, Submissions, Tasks};
use crate::{dp, rdp};
use frame_support::ensure;
use sp_arithmetic::{traits::Zero, FixedPointNumber, FixedU128};
use sp_runtime::{traits::Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Check the invariants listed in [`crate::invariants`].
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextTask::<T>::get();
		for (id, t) in Tasks::<T>::iter() {
			ensure!(id < next, "a task id at or above NextTask");
			for who in t.participants.iter() {
				let b = Budgets::<T>::get(id, who).ok_or("a participant without a budget")?;
				ensure!(b.spent(t.dp.total_delta(t.rounds)) <= b.total, "a privacy budget exceeded");
				let times = FixedU128::saturating_from_integer(b.submissions);
				ensure!(b.spent_epsilon == t.dp.epsilon.saturating_mul(times), "ε spent is not ε per round times the updates");
				ensure!(b.spent_delta == t.dp.delta.saturating_mul(times), "δ spent is not δ per round times the updates");
				let mut made = 0u32;
				let mut rho = FixedU128::zero();
				for ((_, _), s) in Submissions::<T>::iter_prefix((id,)).filter(|((_, p), _)| p == who) {
					made += 1;
					// Equal, unless version 0 let the participant state several m: the least is kept.
					ensure!(s.samples >= b.samples, "a submission whose m is below the one registered");
					rho = rho.saturating_add(rdp::round_rho(s.sigma, t.dp.clip, s.samples).ok_or("a submission without ρ")?);
				}
				ensure!(made == b.submissions, "a budget's count differs from the submissions recorded");
				ensure!(rho == b.rho, "ρ spent is not the sum of the submissions' ρ");
			}
			ensure!(
				Budgets::<T>::iter_key_prefix(id).all(|who| t.participants.contains(&who)),
				"a budget of a non-participant"
			);
			for (round, info) in Rounds::<T>::iter_prefix(id) {
				let made = Submissions::<T>::iter_prefix((id, round)).count();
				ensure!(made as u32 == info.submitted, "a round's count differs from the submissions recorded");
			}
			for ((_, _), s) in Submissions::<T>::iter_prefix((id,)) {
				let required = dp::required_sigma(t.dp.epsilon, t.dp.delta, t.dp.clip, s.samples);
				ensure!(required.is_some_and(|r| s.sigma >= r), "a submission with too little noise");
			}
		}
		Ok(())
	}
}
