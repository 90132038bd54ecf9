//! Holder keys: one Ed25519 key per institution, derived from one learner secret.
//!
//! A learner gives each institution a different account, `<secret>//educhain-holder//<the
//! institution's SS58 address>` (hard derivation, so that no key reveals the secret or its
//! siblings). The chain then holds each institution's records under an account no other
//! institution's records share, and a presentation signed for one credential links nothing
//! else. The account is the Ed25519 public key, which also names the key a presentation's proof
//! is checked against (`did:educhain:<account>`).

use crate::api::AccountId;
use sp_core::{crypto::Ss58Codec, ed25519, Pair};

/// The hard junction between the learner's secret and the institution.
pub const JUNCTION: &str = "educhain-holder";

/// The key the learner with secret URI or mnemonic `secret` holds `institution`'s records with.
pub fn derive(secret: &str, institution: &AccountId) -> Result<ed25519::Pair, String> {
	if secret.trim().is_empty() {
		return Err(crate::signer::EMPTY_SECRET.into());
	}
	// A password (`///…`) must end a secret URI: a junction after it would become part of it.
	if secret.contains("///") {
		return Err("a holder secret with a password (///) cannot be derived from; give the secret without it".into());
	}
	let uri = format!("{secret}//{JUNCTION}//{}", institution.to_ss58check());
	// sp-core's message can repeat the secret; say only what failed.
	ed25519::Pair::from_string(&uri, None).map_err(|e| format!("the holder secret is not a secret URI or mnemonic ({e:?})"))
}

/// The account of holder key `key`: its public key.
pub fn account(key: &ed25519::Pair) -> AccountId {
	AccountId::from(key.public().0)
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_keyring::Sr25519Keyring::{Bob, Charlie};

	#[test]
	fn each_institution_gets_its_own_stable_account() {
		let at_bob = account(&derive("//Eve", &Bob.to_account_id()).unwrap());
		let at_charlie = account(&derive("//Eve", &Charlie.to_account_id()).unwrap());
		assert_ne!(at_bob, at_charlie, "one account per institution");
		assert_eq!(at_bob, account(&derive("//Eve", &Bob.to_account_id()).unwrap()), "the same every time");
		assert_ne!(at_bob, account(&derive("//Ferdie", &Bob.to_account_id()).unwrap()), "another learner, another account");
		let uri = format!("//Eve//educhain-holder//{}", Bob.to_account_id().to_ss58check());
		assert_eq!(at_bob, AccountId::from(ed25519::Pair::from_string(&uri, None).unwrap().public().0), "the documented path");
	}

	#[test]
	fn a_secret_with_a_password_or_no_secret_at_all_is_refused() {
		let refused = |secret: &str| derive(secret, &Bob.to_account_id()).err().expect("refused");
		assert!(refused("//Eve///pass").contains("password"));
		assert!(refused("not a mnemonic at all").contains("not a secret URI"));
		assert!(refused("").contains("is empty"));
		assert!(refused("  ").contains("is empty"));
	}
}
