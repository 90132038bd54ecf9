#!/usr/bin/env bash
# Runs a single-node development chain with JSON-RPC on 127.0.0.1:9944 (the README's run command),
# and libp2p on port 30333 (TCP) and 30334 (WebSocket, for light clients in browsers).
# Alice is the ministry and the only authority. The chain is kept in a temporary directory;
# pass --base-path DIR to keep it. Extra arguments go to the node.
#
# When the runtime's sources are those chain-specs/dev.json was generated from (its recorded
# digest says so), the node is built without the runtime and runs that spec's code, the same
# bytes a build would make (the runtime builds reproducibly): a first run then skips compiling the
# runtime to WASM and Binaryen. Once a pallet or the runtime changes, the runtime is built.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

"$EDUCHAIN_ROOT/scripts/setup.sh"
chain=()
if educhain_specs_are_current; then
	echo "run-dev: the runtime is chain-specs/dev.json's (same sources); building the node without it" >&2
	educhain_build_node_without_runtime
	chain=(--chain "$EDUCHAIN_ROOT/chain-specs/dev.json")
else
	echo "run-dev: the runtime's sources differ from chain-specs/dev.json's; building the runtime" >&2
	educhain_build_node
fi
exec "$EDUCHAIN_NODE" --dev "${chain[@]}" --rpc-port 9944 \
	--listen-addr /ip4/0.0.0.0/tcp/30333 --listen-addr /ip4/0.0.0.0/tcp/30334/ws "$@"
