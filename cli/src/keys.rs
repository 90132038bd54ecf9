//! Keys: generate a mnemonic, inspect a key, and load the signer a command uses from a dev
//! name or secret URI (`//Alice`, `word … word//derivation`) or a polkadot.js keystore file.

use educhain_client::Signer;
use sp_core::crypto::Ss58Codec;

/// Where a signing key comes from, as given to `--signer`.
pub fn load(spec: &str) -> Result<Signer, String> {
	let Some(path) = spec.strip_prefix("keystore:") else {
		return Signer::from_uri(spec).map_err(|e| format!("--signer: {e}"));
	};
	let json = std::fs::read_to_string(path).map_err(|e| format!("keystore {path}: {e}"))?;
	// The password comes from the environment in scripts, else from a prompt.
	let password = match std::env::var("EDUCHAIN_KEYSTORE_PASSWORD") {
		Ok(p) => p,
		Err(_) => rpassword::prompt_password(format!("password for {path}: ")).map_err(|e| format!("reading the password: {e}"))?,
	};
	Signer::from_keystore(&json, &password).map_err(|e| format!("{path}: {e}"))
}

/// A new 12-word mnemonic and its account (SS58).
pub fn generate() -> Result<(String, String), String> {
	let (phrase, signer) = Signer::generate().map_err(|e| e.to_string())?;
	Ok((phrase, signer.account().to_ss58check()))
}

/// The account (SS58) and public key (0x-hex) behind `spec`.
pub fn inspect(spec: &str) -> Result<(String, String), String> {
	let signer = load(spec)?;
	Ok((signer.account().to_ss58check(), format!("0x{}", hex::encode(signer.public().0))))
}
