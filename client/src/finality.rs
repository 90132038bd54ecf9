//! GRANDPA finality, checked offline: a justification proves a block final when more than two
//! thirds of the authority set's weight signed precommits for it (or for its descendants, linked
//! by the justification's ancestry headers) in one round of that set. An authority-set change is
//! proven the same way: the block that enacts it is justified by the set before it.

use codec::{Decode, Encode};
use educhain_runtime::Header;
use serde::{Deserialize, Serialize};
use sp_consensus_grandpa::{
	AuthorityId, AuthorityList, ConsensusLog, GrandpaJustification, SetId, SignatureResult, GRANDPA_ENGINE_ID,
};
use sp_core::{Bytes, H256};
use sp_runtime::generic::OpaqueDigestItemId;
use std::collections::{BTreeSet, HashMap};

/// An authority set: its id and its members with their weights. In a file (a receipt, a
/// checkpoint) it is `{"setId": n, "authorities": [["0x<Ed25519 key>", weight], …]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "SetFile", try_from = "SetFile")]
pub struct AuthoritySet {
	/// The set's id: 0 at genesis, one more at each change.
	pub id: SetId,
	/// The authorities and their weights.
	pub authorities: AuthorityList,
}

/// [`AuthoritySet`] as JSON.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SetFile {
	set_id: SetId,
	authorities: Vec<(Bytes, u64)>,
}

impl From<AuthoritySet> for SetFile {
	fn from(set: AuthoritySet) -> Self {
		let authorities = set.authorities.iter().map(|(id, w)| (Bytes(id.encode()), *w)).collect();
		SetFile { set_id: set.id, authorities }
	}
}

impl TryFrom<SetFile> for AuthoritySet {
	type Error = String;

	fn try_from(file: SetFile) -> Result<Self, String> {
		let key = |k: &Bytes| match k.len() {
			32 => AuthorityId::decode(&mut &k[..]).map_err(|e| e.to_string()),
			n => Err(format!("an authority key of {n} bytes, not 32")),
		};
		let authorities = file.authorities.iter().map(|(k, w)| Ok((key(k)?, *w))).collect::<Result<_, String>>()?;
		Ok(AuthoritySet { id: file.set_id, authorities })
	}
}

/// Check that `justification` (SCALE) proves `header` final under `set`.
pub fn check(header: &Header, justification: &[u8], set: &AuthoritySet) -> Result<(), String> {
	let j = GrandpaJustification::<Header>::decode(&mut &justification[..])
		.map_err(|e| format!("block #{}: not a GRANDPA justification: {e}", header.number))?;
	if (j.commit.target_hash, j.commit.target_number) != (header.hash(), header.number) {
		return Err(format!("the justification is for block #{}, not #{}", j.commit.target_number, header.number));
	}
	let ancestry: HashMap<H256, &Header> = j.votes_ancestries.iter().map(|h| (h.hash(), h)).collect();
	let (mut signed, mut weight) = (BTreeSet::new(), 0u64);
	for vote in &j.commit.precommits {
		let Some((_, w)) = set.authorities.iter().find(|(id, _)| *id == vote.id) else {
			return Err(format!("block #{}: a precommit by a key outside authority set {}", header.number, set.id));
		};
		let message = finality_grandpa::Message::Precommit(vote.precommit.clone());
		if !matches!(
			sp_consensus_grandpa::check_message_signature(&message, &vote.id, &vote.signature, j.round, set.id),
			SignatureResult::Valid
		) {
			return Err(format!("block #{}: a precommit's signature is not valid in set {}", header.number, set.id));
		}
		descends(vote.precommit.target_hash, j.commit.target_hash, &ancestry)
			.map_err(|e| format!("block #{}: {e}", header.number))?;
		if signed.insert(vote.id.clone()) {
			weight += w;
		}
	}
	let total: u64 = set.authorities.iter().map(|(_, w)| w).sum();
	let threshold = total - total.saturating_sub(1) / 3;
	if weight < threshold {
		return Err(format!("block #{}: precommits of weight {weight}, below the threshold {threshold} of set {}", header.number, set.id));
	}
	Ok(())
}

/// Whether `block` is `target` or descends from it through `ancestry`.
fn descends(mut block: H256, target: H256, ancestry: &HashMap<H256, &Header>) -> Result<(), String> {
	for _ in 0..=ancestry.len() {
		if block == target {
			return Ok(());
		}
		block = ancestry.get(&block).ok_or("a precommit's target is not linked to the justified block")?.parent_hash;
	}
	Err("the justification's ancestry has a cycle".into())
}

/// The authority-set change `header` schedules, if any: the next set's authorities. Only
/// changes enacted in the block that schedules them (delay 0, as the session pallet schedules
/// them) are understood.
pub fn scheduled_change(header: &Header) -> Result<Option<AuthorityList>, String> {
	let logs = header.digest.logs.iter().filter_map(|d| d.try_to::<ConsensusLog<u32>>(OpaqueDigestItemId::Consensus(&GRANDPA_ENGINE_ID)));
	for log in logs {
		match log {
			ConsensusLog::ScheduledChange(change) if change.delay == 0 => return Ok(Some(change.next_authorities)),
			ConsensusLog::ScheduledChange(_) => return Err(format!("block #{}: a delayed authority-set change", header.number)),
			ConsensusLog::ForcedChange(..) => return Err(format!("block #{}: a forced authority-set change", header.number)),
			_ => {},
		}
	}
	Ok(None)
}
