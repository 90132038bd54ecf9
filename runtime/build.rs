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

	// Build through paths that do not depend on the machine, so that every user, checkout and
	// target directory produces the same WASM bytes: the chain specs stay comparable and an
	// institution can rebuild the code hash a ministry authorizes (scripts/runtime-hash.sh).
	let wasm_project = wasm_project_dir(&package);
	let stable = stable_workspace_path(&workspace, &wasm_project);
	let project = stable.join(manifest_dir.strip_prefix(&workspace).expect("inside the workspace"));

	// The target directory may live outside the workspace (scripts use ~/.cache/educhain/target):
	// tell the builder where the workspace, and so Cargo.lock, is, so the WASM uses locked versions.
	env::set_var("WASM_BUILD_WORKSPACE_HINT", &stable);
	let mut rustflags = env::var("WASM_BUILD_RUSTFLAGS").unwrap_or_default();
	let wbuild = wasm_project.parent().expect("wbuild/<package>");
	for (from, to) in path_remaps(wbuild) {
		rustflags.push_str(&format!(" --remap-path-prefix={}={to}", from.display()));
	}
	env::set_var("WASM_BUILD_RUSTFLAGS", rustflags);

	substrate_wasm_builder::WasmBuilder::new()
		.with_project(project.join("Cargo.toml"))
		.expect("the runtime's Cargo.toml exists")
		.import_memory()
		.export_heap_base()
		.build();
}

/// The folder where substrate-wasm-builder makes the WASM project of `package`:
/// `<target>/<profile>/wbuild/<package>` (OUT_DIR is `<target>/<profile>/build/<pkg>-<hash>/out`).
#[cfg(feature = "std")]
fn wasm_project_dir(package: &str) -> std::path::PathBuf {
	let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
	let profile_dir = out_dir.ancestors().nth(3).expect("OUT_DIR is four levels below the target");
	profile_dir.join("wbuild").join(package)
}

/// Cargo hashes a path dependency's location into its symbol names unless the dependency lies
/// inside the workspace being built, and then it names its files relative to that workspace. A
/// symlink inside the WASM project (`wbuild/<package>/educhain-src`) pointing at the checkout
/// puts the runtime and pallets there, so neither the checkout path nor the target directory
/// reaches the WASM. Falls back to the real path when the link cannot be made.
#[cfg(feature = "std")]
fn stable_workspace_path(
	workspace: &std::path::Path,
	wasm_project: &std::path::Path,
) -> std::path::PathBuf {
	let link = wasm_project.join("educhain-src");
	if std::fs::read_link(&link).ok().as_deref() == Some(workspace) {
		return link;
	}
	if std::fs::create_dir_all(wasm_project).is_err() {
		return workspace.to_path_buf();
	}
	// Replace atomically: a build of another checkout may be reading the link.
	let tmp = link.with_extension(format!("tmp{}", std::process::id()));
	let _ = std::fs::remove_file(&tmp); // absent in the usual case
	#[cfg(unix)]
	if std::os::unix::fs::symlink(workspace, &tmp).is_ok() && std::fs::rename(&tmp, &link).is_ok() {
		return link;
	}
	workspace.to_path_buf()
}

/// The machine's own paths that rustc would otherwise write into panic messages, each with the
/// fixed name it gets instead: the cargo registry (crates.io sources), the toolchain's library
/// sources (rustc shows them instead of `/rustc/<commit>` when `rust-src` is installed) and the
/// WASM projects in the target directory (sources generated by build scripts; the same for every
/// variant, so that they share compiled dependencies). Later entries win where two match, so the
/// narrower toolchain path comes after the cargo home.
#[cfg(feature = "std")]
fn path_remaps(wbuild: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
	use std::{env, path::PathBuf, process::Command};

	let home = env::var_os("HOME").map(PathBuf::from);
	let cargo_home =
		env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| home.map(|h| h.join(".cargo")));
	let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
	let output = |args: &[&str]| {
		Command::new(&rustc)
			.args(args)
			.output()
			.ok()
			.and_then(|o| String::from_utf8(o.stdout).ok())
			.unwrap_or_default()
	};
	let sysroot = PathBuf::from(output(&["--print", "sysroot"]).trim());
	let verbose = output(&["-vV"]);
	let commit = verbose
		.lines()
		.find_map(|l| l.strip_prefix("commit-hash: "))
		.unwrap_or("unknown")
		.to_string();

	let mut remaps = Vec::new();
	let mut add = |path: PathBuf, to: String| {
		// Symlinked homes and toolchains: rustc may see either form.
		if let Ok(real) = path.canonicalize() {
			if real != path {
				remaps.push((real, to.clone()));
			}
		}
		remaps.push((path, to));
	};
	if let Some(cargo_home) = cargo_home {
		add(cargo_home, "/cargo".into());
	}
	if !sysroot.as_os_str().is_empty() {
		add(sysroot.join("lib/rustlib/src/rust"), format!("/rustc/{commit}"));
	}
	add(wbuild.to_path_buf(), "/wbuild".into());
	remaps
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
