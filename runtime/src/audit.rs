//! What an auditor checks after replaying a block: every pallet's invariants (their lists are
//! in each pallet's `invariants` module and in `docs/audit.md`), and that a session rotation in
//! this block queued only ministry accounts and active institutions as the next authorities.

use crate::{Coins, Credentials, FlLedger, Ministry, Registry, Runtime, RuntimeEvent, System, Transcripts};
use alloc::{format, vec::Vec};
use sp_runtime::{DispatchError, TryRuntimeError};

sp_api::decl_runtime_apis! {
	/// The auditor's checks, run by `educhain-node audit replay` at the blocks it checks.
	pub trait AuditApi {
		/// `Ok` when every invariant holds at this block; otherwise the first broken one, as
		/// `pallet: invariant` (UTF-8).
		fn check_invariants() -> Result<(), Vec<u8>>;
	}
}

/// A session rotated in this block only to ministry accounts and institutions that were active
/// (an institution suspended or removed, or a ministry account removed, later in the same block
/// keeps its place until the next rotation, as the registry documents).
fn authorities() -> Result<(), TryRuntimeError> {
	let events = System::read_events_no_consensus().map(|r| r.event).collect::<Vec<_>>();
	let rotated = events.iter().any(|e| matches!(e, RuntimeEvent::Session(pallet_session::Event::NewSession { .. })));
	if !rotated {
		return Ok(());
	}
	let left_in_block = |who: &crate::AccountId| {
		events.iter().any(|e| match e {
			RuntimeEvent::Registry(
				pallet_registry::Event::Suspended { institution } | pallet_registry::Event::Removed { institution },
			) => institution == who,
			RuntimeEvent::Ministry(pallet_ministry::Event::AccountRemoved { account, .. }) => account == who,
			_ => false,
		})
	};
	for (who, _) in pallet_session::QueuedKeys::<Runtime>::get() {
		let allowed = pallet_ministry::Pallet::<Runtime>::is_ministry(&who) || Registry::is_active(&who) || left_in_block(&who);
		frame_support::ensure!(allowed, "an authority queued that is neither the ministry nor an active institution");
	}
	Ok(())
}

/// Run every check; the first failure, named.
pub fn check_invariants() -> Result<(), Vec<u8>> {
	let checks: [(&str, fn() -> Result<(), TryRuntimeError>); 7] = [
		("ministry", Ministry::do_try_state),
		("registry", Registry::do_try_state),
		("transcripts", Transcripts::do_try_state),
		("credentials", Credentials::do_try_state),
		("coins", Coins::do_try_state),
		("fl-ledger", FlLedger::do_try_state),
		("authorities", authorities),
	];
	for (pallet, check) in checks {
		check().map_err(|e| {
			let what = match e {
				DispatchError::Other(message) => message,
				_ => "a dispatch error",
			};
			format!("{pallet}: {what}").into_bytes()
		})?;
	}
	Ok(())
}
