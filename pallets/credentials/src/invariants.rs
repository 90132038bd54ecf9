//! The credentials pallet's invariants, checked by `try_state` and by the auditor's replay
//! (which is why they are compiled into the runtime, not only under `try-runtime`):
//!
//! 1. **every degree or certificate had a transcript that met its program when it was
//!    issued**: its recorded facts reach the program's credits and lie within its duration, and
//!    its enrolment is the holder's, at the issuer, and now graduated;
//! 2. **every credential's attested fields agree with the records they name**: a degree's
//!    program and program document are its enrolment's; a micro-credential's course exists at
//!    the issuer with the attested document; the registry found the issuer active at issue;
//! 3. **no degree's duration rests on a date the chain does not vouch for, unless imported**:
//!    its facts start on or after the day the chain recorded the enrolment, or say it was
//!    imported, as the enrolment does;
//! 4. `Held` lists exactly each holder's credentials;
//! 5. a credential is revoked exactly when its history's last entry is a revocation, and the
//!    history alternates revocation and reinstatement, starting with a revocation.

use crate::pallet::{Config, CredentialOf, Credentials, Held, History, Pallet};
use crate::{Attests, CourseRecords, CredentialKind, CredentialStatus};
use frame_support::ensure;
use pallet_transcripts::{EnrolmentStatus, TranscriptProvider};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Check the invariants listed in [`crate::invariants`].
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		for (id, c) in Credentials::<T>::iter() {
			ensure!(c.issuer_active_at_issue, "a credential whose issuer was not active at issue");
			match c.attests {
				Attests::Course { .. } => Self::check_micro(&c)?,
				Attests::Program { .. } => Self::check_degree(&c)?,
			}
			ensure!(Held::<T>::contains_key(&c.holder, id), "a credential missing from its holder's list");
			let history = History::<T>::get(id);
			ensure!(history.iter().enumerate().all(|(i, h)| h.revoked == (i % 2 == 0)), "a history that does not alternate");
			let revoked = matches!(c.status, CredentialStatus::Revoked { .. });
			ensure!(revoked == history.last().is_some_and(|h| h.revoked), "a status that disagrees with its history");
		}
		for (holder, id, ()) in Held::<T>::iter() {
			let c = Credentials::<T>::get(id).ok_or("a holder lists an unknown credential")?;
			ensure!(c.holder == holder, "a holder lists another holder's credential");
		}
		for id in History::<T>::iter_keys() {
			ensure!(Credentials::<T>::contains_key(id), "a history of an unknown credential");
		}
		Ok(())
	}

	fn check_micro(c: &CredentialOf<T>) -> Result<(), TryRuntimeError> {
		let Attests::Course { course, document } = c.attests else { return Err("not a course".into()) };
		ensure!(c.kind == CredentialKind::MicroCredential, "a course credential that is not a micro-credential");
		ensure!(c.facts.is_none(), "a micro-credential with a transcript");
		let (institution, recorded) = T::Courses::course(course).ok_or("a micro-credential of an unknown course")?;
		ensure!(institution == c.issuer && recorded == document, "a micro-credential that disagrees with its course");
		Ok(())
	}

	fn check_degree(c: &CredentialOf<T>) -> Result<(), TryRuntimeError> {
		let Attests::Program { program, document, enrolment } = c.attests else { return Err("not a program".into()) };
		ensure!(c.kind != CredentialKind::MicroCredential, "a micro-credential naming a program");
		let facts = c.facts.as_ref().ok_or("a degree or certificate without its transcript")?;
		Self::meets(facts).map_err(|_| "a credential issued short of its program's credits or outside its duration")?;
		let e = T::Transcripts::enrolment(enrolment).ok_or("a credential for an unknown enrolment")?;
		ensure!(e.learner == c.holder && e.institution == c.issuer, "a credential not matching its enrolment");
		ensure!(e.program == program, "a credential naming another program than its enrolment's");
		let p = T::Transcripts::program(&e.institution, program).ok_or("a credential of an unknown program")?;
		ensure!(p.document == document, "a credential naming another program document than its program's");
		ensure!(e.status == EnrolmentStatus::Graduated, "a credential whose enrolment is not graduated");
		ensure!(facts.start == e.start, "a credential whose start differs from its enrolment's");
		ensure!(facts.imported == e.recorded.imported, "a credential that hides whether its enrolment was imported");
		ensure!(facts.imported || facts.start >= facts.recorded, "a duration resting on a start the chain does not vouch for");
		Ok(())
	}
}
