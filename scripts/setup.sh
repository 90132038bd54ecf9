#!/usr/bin/env bash
# Installs what building educhain needs. Safe to run any number of times.
#   - apt (Debian or Ubuntu; run on Debian 12): a C toolchain, make and perl (C parts of crates),
#     libssl-dev and pkg-config (the node links the system's OpenSSL), protobuf-compiler
#     (libp2p's protobuf code), clang and libclang-dev (bindgen), and iproute2 (`ip`, which the
#     hostile_rpc test uses inside a network namespace of its own), nodejs and npm (the
#     independent check of signed credentials, tests/interop; the verification page, web/), and
#     chromium with chromium-driver and firefox-esr (the page's browser tests, headless)
#   - rustup: the toolchain rust-toolchain.toml pins, with the runtime's WASM target
#   - npm: tests/interop's and web/'s packages, at the versions their package-lock.json files pin
# As root it installs with apt-get; otherwise with sudo if there is one. Without either it prints
# the exact packages to install and exits 1.
set -euo pipefail

has_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
command -v cc >/dev/null 2>&1 || missing+=(gcc)
command -v c++ >/dev/null 2>&1 || missing+=(g++)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v perl >/dev/null 2>&1 || missing+=(perl)
command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
command -v clang >/dev/null 2>&1 || missing+=(clang)
has_pkg libclang-dev || missing+=(libclang-dev)
has_pkg libssl-dev || missing+=(libssl-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v ip >/dev/null 2>&1 || [[ -x /usr/sbin/ip ]] || missing+=(iproute2)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
[[ -x /usr/bin/firefox-esr ]] || missing+=(firefox-esr)
if ((${#missing[@]})); then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "setup: this is not a Debian or Ubuntu system; install the equivalents of: ${missing[*]}" >&2
		exit 1
	fi
	if [[ $(id -u) -eq 0 ]]; then
		as_root=()
	elif command -v sudo >/dev/null 2>&1; then
		as_root=(sudo)
	else
		echo "setup: not root and no sudo; as root, run: apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	echo "setup: installing ${missing[*]}"
	"${as_root[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v rustup >/dev/null 2>&1; then
	echo "setup: rustup is required (https://rustup.rs)" >&2
	exit 1
fi
# The toolchain rust-toolchain.toml pins, with the runtime's WASM target.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32v1-none; then
	channel=$(sed -n 's/^channel = "\(.*\)"$/\1/p' rust-toolchain.toml)
	rustup toolchain install "$channel" --profile minimal --target wasm32v1-none
fi
# The packages of the independent check of signed credentials and of the verification page, as
# their lockfiles pin them.
for dir in tests/interop web; do
	if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
	fi
done
