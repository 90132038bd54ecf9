#!/usr/bin/env bash
# Prints the code hash of the runtime this checkout builds: what `ministry.authorize_upgrade`
# takes and what `system.apply_authorized_upgrade` checks (BLAKE2b-256 of the code as stored on
# chain, the compressed compact WASM).
#
#   scripts/runtime-hash.sh          # build the runtime from this checkout, print its hash
#   scripts/runtime-hash.sh FILE     # print the hash of a WASM file, e.g. the one proposed
#
# The build is reproducible (rust-toolchain.toml, runtime/build.rs): on the commit a ministry
# names, every institution gets the same hash, whatever its machine, user or paths.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if (($# > 1)); then
	echo "usage: $0 [WASM FILE]" >&2
	exit 2
fi
if (($# == 1)); then
	wasm=$1
	[[ -f $wasm ]] || { echo "runtime-hash: no such file: $wasm" >&2; exit 2; }
else
	"$EDUCHAIN_ROOT/scripts/setup.sh"
	educhain_build_node >&2 # the runtime is built with the node; reuses run-dev.sh's build
	wasm="$CARGO_TARGET_DIR/release/wbuild/educhain-runtime/educhain_runtime.compact.compressed.wasm"
fi
hash=$(b2sum -l 256 "$wasm" | cut -d' ' -f1)
echo "0x$hash  $wasm"
