//! The committed chain specs are what the script generates, their recorded digest tells a changed
//! runtime from theirs, and the ministry template turns into a live chain spec once filled in.

use educhain_e2e::node::node_binary;
use sp_core::crypto::Ss58Codec;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use std::{path::PathBuf, process::Command};

fn root() -> PathBuf {
	educhain_e2e::root()
}

/// The `:code` storage key, under which the raw spec holds the runtime.
const CODE_KEY: &str = "0x3a636f6465";

/// The runtime version embedded in a (possibly compressed) WASM blob given as hex, with its APIs
/// sorted: the linker does not keep their order stable from one build to the next.
fn runtime_version(code_hex: &str) -> sc_executor::RuntimeVersion {
	let code = hex::decode(code_hex.trim_start_matches("0x")).expect("hex code");
	let blob = sc_executor_common::runtime_blob::RuntimeBlob::uncompress_if_needed(&code)
		.expect("a WASM runtime");
	let mut version =
		sc_executor::read_embedded_version(&blob).expect("readable").expect("a version section");
	let mut apis = version.apis.to_vec();
	apis.sort();
	version.apis = apis.into();
	version
}

/// A chain spec file as JSON.
fn read_spec(path: &std::path::Path) -> serde_json::Value {
	let text =
		std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
	serde_json::from_str(&text).expect("JSON chain spec")
}

/// Take the runtime code out of a plain or raw spec, leaving the rest to compare exactly.
fn split_code(spec: &mut serde_json::Value) -> String {
	let genesis = &mut spec["genesis"];
	let slot = if genesis.get("raw").is_some() {
		genesis["raw"]["top"].get_mut(CODE_KEY)
	} else {
		genesis["runtimeGenesis"].get_mut("code")
	};
	slot.map(serde_json::Value::take)
		.and_then(|v| v.as_str().map(str::to_string))
		.expect("the spec holds the runtime code")
}

/// The committed specs are exactly what the script generates now, runtime code included: the
/// runtime builds reproducibly (see `reproducible.rs`), so its bytes do not depend on the machine,
/// user or paths. When only the code differs, the message says whether the
/// runtime version differs too (a forgotten regeneration) or only the bytes (a build that is not
/// reproducible).
#[test]
fn committed_specs_match_the_generator() {
	let out = tempfile::tempdir().unwrap();
	let status = Command::new(root().join("scripts/gen-chain-specs.sh"))
		.arg(out.path())
		.env("EDUCHAIN_NODE", node_binary())
		.status()
		.expect("run gen-chain-specs.sh");
	assert!(status.success());
	let digest = |dir: &std::path::Path| {
		std::fs::read_to_string(dir.join("runtime-sources.sha256")).expect("a recorded digest")
	};
	assert_eq!(
		digest(&root().join("chain-specs")),
		digest(out.path()),
		"chain-specs/ were generated from other runtime sources: run scripts/gen-chain-specs.sh and \
		 commit the result (scripts/run-dev.sh runs chain-specs/dev.json only while they match)"
	);
	for file in ["dev.json", "local.json", "local-raw.json"] {
		let mut generated = read_spec(&out.path().join(file));
		let mut committed = read_spec(&root().join("chain-specs").join(file));
		let (generated_code, committed_code) = (split_code(&mut generated), split_code(&mut committed));
		assert!(
			generated == committed,
			"chain-specs/{file} is stale: run scripts/gen-chain-specs.sh and commit the result"
		);
		assert_eq!(
			runtime_version(&committed_code),
			runtime_version(&generated_code),
			"chain-specs/{file} holds another runtime version: regenerate it"
		);
		assert!(
			generated_code == committed_code,
			"chain-specs/{file}: same runtime version but other WASM bytes ({} against {} hex \
			 characters); either the runtime changed without a spec_version bump, or this build is not \
			 reproducible: {}",
			generated_code.len(),
			committed_code.len(),
			why_not_reproducible()
		);
	}
}

/// What may have kept this build from the committed bytes: the WASM is built through a link at a
/// fixed path (runtime/build_source.rs), which another user's build may own.
fn why_not_reproducible() -> String {
	let link = std::fs::read_link("/tmp/educhain-runtime-src");
	let here = root().canonicalize().expect("the checkout");
	match link {
		Ok(to) if to.canonicalize().ok().as_ref() == Some(&here) =>
			"is the toolchain rust-toolchain.toml's?".into(),
		Ok(to) => format!(
			"/tmp/educhain-runtime-src points at {} (another user's link?), so the WASM was built \
			 from a path of its own",
			to.display()
		),
		Err(e) => format!("no link /tmp/educhain-runtime-src ({e})"),
	}
}

/// Whether `scripts/env.sh` finds the specs in `dir` current for the sources there.
fn specs_are_current(dir: &std::path::Path) -> bool {
	let status = Command::new("bash")
		.args(["-c", "source scripts/env.sh && educhain_specs_are_current"])
		.current_dir(dir)
		.status()
		.expect("run bash");
	status.success()
}

/// scripts/run-dev.sh runs the committed dev spec only while the runtime's sources are those it
/// was generated from: any change to a pallet, the runtime or the lock file, or a new file among
/// them, and it builds the runtime instead. Shown on a copy of the checkout.
#[test]
fn a_changed_runtime_source_makes_the_committed_specs_stale() {
	let copy = tempfile::tempdir().expect("a temporary directory");
	let dir = copy.path();
	for path in ["runtime", "pallets", "Cargo.toml", "Cargo.lock", "rust-toolchain.toml", "chain-specs", "scripts", ".gitignore"] {
		let status = Command::new("cp").arg("-r").arg(root().join(path)).arg(dir).status().expect("run cp");
		assert!(status.success(), "copy {path}");
	}
	let git = Command::new("git").args(["init", "-q"]).current_dir(dir).status().expect("run git");
	assert!(git.success());
	assert!(specs_are_current(dir), "the copy's specs are current, as the checkout's are");

	let pallet = dir.join("pallets/coins/src/lib.rs");
	let original = std::fs::read_to_string(&pallet).expect("the pallet's source");
	std::fs::write(&pallet, format!("{original}\n")).expect("change the pallet");
	assert!(!specs_are_current(dir), "a changed pallet left the specs current");
	std::fs::write(&pallet, &original).expect("restore the pallet");
	assert!(specs_are_current(dir));

	std::fs::write(dir.join("runtime/src/new_module.rs"), "").expect("a new file");
	assert!(!specs_are_current(dir), "a new runtime file left the specs current");
	std::fs::remove_file(dir.join("runtime/src/new_module.rs")).expect("remove it");

	std::fs::write(dir.join("chain-specs/runtime-sources.sha256"), "0\n").expect("a wrong digest");
	assert!(!specs_are_current(dir), "a wrong recorded digest was taken");
}

fn build_spec(template: &std::path::Path) -> std::process::Output {
	Command::new(node_binary())
		.args(["build-spec", "--chain"])
		.arg(template)
		.output()
		.expect("run build-spec")
}

#[test]
fn unfilled_ministry_template_is_refused_with_the_field_named() {
	let output = build_spec(&root().join("chain-specs/ministry.template.json"));
	assert!(!output.status.success());
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(stderr.contains("ministry[0]"), "{stderr}");
	assert!(stderr.contains("REPLACE_WITH_MINISTRY_ACCOUNT"), "{stderr}");
}

/// Run `build-spec` on the ministry template filled in with Ferdie as the ministry, Eve as the
/// founding institution, and Eve's keys on the authority owned by `authority_owner`.
fn build_filled_template(authority_owner: Sr25519Keyring) -> std::process::Output {
	let template = std::fs::read_to_string(root().join("chain-specs/ministry.template.json"))
		.unwrap()
		.replace("REPLACE_WITH_MINISTRY_ACCOUNT", &Sr25519Keyring::Ferdie.to_account_id().to_ss58check())
		// The first occurrence is the institution, the second the authority's owner.
		.replacen("REPLACE_WITH_INSTITUTION_ACCOUNT", &Sr25519Keyring::Eve.to_account_id().to_ss58check(), 1)
		.replace("REPLACE_WITH_INSTITUTION_ACCOUNT", &authority_owner.to_account_id().to_ss58check())
		.replace("REPLACE_WITH_AURA_SR25519_KEY", &Sr25519Keyring::Eve.public().to_ss58check())
		.replace("REPLACE_WITH_GRANDPA_ED25519_KEY", &Ed25519Keyring::Eve.public().to_ss58check());
	let dir = tempfile::tempdir().unwrap();
	let path = dir.path().join("country.template.json");
	std::fs::write(&path, template).unwrap();
	build_spec(&path)
}

#[test]
fn filled_ministry_template_builds_a_live_spec() {
	let output = build_filled_template(Sr25519Keyring::Eve);
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	let spec: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON spec");
	assert_eq!(spec["chainType"], "Live");
	assert_eq!(spec["id"], "educhain_national");
	let patch = &spec["genesis"]["runtimeGenesis"]["patch"];
	assert_eq!(
		patch["ministry"]["accounts"][0],
		Sr25519Keyring::Ferdie.to_account_id().to_ss58check()
	);
	assert_eq!(patch["session"]["keys"].as_array().map(Vec::len), Some(1));
	assert_eq!(patch["registry"]["institutions"].as_array().map(Vec::len), Some(1));
	assert_eq!(patch["registry"]["sessionLength"], 1200, "a realistic session length");
}

#[test]
fn a_template_authority_must_belong_to_the_ministry_or_an_institution() {
	let output = build_filled_template(Sr25519Keyring::Dave);
	assert!(!output.status.success());
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(stderr.contains("authorities[0]"), "{stderr}");
}
