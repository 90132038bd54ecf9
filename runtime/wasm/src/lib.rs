//! The educhain runtime's WASM, built by `build.rs` from `runtime/`: `WASM_BINARY` is the code a
//! dev or local chain spec carries. The node embeds it only with its `runtime-wasm` feature (on by
//! default); `scripts/run-dev.sh` leaves it out when the committed `chain-specs/dev.json` was built
//! from the same sources.

include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

#[cfg(test)]
#[path = "../build_blobs.rs"]
mod blobs;

#[cfg(test)]
mod tests {
	use super::blobs::discard_if_inconsistent;
	use std::{fs, path::Path};

	const NAME: &str = "educhain_runtime";

	/// Writes a compact blob and a compressed one holding `inside`.
	fn write_pair(dir: &Path, compact: &[u8], inside: &[u8]) {
		let limit = sp_maybe_compressed_blob::CODE_BLOB_BOMB_LIMIT;
		let compressed = sp_maybe_compressed_blob::compress_strongly(inside, limit).expect("compresses");
		fs::write(dir.join(format!("{NAME}.compact.wasm")), compact).expect("writes");
		fs::write(dir.join(format!("{NAME}.compact.compressed.wasm")), compressed).expect("writes");
	}

	fn present(dir: &Path) -> [bool; 2] {
		["compact.wasm", "compact.compressed.wasm"].map(|end| dir.join(format!("{NAME}.{end}")).exists())
	}

	#[test]
	fn a_compressed_blob_of_other_sources_is_discarded_with_its_compact_blob() {
		let dir = tempfile::tempdir().expect("a temporary directory");
		write_pair(dir.path(), b"\0asm spec 174", b"\0asm spec 173");
		discard_if_inconsistent(dir.path(), NAME);
		assert_eq!(present(dir.path()), [false, false], "the builder must write both again");
	}

	#[test]
	fn a_matching_pair_and_a_missing_blob_are_left_alone() {
		let dir = tempfile::tempdir().expect("a temporary directory");
		write_pair(dir.path(), b"\0asm spec 174", b"\0asm spec 174");
		discard_if_inconsistent(dir.path(), NAME);
		assert_eq!(present(dir.path()), [true, true]);

		fs::remove_file(dir.path().join(format!("{NAME}.compact.wasm"))).expect("removes");
		discard_if_inconsistent(dir.path(), NAME);
		assert_eq!(present(dir.path()), [false, true], "a lone blob is the builder's business");
	}
}
