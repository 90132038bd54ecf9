#!/usr/bin/env bash
# Regenerates every educhain pallet's weights.rs with the node's benchmark CLI.
#
#   scripts/weights.sh                 # all educhain pallets
#   scripts/weights.sh pallet_ministry # one pallet
#
# Builds the runtime's WASM with `runtime-benchmarks` (runtime/benchmarks-wasm; the first time
# this recompiles the WASM dependencies with that feature), then runs
# `educhain-node benchmark pallet` against it. Run it on a quiet machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

"$EDUCHAIN_ROOT/scripts/setup.sh"
educhain_build --features educhain-node/benchmark
# Workspace-wide, so features resolve as in every other build and nothing else recompiles.
EDUCHAIN_BENCH_WASM=1 educhain_cargo_build --workspace --lib
wasm="$CARGO_TARGET_DIR/release/wbuild/educhain-runtime-benchmarks/educhain_runtime_benchmarks.compact.compressed.wasm"

# pallet name -> directory
declare -A pallets=(
	[pallet_ministry]=pallets/ministry
	[pallet_admission]=pallets/admission
	[pallet_registry]=pallets/registry
	[pallet_transcripts]=pallets/transcripts
	[pallet_credentials]=pallets/credentials
	[pallet_coins]=pallets/coins
	[pallet_fl_ledger]=pallets/fl-ledger
)
selected=("$@")
((${#selected[@]})) || selected=("${!pallets[@]}")

cd "$EDUCHAIN_ROOT"
for pallet in "${selected[@]}"; do
	dir=${pallets[$pallet]:?unknown pallet $pallet}
	echo "benchmarking $pallet"
	"$EDUCHAIN_NODE" benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder runtime --genesis-builder-preset development \
		--pallet "$pallet" --extrinsic '*' \
		--steps "${STEPS:-50}" --repeat "${REPEAT:-20}" \
		--wasm-execution compiled \
		--template scripts/weight-template.hbs \
		--output "$dir/src/weights.rs"
done

# The transaction extensions every signed extrinsic pays for; polkadot-sdk's defaults price
# their storage access for RocksDB, and educhain runs ParityDB.
if ((${#@} == 0)); then
	echo "benchmarking frame_system_extensions"
	"$EDUCHAIN_NODE" benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder runtime --genesis-builder-preset development \
		--pallet frame_system_extensions --extrinsic '*' \
		--steps "${STEPS:-50}" --repeat "${REPEAT:-20}" \
		--wasm-execution compiled \
		--output runtime/src/weights/frame_system_extensions.rs
fi
