#!/usr/bin/env bash
# Runs all tests (the README's test command): unit tests of every crate, then the end-to-end
# tests, which start real nodes on loopback. Extra arguments are passed to the test binaries.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

"$EDUCHAIN_ROOT/scripts/setup.sh" --tests
# Each crate is to be compiled once, with the same features, by every build below. Two checks,
# from `cargo tree`'s feature resolution (seconds, nothing built):
features() {
	local edges=$1
	shift
	(cd "$EDUCHAIN_ROOT" && cargo tree --locked --workspace -e "$edges" -f '{p} {f}' --prefix none "$@" | LC_ALL=C sort -u)
}
full=$(features normal,build)
# The runtime-less node (below) differs from the full build in the node's features alone (and
# in the WASM crate's, which it does not build), so that it shares every other compiled crate with
# it (env.sh's educhain_flags_without_runtime).
# shellcheck disable=SC2046
without=$(features normal,build $(educhain_flags_without_runtime))
if diff <(echo "$full") <(echo "$without") | grep '^[<>]' | grep -Ev '^[<>] educhain-(node|runtime-wasm) v'; then
	echo "test.sh: the runtime-less node's build resolves other features than the full build (above)" >&2
	exit 1
fi
# `cargo test` resolves features with the members' dev-dependencies, `cargo build` without: a
# dev-dependency that adds a feature to a crate the binaries use makes the test build compile that
# crate, and every crate above it, a second time (crypto_secretbox's default features once cost a
# cold run about 340 core-seconds: the client, the verifier, fl-client).
if LC_ALL=C comm -23 <(echo "$full") <(features normal,build,dev) | grep .; then
	echo "test.sh: with the dev-dependencies, the crates above get more features than in the build of the binaries; give the dev-dependency that adds them the binaries' features" >&2
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
