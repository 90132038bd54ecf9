//! Credit accounting.
//!
//! **The rule.** An enrolment earns a course's credits once the latest grade of any of its
//! classes of that course (same course digest) is a pass, and counts them once however many
//! classes of the course it passes:
//!
//! - a **retake** that passes again adds nothing;
//! - a **later fail** in another class (a retake) takes nothing away: the earlier pass stands;
//! - a **correction** replaces the grade of its own class only. A correction from pass to fail
//!   withdraws that class's pass; the course's credits go only if no other class of the course
//!   still has a passing latest grade. A correction from fail to pass earns them as a first pass
//!   would.
//!
//! The credits counted are those of the first class that passed the course; they stay while any
//! pass of the course stands.

use crate::{
	pallet::{ClassOf, Enrolments, Event, Pallet, Passes},
	Config, CoursePass, EnrolmentId, Error, ClassId,
};
use frame_support::BoundedVec;
use sp_runtime::DispatchResult;

/// Account for a new latest grade of `enrolment` in `class`: it was a pass before or not, and
/// is one now or not.
pub(crate) fn regrade<T: Config>(
	enrolment: EnrolmentId,
	class: ClassId,
	c: &ClassOf<T>,
	was_passed: bool,
	passed: bool,
) -> DispatchResult {
	let delta: i64 = match (was_passed, passed) {
		(false, true) => gain::<T>(enrolment, class, c)?,
		(true, false) => lose::<T>(enrolment, class, c),
		_ => return Ok(()),
	};
	if delta == 0 {
		return Ok(());
	}
	let credits = Enrolments::<T>::mutate(enrolment, |e| {
		e.as_mut().map(|e| {
			e.credits = (i64::from(e.credits) + delta).clamp(0, i64::from(u32::MAX)) as u32;
			e.credits
		})
	});
	if let Some(credits) = credits {
		Pallet::<T>::deposit_event(Event::CreditsChanged { enrolment, credits });
	}
	Ok(())
}

/// `class` now passes its course; returns the credits gained (zero if already passed).
fn gain<T: Config>(enrolment: EnrolmentId, class: ClassId, c: &ClassOf<T>) -> Result<i64, sp_runtime::DispatchError> {
	Passes::<T>::try_mutate(enrolment, c.course, |pass| {
		let pass = pass.get_or_insert_with(|| CoursePass { credits: c.credits, classes: BoundedVec::new() });
		let first = pass.classes.is_empty();
		pass.classes.try_push(class).map_err(|_| Error::<T>::TooManyAttempts)?;
		Ok(if first { i64::from(pass.credits) } else { 0 })
	})
}

/// `class` no longer passes its course; returns the (negative) credits lost.
fn lose<T: Config>(enrolment: EnrolmentId, class: ClassId, c: &ClassOf<T>) -> i64 {
	Passes::<T>::mutate_exists(enrolment, c.course, |entry| {
		let Some(pass) = entry else { return 0 };
		pass.classes.retain(|k| *k != class);
		if pass.classes.is_empty() {
			let lost = -i64::from(pass.credits);
			*entry = None;
			lost
		} else {
			0
		}
	})
}
