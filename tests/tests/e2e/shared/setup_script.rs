//! `scripts/setup.sh`, the first step of both README commands, on machines other than this one:
//! it runs with `--check` (nothing installed) on a copy of the script, with a `PATH` that holds
//! only the tools a case gives it. `apt-cache`, `node` and `rustup` are stand-ins that answer as a
//! Debian or Ubuntu machine would. What must hold: running a dev chain needs no browser and no
//! Node.js; a tool that works counts, however it was installed; and what apt cannot provide
//! (Debian 12's Node.js 18, Ubuntu's snap-only browsers, no apt at all) is named with what to do,
//! before anything is installed, in one report with everything else missing.

use educhain_e2e::node::run_bounded;
use std::{
	os::unix::fs::{symlink, PermissionsExt},
	path::PathBuf,
	process::Command,
	time::Duration,
};

/// A setup check reads a few files and runs a few stand-ins.
const LIMIT: Duration = Duration::from_secs(30);

/// What the build needs, as commands (`pkg-config` stands in for OpenSSL's headers too).
const BUILD_TOOLS: [&str; 5] = ["cc", "c++", "pkg-config", "protoc", "git"];

/// What the page and the tests need besides, when present.
const TEST_TOOLS: [&str; 4] = ["npm", "curl", "ip", "strace"];

/// A copy of the script in a checkout of its own, and a `bin` directory for its `PATH`.
struct Machine {
	dir: tempfile::TempDir,
	/// The browsers' paths, as CHROMIUM and FIREFOX.
	browsers: Option<(PathBuf, PathBuf)>,
}

impl Machine {
	/// A machine with every tool of `tools`, the Rust toolchain, no apt and no Node.js.
	fn with(tools: &[&str]) -> Machine {
		let dir = tempfile::tempdir().expect("a temporary directory");
		let root = educhain_e2e::root();
		std::fs::create_dir_all(dir.path().join("scripts")).expect("scripts/");
		std::fs::copy(root.join("scripts/setup.sh"), dir.path().join("scripts/setup.sh")).expect("setup.sh copied");
		std::fs::copy(root.join("rust-toolchain.toml"), dir.path().join("rust-toolchain.toml")).expect("toolchain file copied");
		let machine = Machine { dir, browsers: None };
		std::fs::create_dir(machine.bin()).expect("bin/");
		// What any shell script needs, from this machine.
		for tool in ["dirname", "sed", "grep", "sort", "head", "id"] {
			symlink(real(tool), machine.bin().join(tool)).expect("a link to a system tool");
		}
		machine.stand_in("rustup", "echo wasm32v1-none");
		for tool in tools {
			machine.stand_in(tool, "exit 0");
		}
		machine
	}

	fn bin(&self) -> PathBuf {
		self.dir.path().join("bin")
	}

	/// An executable `bin/name` running `body` (sh).
	fn stand_in(&self, name: &str, body: &str) -> PathBuf {
		let path = self.bin().join(name);
		std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("a stand-in written");
		std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("made executable");
		path
	}

	/// `apt-cache`, whose `policy` knows `packages` (`name=version`) as candidates.
	fn apt(self, packages: &[&str]) -> Machine {
		let known = packages.join(" ");
		self.stand_in(
			"apt-cache",
			&format!("for p in {known}; do case $p in \"$2=\"*) printf '%s:\\n  Installed: (none)\\n  Candidate: %s\\n' \"$2\" \"${{p#*=}}\";; esac; done"),
		);
		self
	}

	/// `node`, printing `version` as `node --version` does.
	fn node(self, version: &str) -> Machine {
		self.stand_in("node", &format!("echo v{version}"));
		self
	}

	/// Chromium and Firefox as executables outside the standard paths.
	fn browsers(mut self) -> Machine {
		let (chromium, firefox) = (self.stand_in("chromium-elsewhere", "exit 0"), self.stand_in("firefox-elsewhere", "exit 0"));
		self.browsers = Some((chromium, firefox));
		self
	}

	/// web/'s and tests/interop's packages installed, as `npm ci` leaves them.
	fn npm_packages(self) -> Machine {
		for dir in ["web", "tests/interop"] {
			let modules = self.dir.path().join(dir).join("node_modules");
			std::fs::create_dir_all(&modules).expect("node_modules/");
			std::fs::write(self.dir.path().join(dir).join("package-lock.json"), "{}").expect("a lockfile");
			// Written after the lockfile, so not older than it.
			std::fs::write(modules.join(".package-lock.json"), "{}").expect("npm's record");
		}
		self
	}

	/// `scripts/setup.sh --check` with `args`: whether it passed, and what it printed.
	fn check(&self, args: &[&str]) -> (bool, String) {
		self.setup(&[args, &["--check"]].concat())
	}

	/// `scripts/setup.sh` with `args`: whether it passed, and what it printed.
	fn setup(&self, args: &[&str]) -> (bool, String) {
		let mut command = Command::new(real("bash"));
		command.arg(self.dir.path().join("scripts/setup.sh")).args(args).env_clear().env("PATH", self.bin());
		let missing = self.dir.path().join("no-such-browser");
		let (chromium, firefox) = self.browsers.clone().unwrap_or((missing.clone(), missing));
		command.env("CHROMIUM", chromium).env("FIREFOX", firefox);
		let out = run_bounded(&mut command, LIMIT);
		(out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
	}
}

/// `name` on this machine's PATH.
fn real(name: &str) -> PathBuf {
	let path = std::env::var_os("PATH").expect("a PATH");
	std::env::split_paths(&path)
		.map(|dir| dir.join(name))
		.find(|candidate| candidate.is_file())
		.unwrap_or_else(|| panic!("{name} is not on this machine's PATH"))
}

#[test]
fn a_dev_chain_needs_the_build_tools_only() {
	let _gate = educhain_e2e::together();
	// No Node.js, no browser, no npm package, no apt: what run-dev.sh needs is there.
	let (passed, said) = Machine::with(&BUILD_TOOLS).check(&[]);
	assert!(passed, "{said}");
	assert!(said.is_empty(), "nothing to say when nothing is missing: {said}");
	// The tests need more, and say what.
	let (passed, said) = Machine::with(&BUILD_TOOLS).check(&["--tests"]);
	assert!(!passed);
	for what in ["Node.js 20.19.0 or later (this machine has none, apt offers none)", "npm", "curl", "strace", "CHROMIUM=", "FIREFOX="] {
		assert!(said.contains(what), "{what}: {said}");
	}
}

#[test]
fn what_apt_offers_is_installed_and_what_it_does_not_is_explained() {
	let _gate = educhain_e2e::together();
	let without_protoc: Vec<&str> = BUILD_TOOLS.into_iter().filter(|t| *t != "protoc").collect();
	// Debian: apt has it.
	let (passed, said) = Machine::with(&without_protoc).apt(&["protobuf-compiler=3.21.12-3"]).check(&[]);
	assert!(!passed);
	assert!(said.contains("missing: protobuf-compiler (apt-get install -y protobuf-compiler)"), "{said}");
	// No apt (Fedora, Arch, a container without it): the tool by name, nothing attempted.
	let (passed, said) = Machine::with(&without_protoc).check(&[]);
	assert!(!passed);
	assert!(said.contains("apt cannot install these here") && said.contains("protoc (the protobuf compiler)"), "{said}");
	assert!(!said.contains("apt-get"), "{said}");
}

#[test]
fn node_js_too_old_for_the_page_is_refused_with_both_versions() {
	let _gate = educhain_e2e::together();
	let tools: Vec<&str> = BUILD_TOOLS.iter().chain(&TEST_TOOLS).copied().collect();
	// Debian 12: its Node.js 18 cannot run Vite 8; apt has nothing newer.
	let debian_12 = Machine::with(&tools).node("18.19.0").apt(&["nodejs=18.19.0+dfsg-6~deb12u2"]);
	let (passed, said) = debian_12.check(&["--page"]);
	assert!(!passed);
	assert!(said.contains("Node.js 20.19.0 or later (this machine has 18.19.0, apt offers 18.19.0)"), "{said}");
	// Debian 13: apt's is new enough.
	let debian_13 = Machine::with(&tools).apt(&["nodejs=20.19.2+dfsg-1"]);
	let (passed, said) = debian_13.check(&["--page"]);
	assert!(!passed);
	assert!(said.contains("missing: nodejs"), "{said}");
	// A newer Node.js from anywhere serves; then only the page's packages are missing.
	let (passed, said) = Machine::with(&tools).node("22.12.0").check(&["--page"]);
	assert!(!passed);
	assert!(said.contains("web's npm packages"), "{said}");
	let (passed, said) = Machine::with(&tools).node("20.19.0").npm_packages().check(&["--page"]);
	assert!(passed, "{said}");
}

#[test]
fn browsers_apt_does_not_have_are_named_with_where_to_point_the_tests() {
	let _gate = educhain_e2e::together();
	let tools: Vec<&str> = BUILD_TOOLS.iter().chain(&TEST_TOOLS).copied().collect();
	// Ubuntu: no chromium or firefox-esr package (snaps only).
	let ubuntu = Machine::with(&tools).node("20.19.0").apt(&["nodejs=18.19.1+dfsg-6ubuntu5"]).npm_packages();
	let (passed, said) = ubuntu.check(&["--tests"]);
	assert!(!passed);
	assert!(said.contains("snap install chromium; CHROMIUM=/snap/bin/chromium"), "{said}");
	assert!(said.contains("snap install firefox; FIREFOX=/snap/bin/firefox"), "{said}");
	assert!(!said.contains("missing: nodejs"), "a new enough Node.js is kept: {said}");
	// Debian: apt has both.
	let debian = Machine::with(&tools).node("20.19.0").apt(&["chromium=156.0.8078.73-1~deb12u1", "firefox-esr=140.5.0esr-1~deb12u1"]);
	let (passed, said) = debian.npm_packages().check(&["--tests"]);
	assert!(!passed);
	assert!(said.contains("missing: chromium firefox-esr"), "{said}");
	// Browsers elsewhere, named by CHROMIUM and FIREFOX: everything is there.
	let (passed, said) = Machine::with(&tools).node("20.19.0").browsers().npm_packages().check(&["--tests"]);
	assert!(passed, "{said}");
}

#[test]
fn everything_missing_is_said_at_once_and_nothing_installed_until_all_can_be() {
	let _gate = educhain_e2e::together();
	let tools: Vec<&str> = BUILD_TOOLS.iter().chain(&TEST_TOOLS).copied().filter(|t| *t != "protoc").collect();
	// Debian 12: apt has protoc but no Node.js new enough, and web's packages are not installed.
	let debian_12 = || Machine::with(&tools).node("18.19.0").apt(&["protobuf-compiler=3.21.12-3", "nodejs=18.19.0+dfsg-6~deb12u2"]);
	let (passed, said) = debian_12().check(&["--page"]);
	assert!(!passed);
	let all = ["Node.js 20.19.0 or later (this machine has 18.19.0, apt offers 18.19.0)", "missing: protobuf-compiler (apt-get install -y protobuf-compiler)", "missing: web's npm packages"];
	for what in all {
		assert!(said.contains(what), "{what}: {said}");
	}
	// Installing: nothing is (apt-get would leave its mark), and what it will install is named.
	let machine = debian_12();
	let mark = machine.dir.path().join("apt-get ran");
	machine.stand_in("apt-get", &format!("touch '{}'", mark.display()));
	let (passed, said) = machine.setup(&["--page"]);
	assert!(!passed && !mark.exists(), "{said}");
	assert!(said.contains("Node.js 20.19.0 or later") && said.contains("then this installs the rest with apt-get: protobuf-compiler"), "{said}");
	// No rustup: named with the rest.
	let machine = debian_12();
	std::fs::remove_file(machine.bin().join("rustup")).expect("rustup's stand-in removed");
	let (passed, said) = machine.check(&["--page"]);
	assert!(!passed);
	for what in all.iter().chain(&["rustup, which installs the Rust toolchain rust-toolchain.toml pins"]) {
		assert!(said.contains(what), "{what}: {said}");
	}
}
