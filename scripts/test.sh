#!/usr/bin/env bash
# Runs all tests (the README's test command): unit tests of every crate, then the end-to-end
# tests, which start real nodes on loopback. Extra arguments are passed to the test binaries.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

"$EDUCHAIN_ROOT/scripts/setup.sh"
educhain_build
cd "$EDUCHAIN_ROOT"
# Five tests at a time: an end-to-end test mostly waits for 3-second blocks (at five, the two
# cores were still idle about half the time). Those that load a node to its limits or measure a
# node's service run alone (tests/tests/e2e/main.rs says how).
cargo test --release --locked --workspace -- --test-threads=5 "$@"

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
	(IFS=,; cargo test --release --locked "${packages[@]}" --features "${features[*]}" -- --test-threads=2 benchmarking::)
fi
