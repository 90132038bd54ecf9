#!/usr/bin/env bash
# Runs a single-node development chain with JSON-RPC on 127.0.0.1:9944 (the README's run command).
# Alice is the ministry and the only authority. The chain is kept in a temporary directory;
# pass --base-path DIR to keep it. Extra arguments go to the node.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

"$EDUCHAIN_ROOT/scripts/setup.sh"
educhain_build_node
exec "$EDUCHAIN_NODE" --dev --rpc-port 9944 "$@"
