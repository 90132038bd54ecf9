//! The runtime's WASM names no path of the machine that built it: `runtime/build.rs` builds the
//! runtime through a link inside the WASM project and remaps the cargo registry, the toolchain
//! and the target directory, and `rust-toolchain.toml` pins the compiler. So one commit builds
//! the same bytes for anyone, which is what lets an institution rebuild the code hash a ministry
//! authorizes (`scripts/runtime-hash.sh`), and the committed chain specs compare byte for byte.

use std::{
	path::{Path, PathBuf},
	process::Command,
};

/// The places on this machine a build could write into the WASM: the checkout, the target
/// directory, the home directory, cargo's and rustup's homes and the toolchain's sysroot.
fn build_machine_paths() -> Vec<String> {
	let env_path = |name: &str| std::env::var_os(name).map(PathBuf::from);
	let home = env_path("HOME");
	let exe = std::env::current_exe().expect("own path");
	let mut paths = vec![
		educhain_e2e::root(),
		// <target>/<profile>/deps/<this test>
		exe.ancestors().nth(3).expect("inside a target directory").to_path_buf(),
	];
	paths.extend(home.clone());
	paths.extend(env_path("CARGO_HOME").or_else(|| home.as_ref().map(|h| h.join(".cargo"))));
	paths.extend(env_path("RUSTUP_HOME").or_else(|| home.as_ref().map(|h| h.join(".rustup"))));
	let sysroot = Command::new("rustc").args(["--print", "sysroot"]).output().expect("rustc runs");
	paths.push(PathBuf::from(String::from_utf8(sysroot.stdout).expect("a path").trim()));

	let mut names = Vec::new();
	for path in paths {
		for form in [path.canonicalize().ok(), Some(normal(&path))].into_iter().flatten() {
			let name = form.display().to_string();
			// `/` or `/root` alone would match any path at all; a home is checked as `/root/`.
			if name.len() > 1 && !names.contains(&name) {
				names.push(name);
			}
		}
	}
	names
}

/// `path` without `..` components (it may not exist, so no canonicalizing).
fn normal(path: &Path) -> PathBuf {
	let mut out = PathBuf::new();
	for part in path.components() {
		match part {
			std::path::Component::ParentDir => {
				out.pop();
			},
			other => out.push(other),
		}
	}
	out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
	haystack.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn the_runtime_wasm_names_no_path_of_the_build_machine() {
	let _gate = educhain_e2e::together();
	let paths = build_machine_paths();
	let runtimes = [
		("educhain-runtime", educhain_runtime_wasm::WASM_BINARY),
		("educhain-runtime-upgrade-test", educhain_runtime_upgrade_test::WASM_BINARY),
	];
	for (name, code) in runtimes {
		let code = code.expect("the runtime is built with its WASM");
		let wasm = sp_maybe_compressed_blob::decompress(code, 64 << 20).expect("a valid blob");
		for path in &paths {
			let needle = format!("{path}/");
			if let Some(at) = find(&wasm, needle.as_bytes()) {
				let end = (at + 120).min(wasm.len());
				panic!(
					"{name}'s WASM holds {path}, a path of the machine that built it: {:?}",
					String::from_utf8_lossy(&wasm[at..end])
				);
			}
		}
		// Files of the build are named as the remapping says.
		assert!(find(&wasm, b"/cargo/registry/src/").is_some(), "{name}: crates.io sources are under /cargo");
	}
}

/// `scripts/runtime-hash.sh FILE` prints the hash `ministry.authorize_upgrade` takes for FILE:
/// BLAKE2b-256 of the code as stored on chain.
#[test]
fn runtime_hash_prints_the_code_hash_the_chain_checks() {
	let _gate = educhain_e2e::together();
	let code = educhain_runtime_wasm::WASM_BINARY.expect("the runtime is built with its WASM");
	let file = tempfile::NamedTempFile::new().expect("a temporary file");
	std::fs::write(file.path(), code).expect("write the code");
	let root = educhain_e2e::root();
	let out = Command::new(root.join("scripts/runtime-hash.sh")).arg(file.path()).output().expect("run the script");
	assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
	let printed = String::from_utf8(out.stdout).expect("text");
	// What the runtime upgrade test authorizes, and `apply_authorized_upgrade` checks.
	let expected = format!("{:?}", <sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(code));
	assert_eq!(printed.split_whitespace().next(), Some(expected.as_str()), "{printed}");
}
