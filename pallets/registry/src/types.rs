//! The registry's records, and the voting rule.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, Deserialize, PartialEqNoBound, Serialize,
};
use scale_info::TypeInfo;

/// What kind of institution an account stands for.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(crate = "frame_support::__private::serde")]
pub enum InstitutionKind {
	/// A university.
	University,
	/// A college.
	College,
	/// A school.
	School,
	/// Any other kind of education provider.
	Other,
}

/// Where an institution stands.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum Status {
	/// It has applied and its application is open.
	Applicant,
	/// A member: it votes, grades, issues, and (with session keys) is an authority.
	Active,
	/// A member that may not grade or issue, nor vote or author blocks, until reinstated.
	Suspended,
	/// No longer a member. The record stays as history; the account may apply again.
	Removed,
}

/// The on-chain record of an institution. Its name, domain and contact live in an off-chain
/// profile document; the chain holds only that document's digest.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Institution<Hash, BlockNumber> {
	/// University, college, school or other.
	pub kind: InstitutionKind,
	/// Digest of the off-chain profile (name, domain, contact).
	pub profile: Hash,
	/// Applicant, active, suspended or removed.
	pub status: Status,
	/// The block at which it became a member (genesis members: block 0); `None` for an
	/// applicant that was never admitted.
	pub joined: Option<BlockNumber>,
}

/// What a proposal decides about its subject.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum Action {
	/// Admit an applicant (an application).
	Admit,
	/// Suspend an active member.
	Suspend,
	/// Reinstate a suspended member.
	Reinstate,
	/// Remove an active or suspended member.
	Remove,
}

/// An open proposal about one account: an application, or a motion to suspend, reinstate or
/// remove a member. Each account is the subject of at most one open proposal.
#[derive(
	CloneNoBound,
	DebugNoBound,
	PartialEqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxVoters))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct Proposal<AccountId, BlockNumber, MaxVoters>
where
	AccountId: Clone + core::fmt::Debug + PartialEq,
	BlockNumber: Clone + core::fmt::Debug + PartialEq,
	MaxVoters: Get<u32>,
{
	/// What passing the proposal does.
	pub action: Action,
	/// Who opened it: `None` for an application (the subject itself) or the ministry.
	pub proposer: Option<AccountId>,
	/// The block at which it opened.
	pub opened: BlockNumber,
	/// The block at which it expires if still open.
	pub expires: BlockNumber,
	/// Active members in favour.
	pub ayes: BoundedVec<AccountId, MaxVoters>,
	/// Active members against.
	pub nays: BoundedVec<AccountId, MaxVoters>,
}

/// Where a proposal stands after counting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tally {
	/// Ayes are strictly more than half of the electorate.
	Passed,
	/// Nays are strictly more than half of the electorate.
	Failed,
	/// Neither yet.
	Open,
}

/// The voting rule: with an electorate of `electorate` members, a proposal passes once
/// `ayes > electorate / 2` (exactly half is not enough) and fails once `nays > electorate / 2`.
/// Integer arithmetic only: `2 * ayes > electorate`.
pub fn tally(ayes: u32, nays: u32, electorate: u32) -> Tally {
	let more_than_half = |votes: u32| u64::from(votes) * 2 > u64::from(electorate);
	if electorate > 0 && more_than_half(ayes) {
		Tally::Passed
	} else if electorate > 0 && more_than_half(nays) {
		Tally::Failed
	} else {
		Tally::Open
	}
}

/// The smallest number of ayes that passes a proposal with `electorate` voters.
pub fn threshold(electorate: u32) -> u32 {
	electorate / 2 + 1
}

/// What the candidate signs to apply: the chain, the candidate, its application and its
/// application count (so an old signature cannot be replayed).
#[derive(Clone, Debug, PartialEq, Eq, Encode)]
pub struct ApplicationPayload<'a, AccountId, Hash> {
	/// Domain separation from every other signature the key makes.
	pub context: [u8; 24],
	/// The chain's genesis hash.
	pub genesis: &'a Hash,
	/// The candidate's account.
	pub candidate: &'a AccountId,
	/// The kind of institution it applies as.
	pub kind: InstitutionKind,
	/// Digest of its profile.
	pub profile: &'a Hash,
	/// How many applications the account has made before.
	pub nonce: u32,
}

/// The `context` of every [`ApplicationPayload`].
pub const APPLICATION_CONTEXT: [u8; 24] = *b"educhain/registry/apply\0";

/// A read of one open proposal, for the runtime API.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct ProposalInfo<AccountId, BlockNumber> {
	/// The account the proposal is about.
	pub subject: AccountId,
	/// What passing it does.
	pub action: Action,
	/// Who opened it, if a member.
	pub proposer: Option<AccountId>,
	/// Opening block.
	pub opened: BlockNumber,
	/// Expiry block.
	pub expires: BlockNumber,
	/// Ayes counted now.
	pub ayes: u32,
	/// Nays counted now.
	pub nays: u32,
	/// The members entitled to vote now.
	pub electorate: u32,
	/// Ayes needed to pass now.
	pub threshold: u32,
}

/// What other pallets ask the registry.
pub trait InstitutionRegistry<AccountId> {
	/// Whether `institution` is an active member (not an applicant, suspended or removed).
	fn is_active(institution: &AccountId) -> bool;
	/// Whether `who` is currently a lecturer of `institution`.
	fn is_lecturer(institution: &AccountId, who: &AccountId) -> bool;
}

/// Why an assertion key stopped signing.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum KeyEnd {
	/// Replaced by a new key; what it signed before stays verifiable.
	Rotated,
	/// Withdrawn, for example after a compromise; what it signed before stays verifiable too,
	/// since the chain recorded when each credential was issued.
	Revoked,
}

/// An Ed25519 key with which an institution signs its credentials (a Multikey verification
/// method of its DID), and the blocks during which it did.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct AssertionKey<BlockNumber> {
	/// The Ed25519 public key.
	pub public: [u8; 32],
	/// The block from which it signs.
	pub added: BlockNumber,
	/// The block from which it no longer signs, and why; `None` while it is current.
	pub ended: Option<(BlockNumber, KeyEnd)>,
}

impl<BlockNumber: PartialOrd + Copy> AssertionKey<BlockNumber> {
	/// Whether the key signed for its institution at block `at`: added at or before it, and
	/// not ended at or before it.
	pub fn valid_at(&self, at: BlockNumber) -> bool {
		self.added <= at && self.ended.is_none_or(|(end, _)| at < end)
	}
}
