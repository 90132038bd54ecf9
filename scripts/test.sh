#!/usr/bin/env bash
# Runs all tests (the README's test command): unit tests of every crate, then the end-to-end
# tests, which start real nodes on loopback. Extra arguments are passed to the test binaries.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

"$EDUCHAIN_ROOT/scripts/setup.sh"
# The runtime-less node (below) differs from the full build in the node's features alone (and
# in the WASM crate's, which it does not build), so that it shares every other compiled crate with
# it (env.sh's educhain_flags_without_runtime).
features() {
	(cd "$EDUCHAIN_ROOT" && cargo tree --locked --workspace -e normal,build -f '{p} {f}' --prefix none "$@" | sort -u)
}
full=$(features)
# shellcheck disable=SC2046
without=$(features $(educhain_flags_without_runtime))
if diff <(echo "$full") <(echo "$without") | grep '^[<>]' | grep -Ev '^[<>] educhain-(node|runtime-wasm) v'; then
	echo "test.sh: the runtime-less node's build resolves other features than the full build (above)" >&2
	exit 1
fi
# The node as run-dev.sh and local-network.sh build it, without the runtime's WASM, kept beside
# the others for the test that runs it on the committed dev spec (shared::run_dev).
educhain_build_node_without_runtime
cp -f "$CARGO_TARGET_DIR/release/educhain-node" "$CARGO_TARGET_DIR/release/educhain-node-without-runtime"
educhain_build
cd "$EDUCHAIN_ROOT"
# Five tests at a time: an end-to-end test mostly waits for 3-second blocks (at five, the two
# cores were still idle about half the time). Those that load a node to its limits or measure a
# node's service run alone (tests/tests/e2e/main.rs says how).
educhain_cargo test --workspace -- --test-threads=5 "$@"

# The pallets' benchmarks, once each against their mocks (the full suite only): nothing else
# compiles them, and the weights come from them. A build of its own, so that
# `runtime-benchmarks` never reaches the node's crates.
if (($# == 0)); then
	packages=() features=()
	for dir in "$EDUCHAIN_ROOT"/pallets/*/; do
		pallet="pallet-$(basename "$dir")"
		packages+=(-p "$pallet")
		features+=("$pallet/runtime-benchmarks")
	done
	(IFS=,; educhain_cargo test "${packages[@]}" --features "${features[*]}" -- --test-threads=2 benchmarking::)
fi
