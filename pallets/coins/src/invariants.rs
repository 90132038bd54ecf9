//! The coins pallet's invariants, checked by `try_state` and by the auditor's replay (which is
//! why they are compiled into the runtime, not only under `try-runtime`):
//!
//! 1. **coins are never spent beyond what was earned**: a learner's spent coins are at most
//!    the coins earned, and a learner has spent exactly the course's threshold if it claimed,
//!    and nothing otherwise;
//! 2. a learner's earned coins are the sum of the latest amounts of its awards in the course,
//!    each at most its task's maximum;
//! 3. `LearnerCourses` and `Balances` name the same enrolments, and every award is to an
//!    enrolled learner of an existing course;
//! 4. course ids are below `NextCourse`, and each course's task count numbers its tasks.

use crate::pallet::{Awards, Balances, Config, Courses, LearnerCourses, NextCourse, Pallet, Tasks};
use crate::Coins;
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Check the invariants listed in [`crate::invariants`].
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextCourse::<T>::get();
		for (id, c) in Courses::<T>::iter() {
			ensure!(id < next, "a course id at or above NextCourse");
			ensure!(Tasks::<T>::iter_key_prefix(id).all(|t| t < c.tasks), "a task id at or above its course's count");
		}
		for (course, learner, balance) in Balances::<T>::iter() {
			let c = Courses::<T>::get(course).ok_or("a balance in an unknown course")?;
			ensure!(balance.spent <= balance.earned, "coins spent beyond what was earned");
			let spent = if balance.claimed.is_some() { c.threshold } else { 0 };
			ensure!(balance.spent == spent, "spent coins that are not one claim's threshold");
			let mut earned: Coins = 0;
			for (task, award) in Awards::<T>::iter_prefix((course, &learner)) {
				let t = Tasks::<T>::get(course, task).ok_or("an award for an unknown task")?;
				ensure!(award.coins <= t.max_coins, "an award above its task's maximum");
				earned = earned.saturating_add(award.coins);
			}
			ensure!(balance.earned == earned, "earned coins differ from the sum of the awards");
			ensure!(LearnerCourses::<T>::contains_key(&learner, course), "a balance missing from LearnerCourses");
		}
		for (learner, course, ()) in LearnerCourses::<T>::iter() {
			ensure!(Balances::<T>::contains_key(course, &learner), "LearnerCourses names a course without a balance");
		}
		for ((course, learner, _), _) in Awards::<T>::iter() {
			ensure!(Balances::<T>::contains_key(course, &learner), "an award to a learner not enrolled");
		}
		Ok(())
	}
}
