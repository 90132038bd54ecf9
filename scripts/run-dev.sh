#!/usr/bin/env bash
# Runs a single-node development chain with JSON-RPC on 127.0.0.1:9944 (the README's run command),
# and libp2p on port 30333 (TCP) and 30334 (WebSocket, for light clients in browsers).
# Alice is the ministry and the only authority. The chain is kept in a temporary directory;
# pass --base-path DIR to keep it. Extra arguments go to the node.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

"$EDUCHAIN_ROOT/scripts/setup.sh"
educhain_build_node
exec "$EDUCHAIN_NODE" --dev --rpc-port 9944 \
	--listen-addr /ip4/0.0.0.0/tcp/30333 --listen-addr /ip4/0.0.0.0/tcp/30334/ws "$@"
