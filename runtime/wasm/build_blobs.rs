//! Guards against a WASM build that was cut off halfway. substrate-wasm-builder writes the compact
//! blob, then the compressed one that `WASM_BINARY` embeds, and afterwards regenerates them only
//! when the uncompressed (bloaty) blob changes. A build stopped between the two writes leaves a
//! compressed blob of the previous sources beside a compact blob of the new ones, and every later
//! build embeds the stale one: CI once ran a node whose runtime said spec_version 173 while its
//! sources said 174. So before each build the two are compared, and a mismatched pair is removed,
//! which makes the builder write both again.

use std::{fs, path::Path};

/// Removes `<name>.compact.wasm` and `<name>.compact.compressed.wasm` in `project` unless the
/// compressed one holds exactly the compact one's bytes. Absent blobs are left to the builder.
pub fn discard_if_inconsistent(project: &Path, name: &str) {
	let compact = project.join(format!("{name}.compact.wasm"));
	let compressed = project.join(format!("{name}.compact.compressed.wasm"));
	let (Ok(compact_bytes), Ok(compressed_bytes)) = (fs::read(&compact), fs::read(&compressed))
	else {
		return;
	};
	let limit = sp_maybe_compressed_blob::CODE_BLOB_BOMB_LIMIT;
	let consistent = sp_maybe_compressed_blob::decompress(&compressed_bytes, limit)
		.is_ok_and(|bytes| *bytes == compact_bytes[..]);
	if consistent {
		return;
	}
	println!(
		"cargo:warning=the runtime's compressed WASM ({}) was left from an interrupted build; \
		 building it again",
		compressed.display()
	);
	for blob in [&compact, &compressed] {
		if let Err(e) = fs::remove_file(blob) {
			panic!("cannot remove the stale blob {}: {e}", blob.display());
		}
	}
}
