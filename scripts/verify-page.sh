#!/usr/bin/env bash
# Builds the credential verification page (web/) and serves it at http://127.0.0.1:8080 for the
# chain that scripts/run-dev.sh (the default, `dev`) or scripts/local-network.sh (`local`) runs.
#   scripts/verify-page.sh [dev|local] [--port N]
# The page gets two files beside it: chain-spec.json (the network's raw chain spec) and
# config.json (that spec's name and the nodes' WebSocket p2p addresses, read once from their RPC
# with system_localListenAddresses; and $EDUCHAIN_SYNC_LIMIT, if set, as its sync limit). After
# that the browser talks only to the p2p network, through its light client. To host it for real:
# docs/verify-page.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

network=dev port=8080
while (($#)); do
	case $1 in
		dev | local) network=$1 ;;
		--port) port=$2; shift ;;
		*) echo "usage: scripts/verify-page.sh [dev|local] [--port N]" >&2; exit 2 ;;
	esac
	shift
done
# $EDUCHAIN_SYNC_LIMIT (seconds), as for the command-line verifier, sets the page's too.
if [[ -n ${EDUCHAIN_SYNC_LIMIT:-} && ! $EDUCHAIN_SYNC_LIMIT =~ ^[1-9][0-9]*$ ]]; then
	echo "verify-page: EDUCHAIN_SYNC_LIMIT=$EDUCHAIN_SYNC_LIMIT: not a number of seconds" >&2
	exit 2
fi
limit=${EDUCHAIN_SYNC_LIMIT:+", \"syncLimitSeconds\": $EDUCHAIN_SYNC_LIMIT"}

"$EDUCHAIN_ROOT/scripts/setup.sh" --page
cd "$EDUCHAIN_ROOT/web"
npx vite build --logLevel warn
case $network in
	dev)
		# The spec run-dev.sh runs: the committed one while the runtime's sources are its own.
		dev=dev
		educhain_specs_are_current && dev="$EDUCHAIN_ROOT/chain-specs/dev.json"
		"$EDUCHAIN_NODE" build-spec --chain "$dev" --raw 2>/dev/null > dist/chain-spec.json
		rpcs=(http://127.0.0.1:9944) ;;
	local)
		cp "$EDUCHAIN_ROOT/chain-specs/local-raw.json" dist/chain-spec.json
		rpcs=(http://127.0.0.1:9944 http://127.0.0.1:9945 http://127.0.0.1:9946 http://127.0.0.1:9947) ;;
esac
addresses=()
for rpc in "${rpcs[@]}"; do
	answer=$(curl -sf -H 'Content-Type: application/json' \
		-d '{"jsonrpc":"2.0","id":1,"method":"system_localListenAddresses","params":[]}' "$rpc") ||
		{ echo "verify-page: no node answers at $rpc; start scripts/run-dev.sh or scripts/local-network.sh first" >&2; exit 1; }
	mapfile -t -O "${#addresses[@]}" addresses < <(grep -o '"/ip4/127.0.0.1/tcp/[0-9]*/ws/p2p/[^"]*"' <<<"$answer")
done
if ((${#addresses[@]} == 0)); then
	echo "verify-page: the nodes listen on no WebSocket p2p address (--listen-addr …/ws)" >&2
	exit 1
fi
printf '{"chainSpec": "chain-spec.json", "bootNodes": [%s]%s}\n' "$(IFS=,; echo "${addresses[*]}")" "$limit" > dist/config.json
echo "verify-page: http://127.0.0.1:$port/ (boot nodes: ${addresses[*]})"
exec npx vite preview --host 127.0.0.1 --port "$port" --strictPort
