#!/usr/bin/env bash
# Starts the four-authority local network (the ministry and three universities) on loopback from
# chain-specs/local-raw.json, prints each node's endpoints, and stops all four on Ctrl-C.
#
#   scripts/local-network.sh            # keep data in $EDUCHAIN_LOCAL_DIR (default ~/.cache/educhain/local)
#   scripts/local-network.sh --purge    # start from genesis again
#
# Node i (0..3) listens on p2p 30333+i (TCP) and 30433+i (WebSocket, for browsers' light
# clients), RPC 9944+i, Prometheus 9615+i.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

data="${EDUCHAIN_LOCAL_DIR:-$HOME/.cache/educhain/local}"
if [[ ${1:-} == "--purge" ]]; then
	rm -rf "$data"
fi
"$EDUCHAIN_ROOT/scripts/setup.sh"
# The raw spec carries the runtime's code, so the node needs none of its own.
educhain_build_node_without_runtime
educhain_specs_are_current ||
	echo "local-network: the runtime's sources differ from chain-specs/; the network runs the committed" \
		"runtime (scripts/gen-chain-specs.sh regenerates the specs)" >&2

spec="$EDUCHAIN_ROOT/chain-specs/local-raw.json"
names=(alice bob charlie dave)
pids=()

stop_all() {
	trap - INT TERM EXIT
	echo "stopping the local network ..."
	for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	echo "stopped; data kept in $data"
}
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT

boot=""
for i in "${!names[@]}"; do
	name=${names[$i]}
	mkdir -p "$data/$name"
	# A fixed node key per node, so peer ids (and the boot node address) survive restarts.
	key_file="$data/$name/node-key"
	[[ -f $key_file ]] || printf '%064x' $((i + 1)) >"$key_file"
	peer_id=$("$EDUCHAIN_NODE" key inspect-node-key --file "$key_file")
	args=(--chain "$spec" --"$name" --base-path "$data/$name" --node-key-file "$key_file"
		--listen-addr "/ip4/127.0.0.1/tcp/$((30333 + i))" --listen-addr "/ip4/127.0.0.1/tcp/$((30433 + i))/ws"
		--rpc-port $((9944 + i)) --prometheus-port $((9615 + i))
		--no-mdns --no-telemetry)
	[[ -n $boot ]] && args+=(--bootnodes "$boot")
	# In its own session, so that Ctrl-C reaches only this script, which stops the nodes in order.
	setsid "$EDUCHAIN_NODE" "${args[@]}" >"$data/$name/node.log" 2>&1 &
	pids+=($!)
	echo "$name: rpc ws://127.0.0.1:$((9944 + i))  prometheus http://127.0.0.1:$((9615 + i))/metrics" \
		" p2p /ip4/127.0.0.1/tcp/$((30333 + i))/p2p/$peer_id  log $data/$name/node.log"
	[[ -n $boot ]] || boot="/ip4/127.0.0.1/tcp/30333/p2p/$peer_id"
done
echo "local network running; Ctrl-C stops all four nodes"
wait -n "${pids[@]}" || true
echo "a node exited; see its log" >&2
