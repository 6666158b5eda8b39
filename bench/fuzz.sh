#!/usr/bin/env bash
# Mutated real pkiMessages over HTTP against a whole Keyward on loopback (bench/cluster.sh:
# embedded PostgreSQL, scep-gateway, challenge-service, ca-adapter): FUZZ_COUNT (100000)
# seeded mutations (bit flips, insertions, deletions, truncations, ASN.1 length and tag
# tampering, swapped and odd attribute values) of PKCSReq and CertPoll messages of devices
# with valid challenges and of the captured scepclient and certmonger requests, one in ten by
# GET, within FUZZ_SECONDS (1800). Prints how many got which HTTP status and which CertRep
# (FAILURE by failInfo); fails unless 0 got a 5xx. Writes bench/results/fuzz-<date>.txt.
#
#   bench/fuzz.sh
#
# Environment: FUZZ_COUNT, FUZZ_SECONDS, KEYWARD_RUN_DIR (default /tmp/keyward-fuzz), BENCH_RESULTS.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

export KEYWARD_RUN_DIR=${KEYWARD_RUN_DIR:-/tmp/keyward-fuzz}
CL="$HERE/cluster.sh"
RESULTS=${BENCH_RESULTS:-$BENCH_HOME/bench/results}
OUT="$RESULTS/fuzz-$(date -u +%Y-%m-%d-%H%M).txt"
ensure_jars
mkdir -p "$RESULTS"
"$CL" stop >/dev/null 2>&1 || true
"$CL" start --fresh
trap '"$CL" stop >/dev/null 2>&1 || true' EXIT
GW=$("$CL" urls gateway | head -1)
CH=$("$CL" urls challenge | head -1)
say "fuzzing $GW/scep/default with ${FUZZ_COUNT:-100000} mutants"
{
	echo "commit $(git -C "$BENCH_HOME" rev-parse --short HEAD), $(date -u +%FT%TZ), $(nproc) cores"
	"$JAVA" -cp "$LOADGEN_JAR" io.keyward.loadgen.FuzzRun "$GW/scep/default" "$CH" "$("$CL" api-key)" \
		"${FUZZ_COUNT:-100000}" "${FUZZ_SECONDS:-1800}" "$BENCH_HOME/platform/scep-protocol/src/test/resources/fixtures"
} | tee "$OUT"
