//! `registry_*` JSON-RPC methods: institutions, members, open proposals and lecturers, read
//! through the runtime's `RegistryApi` at the best block (or the block given as `at`).
//!
//! Accounts are SS58 strings, digests 0x-prefixed hex, statuses and kinds their names.

use educhain_runtime::{opaque::Block, AccountId, BlockNumber, Hash};
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
};
use pallet_registry::{api::RegistryApi, Action, Institution, ProposalInfo};
use serde::Serialize;
use sp_api::{ApiError, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use std::sync::Arc;

/// An institution's record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstitutionView {
	/// Its account.
	pub account: String,
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
	fn new(account: &AccountId, i: Institution<Hash, BlockNumber>) -> Self {
		Self {
			account: account.to_ss58check(),
			kind: format!("{:?}", i.kind),
			profile: i.profile,
			status: format!("{:?}", i.status),
			joined: i.joined,
		}
	}
}

/// An open proposal with its count now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposalView {
	/// The account it is about.
	pub subject: String,
	/// `Admit` (an application), `Suspend`, `Reinstate` or `Remove`.
	pub action: String,
	/// The member that opened it, if any.
	pub proposer: Option<String>,
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
			subject: p.subject.to_ss58check(),
			action: format!("{:?}", p.action),
			proposer: p.proposer.map(|a| a.to_ss58check()),
			opened: p.opened,
			expires: p.expires,
			ayes: p.ayes,
			nays: p.nays,
			electorate: p.electorate,
			threshold: p.threshold,
		}
	}
}

/// The registry's JSON-RPC methods.
#[rpc(server, namespace = "registry")]
pub trait RegistryRpc {
	/// The record of `account`, or null if it never applied.
	#[method(name = "institution")]
	fn institution(&self, account: AccountId, at: Option<Hash>) -> RpcResult<Option<InstitutionView>>;

	/// Every institution that is or was a member, with its status.
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
	fn lecturers(&self, institution: AccountId, at: Option<Hash>) -> RpcResult<Vec<String>>;
}

/// Serves [`RegistryRpcServer`] from a client.
pub struct Registry<C> {
	client: Arc<C>,
}

impl<C> Registry<C> {
	/// Serve from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

pub(crate) fn runtime_error(e: ApiError) -> ErrorObjectOwned {
	ErrorObject::owned(1, "runtime API call failed", Some(e.to_string()))
}

impl<C> Registry<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RegistryApi<Block, AccountId, Hash, BlockNumber>,
{
	fn proposals(&self, at: Option<Hash>, applications: bool) -> RpcResult<Vec<ProposalView>> {
		let at = super::at_or_best(&*self.client, at);
		let all = self.client.runtime_api().proposals(at).map_err(runtime_error)?;
		Ok(all
			.into_iter()
			.filter(|p| (p.action == Action::Admit) == applications)
			.map(ProposalView::from)
			.collect())
	}
}

impl<C> RegistryRpcServer for Registry<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RegistryApi<Block, AccountId, Hash, BlockNumber>,
{
	fn institution(&self, account: AccountId, at: Option<Hash>) -> RpcResult<Option<InstitutionView>> {
		let at = super::at_or_best(&*self.client, at);
		let record =
			self.client.runtime_api().institution(at, account.clone()).map_err(runtime_error)?;
		Ok(record.map(|i| InstitutionView::new(&account, i)))
	}

	fn members(&self, at: Option<Hash>) -> RpcResult<Vec<InstitutionView>> {
		let at = super::at_or_best(&*self.client, at);
		let members = self.client.runtime_api().members(at).map_err(runtime_error)?;
		let mut views: Vec<_> = members.into_iter().map(|(a, i)| InstitutionView::new(&a, i)).collect();
		views.sort_by(|a, b| a.account.cmp(&b.account));
		Ok(views)
	}

	fn applications(&self, at: Option<Hash>) -> RpcResult<Vec<ProposalView>> {
		self.proposals(at, true)
	}

	fn motions(&self, at: Option<Hash>) -> RpcResult<Vec<ProposalView>> {
		self.proposals(at, false)
	}

	fn lecturers(&self, institution: AccountId, at: Option<Hash>) -> RpcResult<Vec<String>> {
		let at = super::at_or_best(&*self.client, at);
		let lecturers = self.client.runtime_api().lecturers(at, institution).map_err(runtime_error)?;
		Ok(lecturers.iter().map(Ss58Codec::to_ss58check).collect())
	}
}
