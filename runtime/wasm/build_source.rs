//! The checkout as the WASM build sees it: through a link at a path that is the same on every
//! machine. Cargo mixes a path dependency's absolute location into its crates' symbol names (the
//! `-C metadata` hash) unless it lies inside the workspace being built, and the WASM project's
//! workspace, which substrate-wasm-builder generates, cannot hold the checkout's crates: they
//! would become its members and lose their `workspace = true` fields. So the runtime and pallets
//! are built from `/tmp/educhain-runtime-src`, one link per machine, held under a file lock while
//! a WASM is built.

use std::{
	fs::{self, File},
	path::{Path, PathBuf},
};

/// Where every machine's WASM build finds the checkout.
const FIXED: &str = "/tmp/educhain-runtime-src";

/// The checkout's path for the WASM build, and the lock that keeps it pointing there.
pub struct Source {
	pub path: PathBuf,
	_lock: Option<File>,
}

/// Points the fixed link at `workspace` and holds it until the returned value is dropped. If the
/// link belongs to another user, falls back to a link in the target directory (`wbuild`), and says
/// that the bytes will then differ from other machines'.
pub fn link(workspace: &Path, wbuild: &Path) -> Source {
	let lock_path = format!("{FIXED}.lock");
	let lock = File::options()
		.create(true)
		.append(true)
		.open(&lock_path)
		.or_else(|_| File::open(&lock_path)); // another user's lock file still locks
	if let Ok(lock) = lock {
		if lock.lock().is_ok() && point(Path::new(FIXED), workspace) {
			return Source { path: FIXED.into(), _lock: Some(lock) };
		}
	}
	println!(
		"cargo:warning=cannot point {FIXED} at this checkout (another user's link?): this runtime \
		 is built from a path of its own, so its bytes will differ from other machines'"
	);
	let fallback = wbuild.join("educhain-src");
	if fs::create_dir_all(wbuild).is_ok() && point(&fallback, workspace) {
		return Source { path: fallback, _lock: None };
	}
	Source { path: workspace.to_path_buf(), _lock: None }
}

/// Makes `link` a symlink to `target`, replacing it atomically (a reader never finds it missing).
fn point(link: &Path, target: &Path) -> bool {
	if fs::read_link(link).ok().as_deref() == Some(target) {
		return true;
	}
	let tmp = PathBuf::from(format!("{}.tmp{}", link.display(), std::process::id()));
	let _ = fs::remove_file(&tmp); // absent unless a build was killed here
	#[cfg(unix)]
	let made = std::os::unix::fs::symlink(target, &tmp).is_ok() && fs::rename(&tmp, link).is_ok();
	#[cfg(not(unix))]
	let made = false;
	if !made {
		let _ = fs::remove_file(&tmp); // may not exist
	}
	made
}

/// Cargo judges the WASM build's freshness by file times, and through the link every checkout has
/// the same file names: after a build of a newer checkout, an older one would look up to date and
/// its WASM would be the other's. So when the checkout changes, the WASM target directory forgets
/// what it built from the workspace's own crates; crates.io crates stay built.
pub fn forget_other_checkouts(wasm_target: &Path, workspace: &Path) {
	let marker = wasm_target.join("educhain-checkout");
	let this = workspace.display().to_string();
	if fs::read_to_string(&marker).ok().as_deref() == Some(this.as_str()) {
		return;
	}
	let ours = workspace_packages(workspace);
	// <wasm target>/<target triple>/<profile>/.fingerprint/<package>-<hash>
	let profiles = fs::read_dir(wasm_target)
		.into_iter()
		.flatten()
		.flatten()
		.flat_map(|triple| fs::read_dir(triple.path()).into_iter().flatten().flatten());
	for profile in profiles {
		let Ok(prints) = fs::read_dir(profile.path().join(".fingerprint")) else { continue };
		for print in prints.flatten() {
			let name = print.file_name().to_string_lossy().into_owned();
			if name.rsplit_once('-').is_some_and(|(package, _)| ours.iter().any(|o| o == package)) {
				fs::remove_dir_all(print.path()).expect("remove a stale fingerprint");
			}
		}
	}
	fs::create_dir_all(wasm_target).expect("the WASM target directory");
	fs::write(&marker, this).expect("record the checkout built");
}

/// The names of the workspace's crates that go into a WASM runtime.
fn workspace_packages(workspace: &Path) -> Vec<String> {
	let mut manifests: Vec<PathBuf> = ["runtime", "runtime/benchmarks-wasm", "tests/upgrade-runtime"]
		.iter()
		.map(|dir| workspace.join(dir).join("Cargo.toml"))
		.collect();
	for pallet in fs::read_dir(workspace.join("pallets")).into_iter().flatten().flatten() {
		manifests.push(pallet.path().join("Cargo.toml"));
	}
	manifests
		.iter()
		.filter_map(|m| fs::read_to_string(m).ok())
		.filter_map(|text| {
			let line = text.lines().find(|l| l.starts_with("name = "))?;
			Some(line.trim_start_matches("name = ").trim_matches('"').to_string())
		})
		.collect()
}
