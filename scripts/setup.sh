#!/usr/bin/env bash
# Installs what building educhain needs. Safe to run any number of times.
#   - apt: protobuf-compiler (libp2p's protobuf code), clang and libclang-dev (bindgen), and
#     iproute2 (`ip`, which the hostile_rpc test uses inside a network namespace of its own)
#   - rustup: the WASM targets and rust-src for the runtime build
set -euo pipefail

missing=()
command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
command -v clang >/dev/null 2>&1 || missing+=(clang)
dpkg -s libclang-dev >/dev/null 2>&1 || missing+=(libclang-dev)
command -v ip >/dev/null 2>&1 || [[ -x /usr/sbin/ip ]] || missing+=(iproute2)
if ((${#missing[@]})); then
	sudo=""
	[[ $(id -u) -eq 0 ]] || sudo=sudo
	echo "setup: installing ${missing[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v rustup >/dev/null 2>&1; then
	echo "setup: rustup is required (https://rustup.rs)" >&2
	exit 1
fi
installed_targets=$(rustup target list --installed)
# wasm32-unknown-unknown is the classic runtime target; wasm32v1-none is the one
# substrate-wasm-builder prefers on Rust >= 1.84 (no need to rebuild `core` from source).
for target in wasm32-unknown-unknown wasm32v1-none; do
	grep -qx "$target" <<<"$installed_targets" || rustup target add "$target"
done
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
