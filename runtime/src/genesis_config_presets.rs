//! Genesis presets: `development` (one authority), `local_testnet` (the ministry and three
//! universities, four authorities), and [`educhain_genesis`], from which the node also builds a
//! real ministry's chain spec.

use crate::{AccountId, BlockNumber, Hash, SessionKeys};
use alloc::{format, string::String, vec, vec::Vec};
use pallet_registry::InstitutionKind;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// One genesis authority: the account that owns it, and its session keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenesisAuthority {
	/// The account that owns the keys: a ministry account or a genesis institution.
	pub account: AccountId,
	/// The Aura (block authoring) key.
	pub aura: AuraId,
	/// The GRANDPA (finality) key.
	pub grandpa: GrandpaId,
}

/// One founding member institution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenesisInstitution {
	/// Its account.
	pub account: AccountId,
	/// University, college, school or other.
	pub kind: InstitutionKind,
	/// Digest of its off-chain profile document.
	pub profile: Hash,
}

/// Everything a network's genesis needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenesisNetwork {
	/// The ministry's accounts.
	pub ministry: Vec<AccountId>,
	/// The founding member institutions.
	pub institutions: Vec<GenesisInstitution>,
	/// The first authorities; each belongs to a ministry account or a founding institution.
	pub authorities: Vec<GenesisAuthority>,
	/// Session length in blocks: how soon authority changes take effect.
	pub session_length: BlockNumber,
	/// The authority set never shrinks below this.
	pub min_authorities: u32,
}

impl GenesisNetwork {
	/// Check what the runtime cannot check at genesis: every authority belongs to the ministry
	/// or a founding institution (otherwise it would drop out at the first session).
	pub fn validate(&self) -> Result<(), String> {
		if self.ministry.is_empty() {
			return Err("at least one ministry account is needed".into());
		}
		if self.authorities.is_empty() {
			return Err("at least one authority is needed".into());
		}
		for (i, a) in self.authorities.iter().enumerate() {
			let known = self.ministry.contains(&a.account) ||
				self.institutions.iter().any(|inst| inst.account == a.account);
			if !known {
				return Err(format!(
					"authorities[{i}]: its account is neither a ministry account nor an institution"
				));
			}
		}
		if self.session_length == 0 {
			return Err("sessionLength must be at least 1".into());
		}
		if self.min_authorities == 0 || self.min_authorities as usize > self.authorities.len() {
			return Err("minAuthorities must be between 1 and the number of authorities".into());
		}
		Ok(())
	}
}

/// The genesis state patch for a network.
pub fn educhain_genesis(network: GenesisNetwork) -> Value {
	let keys: Vec<(AccountId, AccountId, SessionKeys)> = network
		.authorities
		.into_iter()
		.map(|a| (a.account.clone(), a.account, SessionKeys { aura: a.aura, grandpa: a.grandpa }))
		.collect();
	let institutions: Vec<(AccountId, InstitutionKind, Hash)> =
		network.institutions.into_iter().map(|i| (i.account, i.kind, i.profile)).collect();
	serde_json::json!({
		"ministry": { "accounts": network.ministry },
		"session": { "keys": keys },
		"registry": {
			"institutions": institutions,
			"sessionLength": network.session_length,
			"minAuthorities": network.min_authorities,
		},
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

/// A development university: `who`'s account, with a profile digest derived from its name.
fn dev_university(who: Sr25519Keyring) -> GenesisInstitution {
	GenesisInstitution {
		account: who.to_account_id(),
		kind: InstitutionKind::University,
		profile: sp_io::hashing::blake2_256(format!("{who:?} University").as_bytes()).into(),
	}
}

/// `development`: Alice is the ministry and the only authority; Bob is a university.
fn development() -> Value {
	educhain_genesis(GenesisNetwork {
		ministry: vec![Sr25519Keyring::Alice.to_account_id()],
		institutions: vec![dev_university(Sr25519Keyring::Bob)],
		authorities: vec![dev_authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		session_length: 10,
		min_authorities: 1,
	})
}

/// `local_testnet`: Alice is the ministry; Bob, Charlie and Dave are three universities.
/// All four are authorities, so losing one still leaves GRANDPA its 3 of 4. Sessions are 10
/// blocks (30 s) so that authority changes show quickly.
fn local_testnet() -> Value {
	educhain_genesis(GenesisNetwork {
		ministry: vec![Sr25519Keyring::Alice.to_account_id()],
		institutions: vec![
			dev_university(Sr25519Keyring::Bob),
			dev_university(Sr25519Keyring::Charlie),
			dev_university(Sr25519Keyring::Dave),
		],
		authorities: vec![
			dev_authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			dev_authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			dev_authority(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			dev_authority(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		session_length: 10,
		min_authorities: 3,
	})
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
			assert!(patch["registry"]["sessionLength"].as_u64().unwrap() > 0, "{id}");
		}
		assert_eq!(preset_names().len(), 2);
		assert!(get_preset(&PresetId::from("no-such-preset")).is_none());
	}

	#[test]
	fn local_testnet_has_three_universities() {
		let patch = preset(LOCAL_TESTNET_RUNTIME_PRESET);
		assert_eq!(patch["registry"]["institutions"].as_array().map(Vec::len), Some(3));
		assert_eq!(patch["registry"]["minAuthorities"], 3);
	}

	#[test]
	fn authorities_must_belong_to_the_ministry_or_an_institution() {
		let alice = dev_authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice);
		let mut network = GenesisNetwork {
			ministry: vec![Sr25519Keyring::Alice.to_account_id()],
			institutions: vec![],
			authorities: vec![alice, dev_authority(Sr25519Keyring::Eve, Ed25519Keyring::Eve)],
			session_length: 10,
			min_authorities: 1,
		};
		assert!(network.validate().unwrap_err().contains("authorities[1]"));
		network.institutions.push(dev_university(Sr25519Keyring::Eve));
		assert_eq!(network.validate(), Ok(()));
		network.min_authorities = 3;
		assert!(network.validate().is_err());
	}

}
