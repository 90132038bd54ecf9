#!/usr/bin/env bash
# Regenerates the local network's chain specs: OUT_DIR/local.json (plain) and
# OUT_DIR/local-raw.json (raw). OUT_DIR defaults to chain-specs/.
# Uses the built node ($EDUCHAIN_NODE); build it first (scripts/test.sh or run-dev.sh do).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

out="${1:-$EDUCHAIN_ROOT/chain-specs}"
mkdir -p "$out"
"$EDUCHAIN_NODE" export-chain-spec --chain local --output "$out/local.json"
"$EDUCHAIN_NODE" export-chain-spec --chain local --raw --output "$out/local-raw.json"
