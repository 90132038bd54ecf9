#!/usr/bin/env bash
# The performance benchmark: every workload of `educhain-load`, each on a fresh dev node, then
# the README's "Performance" table rewritten with the results, the machine and the commit.
# Takes about 25 minutes; run it on an otherwise idle machine.
#
#   scripts/load-test.sh                 # everything, README updated
#   scripts/load-test.sh grades reads    # some workloads; README left alone
#   scripts/load-test.sh --network       # B4E's two scenarios and single grades on the
#                                        # four-authority local network (ports 9944-9947 must be
#                                        # free), final on all four nodes; README updated
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

"$EDUCHAIN_ROOT/scripts/setup.sh"
educhain_build
table="$(mktemp)"
markers=bench
setting="one \`--dev\` node, default settings but \`--rpc-max-connections 1000\`; the tool and the node share the machine. Reproduce with \`scripts/load-test.sh\`."
if [[ ${1:-} == "--network" ]]; then
	markers=network
	setting="four authorities (Aura and GRANDPA) on loopback, default node settings; the tool and the four nodes share the machine. Reproduce with \`scripts/load-test.sh --network\`."
	data="$(mktemp -d)"
	EDUCHAIN_LOCAL_DIR="$data" "$EDUCHAIN_ROOT/scripts/local-network.sh" >"$data/network.log" 2>&1 &
	network=$!
	trap 'kill -TERM "$network" 2>/dev/null; wait "$network" || true; rm -rf "$data" "$table"' EXIT
	for _ in $(seq 300); do
		grep -q "local network running" "$data/network.log" && break
		kill -0 "$network" 2>/dev/null || { cat "$data/network.log" >&2; exit 1; }
		sleep 1
	done
	set -- b4e-grades b4e-certificates grades --url ws://127.0.0.1:9944 \
		--also ws://127.0.0.1:9945 --also ws://127.0.0.1:9946 --also ws://127.0.0.1:9947
else
	trap 'rm -f "$table"' EXIT
fi
"$CARGO_TARGET_DIR/release/educhain-load" --markdown "$table" "$@"
[[ $markers == network ]] || (($# == 0)) || exit 0

cores=$(nproc)
memory=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
commit=$(git -C "$EDUCHAIN_ROOT" rev-parse --short HEAD)
dirty=$(git -C "$EDUCHAIN_ROOT" diff --quiet HEAD -- . ':!README.md' || echo " plus uncommitted changes")
{
	echo "Measured on $(date -u +%Y-%m-%d): $cores cores ($cpu), $memory, commit \`$commit\`$dirty;"
	echo "$setting"
	echo
	cat "$table"
} >"$table.block"
# Replace what lies between the markers in the README with the new block.
awk -v block="$table.block" -v markers="$markers" '
	$0 == "<!-- " markers ":start -->" { print; while ((getline line < block) > 0) print line; skip = 1; next }
	$0 == "<!-- " markers ":end -->" { skip = 0 }
	!skip { print }
' "$EDUCHAIN_ROOT/README.md" >"$table.readme"
mv "$table.readme" "$EDUCHAIN_ROOT/README.md"
rm -f "$table.block"
echo "README.md: Performance table updated"
