//! Counting votes, and what a decided proposal does.
//!
//! **The rule.** The electorate of a proposal is the set of institutions that are active *at the
//! moment of counting*, without the proposal's subject. A proposal passes the moment its ayes
//! are strictly more than half of the electorate, and fails the moment its nays are. Votes are
//! counted only while their voter is in the electorate: the vote of a member that is suspended
//! or removed stops counting (and counts again if it is reinstated while the proposal is open).
//!
//! **Membership changes.** Whenever the set of active members changes (an admission,
//! suspension, reinstatement or removal), every open proposal is counted again against the new
//! electorate, and those that now pass or fail are decided at once, repeatedly until none
//! changes. A proposal whose effect is no longer possible (for example it would break the
//! minimum number of authorities) stays open.

use crate::{
	pallet::{Active, Event, Institutions, Pallet, ProposalOf, Proposals},
	tally, Action, Config, Error, Status, Tally,
};
use alloc::vec::Vec;
use frame_support::{ensure, traits::Get};
use sp_runtime::{DispatchError, DispatchResult};

/// Record `voter`'s vote, replacing its earlier vote if it changed sides.
pub(crate) fn record_vote<T: Config>(
	proposal: &mut ProposalOf<T>,
	voter: &T::AccountId,
	aye: bool,
) -> DispatchResult {
	let (side, other) =
		if aye { (&mut proposal.ayes, &mut proposal.nays) } else { (&mut proposal.nays, &mut proposal.ayes) };
	ensure!(!side.contains(voter), Error::<T>::AlreadyVoted);
	other.retain(|v| v != voter);
	side.try_push(voter.clone()).map_err(|_| Error::<T>::TooManyMembers)?;
	Ok(())
}

/// Ayes and nays that count now, and the size of the electorate.
pub fn count<T: Config>(subject: &T::AccountId, proposal: &ProposalOf<T>) -> (u32, u32, u32) {
	count_among::<T>(&Active::<T>::get(), subject, proposal)
}

/// As [`count`], with the active members already read.
fn count_among<T: Config>(
	active: &[T::AccountId],
	subject: &T::AccountId,
	proposal: &ProposalOf<T>,
) -> (u32, u32, u32) {
	let counts = |v: &T::AccountId| v != subject && active.binary_search(v).is_ok();
	let ayes = proposal.ayes.iter().filter(|v| counts(v)).count() as u32;
	let nays = proposal.nays.iter().filter(|v| counts(v)).count() as u32;
	let electorate = active.len() as u32 - u32::from(active.binary_search(subject).is_ok());
	(ayes, nays, electorate)
}

/// What counting every open proposal again did, which the weight of the call that changed the
/// membership depends on.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Recount {
	/// Proposals still open after it.
	pub open: u32,
	/// Proposals it decided, each after the change the one before made.
	pub decided: u32,
}

/// Decide `proposal` if its count says so, otherwise store it; the outcome, and what the
/// recount did. After a pass, every other open proposal is counted again against the new
/// membership.
pub(crate) fn settle<T: Config>(
	subject: T::AccountId,
	proposal: ProposalOf<T>,
) -> Result<(Tally, Recount), DispatchError> {
	let (ayes, nays, electorate) = count::<T>(&subject, &proposal);
	let outcome = tally(ayes, nays, electorate);
	decide::<T>(subject, proposal, outcome, &mut None)?;
	let recount = if outcome == Tally::Passed { reevaluate::<T>() } else { Recount::default() };
	Ok((outcome, recount))
}

/// Carry out `outcome`; `authorities` as for [`ensure_enactable`].
fn decide<T: Config>(
	subject: T::AccountId,
	proposal: ProposalOf<T>,
	outcome: Tally,
	authorities: &mut Option<Vec<T::AccountId>>,
) -> DispatchResult {
	match outcome {
		Tally::Open => Proposals::<T>::insert(&subject, proposal),
		Tally::Passed => {
			enact_among::<T>(&subject, proposal.action, authorities)?;
			Proposals::<T>::remove(&subject);
		},
		Tally::Failed => {
			Proposals::<T>::remove(&subject);
			close_failed::<T>(&subject, proposal.action);
			Pallet::<T>::deposit_event(Event::ProposalRejected { subject, action: proposal.action });
		},
	}
	Ok(())
}

/// Count every open proposal again after a membership change, and decide those that now pass
/// (and can be carried out) or fail, one at a time, until none changes.
///
/// Each pass reads the authority set at most once, for every passing suspension or removal it
/// checks, and the decision it makes uses it too: the set changes only with a decision, which
/// starts the next pass. So the cost grows with the proposals decided and left open, as
/// [`Recount`] tells, and not with how many of them are checked in each pass.
pub(crate) fn reevaluate<T: Config>() -> Recount {
	let mut open: Vec<(T::AccountId, ProposalOf<T>)> = Proposals::<T>::iter().collect();
	let mut decided = 0;
	loop {
		let active = Active::<T>::get();
		let mut authorities = None;
		let found = open.iter().enumerate().find_map(|(index, (subject, p))| {
			let (ayes, nays, electorate) = count_among::<T>(&active, subject, p);
			match tally(ayes, nays, electorate) {
				Tally::Open => None,
				Tally::Passed if ensure_enactable::<T>(subject, p.action, &active, &mut authorities).is_err() => None,
				outcome => Some((index, outcome)),
			}
		});
		let Some((index, outcome)) = found else { break };
		let (subject, proposal) = open.swap_remove(index);
		if let Err(e) = decide::<T>(subject, proposal, outcome, &mut authorities) {
			frame_support::defensive!(e, "a passed proposal is checked to be enactable first");
		}
		decided += 1;
	}
	Recount { open: open.len() as u32, decided }
}

/// Whether `action` fits the subject's status now.
pub(crate) fn ensure_applicable<T: Config>(subject: &T::AccountId, action: Action) -> DispatchResult {
	let status = Institutions::<T>::get(subject).map(|i| i.status);
	match (action, status) {
		(Action::Admit, Some(Status::Applicant)) => Ok(()),
		(Action::Admit, _) => Err(Error::<T>::InvalidAction.into()),
		(Action::Suspend, Some(Status::Active)) => Ok(()),
		(Action::Suspend, _) => Err(Error::<T>::NotActive.into()),
		(Action::Reinstate, Some(Status::Suspended)) => Ok(()),
		(Action::Reinstate, _) => Err(Error::<T>::NotSuspended.into()),
		(Action::Remove, Some(Status::Active | Status::Suspended)) => Ok(()),
		(Action::Remove, _) => Err(Error::<T>::NotMember.into()),
	}
}

/// Everything that `enact` checks, without changing state, with the active members read, and
/// the authority set read into `authorities` unless it is there already.
fn ensure_enactable<T: Config>(
	subject: &T::AccountId,
	action: Action,
	active: &[T::AccountId],
	authorities: &mut Option<Vec<T::AccountId>>,
) -> DispatchResult {
	ensure_applicable::<T>(subject, action)?;
	match action {
		Action::Admit | Action::Reinstate => {
			ensure!((active.len() as u32) < T::MaxMembers::get(), Error::<T>::TooManyMembers);
		},
		Action::Suspend | Action::Remove => {
			let set = authorities.get_or_insert_with(crate::authorities::candidates::<T>);
			ensure_authorities_without::<T>(set, subject)?
		},
	}
	Ok(())
}

/// The authority set `set` without `leaving` must keep at least `MinAuthorities` members.
fn ensure_authorities_without<T: Config>(set: &[T::AccountId], leaving: &T::AccountId) -> DispatchResult {
	if set.binary_search(leaving).is_ok() && !T::MinistryAccounts::get().contains(leaving) {
		let after = set.len().saturating_sub(1) as u32;
		let min = crate::pallet::MinAuthorities::<T>::get();
		// The error carries the minimum so that users read it; a chain needing more than
		// u16::MAX authorities is not one this pallet runs.
		let said = u16::try_from(min).unwrap_or(u16::MAX);
		ensure!(after >= min, Error::<T>::TooFewAuthorities { min: said });
	}
	Ok(())
}

/// Carry out a passed proposal. Checks everything before changing anything.
pub(crate) fn enact<T: Config>(subject: &T::AccountId, action: Action) -> Result<(), DispatchError> {
	enact_among::<T>(subject, action, &mut None)
}

/// As [`enact`], with the authority set as for [`ensure_enactable`].
fn enact_among<T: Config>(
	subject: &T::AccountId,
	action: Action,
	authorities: &mut Option<Vec<T::AccountId>>,
) -> Result<(), DispatchError> {
	ensure_enactable::<T>(subject, action, &Active::<T>::get(), authorities)?;
	let now = frame_system::Pallet::<T>::block_number();
	let set_status = |status: Status, joined: bool| {
		Institutions::<T>::mutate(subject, |record| {
			if let Some(record) = record {
				record.status = status;
				if joined {
					record.joined = Some(now);
				}
			}
		})
	};
	let event = match action {
		Action::Admit => {
			set_status(Status::Active, true);
			insert_active::<T>(subject)?;
			Event::Admitted { institution: subject.clone() }
		},
		Action::Reinstate => {
			set_status(Status::Active, false);
			insert_active::<T>(subject)?;
			Event::Reinstated { institution: subject.clone() }
		},
		Action::Suspend => {
			set_status(Status::Suspended, false);
			Active::<T>::mutate(|a| a.retain(|m| m != subject));
			Event::Suspended { institution: subject.clone() }
		},
		Action::Remove => {
			set_status(Status::Removed, false);
			Active::<T>::mutate(|a| a.retain(|m| m != subject));
			// Balances the reference taken when it applied (or at genesis). It stays while the
			// account has consumers (its session keys): harmless, as membership, not the account's
			// existence, decides who may transact.
			let _ = frame_system::Pallet::<T>::dec_providers(subject);
			Event::Removed { institution: subject.clone() }
		},
	};
	Pallet::<T>::deposit_event(event);
	Ok(())
}

fn insert_active<T: Config>(who: &T::AccountId) -> DispatchResult {
	Active::<T>::try_mutate(|active| {
		let at = active.binary_search(who).unwrap_or_else(|at| at);
		active.try_insert(at, who.clone()).map_err(|_| Error::<T>::TooManyMembers.into())
	})
}

/// Clean up after a proposal that did not pass: an applicant's record goes back to what it was
/// (removed, if it had been a member before) or goes away.
pub(crate) fn close_failed<T: Config>(subject: &T::AccountId, action: Action) {
	if action != Action::Admit {
		return;
	}
	Institutions::<T>::mutate_exists(subject, |record| match record {
		Some(r) if r.joined.is_some() => r.status = Status::Removed,
		_ => *record = None,
	});
	// Balances the applicant's reference; kept, as above, while it has consumers.
	let _ = frame_system::Pallet::<T>::dec_providers(subject);
}
