#!/usr/bin/env bash
# Mutated REST calls against a fresh `./keyward start` on loopback, driven by the published
# OpenAPI descriptions (docs/api/*.openapi.json): every operation of the admin API, the
# challenge-service (MDM and internal API), the ca-adapter and the scep-gateway, without a
# credential, with a wrong one, and with each caller's credential: odd path and query
# parameters, broken, mistyped and incomplete JSON bodies, form and text bodies
# (bench/rest-fuzz.py). Fails unless every answer is below 500, every 4xx is an RFC 9457
# problem+json without a stack trace, and nothing answers without a valid credential.
# Writes bench/results/rest-fuzz-<date>.txt.
#
#   bench/rest-fuzz.sh
#   bench/rest-fuzz.sh --running DATA_DIR GATEWAY_PORT MDM_API_KEY
#
# The second form calls a suite that already runs (standalone/test-training.sh, part of
# ./keyward test, does so), with the challenge-service, the ca-adapter and the admin-ui on the
# three ports after the gateway's.
#
# Environment: REST_FUZZ_SEED (7), BENCH_RUN_DIR (a new /tmp directory), BENCH_RESULTS.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

KW_BASE=18610
RUN=${BENCH_RUN_DIR:-/tmp/keyward-rest-fuzz-$$}
RESULTS=${BENCH_RESULTS:-$BENCH_HOME/bench/results}
OUT="$RESULTS/rest-fuzz-$(date -u +%Y-%m-%d-%H%M).txt"
KW_PID=""
command -v python3 >/dev/null || fail "python3 is needed"
command -v jq >/dev/null || fail "jq is needed"
mkdir -p "$RUN" "$RESULTS"
if [ "${1:-}" = --running ]; then
	[ $# -eq 4 ] || fail "usage: bench/rest-fuzz.sh --running DATA_DIR GATEWAY_PORT MDM_API_KEY"
	DATA=$2 KW_BASE=$3 KW_API_KEY=$4
else
	keyward_run_prepare $KW_BASE
	DATA=$RUN/data
	start_keyward_fresh $KW_BASE off "$DATA" "$RUN/keyward.log" 300
	say "Keyward ready after $READY s"
fi
# the callers' credentials: the MDM API key, the admin API token, the services' own tokens
ADMIN_TOKEN=$(sed -n 's/^admin-api-token=//p' "$DATA/initial-credentials")
[ -n "$ADMIN_TOKEN" ] || fail "no admin API token in $DATA/initial-credentials"
SERVICES=$(for f in gateway-token ca-adapter-token admin-ui-token challenge-service-token; do
	jq -Rn --rawfile t "$DATA/$f" '$t | rtrimstr("\n")'; done | jq -s .)
jq -n --arg api "$BENCH_HOME/docs/api" --arg admin "$ADMIN_TOKEN" --arg mdm "$KW_API_KEY" --argjson svc "$SERVICES" \
	--argjson base $KW_BASE '{apis: [
	  {name: "admin-ui", spec: "\($api)/admin-api.openapi.json", port: ($base + 3), tokens: [$admin]},
	  {name: "challenge-service", spec: "\($api)/challenge-service.openapi.json", port: ($base + 1), tokens: ([$mdm] + $svc)},
	  {name: "ca-adapter", spec: "\($api)/ca-adapter.openapi.json", port: ($base + 2), tokens: $svc},
	  {name: "scep-gateway", spec: "\($api)/scep-gateway.openapi.json", port: $base, tokens: $svc}]}' >"$RUN/callers.json"
say "mutated calls to every operation of docs/api/*.openapi.json"
set +e
{
	echo "commit $(git -C "$BENCH_HOME" rev-parse --short HEAD), $(date -u +%FT%TZ), $(nproc) cores, seed ${REST_FUZZ_SEED:-7}"
	python3 "$HERE/rest-fuzz.py" "$RUN/callers.json" "${REST_FUZZ_SEED:-7}"
} | tee "$OUT"
status=${PIPESTATUS[0]}
set -e
say "report: $OUT"
exit "$status"
