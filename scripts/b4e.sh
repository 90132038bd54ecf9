#!/usr/bin/env bash
# The B4E workloads against a fresh dev node each: 100 lecturers x 50 grades at once, then one
# institution issuing 5,000 certificates (one by one, then in batches). Prints the times until
# all are included and finalized. A benchmark, not a test: run it on a quiet machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

"$EDUCHAIN_ROOT/scripts/setup.sh"
educhain_build
"$CARGO_TARGET_DIR/release/b4e"
"$CARGO_TARGET_DIR/release/b4e_certificates"
