//! The credentials pallet's invariants, checked by `try_state` and by the auditor's replay
//! (which is why they are compiled into the runtime, not only under `try-runtime`):
//!
//! 1. **every degree or certificate had a transcript that met its program when it was
//!    issued**: its recorded facts reach the program's credits and lie within its duration, and
//!    its enrolment is the holder's, at the issuer, and now graduated;
//! 2. a micro-credential names no program or transcript;
//! 3. `Held` lists exactly each holder's credentials;
//! 4. a credential is revoked exactly when its history's last entry is a revocation, and the
//!    history alternates revocation and reinstatement, starting with a revocation.

use crate::pallet::{Config, Credentials, Held, History, Pallet};
use crate::{CredentialKind, CredentialStatus};
use frame_support::ensure;
use pallet_transcripts::{EnrolmentStatus, TranscriptProvider};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Check the invariants listed in [`crate::invariants`].
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		for (id, c) in Credentials::<T>::iter() {
			if c.kind == CredentialKind::MicroCredential {
				ensure!(c.program.is_none() && c.facts.is_none(), "a micro-credential with a transcript");
			} else {
				let (program, facts) = c.program.zip(c.facts).ok_or("a degree or certificate without its transcript")?;
				ensure!(facts.credits >= facts.credits_required, "a credential issued short of its program's credits");
				let days = facts.until.saturating_sub(facts.start);
				ensure!(facts.min_days <= days && days <= facts.max_days, "a credential issued outside its program's duration");
				let e = T::Transcripts::enrolment(program.enrolment).ok_or("a credential for an unknown enrolment")?;
				ensure!(e.learner == c.holder && e.institution == c.issuer, "a credential not matching its enrolment");
				ensure!(e.program == program.program, "a credential naming another program than its enrolment's");
				ensure!(e.status == EnrolmentStatus::Graduated, "a credential whose enrolment is not graduated");
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
}
