//! Builds the runtime's WASM. Also the build script of the runtime's variants, which are the same
//! runtime with one more feature: `tests/upgrade-runtime` (`upgrade-test`) and
//! `runtime/benchmarks-wasm` (`runtime-benchmarks`, built only when `EDUCHAIN_BENCH_WASM=1`).

#[cfg(feature = "std")]
fn main() {
	use std::{env, path::PathBuf};

	let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
	// The workspace root: this file's crate is `runtime/` or `tests/upgrade-runtime/`.
	let workspace = manifest_dir
		.ancestors()
		.find(|p| p.join("Cargo.lock").exists())
		.expect("the runtime is built inside the educhain workspace")
		.to_path_buf();

	// Checkouts that share one target directory (CI clones next to a working copy) share this
	// build script's last run, whose recorded inputs name the other checkout's files. The scripts
	// export the checkout's root, so a build from another checkout reruns this script, and the
	// WASM is rebuilt from the sources at hand instead of being reused stale.
	println!("cargo:rerun-if-env-changed=EDUCHAIN_ROOT");

	let package = env::var("CARGO_PKG_NAME").expect("set by cargo");
	if package == "educhain-runtime-benchmarks" {
		println!("cargo:rerun-if-env-changed=EDUCHAIN_BENCH_WASM");
		if env::var("EDUCHAIN_BENCH_WASM").as_deref() != Ok("1") {
			// Not asked for: an empty variant keeps every other build from paying for it.
			let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo"));
			std::fs::write(
				out.join("wasm_binary.rs"),
				"pub const WASM_BINARY: Option<&[u8]> = None;\n\
				 pub const WASM_BINARY_BLOATY: Option<&[u8]> = None;\n",
			)
			.expect("write wasm_binary.rs");
			return;
		}
	}
	if package != "educhain-runtime" {
		share_wasm_target_with_main_runtime(&package);
	}
	// The builder's own change tracking misses edits outside the crate it builds: the upgrade
	// test once ran a stale WASM with the old spec_version, and the main runtime once kept old
	// pallet weights after `scripts/benchmark.sh` rewrote them. Cargo scans these folders for any
	// change.
	for dir in ["runtime/src", "runtime/Cargo.toml", "pallets"] {
		println!("cargo:rerun-if-changed={}", workspace.join(dir).display());
	}

	// Build through a path that does not depend on where the repository is checked out, so that
	// every clone produces the same WASM bytes (and the committed chain specs stay comparable).
	let stable = stable_workspace_path(&workspace);
	let project = stable.join(manifest_dir.strip_prefix(&workspace).expect("inside the workspace"));

	// The target directory may live outside the workspace (scripts use ~/.cache/educhain/target):
	// tell the builder where the workspace, and so Cargo.lock, is, so the WASM uses locked versions.
	env::set_var("WASM_BUILD_WORKSPACE_HINT", &stable);

	substrate_wasm_builder::WasmBuilder::new()
		.with_project(project.join("Cargo.toml"))
		.expect("the runtime's Cargo.toml exists")
		.import_memory()
		.export_heap_base()
		.build();
}

/// Cargo hashes a path dependency's location into its symbol names, and rustc writes source paths
/// into panic messages, so WASM built from two checkouts differs byte for byte. A symlink at a
/// fixed place in the target directory (`<profile>/wbuild/educhain-src`) pointing at the current
/// checkout gives the WASM build the same paths whatever the checkout. Falls back to the real
/// path when the link cannot be made.
#[cfg(feature = "std")]
fn stable_workspace_path(workspace: &std::path::Path) -> std::path::PathBuf {
	use std::path::PathBuf;

	let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
	// OUT_DIR is <target>/<profile>/build/<pkg>-<hash>/out; wbuild sits beside build/.
	let Some(profile_dir) = out_dir.ancestors().nth(3) else { return workspace.to_path_buf() };
	let link = profile_dir.join("wbuild").join("educhain-src");
	if std::fs::read_link(&link).ok().as_deref() == Some(workspace) {
		return link;
	}
	let _ = std::fs::create_dir_all(profile_dir.join("wbuild"));
	// Replace atomically: another runtime variant's build script may be reading the link.
	let tmp = link.with_extension(format!("tmp{}", std::process::id()));
	let _ = std::fs::remove_file(&tmp);
	#[cfg(unix)]
	if std::os::unix::fs::symlink(workspace, &tmp).is_ok() && std::fs::rename(&tmp, &link).is_ok() {
		return link;
	}
	workspace.to_path_buf()
}

/// A variant differs from the main runtime only in a feature of the runtime crate, so it can reuse
/// the compiled WASM dependencies: point its WASM target directory at the main runtime's. Cargo's
/// lock on the directory serializes the builds.
#[cfg(feature = "std")]
fn share_wasm_target_with_main_runtime(package: &str) {
	use std::path::PathBuf;

	let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
	// OUT_DIR is <target>/<profile>/build/<pkg>-<hash>/out; wbuild sits beside build/.
	let Some(profile_dir) = out_dir.ancestors().nth(3) else { return };
	let wbuild = profile_dir.join("wbuild");
	let shared = wbuild.join("educhain-runtime").join("target");
	let ours = wbuild.join(package).join("target");
	if ours.exists() || ours.is_symlink() {
		return;
	}
	let _ = std::fs::create_dir_all(&shared);
	let _ = std::fs::create_dir_all(ours.parent().expect("has a parent"));
	#[cfg(unix)]
	let _ = std::os::unix::fs::symlink(&shared, &ours);
}

#[cfg(not(feature = "std"))]
fn main() {}
