//! `registry_*`: institutions, members, open proposals and lecturers.

use crate::{name, AccountId, BlockNumber, Hash, RpcResult};
use jsonrpsee::proc_macros::rpc;
use pallet_registry::{Institution, ProposalInfo};
use serde::{Deserialize, Serialize};

/// An institution's record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstitutionView {
	/// Its account.
	pub account: AccountId,
	/// `University`, `College`, `School` or `Other`.
	pub kind: String,
	/// Digest of its off-chain profile.
	pub profile: Hash,
	/// `Applicant`, `Active`, `Suspended` or `Removed`.
	pub status: String,
	/// The block at which it joined, if it is or was a member.
	pub joined: Option<BlockNumber>,
}

impl InstitutionView {
	/// The record `i` of `account`.
	pub fn new(account: AccountId, i: Institution<Hash, BlockNumber>) -> Self {
		Self { account, kind: name(&i.kind), profile: i.profile, status: name(&i.status), joined: i.joined }
	}
}

/// An open proposal with its count now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposalView {
	/// The account it is about.
	pub subject: AccountId,
	/// `Admit` (an application), `Suspend`, `Reinstate` or `Remove`.
	pub action: String,
	/// The member that opened it, if any.
	pub proposer: Option<AccountId>,
	/// Opening block.
	pub opened: BlockNumber,
	/// Expiry block.
	pub expires: BlockNumber,
	/// Ayes that count.
	pub ayes: u32,
	/// Nays that count.
	pub nays: u32,
	/// Members entitled to vote.
	pub electorate: u32,
	/// Ayes needed to pass (more than half of the electorate).
	pub threshold: u32,
}

impl From<ProposalInfo<AccountId, BlockNumber>> for ProposalView {
	fn from(p: ProposalInfo<AccountId, BlockNumber>) -> Self {
		Self {
			subject: p.subject,
			action: name(&p.action),
			proposer: p.proposer,
			opened: p.opened,
			expires: p.expires,
			ayes: p.ayes,
			nays: p.nays,
			electorate: p.electorate,
			threshold: p.threshold,
		}
	}
}

/// The registry's JSON-RPC methods, each at the best block or the block `at`.
#[rpc(client, server, namespace = "registry")]
pub trait RegistryRpc {
	/// The record of `account`, or null if it never applied.
	#[method(name = "institution")]
	fn institution(&self, account: AccountId, at: Option<Hash>) -> RpcResult<Option<InstitutionView>>;

	/// Every institution that is or was a member, with its status, by account.
	#[method(name = "members")]
	fn members(&self, at: Option<Hash>) -> RpcResult<Vec<InstitutionView>>;

	/// The open applications, with their tallies and thresholds.
	#[method(name = "applications")]
	fn applications(&self, at: Option<Hash>) -> RpcResult<Vec<ProposalView>>;

	/// The open motions to suspend, reinstate or remove members, with their tallies.
	#[method(name = "motions")]
	fn motions(&self, at: Option<Hash>) -> RpcResult<Vec<ProposalView>>;

	/// The lecturers of `institution`.
	#[method(name = "lecturers")]
	fn lecturers(&self, institution: AccountId, at: Option<Hash>) -> RpcResult<Vec<AccountId>>;
}
