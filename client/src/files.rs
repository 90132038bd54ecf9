//! Files the tools write for their users (documents, receipts, a light client's state, a
//! verifier's challenges), written so that a crash never leaves half of one.

use std::{io::Write, path::Path};

/// Write `contents` to `path` whole: into a file beside it, flushed to the disk, then renamed
/// over `path`. A crash or a full disk leaves the old file (or none) and never a torn one; an
/// error names `path`.
pub fn write_whole(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
	let mut partial = path.as_os_str().to_owned();
	partial.push(".partial");
	let partial = Path::new(&partial);
	let named = |e: std::io::Error| format!("{}: {e}", path.display());
	let mut file = std::fs::File::create(partial).map_err(named)?;
	let written = file.write_all(contents.as_ref()).and_then(|()| file.sync_all());
	if let Err(e) = written.and_then(|()| std::fs::rename(partial, path)) {
		// Best effort: the error to report is the write's.
		let _ = std::fs::remove_file(partial);
		return Err(named(e));
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_file_is_replaced_whole_and_nothing_is_left_beside_it() {
		let dir = std::env::temp_dir().join(format!("educhain-files-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		let path = dir.join("receipt.json");
		write_whole(&path, "old").unwrap();
		// A reader of the old file still reads it whole: the new one took its place instead of
		// being written into it, which is what leaves a crash the old file or the new.
		let mut reader = std::fs::File::open(&path).unwrap();
		write_whole(&path, "new, and longer").unwrap();
		let mut before = String::new();
		std::io::Read::read_to_string(&mut reader, &mut before).unwrap();
		assert_eq!(before, "old");
		assert_eq!(std::fs::read_to_string(&path).unwrap(), "new, and longer");
		let names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
		assert_eq!(names, ["receipt.json"]);

		// A write that cannot finish (here the file cannot take the place of a directory)
		// leaves what was there, names it, and cleans up after itself.
		let taken = dir.join("taken");
		std::fs::create_dir(&taken).unwrap();
		let error = write_whole(&taken, "x").unwrap_err();
		assert!(error.starts_with(&taken.display().to_string()), "{error}");
		assert!(taken.is_dir());
		assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2, "no partial file left");
		std::fs::remove_dir_all(&dir).unwrap();
	}
}
