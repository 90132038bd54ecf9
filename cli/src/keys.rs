//! Keys: generate a mnemonic, inspect a key, and load the signer a command uses from a dev
//! name or secret URI (`//Alice`, `word … word//derivation`) or a polkadot.js keystore file.

use subxt::utils::AccountId32;
use subxt_signer::{sr25519::Keypair, SecretUri};

/// Where a signing key comes from, as given to `--signer`.
pub fn load(spec: &str) -> Result<Keypair, String> {
	if let Some(path) = spec.strip_prefix("keystore:") {
		let json = std::fs::read_to_string(path).map_err(|e| format!("keystore {path}: {e}"))?;
		// The password comes from the environment in scripts, else from a prompt.
		let password = match std::env::var("EDUCHAIN_KEYSTORE_PASSWORD") {
			Ok(p) => p,
			Err(_) => rpassword::prompt_password(format!("password for {path}: "))
				.map_err(|e| format!("reading the password: {e}"))?,
		};
		return subxt_signer::polkadot_js_compat::decrypt_json(&json, &password)
			.map_err(|e| format!("keystore {path}: {e}"));
	}
	let uri: SecretUri = spec.parse().map_err(|e| format!("secret URI: {e}"))?;
	Keypair::from_uri(&uri).map_err(|e| format!("secret URI: {e}"))
}

/// A new 12-word mnemonic and its account.
pub fn generate() -> (String, AccountId32) {
	let mnemonic = bip39::Mnemonic::generate(12).expect("12 words is a valid length");
	let pair = Keypair::from_phrase(&mnemonic, None).expect("a fresh mnemonic is valid");
	(mnemonic.to_string(), pair.public_key().to_account_id())
}

/// The account and public key behind `spec`.
pub fn inspect(spec: &str) -> Result<(AccountId32, String), String> {
	let pair = load(spec)?;
	Ok((pair.public_key().to_account_id(), format!("0x{}", hex::encode(pair.public_key().0))))
}
