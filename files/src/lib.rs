//! Files educhain's programs keep for their users (the tools' documents, receipts, light-client
//! state and challenges; the node's audit report and checkpoint), written so that a crash never
//! leaves half of one. A crate of its own because the node, which does not depend on the client
//! library, writes such files too.

#![warn(missing_docs)]

use std::{
	io::Write,
	path::Path,
	sync::atomic::{AtomicU64, Ordering},
};

/// Write `contents` to `path` whole: into a file beside it, flushed to the disk, then renamed
/// over `path`. A crash or a full disk leaves the old file (or none) and never a torn one; an
/// error names `path`. Each write has a file of its own (`<name>.<process>-<n>.partial`), so two
/// writers of one path, two verifiers saving one light-client state say, never write into one
/// file: the last rename wins, whole. Only a crash in the middle leaves its partial file behind.
/// A file replaced keeps its permissions.
pub fn write_whole(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
	static WRITES: AtomicU64 = AtomicU64::new(0);
	let mut partial = path.as_os_str().to_owned();
	partial.push(format!(".{}-{}.partial", std::process::id(), WRITES.fetch_add(1, Ordering::Relaxed)));
	let partial = Path::new(&partial);
	let named = |e: std::io::Error| format!("{}: {e}", path.display());
	// The new file gets the old one's permissions from its creation on: a document its user
	// made private is never readable by others, not even while it is written.
	let kept = match std::fs::metadata(path) {
		Ok(old) => Some(old.permissions()),
		Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
		Err(e) => return Err(named(e)),
	};
	let mut options = std::fs::OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	if let Some(kept) = &kept {
		use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
		options.mode(kept.mode());
	}
	let mut file = options.open(partial).map_err(named)?;
	// The creation's mode passes through the umask; the old file's is set exactly.
	let permitted = kept.map_or(Ok(()), |kept| file.set_permissions(kept));
	let written = permitted.and_then(|()| file.write_all(contents.as_ref())).and_then(|()| file.sync_all());
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
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("receipt.json");
		write_whole(&path, "old").unwrap();
		// A reader of the old file still reads it whole: the new one took its place instead of
		// being written into it, which is what leaves a crash the old file or the new.
		let mut reader = std::fs::File::open(&path).unwrap();
		write_whole(&path, "new, and longer").unwrap();
		let mut before = String::new();
		std::io::Read::read_to_string(&mut reader, &mut before).unwrap();
		assert_eq!(before, "old");
		assert_eq!(std::fs::read_to_string(&path).unwrap(), "new, and longer");
		let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
		assert_eq!(names, ["receipt.json"]);
		// A file its user made private stays private when it is replaced.
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
			write_whole(&path, "private").unwrap();
			assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
		}

		// A write that cannot finish (here the file cannot take the place of a directory)
		// leaves what was there, names it, and cleans up after itself.
		let taken = dir.path().join("taken");
		std::fs::create_dir(&taken).unwrap();
		let error = write_whole(&taken, "x").unwrap_err();
		assert!(error.starts_with(&taken.display().to_string()), "{error}");
		assert!(taken.is_dir());
		assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no partial file left");
	}

	#[test]
	fn writers_of_one_path_at_once_leave_one_of_their_files_whole() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("light-state.json");
		let contents: Vec<Vec<u8>> = (0..4u8).map(|i| vec![b'a' + i; 256 * 1024 + i as usize]).collect();
		write_whole(&path, &contents[0]).unwrap();
		std::thread::scope(|s| {
			for body in &contents {
				let path = &path;
				s.spawn(move || (0..25).for_each(|_| write_whole(path, body).unwrap()));
			}
			// Whatever a reader finds, at any moment, is one writer's file, whole.
			for _ in 0..200 {
				let read = std::fs::read(&path).unwrap();
				assert!(contents.contains(&read), "a torn file of {} bytes", read.len());
			}
		});
		let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
		assert_eq!(names, ["light-state.json"]);
	}
}
