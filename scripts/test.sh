#!/usr/bin/env bash
# Runs all tests (the README's test command): unit tests of every crate, then the end-to-end
# tests, which start real nodes on loopback. Extra arguments are passed to the test binaries.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

"$EDUCHAIN_ROOT/scripts/setup.sh"
educhain_build
cd "$EDUCHAIN_ROOT"
# One test at a time: the end-to-end tests run up to four nodes each, on a 2-core machine.
cargo test --release --locked --workspace -- --test-threads=1 "$@"
