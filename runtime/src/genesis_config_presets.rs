//! Genesis presets: `development` (one authority), `local_testnet` (the ministry and three
//! universities, four authorities), and [`educhain_genesis`], from which the node also builds a
//! real ministry's chain spec.

use crate::{AccountId, SessionKeys};
use alloc::{vec, vec::Vec};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// One genesis authority: the account that owns it, and its session keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenesisAuthority {
	/// The account that owns the keys (in the local network, the institution's account).
	pub account: AccountId,
	/// The Aura (block authoring) key.
	pub aura: AuraId,
	/// The GRANDPA (finality) key.
	pub grandpa: GrandpaId,
}

/// The genesis state patch for the given ministry accounts and authorities.
pub fn educhain_genesis(ministry: Vec<AccountId>, authorities: Vec<GenesisAuthority>) -> Value {
	let keys: Vec<(AccountId, AccountId, SessionKeys)> = authorities
		.into_iter()
		.map(|a| (a.account.clone(), a.account, SessionKeys { aura: a.aura, grandpa: a.grandpa }))
		.collect();
	serde_json::json!({
		"ministry": { "accounts": ministry },
		"session": { "keys": keys },
	})
}

/// The well-known development authority of `who` (keys derived from `//Name`).
fn dev_authority(who: Sr25519Keyring, grandpa: Ed25519Keyring) -> GenesisAuthority {
	GenesisAuthority {
		account: who.to_account_id(),
		aura: who.public().into(),
		grandpa: grandpa.public().into(),
	}
}

/// `development`: Alice is the ministry and the only authority.
fn development() -> Value {
	educhain_genesis(
		vec![Sr25519Keyring::Alice.to_account_id()],
		vec![dev_authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
	)
}

/// `local_testnet`: Alice is the ministry; Bob, Charlie and Dave stand for three universities.
/// All four are authorities, so losing one still leaves GRANDPA its 3 of 4.
fn local_testnet() -> Value {
	educhain_genesis(
		vec![Sr25519Keyring::Alice.to_account_id()],
		vec![
			dev_authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			dev_authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			dev_authority(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			dev_authority(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
	)
}

/// The preset with `id`, serialized, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		_ => return None,
	};
	Some(serde_json::to_string(&patch).expect("a JSON value serializes").into_bytes())
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}

#[cfg(test)]
mod tests {
	use super::*;

	fn preset(id: &str) -> Value {
		serde_json::from_slice(&get_preset(&PresetId::from(id)).expect("preset exists")).unwrap()
	}

	#[test]
	fn presets_name_a_ministry_and_their_authorities() {
		for (id, authorities) in [(DEV_RUNTIME_PRESET, 1), (LOCAL_TESTNET_RUNTIME_PRESET, 4)] {
			let patch = preset(id);
			assert_eq!(patch["ministry"]["accounts"].as_array().map(Vec::len), Some(1), "{id}");
			assert_eq!(patch["session"]["keys"].as_array().map(Vec::len), Some(authorities), "{id}");
		}
		assert_eq!(preset_names().len(), 2);
		assert!(get_preset(&PresetId::from("no-such-preset")).is_none());
	}

}
