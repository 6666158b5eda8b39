#!/usr/bin/env bash
# Side-by-side benchmark on this machine: micromdm scepserver (static challenge) and Keyward
# standalone (one-time challenges minted ahead over the challenge API), the same load from the
# load generator against each at P = 1, 2, 4, 8, 16, 32, first with RSA-2048 CAs, then RSA-4096.
# Writes bench/results/<date>.md (tables, machine, cold start) and bench/results/<date>.json
# (everything, including each load generator report). See docs/performance.md.
#
#   bench/benchmark.sh
#
# Environment (all optional):
#   BENCH_LEVELS="1 2 4 8 16 32"   concurrency levels (RSA-2048)
#   BENCH_LEVELS_4096=...          levels of the RSA-4096 round (default: BENCH_LEVELS)
#   BENCH_SIZES="2048 4096"        CA key sizes
#   BENCH_STEP_SECONDS=6           target duration of each timed step (devices are sized from
#                                  the previous step's rate)
#   BENCH_DEVICE_KEY_4096=4096     device key size in the RSA-4096 round
#   BENCH_WARMUP_KEYWARD=36000     untimed enrollments at P=8 before the RSA-2048 steps: a fresh
#                                  JVM reaches its steady rate after 15000-35000 (the C2 compiler
#                                  works through four Spring applications: docs/performance.md)
#   BENCH_WARMUP_KEYWARD_4096=3000 the same before the RSA-4096 steps
#   BENCH_WARMUP_MICROMDM=300      micromdm's warm-up (compiled ahead; connections, caches)
#   BENCH_KEY_POOL=64              device keys per load generator run, shared round-robin
#   BENCH_KEY_POOL_4096=16         (--key-pool: RSA key generation would otherwise dominate the
#                                  run time; every device still has its own subject, CSR,
#                                  challenge and transactionID)
#   BENCH_RUN_DIR                  scratch directory (default /tmp/keyward-bench-<pid>)
#   BENCH_RESULTS                  results directory (default bench/results)
#   KEYWARD_JAVA_OPTS              JVM options for Keyward standalone (default: those of
#                                  `./keyward start`, -Xmx512m -XX:+UseSerialGC)
#   KEYWARD_GATEWAY_LIMITS_ENABLED  PKIOperation limits (default here: false; the load
#                                  generator is one client address far above the defaults);
#                                  KEYWARD_CHALLENGE_APIRATE_ENABLED the same for minting
#   BENCH_AOT=1                    run Keyward from the AOT cache of `./keyward train` (JDK 25+,
#                                  as `./keyward start` does once trained): its extracted jar
#                                  with -XX:AOTCache; fails when the cache is not for this build
#   BENCH_REPORT_FROM=<raw dir>    only rewrite the report from an earlier run's raw directory
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

LEVELS=${BENCH_LEVELS:-"1 2 4 8 16 32"}
LEVELS_4096=${BENCH_LEVELS_4096:-$LEVELS}
SIZES=${BENCH_SIZES:-"2048 4096"}
STEP_SECONDS=${BENCH_STEP_SECONDS:-6}
DEVICE_KEY_4096=${BENCH_DEVICE_KEY_4096:-4096}
KEY_POOL=${BENCH_KEY_POOL:-64}
# the JVM options of `./keyward start`
KEYWARD_OPTS=${KEYWARD_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}
if [ "${BENCH_AOT:-0}" = 1 ]; then
	AOT_DIR=$BENCH_HOME/standalone/target/aot
	[ -s "$AOT_DIR/keyward.aot" ] \
		&& [ "$(sha256sum "$STANDALONE_JAR" | cut -d' ' -f1)" = "$(cat "$AOT_DIR/source.sha256" 2>/dev/null)" ] \
		|| fail "BENCH_AOT=1 needs an AOT cache made from this build: run ./keyward train"
	STANDALONE_JAR=$AOT_DIR/keyward-standalone.jar
	KEYWARD_OPTS="$KEYWARD_OPTS -XX:AOTCache=$AOT_DIR/keyward.aot -Xlog:aot*=error"
fi
WARM_KEYWARD=${BENCH_WARMUP_KEYWARD:-36000}
WARM_KEYWARD_4096=${BENCH_WARMUP_KEYWARD_4096:-3000}
WARM_MICROMDM=${BENCH_WARMUP_MICROMDM:-300}
KEY_POOL_4096=${BENCH_KEY_POOL_4096:-16}
RUN=${BENCH_RUN_DIR:-/tmp/keyward-bench-$$}
RESULTS=${BENCH_RESULTS:-$BENCH_HOME/bench/results}
STAMP=$(date -u +%Y-%m-%d-%H%M)
SCEP_PORT=18400
KW_GATEWAY=18500 KW_CHALLENGE=18501 KW_CA=18502 KW_ADMIN=18503 KW_DB=18504
LOADGEN_TIMEOUT=${BENCH_LOADGEN_TIMEOUT:-900}
STARTED=$(date +%s)

command -v scepserver >/dev/null || fail "micromdm scepserver is not installed (Debian package scep)"
command -v jq >/dev/null || fail "jq is needed"
if [ -z "${BENCH_REPORT_FROM:-}" ]; then
	ensure_jars
	for p in $SCEP_PORT $KW_GATEWAY $KW_CHALLENGE $KW_CA $KW_ADMIN $KW_DB; do free_port_check "$p"; done
fi
mkdir -p "$RUN" "$RESULTS"
RAW="$RUN/raw"
mkdir -p "$RAW"
SCEP_PID="" KW_PID=""

cleanup() {
	local pid
	for pid in $SCEP_PID $KW_PID; do
		if kill -0 "$pid" 2>/dev/null; then
			kill -TERM "$pid" 2>/dev/null || true
			for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
			kill -KILL "$pid" 2>/dev/null || true
		fi
	done
}
trap cleanup EXIT

# Starts Keyward standalone on a data directory; sets KW_PID and KW_READY_SECONDS (from the
# launch to the "Keyward is ready" line).
start_keyward() { # bits data-dir log
	local bits=$1 data=$2 log=$3 t0 i
	t0=$(date +%s%N)
	# shellcheck disable=SC2086
	KEYWARD_DATA_DIR="$data" KEYWARD_GATEWAY_PORT=$KW_GATEWAY KEYWARD_CHALLENGE_PORT=$KW_CHALLENGE \
		KEYWARD_CA_PORT=$KW_CA KEYWARD_ADMIN_PORT=$KW_ADMIN KEYWARD_DB_PORT=$KW_DB \
		KEYWARD_GATEWAY_HTTPS_PORT=0 KEYWARD_GATEWAY_MANAGEMENT_PORT=0 \
		KEYWARD_CA_KEY_ALGORITHM="RSA_$bits" KEYWARD_BOOTSTRAP_API_KEY="$KW_API_KEY" \
		KEYWARD_ADMIN_INITIAL_PASSWORD="$(openssl rand -hex 12)" KEYWARD_CHALLENGE_MAX_OUTSTANDING=0 \
		KEYWARD_SECRETS_DIR="$RUN/no-secrets" \
		KEYWARD_GATEWAY_LIMITS_ENABLED="${KEYWARD_GATEWAY_LIMITS_ENABLED:-false}" \
		KEYWARD_CHALLENGE_APIRATE_ENABLED="${KEYWARD_CHALLENGE_APIRATE_ENABLED:-false}" \
		setsid "$JAVA" $KEYWARD_OPTS -jar "$STANDALONE_JAR" >"$log" 2>&1 </dev/null &
	KW_PID=$!
	for ((i = 0; i < 3000; i++)); do
		if grep -qs 'Keyward is ready' "$log"; then
			KW_READY_SECONDS=$(echo "scale=1; ($(date +%s%N) - $t0) / 1000000000" | bc)
			return 0
		fi
		kill -0 "$KW_PID" 2>/dev/null || { tail -30 "$log" >&2; fail "Keyward exited during start (log $log)"; }
		sleep 0.05
	done
	fail "Keyward not ready after 150 s (log $log)"
}

stop_keyward() {
	kill -TERM "$KW_PID" 2>/dev/null || true
	for _ in $(seq 1 150); do kill -0 "$KW_PID" 2>/dev/null || break; sleep 0.2; done
	kill -KILL "$KW_PID" 2>/dev/null || true
	KW_PID=""
}

# One load generator run; prints the path of its JSON report. Adds the database CPU for Keyward.
run_load() { # server bits device-bits P devices warmup [name]
	local server=$1 bits=$2 dbits=$3 p=$4 n=$5 w=$6 name=${7:-$1-rsa$2-p$4} out url challenge pids db_pss pm lg
	out="$RAW/$name.json"
	if [ "$server" = micromdm ]; then
		url="http://127.0.0.1:$SCEP_PORT/scep"
		challenge=(--challenge "static:$SCEP_CHALLENGE")
		pids=$SCEP_PID
	else
		url="http://127.0.0.1:$KW_GATEWAY/scep/default"
		challenge=(--challenge "api:http://127.0.0.1:$KW_CHALLENGE" --api-key "$KW_API_KEY")
		pids=$KW_PID
	fi
	pm=""
	[ "$server" = keyward ] && pm=$(head -1 "$KW_DATA/postgres/postmaster.pid" 2>/dev/null || true)
	timeout "$LOADGEN_TIMEOUT" "$JAVA" $LOADGEN_JAVA_OPTS -jar "$LOADGEN_JAR" --url "$url" "${challenge[@]}" --devices "$n" \
		--concurrency "$p" --warmup "$w" --key-size "$dbits" --key-pool "$([ "$dbits" = 4096 ] && echo "$KEY_POOL_4096" || echo "$KEY_POOL")" \
		--pids "$pids" --json "$out" \
		>"$RAW/$name.txt" 2>&1 &
	lg=$!
	# database CPU from the first request on (minting the challenges ahead is not an
	# enrollment), spread over warm-up and timed enrollments
	db_cpu_while "$lg" "$RAW/$name.txt" "$pm"
	db_pss=$(tree_pss_mib "$pm")
	[ -s "$out" ] || { tail -20 "$RAW/$name.txt" >&2; echo '{}' >"$out"; }
	add_db_cpu "$out" "$DB_CPU_MS" "$w"
	jq --argjson pss "${db_pss:-0}" --arg server "$server" --argjson bits "$bits" --argjson dbits "$dbits" \
		'. + {target: $server, caBits: $bits, deviceBits: $dbits, dbPssMibAtEnd: (if $pss > 0 then $pss else null end)}' \
		"$out" >"$out.tmp" && mv "$out.tmp" "$out"
	echo "$out"
}

# Devices for the next step: the previous rate (raised while P is below the core count)
# times the target step duration.
size_step() { # previous-rate p previous-p
	local rate=$1 p=$2 prev=$3 grow=1.15
	[ "$prev" -gt 0 ] && [ "$prev" -lt "$(nproc)" ] && grow=1.8
	echo "$rate $grow $STEP_SECONDS" | awk '{ n = int($1 * $2 * $3); if (n < 30) n = 30; if (n > 5000) n = 5000; print n }'
}

round() { # bits levels device-bits
	local bits=$1 levels=$2 dbits=$3 p prev=0 server out rate w n
	declare -A est=([micromdm]=$([ "$bits" = 2048 ] && echo 40 || echo 10) [keyward]=$([ "$bits" = 2048 ] && echo 40 || echo 15))
	say "RSA-$bits: starting micromdm scepserver and Keyward standalone (fresh CA, device keys RSA-$dbits)"
	start_scepserver "$RUN/scep-$bits" "$bits" $SCEP_PORT
	KW_DATA="$RUN/keyward-$bits"
	start_keyward "$bits" "$KW_DATA" "$RUN/keyward-$bits.log"
	say "Keyward ready after $KW_READY_SECONDS s (first start: initdb, CA RSA-$bits, RA keys)"
	jq -n --argjson s "$KW_READY_SECONDS" --argjson bits "$bits" '{caBits: $bits, kind: "first start", readySeconds: $s}' >"$RAW/coldstart-$bits-first.json"
	# Bring both servers to their steady state first, untimed and not in the tables: the JVM
	# needs a few thousand enrollments before C2 has compiled the hot paths (docs/performance.md);
	# micromdm (Go, compiled ahead) gets a short one.
	for server in micromdm keyward; do
		n=$WARM_MICROMDM
		[ "$server" = keyward ] && n=$([ "$bits" = 2048 ] && echo "$WARM_KEYWARD" || echo "$WARM_KEYWARD_4096")
		say "RSA-$bits warm-up $server: $n enrollments at P=8 (untimed)"
		out=$(run_load "$server" "$bits" "$dbits" 8 "$n" 0 "warmup-$server-rsa$bits")
		say "  -> $(jq -r '"\(.enrollmentsPerSecond // "n/a") enr/s, failures \((.failures // {}) | add // 0)"' "$out")"
		rate=$(jq -r '.enrollmentsPerSecond // 0' "$out")
		# P=1 reaches roughly a third of the P=8 rate on 2 cores
		awk -v r="$rate" 'BEGIN { exit !(r > 0) }' && est[$server]=$(awk -v r="$rate" 'BEGIN { print r / 3 }')
	done
	for p in $levels; do
		for server in micromdm keyward; do
			n=$(size_step "${est[$server]}" "$p" "$prev")
			w=$((2 * p))
			say "RSA-$bits P=$p $server: $n devices (+$w warm-up)"
			out=$(run_load "$server" "$bits" "$dbits" "$p" "$n" "$w")
			rate=$(jq -r '.enrollmentsPerSecond // 0' "$out")
			say "  -> $(jq -r '"\(.enrollmentsPerSecond // "n/a") enr/s, p99 \(.latencyMs.PKIOperation.p99 // "n/a") ms, failures \((.failures // {}) | add // 0), duplicates \(.duplicateSerials.count // "n/a")"' "$out")"
			awk -v r="$rate" 'BEGIN { exit !(r > 0) }' && est[$server]=$rate
		done
		prev=$p
	done
	kill -TERM "$SCEP_PID" 2>/dev/null || true
	SCEP_PID=""
	if [ "$bits" = 2048 ]; then
		# restart on the same data: the cold start an operator sees after a reboot
		stop_keyward
		start_keyward "$bits" "$KW_DATA" "$RUN/keyward-$bits-restart.log"
		say "Keyward restart (existing data) ready after $KW_READY_SECONDS s"
		jq -n --argjson s "$KW_READY_SECONDS" --argjson bits "$bits" '{caBits: $bits, kind: "restart", readySeconds: $s}' >"$RAW/coldstart-$bits-restart.json"
	fi
	stop_keyward
}

if [ -n "${BENCH_REPORT_FROM:-}" ]; then
	# only (re)write the report from an earlier run's raw directory
	RAW=$BENCH_REPORT_FROM
	MACHINE=$(cat "$RAW/machine.json")
	ELAPSED=$(cat "$RAW/elapsed")
else
	KW_API_KEY="kw_$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')"
	MACHINE=$(machine_json)
	echo "$MACHINE" >"$RAW/machine.json"
	say "machine: $(echo "$MACHINE" | jq -c .)"
	for bits in $SIZES; do
		if [ "$bits" = 4096 ]; then round 4096 "$LEVELS_4096" "$DEVICE_KEY_4096"; else round "$bits" "$LEVELS" "$bits"; fi
	done
	ELAPSED=$(($(date +%s) - STARTED))
	echo "$ELAPSED" >"$RAW/elapsed"
fi

# ---------------------------------------------------------------- report
JSON="$RESULTS/$STAMP.json"
MD="$RESULTS/$STAMP.md"
jq -n --argjson machine "$MACHINE" --argjson elapsed "$ELAPSED" --arg date "$(date -u +%FT%TZ)" \
	--slurpfile steps <(cat "$RAW"/micromdm-*.json "$RAW"/keyward-*.json) \
	--slurpfile coldstart <(cat "$RAW"/coldstart-*.json) \
	--slurpfile warmups <(cat "$RAW"/warmup-*.json 2>/dev/null) \
	'{date: $date, machine: $machine, benchmarkSeconds: $elapsed, coldStart: $coldstart, warmups: $warmups,
	  steps: ($steps | sort_by(.caBits, .concurrency, .target))}' >"$JSON"

table() { # bits
	jq -r --argjson bits "$1" '
		def r(x): if x == null then "n/a" else (x * 10 | round / 10 | tostring) end;
		def i(x): if x == null then "n/a" else (x | round | tostring) end;
		def fails(s): if s.enrollmentsPerSecond == null then "n/a" else ((s.failures // {}) | add // 0) end;
		[.steps[] | select(.caBits == $bits)] | group_by(.concurrency)[] |
		(map(select(.target == "micromdm"))[0]) as $m | (map(select(.target == "keyward"))[0]) as $k |
		"| \($k.concurrency // $m.concurrency) | \(r($m.enrollmentsPerSecond)) | \(r($k.enrollmentsPerSecond)) | " +
		"\(if ($m.enrollmentsPerSecond // 0) > 0 and $k.enrollmentsPerSecond != null then r($k.enrollmentsPerSecond / $m.enrollmentsPerSecond) + "x" else "n/a" end) | " +
		"\(r($m.latencyMs.PKIOperation.p50)) / \(r($k.latencyMs.PKIOperation.p50)) | " +
		"\(r($m.latencyMs.PKIOperation.p99)) / \(r($k.latencyMs.PKIOperation.p99)) | " +
		"\(fails($m)) / \(fails($k)) | \($m.duplicateSerials.count // "n/a") / \($k.duplicateSerials.count // "n/a") | " +
		"\(r($m.server.cpuMsPerEnrollment)) / \(r($k.server.cpuMsPerEnrollment)) + \(r($k.dbCpuMsPerEnrollment)) | " +
		"\(i($m.server.peakRssMib)) / \(i($k.server.peakRssMib)) + \(i($k.dbPssMibAtEnd)) | \($m.devices // "n/a") / \($k.devices // "n/a") |"' "$JSON"
}

{
	echo "# Benchmark $STAMP: Keyward standalone vs micromdm scepserver"
	echo
	echo "Generated by \`bench/benchmark.sh\` in $ELAPSED s. Raw data: [\`$STAMP.json\`]($STAMP.json)."
	echo
	echo "## Machine"
	echo
	jq -r '.machine | "- cores (nproc): \(.nproc)\n- CPU: \(.cpu)\n- memory: \(.memory)\n- JDK: \(.jdk)\n- micromdm scepserver: \(.scepserver)\n- kernel: \(.kernel)\n- Keyward commit: \(.commit)\(if .uncommittedFiles > 0 then " (+\(.uncommittedFiles) uncommitted files)" else "" end)\n- load average at start: \(.loadAverageAtStart)\n- JVM options: Keyward `\(.keywardJavaOptions // "")`, load generator `\(.loadgenJavaOptions // "")`"' "$JSON"
	echo
	echo "## Cold start (Keyward standalone, launch to the \"Keyward is ready\" line)"
	echo
	jq -r '.coldStart[] | "- RSA-\(.caBits) CA, \(.kind): \(.readySeconds) s"' "$JSON"
	for bits in $SIZES; do
		dbits=$bits
		[ "$bits" = 4096 ] && dbits=$DEVICE_KEY_4096
		echo
		echo "## RSA-$bits CA (device keys RSA-$dbits)"
		echo
		pool=$KEY_POOL
		[ "$dbits" = 4096 ] && pool=$KEY_POOL_4096
		echo "micromdm: static challenge. Keyward: one-time challenges minted ahead over the challenge API."
		echo "Device keys: a pool of $pool RSA-$dbits keys per load generator run, shared round-robin (each"
		echo "device has its own subject, CSR, challenge and transactionID)."
		echo "Cells with two values are micromdm / Keyward. Latency is PKIOperation in ms. CPU is server"
		echo "CPU ms per enrollment (micromdm process / Keyward JVM + its PostgreSQL). Memory: peak RSS in MiB"
		echo "of the scepserver process / the Keyward JVM, + the embedded PostgreSQL's PSS at the end of the step."
		echo
		jq -r --argjson bits "$bits" '[.warmups[] | select(.caBits == $bits)] | if length > 0 then "Untimed warm-up before the steps, at P = 8: " + (map("\(.target) \(.devices) enrollments (\(.enrollmentsPerSecond // "n/a") enr/s)") | join(", ")) + "." else empty end' "$JSON"
		echo
		echo "| P | micromdm enr/s | Keyward enr/s | ratio | p50 ms | p99 ms | failures | duplicate serials | CPU ms/enr | memory MiB | devices |"
		echo "|---|---|---|---|---|---|---|---|---|---|---|"
		table "$bits"
	done
} >"$MD"
[ "$RAW" = "$RESULTS/$STAMP-raw" ] || cp -r "$RAW" "$RESULTS/$STAMP-raw"
cat "$MD"
say "wrote $MD, $JSON and $RESULTS/$STAMP-raw/ in $ELAPSED s"
