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

# Runs a cargo command that builds (`build`, `test`) in the workspace, release profile, from the
# committed Cargo.lock. EDUCHAIN_TIMINGS=1 adds cargo's --timings report (target/cargo-timings/).
educhain_cargo() {
	local command=$1 timings=()
	shift
	[[ ${EDUCHAIN_TIMINGS:-} == 1 ]] && timings=(--timings)
	(cd "$EDUCHAIN_ROOT" && cargo "$command" --release --locked "${timings[@]}" "$@")
}

educhain_cargo_build() {
	educhain_cargo build "$@"
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

# Builds the node without the runtime's WASM (its `runtime-wasm` feature off): it runs chain spec
# files, which carry their code, and has no built-in `dev` or `local` spec. A cold build so skips
# compiling the runtime to WASM, and Binaryen with it (the README's "Where a cold build's time
# goes"). `--workspace` as above.
educhain_build_node_without_runtime() {
	# shellcheck disable=SC2046 # the flags are words without spaces
	educhain_cargo_build --workspace --bin educhain-node $(educhain_flags_without_runtime) "$@"
}

# `--no-default-features` turns the node's default features off, and every other member's: add
# the others' back, so that every crate but the node has the features it has in the other builds
# and is compiled once for both (scripts/test.sh checks this with `cargo tree`). Not
# educhain-runtime-wasm's: `--features educhain-runtime-wasm/default` would also switch on the
# node's optional dependency of that name, the very thing left out.
educhain_flags_without_runtime() {
	local dir name features=()
	for dir in $(sed -n '/^members = \[/,/^\]/s/^ *"\(.*\)",*$/\1/p' "$EDUCHAIN_ROOT/Cargo.toml"); do
		grep -q '^default = ' "$EDUCHAIN_ROOT/$dir/Cargo.toml" || continue
		name=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$EDUCHAIN_ROOT/$dir/Cargo.toml" | head -n 1)
		[[ $name == educhain-node || $name == educhain-runtime-wasm ]] || features+=("$name/default")
	done
	local IFS=,
	echo "--no-default-features --features ${features[*]}"
}

# What the runtime's WASM is built from: its crate and build script, the pallets, the workspace
# manifest (versions, profile), the lock file and the toolchain.
EDUCHAIN_RUNTIME_SOURCES=(runtime pallets Cargo.toml Cargo.lock rust-toolchain.toml)

# Prints a SHA-256 over the runtime's sources as they are in the checkout (tracked and untracked
# files, not ignored ones), or fails (no git, a file missing). scripts/gen-chain-specs.sh records
# it in chain-specs/, so that a script can tell whether the committed code is this checkout's.
educhain_runtime_sources_digest() {
	(
		set -o pipefail
		cd "$EDUCHAIN_ROOT" &&
			git ls-files -z --cached --others --exclude-standard -- "${EDUCHAIN_RUNTIME_SOURCES[@]}" |
			LC_ALL=C sort -zu | xargs -0 -r sha256sum | sha256sum | cut -d' ' -f1
	)
}

# Succeeds when chain-specs/ hold the runtime this checkout builds: the sources' digest is the one
# recorded when the specs were generated. The chain_specs test keeps the two together on main.
educhain_specs_are_current() {
	local recorded now
	recorded="$(cat "$EDUCHAIN_ROOT/chain-specs/runtime-sources.sha256" 2>/dev/null)" || return 1
	now="$(educhain_runtime_sources_digest 2>/dev/null)" || return 1
	[[ -n $now && $now == "$recorded" ]]
}
