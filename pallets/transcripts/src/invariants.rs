//! The transcripts pallet's invariants, checked by `try_state` and by the auditor's replay
//! (which is why they are compiled into the runtime, not only under `try-runtime`):
//!
//! 1. ids: every enrolment id is below `NextEnrolment`, every class id below `NextClass`;
//! 2. every enrolment's program exists at its institution, and it has an end date exactly
//!    when it has ended; `LearnerEnrolments` lists exactly each learner's enrolments;
//! 3. **credits equal the sum over passed courses**: an enrolment's credits are the sum of its
//!    `Passes`, and each pass names classes of that course whose latest grade is a pass;
//! 4. every grade entry is on its class's scale, `passed` says whether it reaches the pass
//!    mark, it was written by the class's lecturer for an enrolment on the roster;
//! 5. every roster entry is an enrolment of that learner at the class's institution;
//! 6. `ClassCount` counts each enrolment's `EnrolmentClasses`;
//! 7. **no start date the chain does not vouch for, unless imported**: a live enrolment starts
//!    on or after the day the chain recorded it; only an imported one may start before.

use crate::pallet::{
	ClassCount, Classes, Config, EnrolmentClasses, Enrolments, Grades, LearnerEnrolments, NextClass, NextEnrolment, Pallet, Passes,
	Programs,
};
use crate::EnrolmentStatus;
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Check the invariants listed in [`crate::invariants`].
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let (next_enrolment, next_class) = (NextEnrolment::<T>::get(), NextClass::<T>::get());
		for (id, e) in Enrolments::<T>::iter() {
			ensure!(id < next_enrolment, "an enrolment id at or above NextEnrolment");
			ensure!(Programs::<T>::contains_key(&e.institution, e.program), "an enrolment in an unknown program");
			ensure!((e.status == EnrolmentStatus::Active) == e.ended.is_none(), "an enrolment's end date and status disagree");
			ensure!(LearnerEnrolments::<T>::get(&e.learner).contains(&id), "an enrolment missing from its learner's list");
			ensure!(e.recorded.imported || e.start >= e.recorded.day, "a live enrolment that starts before the chain recorded it");
			let mut sum: u32 = 0;
			for (course, pass) in Passes::<T>::iter_prefix(id) {
				ensure!(!pass.classes.is_empty(), "a course pass with no passing class");
				for class in pass.classes.iter() {
					let c = Classes::<T>::get(class).ok_or("a course pass names an unknown class")?;
					ensure!(c.course == course, "a course pass names a class of another course");
					let latest = Grades::<T>::get(class, id).and_then(|g| g.last().map(|g| g.passed));
					ensure!(latest == Some(true), "a course pass names a class whose latest grade is not a pass");
				}
				sum = sum.saturating_add(pass.credits);
			}
			ensure!(e.credits == sum, "an enrolment's credits differ from the sum over its passed courses");
			let classes = EnrolmentClasses::<T>::iter_key_prefix(id).count() as u32;
			ensure!(ClassCount::<T>::get(id) == classes, "an enrolment's ClassCount differs from its classes");
		}
		for (learner, ids) in LearnerEnrolments::<T>::iter() {
			for id in ids.iter() {
				let e = Enrolments::<T>::get(id).ok_or("a learner lists an unknown enrolment")?;
				ensure!(e.learner == learner, "a learner lists another learner's enrolment");
			}
		}
		for (id, c) in Classes::<T>::iter() {
			ensure!(id < next_class, "a class id at or above NextClass");
			for (learner, enrolment) in c.roster.iter() {
				let e = Enrolments::<T>::get(enrolment).ok_or("a roster names an unknown enrolment")?;
				ensure!(&e.learner == learner && e.institution == c.institution, "a roster entry that is not the class's");
				ensure!(EnrolmentClasses::<T>::contains_key(enrolment, id), "a roster entry missing from EnrolmentClasses");
			}
		}
		for (class, enrolment, entries) in Grades::<T>::iter() {
			let c = Classes::<T>::get(class).ok_or("a grade in an unknown class")?;
			ensure!(c.roster.iter().any(|(_, e)| *e == enrolment), "a grade for an enrolment not on the roster");
			for g in entries.iter() {
				ensure!(g.by == c.lecturer, "a grade not written by the class's lecturer");
			}
		}
		Ok(())
	}
}
