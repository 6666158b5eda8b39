#!/usr/bin/env bash
# Latency as users feel it (issue 15): a fresh `./keyward start` (with the AOT cache when one
# fits this build), warmed up, then its maximum rate measured in a closed loop (BENCH_P
# requests in flight), then open-loop runs at 25 %, 50 % and 80 % of that rate: requests start
# on a fixed schedule whatever the answers, and each latency counts from the request's intended
# start (docs/loadgen.md, "Open loop"). Prints PKIOperation p50/p90/p99 per load and writes
# bench/results/open-loop-<date>.md and .json. Goal: p99 at most 20 ms at 50 %.
#
#   bench/open-loop.sh
#
# Environment (all optional):
#   BENCH_WARM=12000        untimed enrollments at P = 8 before anything is measured
#   BENCH_P=8               requests in flight for the maximum rate
#   BENCH_MAX_DEVICES=4000  enrollments of the closed-loop run
#   BENCH_FRACTIONS="25 50 80"   open-loop loads, percent of the maximum rate
#   BENCH_SECONDS=15        length of each open-loop run (devices = rate x seconds)
#   BENCH_RUN_WARM_SECONDS=5  untimed requests at the run's rate just before each open-loop
#                           run: the load generator's preparation leaves the suite idle for a
#                           minute or more, and the first requests after an idle minute are
#                           slower (docs/performance.md); 0: none
#   BENCH_REPEAT=1          rounds of the open-loop loads (25, 50, 80, 25, 50, 80, ...): the
#                           tail moves from run to run, so judge it on several
#   BENCH_IN_FLIGHT=64      the open-loop runs' workers (the most requests in flight)
#   BENCH_AOT=auto          auto: the AOT cache when one fits, off: never
#   BENCH_KEY_POOL=64, KEYWARD_JAVA_OPTS as for ./keyward start
#   BENCH_LOADGEN_ARGS      more load generator options, e.g. "--rehearsals 500"
#   BENCH_SLOW_MS=20        the report's "where the slow requests fell": each open-loop run's
#                           requests slower than this, grouped into episodes (slow requests
#                           due within BENCH_EPISODE_GAP_MS=250 of each other), from the run's
#                           time line (raw/<run>.csv, one line per request: due, latency)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

WARM=${BENCH_WARM:-12000}
P=${BENCH_P:-8}
MAX_DEVICES=${BENCH_MAX_DEVICES:-4000}
FRACTIONS=${BENCH_FRACTIONS:-"25 50 80"}
SECONDS_PER_RUN=${BENCH_SECONDS:-15}
RUN_WARM_SECONDS=${BENCH_RUN_WARM_SECONDS:-5}
REPEAT=${BENCH_REPEAT:-1}
IN_FLIGHT=${BENCH_IN_FLIGHT:-64}
KEY_POOL=${BENCH_KEY_POOL:-64}
RUN=${BENCH_RUN_DIR:-/tmp/keyward-open-loop-$$}
RESULTS=${BENCH_RESULTS:-$BENCH_HOME/bench/results}
STAMP=$(date -u +%Y-%m-%d-%H%M)
SLOW_MS=${BENCH_SLOW_MS:-20}
EPISODE_GAP_MS=${BENCH_EPISODE_GAP_MS:-250}
KW_BASE=18610
KW_PID=""

command -v jq >/dev/null || fail "jq is needed"
keyward_run_prepare $KW_BASE
mkdir -p "$RUN/raw" "$RESULTS"

# a training run (BENCH_AOT=auto without a cache) takes minutes: up to 15
# the suite's collections on the wall clock, beside the runs' time lines (one file per JVM:
# ./keyward runs short ones before the suite's)
JDK_JAVA_OPTIONS="${JDK_JAVA_OPTIONS:-} -Xlog:gc:file=$RUN/raw/gc-%p.log:timemillis" \
	start_keyward_fresh $KW_BASE "${BENCH_AOT:-auto}" "$RUN/data" "$RUN/keyward.log" 900
AOT=$(grep -q "Using the AOT cache" "$RUN/keyward.log" && echo "with the AOT cache" || echo "without an AOT cache")
say "Keyward ready after $READY s, $AOT"

load() { # name devices warmup concurrency [--rate R]
	local name=$1 n=$2 w=$3 c=$4 lg
	shift 4
	# shellcheck disable=SC2086
	"$JAVA" $LOADGEN_JAVA_OPTS -jar "$LOADGEN_JAR" --url "http://127.0.0.1:$KW_BASE/scep/default" \
		--challenge "api:http://127.0.0.1:$((KW_BASE + 1))" --api-key "$KW_API_KEY" --devices "$n" --warmup "$w" \
		--concurrency "$c" --key-pool "$KEY_POOL" --pids "$KW_PID" --json "$RUN/raw/$name.json" ${BENCH_LOADGEN_ARGS:-} "$@" \
		>"$RUN/raw/$name.txt" 2>&1 &
	lg=$!
	db_cpu_while "$lg" "$RUN/raw/$name.txt" "$(head -1 "$RUN/data/postgres/postmaster.pid")"
	[ -s "$RUN/raw/$name.json" ] || { tail -20 "$RUN/raw/$name.txt" >&2; fail "the load generator wrote no report ($RUN/raw/$name.txt)"; }
	add_db_cpu "$RUN/raw/$name.json" "$DB_CPU_MS" "$w"
	say "  $name: $(jq -r '"\(.enrollmentsPerSecond * 10 | round / 10) enr/s, p50 \(.latencyMs.PKIOperation.p50) ms, p99 \(.latencyMs.PKIOperation.p99) ms, failures \((.failures // {}) | add // 0)"' "$RUN/raw/$name.json")"
}

say "warm-up ($WARM enrollments) and the maximum rate: closed loop, $P in flight, $MAX_DEVICES enrollments"
load max "$MAX_DEVICES" "$WARM" "$P"
MAX=$(jq -r '.enrollmentsPerSecond' "$RUN/raw/max.json")
# one run's name and its row's label: open-50 (a single round) or open-50-2 (round 2)
run_name() { if [ "$REPEAT" -gt 1 ]; then echo "open-$1-$2"; else echo "open-$1"; fi; }
run_label() { if [ "$REPEAT" -gt 1 ]; then echo "$1 %, round $2"; else echo "$1 %"; fi; }
for round in $(seq 1 "$REPEAT"); do
	for f in $FRACTIONS; do
		rate=$(echo "$MAX $f" | awk '{ printf "%.1f", $1 * $2 / 100 }')
		n=$(echo "$rate $SECONDS_PER_RUN" | awk '{ n = int($1 * $2); if (n < 100) n = 100; print n }')
		w=$(echo "$rate $RUN_WARM_SECONDS" | awk '{ print int($1 * $2) }')
		say "open loop at $f % of $MAX/s ($(run_label "$f" "$round")): $rate requests/s, $n enrollments after $w untimed, at most $IN_FLIGHT in flight"
		load "$(run_name "$f" "$round")" "$n" "$w" "$IN_FLIGHT" --rate "$rate" --timeline "$RUN/raw/$(run_name "$f" "$round").csv"
	done
done

# Where one run's slow requests fell (its time line, sorted by due time): how many were slower
# than SLOW_MS, in how many episodes, and the three largest episodes with their wall-clock time,
# to lay beside the suite's GC log (gc_pauses, below) or PostgreSQL's log.
slow_episodes() { # timeline.csv
	awk -F, -v slow="$SLOW_MS" -v gap="$EPISODE_GAP_MS" '
		NR == 1 { next }
		$2 + 0 > slow {
			if (n == 0 || $1 - last > gap) { n++; first[n] = $1; count[n] = 0; worst[n] = 0 }
			count[n]++; last = $1; end[n] = $1 + $2; if ($2 + 0 > worst[n]) worst[n] = $2 + 0; total++
		}
		{ requests++; if (start == "") start = $1 }
		END {
			printf "%d of %d requests slower than %s ms, in %d episode%s\n", total, requests, slow, n, (n == 1 ? "" : "s")
			for (i = 1; i <= n; i++) printf "E %.3f %d %.0f %.1f %.1f\n", first[i] / 1000, count[i], end[i] - first[i], worst[i], (first[i] - start) / 1000
		}' "$1" | {
		read -r summary
		printf '%s' "$summary"
		sort -k3,3nr | head -3 | while read -r _ at count span worst into; do
			printf '; %s request%s from %s UTC (%.1f s into the run) over %s ms, slowest %s ms' "$count" \
				"$([ "$count" = 1 ] || echo s)" "$(date -u -d "@${at%.*}" +%T).${at#*.}" "$into" "$span" "$worst"
		done
		echo
	}
}

# The suite's collections while one run's requests were due or in flight: how many, their
# longest pause, their pauses' sum.
gc_pauses() { # timeline.csv
	local gc_log from to
	gc_log=$(ls -S "$RUN"/raw/gc-*.log 2>/dev/null | head -1)
	[ -n "$gc_log" ] || { echo "no GC log"; return; }
	read -r from to < <(awk -F, 'NR > 1 { if (from == "") from = $1; if ($1 + $2 > to) to = $1 + $2 } END { printf "%.0f %.0f\n", from, to }' "$1")
	awk -v from="$from" -v to="$to" '
		/Pause/ && match($0, /^\[[0-9]+ms\]/) {
			at = substr($0, 2, RLENGTH - 4) + 0
			if (at < from || at > to || !match($0, /[0-9.]+ms$/)) next
			ms = substr($0, RSTART, RLENGTH - 2) + 0; n++; sum += ms; if (ms > worst) worst = ms
		}
		END { printf "%d collections, longest %.1f ms, %.0f ms in all", n, worst, sum }' "$gc_log"
}

report="$RESULTS/open-loop-$STAMP.md"
machine_json >"$RUN/raw/machine.json"
# one row of the report per load generator run; the closed loop has no schedule ("-")
# shellcheck disable=SC2016
ROW='def cpu: if type == "number" then (. * 100 | round / 100) else "n/a" end;
"| \($row) | \(.rateScheduled // "-") | \(.enrollmentsPerSecond * 10 | round / 10) | \(.latencyMs.PKIOperation.p50) | \(.latencyMs.PKIOperation.p90) | \(.latencyMs.PKIOperation.p99) | \(.latencyMs.PKIOperation.max) | \(.startLagMs.p99 // "-") | \(.server.cpuMsPerEnrollment | cpu) | \(.dbCpuMsPerEnrollment | cpu) | \((.failures // {}) | add // 0) |"'
{
	echo "# PKIOperation latency in an open loop ($(date -u '+%Y-%m-%d %H:%M') UTC)"
	echo
	echo "Keyward standalone, fresh \`./keyward start\` $AOT, warmed with $WARM enrollments. Machine: $(jq -r '"\(.nproc) cores (\(.cpu)), \(.jdk), commit \(.commit), load average at the start \(.loadAverageAtStart)"' "$RUN/raw/machine.json")."
	echo "Maximum rate: closed loop, $P in flight, $MAX_DEVICES enrollments. Open loop: requests started on a fixed schedule, at most $IN_FLIGHT in flight, latency from each intended start, after $RUN_WARM_SECONDS s of untimed requests at the same rate."
	echo
	echo "| load | scheduled /s | achieved enr/s | p50 ms | p90 ms | p99 ms | max ms | sent late p99 ms | server CPU ms/enr | PostgreSQL CPU ms/enr | failures |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	jq -r --arg row "closed loop, P = $P" "$ROW" "$RUN/raw/max.json"
	for f in $FRACTIONS; do
		for round in $(seq 1 "$REPEAT"); do
			jq -r --arg row "$(run_label "$f" "$round")" "$ROW" "$RUN/raw/$(run_name "$f" "$round").json"
		done
	done
	echo
	echo "Where the slow requests fell (slower than $SLOW_MS ms; an episode: slow requests due within $EPISODE_GAP_MS ms of each other; the three largest):"
	echo
	for f in $FRACTIONS; do
		for round in $(seq 1 "$REPEAT"); do
			echo "- $(run_label "$f" "$round"): $(slow_episodes "$RUN/raw/$(run_name "$f" "$round").csv"). The suite's GC in the run: $(gc_pauses "$RUN/raw/$(run_name "$f" "$round").csv")."
		done
	done
} >"$report"
jq -s '.' "$RUN"/raw/*.json >"${report%.md}.json"
cat "$report"
say "report: $report (raw: $RUN/raw)"
