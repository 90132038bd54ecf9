#!/usr/bin/env bash
# The performance benchmark: every workload of `educhain-load`, each on a fresh dev node, then
# the README's "Performance" table rewritten with the results, the machine and the commit.
# Takes about 25 minutes; run it on an otherwise idle machine.
#
#   scripts/load-test.sh                 # everything, README updated
#   scripts/load-test.sh grades reads    # some workloads; README left alone
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

"$EDUCHAIN_ROOT/scripts/setup.sh"
educhain_build
table="$(mktemp)"
trap 'rm -f "$table"' EXIT
"$CARGO_TARGET_DIR/release/educhain-load" --markdown "$table" "$@"
(($# == 0)) || exit 0

cores=$(nproc)
memory=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
commit=$(git -C "$EDUCHAIN_ROOT" rev-parse --short HEAD)
dirty=$(git -C "$EDUCHAIN_ROOT" diff --quiet HEAD -- . ':!README.md' || echo " plus uncommitted changes")
{
	echo "Measured on $(date -u +%Y-%m-%d): $cores cores ($cpu), $memory, commit \`$commit\`$dirty;"
	echo "the tool and the node share the machine. Reproduce with \`scripts/load-test.sh\`."
	echo
	cat "$table"
} >"$table.block"
# Replace what lies between the markers in the README with the new block.
awk -v block="$table.block" '
	/<!-- bench:start -->/ { print; while ((getline line < block) > 0) print line; skip = 1; next }
	/<!-- bench:end -->/ { skip = 0 }
	!skip { print }
' "$EDUCHAIN_ROOT/README.md" >"$table.readme"
mv "$table.readme" "$EDUCHAIN_ROOT/README.md"
rm -f "$table.block"
echo "README.md: Performance table updated"
