# Sourced by the other scripts: one build directory and one cargo profile for everything, so
# polkadot-sdk and the WASM runtime compile once and are shared by run-dev, tests and CI.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/educhain/target}"
# frame-benchmarking-cli builds a WASM runtime of its own, used only by `benchmark storage`,
# which educhain's node does not offer; skipping it saves minutes of every cold build.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
# litep2p's WebRTC asks for a vendored OpenSSL, three minutes of C in every cold build; link the
# system's (libssl-dev, which setup.sh installs) instead.
export OPENSSL_NO_VENDOR=1
EDUCHAIN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export EDUCHAIN_ROOT
export EDUCHAIN_NODE="${EDUCHAIN_NODE:-$CARGO_TARGET_DIR/release/educhain-node}"

# EDUCHAIN_TIMINGS=1 adds cargo's --timings report (target/cargo-timings/) to every build.
educhain_cargo_build() {
	local timings=()
	[[ ${EDUCHAIN_TIMINGS:-} == 1 ]] && timings=(--timings)
	(cd "$EDUCHAIN_ROOT" && cargo build --release --locked "${timings[@]}" "$@")
}

# Builds the node alone (what run-dev.sh runs), release profile, from the committed Cargo.lock.
# `--workspace` resolves features as for the whole workspace, so that scripts/test.sh reuses
# every crate compiled here instead of compiling some again with other features.
educhain_build_node() {
	educhain_cargo_build --workspace --bin educhain-node "$@"
}

# Builds every binary of the workspace, release profile, from the committed Cargo.lock.
educhain_build() {
	educhain_cargo_build --workspace --bins "$@"
}
