//! Institutions' Ed25519 assertion keys in keystore files: a JSON string holding the key's
//! secret URI (a mnemonic, or a `0x` seed), the form of Substrate's file keystore
//! (`educhain-node key insert --scheme ed25519`).

use sp_core::{ed25519, Pair};
use std::{io::Write, path::Path};

/// The key in the keystore file at `path`.
pub fn load(path: &Path) -> Result<ed25519::Pair, String> {
	let text = std::fs::read_to_string(path).map_err(|e| format!("key file {}: {e}", path.display()))?;
	let secret: String =
		serde_json::from_str(&text).map_err(|_| format!("key file {}: not a JSON string (a keystore file)", path.display()))?;
	// sp-core's message can repeat the secret; say which file failed, not what it holds.
	ed25519::Pair::from_string(&secret, None)
		.map_err(|e| format!("key file {}: not a secret URI or mnemonic ({e:?})", path.display()))
}

/// A new key from a fresh 12-word mnemonic, written to a new keystore file at `path` that only
/// its owner may read. An existing file is never overwritten.
pub fn generate(path: &Path) -> Result<ed25519::Pair, String> {
	let phrase = bip39::Mnemonic::generate(12).map_err(|e| e.to_string())?.to_string();
	let pair = ed25519::Pair::from_string(&phrase, None).map_err(|e| format!("{e:?}"))?;
	let mut options = std::fs::OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
	let mut file = options.open(path).map_err(|e| format!("key file {}: {e}", path.display()))?;
	let json = serde_json::to_string(&phrase).map_err(|e| e.to_string())?;
	file.write_all(json.as_bytes()).map_err(|e| format!("key file {}: {e}", path.display()))?;
	Ok(pair)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_generated_key_loads_again_and_is_never_overwritten() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("assertion.json");
		let made = generate(&path).unwrap();
		assert_eq!(load(&path).unwrap().public(), made.public());
		assert!(generate(&path).is_err(), "an existing key file is kept");
		std::fs::write(&path, "//Alice").unwrap();
		assert!(load(&path).err().is_some_and(|e| e.contains("not a JSON string")));
		std::fs::write(&path, "\"//Alice\"").unwrap();
		assert_eq!(load(&path).unwrap().public(), ed25519::Pair::from_string("//Alice", None).unwrap().public());
	}
}
