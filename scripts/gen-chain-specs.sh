#!/usr/bin/env bash
# Regenerates the committed chain specs in OUT_DIR (default chain-specs/): dev.json (the
# single-node dev chain, which scripts/run-dev.sh runs), local.json and local-raw.json (the local
# network), and runtime-sources.sha256, the digest of the runtime's sources they were built from.
# Uses the built node ($EDUCHAIN_NODE) with its runtime: build it first (scripts/test.sh does, or
# `source scripts/env.sh && educhain_build_node`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

out="${1:-$EDUCHAIN_ROOT/chain-specs}"
mkdir -p "$out"
digest="$(educhain_runtime_sources_digest)" ||
	{ echo "gen-chain-specs: cannot digest the runtime's sources (is $EDUCHAIN_ROOT a git checkout?)" >&2; exit 1; }
"$EDUCHAIN_NODE" export-chain-spec --chain dev --output "$out/dev.json"
"$EDUCHAIN_NODE" export-chain-spec --chain local --output "$out/local.json"
"$EDUCHAIN_NODE" export-chain-spec --chain local --raw --output "$out/local-raw.json"
echo "$digest" > "$out/runtime-sources.sha256"
