#!/usr/bin/env bash
# Fast from the first enrollment (issue 15), side by side in one run: a fresh micromdm
# scepserver, a fresh `./keyward start` without the AOT cache, a fresh `./keyward start`
# with it, and (server "image", when asked for) the compose stack of the container images,
# each on a new data directory or volume (new CA), measured by the same load generator at
# P = 8 on the same cores: time to ready, then the first 1 000 enrollments (cold), then,
# after BENCH_WARM more untimed enrollments, 2 000 more (warm). Rounds alternate the three,
# so a drift of the machine affects each alike. Prints a table and writes
# bench/results/first-thousand-<date>.md and .json (docs/performance.md).
#
#   bench/first-thousand.sh
#
# Needs the built jars, micromdm's scepserver, jq, curl, and for the AOT rows an AOT cache
# of this build (./keyward train, or the first ./keyward start of the build; JDK 25+);
# without one those rows are left out, and said so.
#
# Environment (all optional):
#   BENCH_ROUNDS=2          rounds of the three servers
#   BENCH_COLD=1000         enrollments timed from the start (the "first 1 000")
#   BENCH_WARM=6000         untimed enrollments between the cold and the warm measurement
#   BENCH_WARM_TIMED=2000   enrollments timed when warm
#   BENCH_P=8               requests in flight
#   BENCH_KEY_POOL=64       device keys shared round-robin (key generation is not timed)
#   BENCH_SERVERS="micromdm keyward keyward-aot"   add "image" for the container images:
#                           docker-compose.yml with bench/compose-bench.yml (no per-client
#                           limits), fresh volumes each round, enrolled over HAProxy's plain
#                           HTTP port; the CPU is that of the two gateways', the
#                           challenge-service's and the ca-adapter's JVMs. Builds the images
#                           (deploy/base-images.sh, docker-compose build; the layer cache keeps
#                           them while the jars are unchanged) and starts dockerd where none runs
#   BENCH_IMAGE_TRAIN=24000 the images' AOT training size (KEYWARD_AOT_TRAIN_ENROLLMENTS)
#   BENCH_LOADGEN_ARGS      more load generator options, e.g. "--rehearsals 500"
#   KEYWARD_JAVA_OPTS       as for ./keyward start (-Xmx512m -XX:+UseSerialGC)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

ROUNDS=${BENCH_ROUNDS:-2}
COLD=${BENCH_COLD:-1000}
WARM=${BENCH_WARM:-6000}
WARM_TIMED=${BENCH_WARM_TIMED:-2000}
P=${BENCH_P:-8}
KEY_POOL=${BENCH_KEY_POOL:-64}
SERVERS=${BENCH_SERVERS:-"micromdm keyward keyward-aot"}
RUN=${BENCH_RUN_DIR:-/tmp/keyward-first-$$}
RESULTS=${BENCH_RESULTS:-$BENCH_HOME/bench/results}
STAMP=$(date -u +%Y-%m-%d-%H%M)
SCEP_PORT=18410 KW_BASE=18510
SCEP_PID="" KW_PID="" PG_ROOT=""

command -v scepserver >/dev/null || fail "micromdm scepserver is not installed (Debian package scep)"
command -v jq >/dev/null || fail "jq is needed"
ensure_jars
for p in $SCEP_PORT $(seq $KW_BASE $((KW_BASE + 4))); do free_port_check "$p"; done
mkdir -p "$RUN/raw" "$RESULTS"
# shellcheck source=bench/stack.sh
. "$HERE/stack.sh"
trap 'stop_pid "$SCEP_PID"; stop_pid "$KW_PID"; stack_stop' EXIT

aot_fits() {
	local dir=$BENCH_HOME/standalone/target/aot
	[ -s "$dir/keyward.aot" ] && [ "$(sha256sum "$STANDALONE_JAR" | cut -d' ' -f1)" = "$(cat "$dir/source.sha256" 2>/dev/null)" ]
}
if [[ " $SERVERS " == *" keyward-aot "* ]] && ! aot_fits; then
	say "no AOT cache made from this build (./keyward train): the keyward-aot rows are left out"
	SERVERS=${SERVERS//keyward-aot/}
fi

load() { # name url pid devices warmup challenge-args... (PG_ROOT: the server's postmaster, if any)
	local name=$1 url=$2 pid=$3 n=$4 w=$5 lg
	shift 5
	# shellcheck disable=SC2086
	"$JAVA" $LOADGEN_JAVA_OPTS -jar "$LOADGEN_JAR" --url "$url" "$@" --devices "$n" --warmup "$w" \
		--concurrency "$P" --key-pool "$KEY_POOL" --pids "$pid" --json "$RUN/raw/$name.json" ${BENCH_LOADGEN_ARGS:-} \
		>"$RUN/raw/$name.txt" 2>&1 &
	lg=$!
	db_cpu_while "$lg" "$RUN/raw/$name.txt" "$PG_ROOT"
	[ -s "$RUN/raw/$name.json" ] || { tail -20 "$RUN/raw/$name.txt" >&2; echo '{}' >"$RUN/raw/$name.json"; }
	add_db_cpu "$RUN/raw/$name.json" "$DB_CPU_MS" "$w"
	say "  $name: $(jq -r '"\(.enrollmentsPerSecond // "n/a" | if type == "number" then (. * 10 | round / 10) else . end) enr/s, p50 \(.latencyMs.PKIOperation.p50 // "n/a") ms, p99 \(.latencyMs.PKIOperation.p99 // "n/a") ms, server CPU \(.server.cpuMsPerEnrollment // "n/a" | if type == "number" then (. * 10 | round / 10) else . end) ms + PostgreSQL \(.dbCpuMsPerEnrollment // "-" | if type == "number" then (. * 10 | round / 10) else . end) ms per enrollment, failures \((.failures // {}) | add // 0)"' "$RUN/raw/$name.json")"
}

measure() { # server round
	local server=$1 r=$2 name url pid args
	name="$server-$r"
	if [ "$server" = micromdm ]; then
		start_scepserver "$RUN/$name" 2048 $SCEP_PORT
		READY=0
		url="http://127.0.0.1:$SCEP_PORT/scep" pid=$SCEP_PID PG_ROOT=""
		args=(--challenge "static:$SCEP_CHALLENGE")
	elif [ "$server" = image ]; then
		start_stack_fresh
		url="http://127.0.0.1:$STACK_HTTP/scep/default"
		pid=$(stack_pids scep-gateway-1 scep-gateway-2 challenge-service ca-adapter)
		PG_ROOT=$(stack_pids postgres)
		args=(--challenge "api:http://127.0.0.1:$STACK_CHALLENGE" --api-key "$STACK_MDM_KEY")
	else
		start_keyward_fresh $KW_BASE "$([ "$server" = keyward-aot ] && echo auto || echo off)" "$RUN/$name" "$RUN/$name.log" 150
		if [ "$server" = keyward-aot ] && ! grep -q "Using the AOT cache" "$RUN/$name.log"; then
			fail "./keyward start did not use the AOT cache (log $RUN/$name.log)"
		fi
		url="http://127.0.0.1:$KW_BASE/scep/default" pid=$KW_PID
		PG_ROOT=$(head -1 "$RUN/$name/postgres/postmaster.pid")
		args=(--challenge "api:http://127.0.0.1:$((KW_BASE + 1))" --api-key "$KW_API_KEY")
	fi
	say "round $r, $server: fresh, ready after $READY s; the first $COLD enrollments at P = $P"
	jq -n --argjson s "$READY" '{readySeconds: $s}' >"$RUN/raw/$name-ready.json"
	load "$name-cold" "$url" "$pid" "$COLD" 0 "${args[@]}"
	load "$name-warm" "$url" "$pid" "$WARM_TIMED" "$WARM" "${args[@]}"
	case $server in
		micromdm) stop_pid "$SCEP_PID"; SCEP_PID="" ;;
		image) compose down -v >/dev/null 2>&1 || fail "docker-compose down failed" ;;
		*) stop_pid "$KW_PID"; KW_PID="" ;;
	esac
}

if [[ " $SERVERS " == *" image "* ]]; then
	COMPOSE_FILES=("$BENCH_HOME/docker-compose.yml" "$HERE/compose-bench.yml")
	prepare_images
fi
say "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); servers: $SERVERS"
machine_json >"$RUN/raw/machine.json"
for ((r = 1; r <= ROUNDS; r++)); do
	for server in $SERVERS; do measure "$server" "$r"; done
done

# The table: one row per server and round
report="$RESULTS/first-thousand-$STAMP.md"
{
	echo "# First $COLD enrollments after a fresh start, P = $P ($(date -u '+%Y-%m-%d %H:%M') UTC)"
	echo
	echo "Machine: $(jq -r '"\(.nproc) cores (\(.cpu)), \(.jdk), \(.scepserver), commit \(.commit), load average at the start \(.loadAverageAtStart)"' "$RUN/raw/machine.json")."
	echo "Cold: the first $COLD enrollments after the start. Warm: $WARM_TIMED enrollments after $WARM more, untimed."
	echo "CPU: server process CPU ms per enrollment (for Keyward the JVM, for the images the two gateways', the challenge-service's and the ca-adapter's JVMs; micromdm's includes its BoltDB store), and + PostgreSQL's (postmaster and backends, from the first request on: over the cold run, and over the warm-up and warm run together)."
	echo
	echo "| server | round | ready s | cold enr/s | cold p50 / p99 ms | cold CPU ms (+ PostgreSQL) | warm enr/s | warm p50 / p99 ms | warm CPU ms (+ PostgreSQL) | failures | duplicate serials |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	for ((r = 1; r <= ROUNDS; r++)); do
		for server in $SERVERS; do
			jq -rn --arg s "$server" --arg r "$r" \
				--slurpfile ready "$RUN/raw/$server-$r-ready.json" \
				--slurpfile c "$RUN/raw/$server-$r-cold.json" --slurpfile w "$RUN/raw/$server-$r-warm.json" '
				def f: if type == "number" then (. * 10 | round / 10) else "n/a" end;
				def cpu: "\(.server.cpuMsPerEnrollment | f)\(if .dbCpuMsPerEnrollment then " (+ \(.dbCpuMsPerEnrollment | f))" else "" end)";
				($c[0]) as $c | ($w[0]) as $w |
				"| \($s) | \($r) | \(if $s == "micromdm" then "-" else ($ready[0].readySeconds | f) end) | \($c.enrollmentsPerSecond | f) | \($c.latencyMs.PKIOperation.p50 | f) / \($c.latencyMs.PKIOperation.p99 | f) | \($c | cpu) | \($w.enrollmentsPerSecond | f) | \($w.latencyMs.PKIOperation.p50 | f) / \($w.latencyMs.PKIOperation.p99 | f) | \($w | cpu) | \(((($c.failures // {}) | add) // 0) + ((($w.failures // {}) | add) // 0)) | \(($c.duplicateSerials.count // 0) + ($w.duplicateSerials.count // 0)) |"'
		done
	done
} >"$report"
jq -s '.' "$RUN"/raw/*.json >"${report%.md}.json"
cat "$report"
say "report: $report (raw: $RUN/raw)"
