#!/usr/bin/env bash
# The B4E workload (100 lecturers x 50 grades at once) against a fresh dev node; prints the time
# until all grades are included and finalized. A benchmark, not a test: run it on a quiet machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

"$EDUCHAIN_ROOT/scripts/setup.sh"
educhain_build
"$CARGO_TARGET_DIR/release/b4e"
