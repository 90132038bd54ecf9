#!/usr/bin/env bash
# Installs what educhain needs and this machine lacks. Safe to run any number of times.
#   scripts/setup.sh [--page | --tests] [--check]
# - always (the build, and so every script): a C and C++ compiler (cc, c++: the C parts of crates
#   and Binaryen), pkg-config and OpenSSL's headers (the node links the system's OpenSSL),
#   protoc (libp2p's protobuf code) and git (the scripts tell the committed runtime by its
#   sources); then, through rustup, the toolchain rust-toolchain.toml pins with the runtime's WASM
#   target
# - --page (scripts/verify-page.sh): Node.js (NODE_MIN below) with npm, curl, and web/'s
#   packages as web/package-lock.json pins them
# - --tests (scripts/test.sh): the page's, `ip` (iproute2: hostile_rpc's network namespace),
#   strace (files' test that a write reaches the disk in order),
#   Chromium and Firefox for the page's browser tests (Debian's /usr/bin/chromium and
#   /usr/bin/firefox-esr, or the binaries CHROMIUM and FIREFOX name), and tests/interop's packages
# - --check: install nothing; print everything that is missing and exit 1 if anything is
# A tool counts as present when it is on the PATH (OpenSSL when pkg-config knows it), however it
# got there, so any Linux that has them passes. What is missing is installed with apt-get (Debian,
# Ubuntu), as root or through sudo, when apt offers a version that serves; when it does not (no
# apt, or, on Ubuntu, browsers that come only as snaps), nothing is installed: setup prints what
# to install, and how, with what it will install itself once those are there, and exits 1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The oldest Node.js that every package in web/package-lock.json accepts (Vite 8,
# playwright-core and @noble/hashes: their `engines`).
NODE_MIN=20.19.0
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
FIREFOX=${FIREFOX:-/usr/bin/firefox-esr}

scope=build check=false
for arg; do
	case $arg in
		--page) [[ $scope == tests ]] || scope=page ;;
		--tests) scope=tests ;;
		--check) check=true ;;
		*) echo "usage: scripts/setup.sh [--page | --tests] [--check]" >&2; exit 2 ;;
	esac
done

packages=() # Debian packages apt-get will install
manual=()   # what apt cannot provide here, a line each

has() { command -v "$1" >/dev/null 2>&1; }
# Succeeds when version $1 is $2 or later.
at_least() { [[ $(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1) == "$2" ]]; }
# The version of package $1 that apt would install (without epoch or Debian revision), or nothing.
candidate() {
	has apt-cache || return 0
	apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: \(.*\)$/\1/p' | grep -v '^(none)$' |
		sed 's/^[0-9]*://; s/[-+~].*$//' || true
}
# Package $1 is needed, for $2 (what it gives, for the message when apt does not have it).
need() {
	if [[ -n $(candidate "$1") ]]; then packages+=("$1"); else manual+=("$2"); fi
}

has cc || need gcc "a C compiler (cc)"
has c++ || need g++ "a C++ compiler (c++)"
has pkg-config || need pkg-config "pkg-config"
{ has pkg-config && pkg-config --exists openssl; } || need libssl-dev "OpenSSL's headers, known to pkg-config as openssl"
has protoc || need protobuf-compiler "protoc (the protobuf compiler)"
has git || need git "git"
if [[ $scope != build ]]; then
	found=$(node --version 2>/dev/null | sed 's/^v//') || found=
	if [[ -z $found ]] || ! at_least "$found" "$NODE_MIN"; then
		offered=$(candidate nodejs)
		if [[ -n $offered ]] && at_least "$offered" "$NODE_MIN"; then
			packages+=(nodejs)
		else
			manual+=("Node.js $NODE_MIN or later (this machine has ${found:-none}, apt offers ${offered:-none}): from nodejs.org or with nvm")
		fi
	fi
	has npm || need npm "npm"
	has curl || need curl "curl"
fi
if [[ $scope == tests ]]; then
	has ip || [[ -x /usr/sbin/ip ]] || need iproute2 "ip (iproute2)"
	has strace || need strace "strace"
	[[ -x $CHROMIUM ]] || need chromium "Chromium at $CHROMIUM, or CHROMIUM=<its path> (Ubuntu: snap install chromium; CHROMIUM=/snap/bin/chromium)"
	[[ -x $FIREFOX ]] || need firefox-esr "Firefox at $FIREFOX, or FIREFOX=<its path> (Ubuntu: snap install firefox; FIREFOX=/snap/bin/firefox)"
fi

has rustup || manual+=("rustup, which installs the Rust toolchain rust-toolchain.toml pins (https://rustup.rs)")
channel=$(sed -n 's/^channel = "\(.*\)"$/\1/p' rust-toolchain.toml)
toolchain=present
if has rustup && ! rustup target list --installed 2>/dev/null | grep -qx wasm32v1-none; then
	toolchain=missing
fi
# The npm packages not yet installed as their lockfiles pin them.
dirs=() npm_dirs=()
[[ $scope == build ]] || dirs+=(web)
[[ $scope != tests ]] || dirs+=(tests/interop)
for dir in "${dirs[@]}"; do
	if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
		npm_dirs+=("$dir")
	fi
done

# Everything missing is said in one report, so that one round of installing is enough.
if ((${#manual[@]})); then
	echo "setup: apt cannot install these here; install them, then run this again:" >&2
	printf '  - %s\n' "${manual[@]}" >&2
fi
if $check; then
	missing=()
	((${#packages[@]} == 0)) || missing+=("${packages[*]} (apt-get install -y ${packages[*]})")
	[[ $toolchain == present ]] || missing+=("the Rust toolchain $channel with the wasm32v1-none target")
	for dir in "${npm_dirs[@]}"; do
		missing+=("$dir's npm packages (npm ci in $dir)")
	done
	((${#missing[@]} == 0)) || printf 'setup: missing: %s\n' "${missing[@]}" >&2
	((${#manual[@]} + ${#missing[@]} == 0)) || exit 1
	exit 0
fi
if ((${#manual[@]})); then
	# Nothing is installed until everything can be.
	((${#packages[@]} == 0)) || echo "setup: then this installs the rest with apt-get: ${packages[*]}" >&2
	exit 1
fi
if ((${#packages[@]})); then
	if [[ $(id -u) -eq 0 ]]; then
		as_root=()
	elif has sudo; then
		as_root=(sudo)
	else
		echo "setup: not root and no sudo; as root, run: apt-get install -y ${packages[*]}" >&2
		exit 1
	fi
	echo "setup: installing ${packages[*]}"
	"${as_root[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
fi
# The toolchain rust-toolchain.toml pins, with the runtime's WASM target.
[[ $toolchain == present ]] || rustup toolchain install "$channel" --profile minimal --target wasm32v1-none
for dir in "${npm_dirs[@]}"; do
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
done
