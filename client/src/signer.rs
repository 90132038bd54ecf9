//! [`Signer`]: an sr25519 key from a dev name, secret URI, mnemonic or polkadot.js keystore.

use crate::{Error, Result};
use educhain_runtime::AccountId;
use sp_core::{sr25519, Pair};

/// An sr25519 signing key.
pub struct Signer(Key);

enum Key {
	/// From a secret URI or mnemonic, or handed over by the caller.
	Pair(sr25519::Pair),
	/// Decrypted from a polkadot.js keystore file (which keeps only the expanded secret key,
	/// from which sp-core cannot rebuild a pair).
	Keystore(subxt_signer::sr25519::Keypair),
}

impl From<sr25519::Pair> for Signer {
	fn from(pair: sr25519::Pair) -> Self {
		Signer(Key::Pair(pair))
	}
}

/// Why an empty secret is refused: sp-core reads it as the public development phrase, whose
/// keys anyone can derive. An unset variable (`--signer "$KEY"`) gives one.
pub const EMPTY_SECRET: &str = "the secret is empty (an empty secret URI is the public development phrase, whose keys anyone can derive)";

impl Signer {
	/// The key a secret URI names: `//Alice`, a mnemonic with optional `//hard/soft` derivation
	/// and `///password`, or a `0x` seed.
	pub fn from_uri(uri: &str) -> Result<Signer> {
		if uri.trim().is_empty() {
			return Err(Error::Key(EMPTY_SECRET.into()));
		}
		// sp-core's message can repeat the secret; say what kind of input failed, not the input.
		let pair = sr25519::Pair::from_string(uri, None).map_err(|e| Error::Key(format!("not a secret URI or mnemonic ({e:?})")))?;
		Ok(Signer(Key::Pair(pair)))
	}

	/// The key in the polkadot.js keystore JSON `json`, encrypted with `password`.
	pub fn from_keystore(json: &str, password: &str) -> Result<Signer> {
		let keypair = subxt_signer::polkadot_js_compat::decrypt_json(json, password)
			.map_err(|e| Error::Key(format!("keystore: {e}")))?;
		Ok(Signer(Key::Keystore(keypair)))
	}

	/// A new random 12-word mnemonic, and the key it makes.
	pub fn generate() -> Result<(String, Signer)> {
		let mnemonic = bip39::Mnemonic::generate(12).map_err(|e| Error::Key(e.to_string()))?;
		let phrase = mnemonic.to_string();
		Ok((phrase.clone(), Signer::from_uri(&phrase)?))
	}

	/// The public key.
	pub fn public(&self) -> sr25519::Public {
		match &self.0 {
			Key::Pair(pair) => pair.public(),
			Key::Keystore(keypair) => sr25519::Public::from_raw(keypair.public_key().0),
		}
	}

	/// The account.
	pub fn account(&self) -> AccountId {
		self.public().into()
	}

	/// Sign `message`.
	pub fn sign(&self, message: &[u8]) -> sr25519::Signature {
		match &self.0 {
			Key::Pair(pair) => pair.sign(message),
			Key::Keystore(keypair) => sr25519::Signature::from_raw(keypair.sign(message).0),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_secret_uri_and_its_mnemonic_sign_as_the_same_account() {
		let alice = Signer::from_uri("//Alice").unwrap();
		assert_eq!(alice.account(), sp_keyring::Sr25519Keyring::Alice.to_account_id());
		let (phrase, made) = Signer::generate().unwrap();
		let again = Signer::from_uri(&phrase).unwrap();
		assert_eq!(made.account(), again.account());
		let signature = again.sign(b"educhain");
		assert!(sr25519::Pair::verify(&signature, b"educhain", &made.public()));
	}

	#[test]
	fn bad_keys_are_errors_that_do_not_repeat_the_secret() {
		let Err(Error::Key(why)) = Signer::from_uri("not a secret uri") else { panic!("accepted") };
		assert!(!why.contains("not a secret uri"), "{why}");
		assert!(matches!(Signer::from_keystore("{}", "password"), Err(Error::Key(_))));
		assert!(matches!(Signer::from_uri(" "), Err(Error::Key(why)) if why == EMPTY_SECRET));
	}
}
