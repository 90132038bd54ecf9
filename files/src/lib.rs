//! Files educhain's programs keep for their users (the tools' documents, receipts, light-client
//! state, challenges and assertion keys; the node's audit report and checkpoint), written so
//! that a crash never leaves half of one. A crate of its own because the node, which does not
//! depend on the client library, writes such files too.

#![warn(missing_docs)]

use std::{
	io::{self, Write},
	path::{Path, PathBuf},
	sync::atomic::{AtomicU64, Ordering},
	time::Duration,
};

/// How old an unlocked partial file must be before a write removes it as left by a crash: a
/// writer locks its partial file at once, so this only covers the instant between the two.
const LEFT_AFTER: Duration = Duration::from_secs(10 * 60);

/// Write `contents` to `path` whole: into a file beside it, flushed to the disk, then renamed
/// over `path`, and the rename flushed too before this returns. A crash, a power cut or a full
/// disk leaves the old file (or none) and never a torn one, and once this has returned the new
/// one is there for good; an error names `path`. Each write has a file of its own
/// (`<name>.<process>-<n>.partial`), so two writers of one path, two verifiers saving one
/// light-client state say, never write into one file: the last rename wins, whole. A crash in
/// the middle leaves its partial file behind, which the next write of `path` removes once it is
/// [`LEFT_AFTER`] old and no writer holds its lock (where the file system has no locks, once it
/// is that old: a write stalled that long then fails, naming `path`, and the old file stays).
/// A file replaced keeps its permissions, and a symbolic link stays one: the file it leads to is
/// replaced.
pub fn write_whole(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
	let named = |e: io::Error| format!("{}: {e}", path.display());
	let (target, old) = followed(path).map_err(named)?;
	// The new file gets the old one's permissions from its creation on: a document its user
	// made private is never readable by others, not even while it is written.
	let kept = old.map(|old| old.permissions());
	let mut options = std::fs::OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	if let Some(kept) = &kept {
		use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
		options.mode(kept.mode());
	}
	placed(&target, &options, kept, contents.as_ref(), |partial, target| std::fs::rename(partial, target)).map_err(named)
}

/// The folder `path` is in: a bare file name is in the working folder, which `parent` gives as "".
fn folder_of(path: &Path) -> &Path {
	path.parent().filter(|folder| !folder.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Refuse `path` unless its folder exists: for a file a run writes at its end (the audit's
/// report, the load tool's table, the light client's state), so that the mistake is named before
/// the run, not after it.
pub fn folder_exists(path: &Path) -> Result<(), String> {
	let folder = folder_of(path);
	if folder.is_dir() {
		return Ok(());
	}
	Err(format!("{}: the folder {} does not exist", path.display(), folder.display()))
}

/// `text` as the path of a file to write, refused as [`folder_exists`] refuses it: a flag's
/// parser, so that the mistake is named before anything is asked of the chain.
pub fn in_existing_folder(text: &str) -> Result<PathBuf, String> {
	let path = PathBuf::from(text);
	folder_exists(&path)?;
	Ok(path)
}

/// Write `contents` to a new file at `path` that only its owner may read, whole, as
/// [`write_whole`] does, but never in the place of a file there already (a key file, whose loss
/// would lose the key): then it fails, naming `path`, and nothing changes. The partial file,
/// private from its creation on, takes the name by a hard link, which no file there can lose, so
/// a crash or a power cut leaves no file at `path` or the whole one, never an empty key file
/// that would both hold no key and refuse a new one. The file system must allow hard links.
pub fn create_private(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
	let mut options = std::fs::OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
	let link = |partial: &Path, target: &Path| {
		std::fs::hard_link(partial, target)?;
		// Best effort: the file has its name; a partial file left is a later write's to remove.
		let _ = std::fs::remove_file(partial);
		Ok(())
	};
	placed(path, &options, None, contents.as_ref(), link).map_err(|e| format!("{}: {e}", path.display()))
}

/// Write `contents` to a new file beside `target`, opened with `options`, locked, given `kept`
/// permissions if any, and flushed; then `place` it at `target` and flush the folder that holds
/// its name. On an error before it is placed, the new file is removed.
fn placed(
	target: &Path,
	options: &std::fs::OpenOptions,
	kept: Option<std::fs::Permissions>,
	contents: &[u8],
	place: impl FnOnce(&Path, &Path) -> io::Result<()>,
) -> io::Result<()> {
	// The writes this process has begun, which number its partial files.
	static WRITES: AtomicU64 = AtomicU64::new(0);
	let (partial, mut file) = created_beside(target, options, &WRITES)?;
	// The lock tells a later write that this file is not left behind. Where the file system has
	// no locks, a later write goes by the file's age alone: nothing to report.
	let _ = file.try_lock();
	// The creation's mode passes through the umask; the old file's is set exactly.
	let permitted = kept.map_or(Ok(()), |kept| file.set_permissions(kept));
	let written = permitted.and_then(|()| file.write_all(contents)).and_then(|()| file.sync_all());
	if let Err(e) = written.and_then(|()| place(&partial, target)) {
		// Best effort: the error to report is the write's.
		let _ = std::fs::remove_file(&partial);
		return Err(e);
	}
	sync_folder(target).map_err(|e| io::Error::new(e.kind(), format!("written, but not yet safe from a power cut: {e}")))?;
	remove_left_behind(target);
	Ok(())
}

/// A new file of this write's own beside `target`, to be renamed over it, and its name, numbered
/// by `writes`. A name taken already, by a process of this number that crashed before (numbers
/// come round again, soonest in a container, where every run of a tool may get the same one) or
/// by one in another container, is passed over for the next rather than failing the write.
fn created_beside(target: &Path, options: &std::fs::OpenOptions, writes: &AtomicU64) -> io::Result<(PathBuf, std::fs::File)> {
	let mut tries = 0;
	loop {
		let mut partial = target.as_os_str().to_owned();
		partial.push(format!(".{}-{}.partial", std::process::id(), writes.fetch_add(1, Ordering::Relaxed)));
		match options.open(&partial) {
			Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 100 => tries += 1,
			opened => return opened.map(|file| (partial.into(), file)),
		}
	}
}

/// Remove the partial files of `target` that crashed writes left: those [`LEFT_AFTER`] old whose
/// lock no writer holds. Tidying up never fails a write that succeeded, so what cannot be read or
/// removed is left for a later write.
fn remove_left_behind(target: &Path) {
	let Some(name) = target.file_name().and_then(|n| n.to_str()) else { return };
	let Ok(entries) = std::fs::read_dir(folder_of(target)) else { return };
	for entry in entries.flatten() {
		let file_name = entry.file_name();
		let Some(number) = file_name.to_str().and_then(|n| n.strip_prefix(name)?.strip_prefix('.')?.strip_suffix(".partial")) else {
			continue;
		};
		let ours = number.split_once('-').is_some_and(|(a, b)| [a, b].iter().all(|d| !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit())));
		if ours && left_behind(&entry.path()) {
			let _ = std::fs::remove_file(entry.path());
		}
	}
}

/// Whether the partial file at `path` is [`LEFT_AFTER`] old and no writer holds its lock.
fn left_behind(path: &Path) -> bool {
	let Ok(file) = std::fs::File::open(path) else { return false };
	let old = file.metadata().and_then(|m| m.modified()).is_ok_and(|at| at.elapsed().is_ok_and(|age| age >= LEFT_AFTER));
	old && unheld(file.try_lock())
}

/// Whether a lock attempt says no writer holds the file: it took the lock, or the file system
/// has no locks (then no writer could take one either, and the file's age alone tells: a write
/// is flushed and renamed in far less than [`LEFT_AFTER`]).
fn unheld(attempt: Result<(), std::fs::TryLockError>) -> bool {
	!matches!(attempt, Err(std::fs::TryLockError::WouldBlock))
}

/// The file `path` leads to: itself, or, through its symbolic links, the file the last one
/// names, whether or not it is there yet; and what it is, if it is there. Renaming over a link
/// would replace the link, and leave the file it named, which its user reads elsewhere, as it was.
fn followed(path: &Path) -> io::Result<(PathBuf, Option<std::fs::Metadata>)> {
	let mut path = path.to_owned();
	// Linux's own limit on links followed in one path.
	for _ in 0..40 {
		match std::fs::symlink_metadata(&path) {
			Ok(found) if found.file_type().is_symlink() => {
				// A relative link is read from its own folder; `join` keeps an absolute one.
				let named = std::fs::read_link(&path)?;
				path = path.parent().map_or_else(|| named.clone(), |folder| folder.join(&named));
			},
			Ok(found) => return Ok((path, Some(found))),
			Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((path, None)),
			Err(e) => return Err(e),
		}
	}
	Err(io::Error::other("too many levels of symbolic links"))
}

/// Flush `file`'s folder: on Unix a rename reaches the disk with the folder, so until then a
/// power cut can bring the old file back after this process said the new one was saved.
#[cfg(unix)]
fn sync_folder(file: &Path) -> io::Result<()> {
	match std::fs::File::open(folder_of(file))?.sync_all() {
		// A file system that cannot flush a folder says so with EINVAL; there is nothing more to do.
		Err(e) if e.kind() == io::ErrorKind::InvalidInput => Ok(()),
		flushed => flushed,
	}
}

/// Not on Unix: a folder cannot be opened there to be flushed.
#[cfg(not(unix))]
fn sync_folder(_: &Path) -> io::Result<()> {
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_bare_file_name_is_in_the_working_folder() {
		assert_eq!(folder_of(Path::new("receipt.json")), Path::new("."));
		assert_eq!(folder_of(Path::new("out/receipt.json")), Path::new("out"));
		assert_eq!(folder_of(Path::new("/receipt.json")), Path::new("/"));
	}

	#[test]
	fn a_file_whose_folder_is_missing_is_named_with_the_folder() {
		let dir = tempfile::tempdir().unwrap();
		assert_eq!(folder_exists(&dir.path().join("report.json")), Ok(()));
		assert_eq!(folder_exists(Path::new("report.json")), Ok(()), "a bare name is in the current folder");
		let missing = dir.path().join("gone");
		let path = missing.join("report.json");
		assert_eq!(folder_exists(&path), Err(format!("{}: the folder {} does not exist", path.display(), missing.display())));
		std::fs::write(&missing, "a file, not a folder").unwrap();
		assert!(folder_exists(&path).is_err());
	}

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
	fn a_new_private_file_is_made_whole_and_never_replaces_one() {
		let dir = tempfile::tempdir().unwrap();
		let key = dir.path().join("assertion.json");
		create_private(&key, "\"secret\"").unwrap();
		assert_eq!(std::fs::read_to_string(&key).unwrap(), "\"secret\"");
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
		}
		// A second key at the same path is refused, naming it, and the first is kept.
		let error = create_private(&key, "\"another\"").unwrap_err();
		assert!(error.starts_with(&key.display().to_string()) && error.contains("exists"), "{error}");
		assert_eq!(std::fs::read_to_string(&key).unwrap(), "\"secret\"");
		// Nor does a link there, even one leading nowhere, let it through.
		#[cfg(unix)]
		{
			std::os::unix::fs::symlink("nowhere.json", dir.path().join("linked.json")).unwrap();
			assert!(create_private(&dir.path().join("linked.json"), "x").is_err());
			assert!(!dir.path().join("nowhere.json").exists());
			let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
			names.sort();
			assert_eq!(names, ["assertion.json", "linked.json"], "no partial file left");
		}
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

	#[cfg(unix)]
	#[test]
	fn a_link_stays_a_link_and_the_file_it_leads_to_is_replaced() {
		use std::os::unix::fs::symlink;
		let dir = tempfile::tempdir().unwrap();
		let documents = dir.path().join("documents");
		std::fs::create_dir(&documents).unwrap();
		let degree = documents.join("degree.json");
		write_whole(&degree, "old").unwrap();
		// A relative link, read from its own folder, and a link to that link.
		let link = dir.path().join("degree.json");
		symlink("documents/degree.json", &link).unwrap();
		let latest = dir.path().join("latest.json");
		symlink(&link, &latest).unwrap();
		write_whole(&link, "new").unwrap();
		assert_eq!(std::fs::read_to_string(&degree).unwrap(), "new");
		write_whole(&latest, "newer").unwrap();
		assert_eq!(std::fs::read_to_string(&degree).unwrap(), "newer");
		// A link to a file not there yet makes it.
		let future = dir.path().join("future.json");
		symlink("documents/future.json", &future).unwrap();
		write_whole(&future, "first").unwrap();
		assert_eq!(std::fs::read_to_string(documents.join("future.json")).unwrap(), "first");
		for link in [&link, &latest, &future] {
			assert!(std::fs::symlink_metadata(link).unwrap().file_type().is_symlink(), "{} is still a link", link.display());
		}
		// Links in a loop lead nowhere: an error naming the path, and nothing written.
		symlink("loop-b", dir.path().join("loop-a")).unwrap();
		symlink("loop-a", dir.path().join("loop-b")).unwrap();
		let error = write_whole(&dir.path().join("loop-a"), "x").unwrap_err();
		assert!(error.contains("loop-a") && error.contains("symbolic links"), "{error}");
		let mut names: Vec<_> = std::fs::read_dir(&documents).unwrap().map(|e| e.unwrap().file_name()).collect();
		names.sort();
		assert_eq!(names, ["degree.json", "future.json"]);
		assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 6);
	}

	/// A file at `path`, last changed `age` ago.
	fn left(path: &Path, age: Duration) -> std::fs::File {
		let file = std::fs::File::create(path).unwrap();
		file.set_modified(std::time::SystemTime::now() - age).unwrap();
		file
	}

	#[test]
	fn a_name_a_crashed_process_of_the_same_number_left_is_passed_over() {
		let dir = tempfile::tempdir().unwrap();
		let target = dir.path().join("challenges.json");
		let pid = std::process::id();
		for n in 0..3 {
			left(&dir.path().join(format!("challenges.json.{pid}-{n}.partial")), Duration::ZERO);
		}
		let mut options = std::fs::OpenOptions::new();
		options.write(true).create_new(true);
		let (partial, _) = created_beside(&target, &options, &AtomicU64::new(0)).unwrap();
		assert_eq!(partial, dir.path().join(format!("challenges.json.{pid}-3.partial")));
	}

	#[test]
	fn where_the_file_system_has_no_locks_age_alone_tells_a_left_file() {
		use std::fs::TryLockError;
		assert!(unheld(Ok(())));
		assert!(!unheld(Err(TryLockError::WouldBlock)), "a live writer holds it");
		for kind in [io::ErrorKind::Unsupported, io::ErrorKind::Other] {
			assert!(unheld(Err(TryLockError::Error(kind.into()))), "{kind:?}: no writer could hold it");
		}
	}

	/// Held by a test that starts a process and by one that needs a lock it drops to be free at
	/// once: a child holds copies of all its parent's files from its fork to its exec, and a copy
	/// holds the lock too. Under load, 6 runs of 200 failed so before, none of 400 since.
	static FORKS: std::sync::Mutex<()> = std::sync::Mutex::new(());

	#[test]
	fn a_write_removes_the_partial_files_crashed_writes_left_and_only_those() {
		let _no_fork = FORKS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
		let dir = tempfile::tempdir().unwrap();
		let path = |name: &str| dir.path().join(name);
		let old = LEFT_AFTER + Duration::from_secs(60);
		left(&path("challenges.json.4242-0.partial"), old);
		left(&path("challenges.json.7-12.partial"), old);
		// Kept: one a live writer holds locked, one too new to tell, another file's, and files
		// that are not partial files.
		let live = left(&path("challenges.json.4243-0.partial"), old);
		live.try_lock().unwrap();
		left(&path("challenges.json.4244-0.partial"), LEFT_AFTER / 2);
		left(&path("receipt.json.4245-0.partial"), old);
		left(&path("challenges.json.x-0.partial"), old);
		left(&path("challenges.json.backup"), old);
		write_whole(&path("challenges.json"), "{}").unwrap();
		let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
		names.sort();
		assert_eq!(names, [
			"challenges.json",
			"challenges.json.4243-0.partial",
			"challenges.json.4244-0.partial",
			"challenges.json.backup",
			"challenges.json.x-0.partial",
			"receipt.json.4245-0.partial",
		]);
		// Once its writer is gone, the next write removes it.
		drop(live);
		write_whole(&path("challenges.json"), "{}").unwrap();
		assert!(!path("challenges.json.4243-0.partial").exists());
	}

	/// The variables naming the file `a_process_writes_one_file` writes, and how (`create` for
	/// [`create_private`], else [`write_whole`]), set by the tests that watch it.
	const WATCHED: &str = "EDUCHAIN_FILES_WATCHED";
	const HOW: &str = "EDUCHAIN_FILES_HOW";

	/// What only a power cut could show otherwise, watched with strace in a process of its own:
	/// the new file is locked, then flushed before it takes the old one's name, and its folder,
	/// which holds the name, is flushed after, before `write_whole` returns.
	#[cfg(target_os = "linux")]
	#[test]
	fn the_file_then_its_new_name_reach_the_disk_before_it_returns() {
		let dir = tempfile::tempdir().unwrap();
		let target = dir.path().join("receipt.json");
		write_whole(&target, "old").unwrap();
		written_in_order(dir.path(), &target, "write", "rename");
		assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
	}

	/// The same for a new private file, which takes its name by a link: a crash leaves no key
	/// file or a whole one.
	#[cfg(target_os = "linux")]
	#[test]
	fn a_new_private_file_then_its_name_reach_the_disk_before_it_returns() {
		let dir = tempfile::tempdir().unwrap();
		let target = dir.path().join("assertion.json");
		written_in_order(dir.path(), &target, "create", "link");
		assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
	}

	/// Run `a_process_writes_one_file` under strace to write `target` in `dir` the `how` way,
	/// and check the order of its calls: the partial file opened, locked, flushed, given the name
	/// by a call whose name holds `placing`, then the folder flushed.
	#[cfg(target_os = "linux")]
	fn written_in_order(dir: &Path, target: &Path, how: &str, placing: &str) {
		let log = dir.join("strace.log");
		let this = std::env::current_exe().unwrap();
		let forking = FORKS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
		let watched = std::process::Command::new("strace")
			.args(["-f", "-s", "4096", "-e", "trace=openat,flock,fsync,fdatasync,rename,renameat,renameat2,link,linkat", "-o"])
			.arg(&log)
			.arg(this)
			.args(["--exact", "tests::a_process_writes_one_file", "--ignored", "--test-threads=1"])
			.env(WATCHED, target)
			.env(HOW, how)
			.output()
			.expect("strace, which scripts/setup.sh --tests installs");
		drop(forking);
		assert!(watched.status.success(), "{}", String::from_utf8_lossy(&watched.stderr));
		let log = std::fs::read_to_string(log).unwrap();
		let calls: Vec<&str> = log.lines().collect();
		let (target, folder) = (format!("\"{}\"", target.display()), format!("\"{}\"", dir.display()));
		let after = |from: usize, what: &dyn Fn(&str) -> bool| {
			let at = calls[from..].iter().position(|c| what(c)).map(|i| from + i);
			at.unwrap_or_else(|| panic!("no such call after #{from} in:\n{log}"))
		};
		let fd = |call: &str| call.rsplit("= ").next().unwrap().trim().to_owned();
		// strace pads a call to align its result: `fsync(3)      = 0`.
		let synced = |call: &str, fd: &str| call.contains(&format!("fsync({fd})")) && call.ends_with("= 0");
		let opened = after(0, &|c| c.contains("openat(") && c.contains(".partial\"") && c.contains("O_CREAT"));
		// Locked at once, so that no later write takes it for one a crash left.
		let locked = after(opened, &|c| c.contains(&format!("flock({}, LOCK_EX|LOCK_NB)", fd(calls[opened]))) && c.ends_with("= 0"));
		let flushed = after(locked, &|c| synced(c, &fd(calls[opened])));
		let placed = after(flushed, &|c| c.contains(placing) && c.contains(".partial\"") && c.contains(&target) && c.ends_with("= 0"));
		let folder_opened = after(placed, &|c| c.contains("openat(") && c.contains(&folder));
		after(folder_opened, &|c| synced(c, &fd(calls[folder_opened])));
	}

	/// Run by the tests above, which name the file; run alone it writes one of its own.
	#[test]
	#[ignore = "run under strace by written_in_order"]
	fn a_process_writes_one_file() {
		let dir = tempfile::tempdir().unwrap();
		let path = std::env::var_os(WATCHED).map_or_else(|| dir.path().join("receipt.json"), PathBuf::from);
		match std::env::var(HOW).as_deref() {
			Ok("create") => create_private(&path, "new").unwrap(),
			_ => write_whole(&path, "new").unwrap(),
		}
		assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
	}
}
