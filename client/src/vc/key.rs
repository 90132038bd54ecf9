//! Institutions' Ed25519 assertion keys in keystore files: a JSON string holding the key's
//! secret URI (a mnemonic, or a `0x` seed), the form of Substrate's file keystore
//! (`educhain-node key insert --scheme ed25519`).

use sp_core::{ed25519, Pair};
use std::path::Path;

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
/// its owner may read, whole and flushed to the disk before this returns: its user registers the
/// public half next, so the file must outlive a power cut. An existing file is never overwritten.
pub fn generate(path: &Path) -> Result<ed25519::Pair, String> {
	let phrase = bip39::Mnemonic::generate(12).map_err(|e| e.to_string())?.to_string();
	let pair = ed25519::Pair::from_string(&phrase, None).map_err(|e| format!("{e:?}"))?;
	let json = serde_json::to_string(&phrase).map_err(|e| e.to_string())?;
	educhain_files::create_private(path, json).map_err(|e| format!("key file {e}"))?;
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
		let refused = generate(&path).err().expect("an existing key file is refused");
		assert!(refused.starts_with(&format!("key file {}", path.display())), "{refused}");
		assert_eq!(load(&path).unwrap().public(), made.public(), "an existing key file is kept");
		#[cfg(unix)]
		assert_eq!(std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&path).unwrap().permissions()) & 0o777, 0o600);
		std::fs::write(&path, "//Alice").unwrap();
		assert!(load(&path).err().is_some_and(|e| e.contains("not a JSON string")));
		std::fs::write(&path, "\"//Alice\"").unwrap();
		assert_eq!(load(&path).unwrap().public(), ed25519::Pair::from_string("//Alice", None).unwrap().public());
	}
}
