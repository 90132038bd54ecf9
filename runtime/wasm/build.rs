//! Builds the runtime's WASM. The build script of `educhain-runtime-wasm`, which builds the
//! runtime crate (`runtime/`) itself, and of the runtime's variants, which build themselves: the
//! same runtime with one more feature, `tests/upgrade-runtime` (`upgrade-test`) and
//! `runtime/benchmarks-wasm` (`runtime-benchmarks`, built only when `EDUCHAIN_BENCH_WASM=1`).

#[cfg(feature = "std")]
fn main() {
	use std::{env, path::PathBuf};

	let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
	// The workspace root: this file's crate is in `runtime/` or `tests/`.
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
	let wbuild = wbuild_dir();
	// The main runtime's WASM project is the runtime crate: the same project, and so the same
	// bytes, as when the runtime crate built its own WASM. A variant is its own project.
	let project_dir = if package == "educhain-runtime-wasm" {
		workspace.join("runtime")
	} else {
		share_wasm_target_with_main_runtime(&wbuild, &package);
		manifest_dir.clone()
	};
	// The builder's own change tracking misses edits outside the crate it builds: the upgrade
	// test once ran a stale WASM with the old spec_version, and the main runtime once kept old
	// pallet weights after `scripts/weights.sh` rewrote them. Cargo scans these folders for any
	// change.
	for dir in ["runtime/src", "runtime/Cargo.toml", "pallets"] {
		println!("cargo:rerun-if-changed={}", workspace.join(dir).display());
	}

	// Build through paths that do not depend on the machine, so that every user, checkout and
	// target directory produces the same WASM bytes: the chain specs stay comparable and an
	// institution can rebuild the code hash a ministry authorizes (scripts/runtime-hash.sh).
	let source = source::link(&workspace, &wbuild);
	source::forget_other_checkouts(&wbuild.join("educhain-runtime").join("target"), &workspace);
	let project = source.path.join(project_dir.strip_prefix(&workspace).expect("inside the workspace"));

	// The target directory may live outside the workspace (scripts use ~/.cache/educhain/target):
	// tell the builder where the workspace, and so Cargo.lock, is, so the WASM uses locked versions.
	env::set_var("WASM_BUILD_WORKSPACE_HINT", &source.path);
	// Unset is the usual case; flags that are not text cannot be passed on.
	let mut rustflags = match env::var("WASM_BUILD_RUSTFLAGS") {
		Err(env::VarError::NotPresent) => String::new(),
		other => other.expect("WASM_BUILD_RUSTFLAGS is text"),
	};
	for (from, to) in path_remaps(&wbuild, &source.path) {
		rustflags.push_str(&format!(" --remap-path-prefix={}={to}", from.display()));
	}
	env::set_var("WASM_BUILD_RUSTFLAGS", rustflags);

	let project_name =
		if package == "educhain-runtime-wasm" { "educhain-runtime" } else { package.as_str() };
	blobs::discard_if_inconsistent(&wbuild.join(project_name), &project_name.replace('-', "_"));

	substrate_wasm_builder::WasmBuilder::new()
		.with_project(project.join("Cargo.toml"))
		.expect("the runtime's Cargo.toml exists")
		.import_memory()
		.export_heap_base()
		.build();
	drop(source); // holds the link until the WASM is built
}

/// The folder where substrate-wasm-builder makes each WASM project, `<target>/<profile>/wbuild`
/// (OUT_DIR is `<target>/<profile>/build/<pkg>-<hash>/out`).
#[cfg(feature = "std")]
fn wbuild_dir() -> std::path::PathBuf {
	let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
	let profile_dir = out_dir.ancestors().nth(3).expect("OUT_DIR is four levels below the target");
	profile_dir.join("wbuild")
}

#[cfg(feature = "std")]
#[path = "build_source.rs"]
mod source;

#[cfg(feature = "std")]
#[path = "build_blobs.rs"]
mod blobs;

/// The machine's own paths that rustc would otherwise write into panic messages, each with the
/// fixed name it gets instead: the cargo registry (crates.io sources), the toolchain's library
/// sources (rustc shows them instead of `/rustc/<commit>` when `rust-src` is installed) and the
/// WASM projects in the target directory (sources generated by build scripts; the same for every
/// variant, so that they share compiled dependencies). The link to the checkout is already the
/// same everywhere; it gets a short name. Later entries win where two match, so the narrower
/// toolchain path comes after the cargo home.
#[cfg(feature = "std")]
fn path_remaps(wbuild: &std::path::Path, source: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
	use std::{env, path::PathBuf, process::Command};

	let home = env::var_os("HOME").map(PathBuf::from);
	let cargo_home =
		env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| home.map(|h| h.join(".cargo")));
	let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
	// Without the sysroot its sources would reach the WASM unremapped: fail instead.
	let output = |args: &[&str]| {
		let out = Command::new(&rustc).args(args).output().expect("rustc runs");
		assert!(out.status.success(), "rustc {args:?} failed");
		String::from_utf8(out.stdout).expect("rustc prints text")
	};
	let sysroot = PathBuf::from(output(&["--print", "sysroot"]).trim());
	let verbose = output(&["-vV"]);
	let commit = verbose
		.lines()
		.find_map(|l| l.strip_prefix("commit-hash: "))
		.expect("rustc -vV names its commit")
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
	add(sysroot.join("lib/rustlib/src/rust"), format!("/rustc/{commit}"));
	add(wbuild.to_path_buf(), "/wbuild".into());
	remaps.push((source.to_path_buf(), "/educhain".into()));
	remaps
}

/// A variant differs from the main runtime only in a feature of the runtime crate, so it can reuse
/// the compiled WASM dependencies: point its WASM target directory at the main runtime's. Cargo's
/// lock on the directory serializes the builds.
#[cfg(feature = "std")]
fn share_wasm_target_with_main_runtime(wbuild: &std::path::Path, package: &str) {
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
