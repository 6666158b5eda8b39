# Shared helpers for bench/*.sh (sourced, not run).

BENCH_HOME=${KEYWARD_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
LOADGEN_JAR=${KEYWARD_LOADGEN_JAR:-$BENCH_HOME/bench/loadgen/target/keyward-loadgen.jar}
STANDALONE_JAR=$BENCH_HOME/standalone/target/keyward-standalone.jar
# The load generator shares the cores with the server under test: C1 only, so that it
# does not spend seconds of CPU compiling with C2 during every short step, and a young
# generation that holds a whole step's garbage, so that no collection stops the workers
# that time the requests (each report prints the client's GC pauses; docs/loadgen.md)
LOADGEN_JAVA_OPTS=${KEYWARD_LOADGEN_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms1g -Xmn768m}

say() { echo "[bench $(date +%T)] $*" >&2; }
fail() { echo "bench: $*" >&2; exit 1; }

# Build what is missing (offline first, once online if an artifact is missing).
ensure_jars() {
	local jar missing=0
	for jar in "$LOADGEN_JAR" "$STANDALONE_JAR" "$BENCH_HOME"/{scep-gateway,challenge-service,ca-adapter}/target/*-0.1.0-exec.jar; do
		[ -f "$jar" ] || missing=1
	done
	[ "$missing" = 0 ] && return 0
	say "building Keyward (./mvnw -B -q package -DskipTests) ..."
	(cd "$BENCH_HOME" && { ./mvnw -o -B -q package -DskipTests || ./mvnw -B -q package -DskipTests; }) >&2
	[ -f "$LOADGEN_JAR" ] || fail "no load generator at $LOADGEN_JAR"
	[ -f "$STANDALONE_JAR" ] || fail "no standalone jar at $STANDALONE_JAR"
}

# The machine, as JSON (cores, CPU model, memory, JDK, scepserver, commit).
machine_json() {
	local model mem jdk scep commit dirty
	model=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
	mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
	jdk=$("$JAVA" -version 2>&1 | sed -n '2p')
	scep=$(scepserver -version 2>/dev/null | head -1 || echo "not installed")
	commit=$(git -C "$BENCH_HOME" rev-parse --short HEAD 2>/dev/null || echo unknown)
	dirty=$(git -C "$BENCH_HOME" status --porcelain --untracked-files=no 2>/dev/null | wc -l)
	jq -n --arg nproc "$(nproc)" --arg model "$model" --arg mem "$mem" --arg jdk "$jdk" --arg scep "$scep" \
		--arg commit "$commit" --arg dirty "$dirty" --arg kernel "$(uname -r)" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
		--arg keywardOpts "${KEYWARD_OPTS:-${KEYWARD_JAVA_OPTS:-}}" --arg loadgenOpts "$LOADGEN_JAVA_OPTS" \
		'{nproc: ($nproc|tonumber), cpu: $model, memory: $mem, jdk: $jdk, scepserver: $scep,
		  commit: $commit, uncommittedFiles: ($dirty|tonumber), kernel: $kernel, loadAverageAtStart: $load,
		  keywardJavaOptions: $keywardOpts, loadgenJavaOptions: $loadgenOpts}'
}

# CPU time in ms (utime + stime) of one process, 0 when it is gone.
cpu_of() { # pid
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/^[0-9]+ \(.*\) /, ""); printf "%d\n", ($12 + $13) * 1000 / hz }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# CPU time in ms (utime + stime) of a process and its live children, plus the children it has
# reaped (cutime + cstime: a backend or autovacuum worker that exited between two readings
# still counts); for PostgreSQL (postmaster + backends), whose backends the load generator
# does not sample. Read through cat: a process that exits while /proc is read is skipped, where
# awk reading the files itself stopped at it (and the reading came out as 0).
tree_cpu_ms() {
	local root=$1
	[ -n "$root" ] || { echo 0; return; }
	# cat fails when a process it was to read has gone: not an error here (pipefail)
	{ cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v root="$root" -v hz="$(getconf CLK_TCK)" '
		{ pid = $1; sub(/^[0-9]+ \(.*\) /, "")
		  if (pid == root) total += $12 + $13 + $14 + $15
		  else if ($2 == root) total += $12 + $13 }
		END { printf "%d\n", total * 1000 / hz }'
}

# Waits for a load generator running in the background (a child of this shell: not called
# in a command substitution) and sets DB_CPU_MS to the CPU ms its server's PostgreSQL
# (postmaster pid, with its backends) used from the load generator's first request on:
# after it minted the challenges and rehearsed, so preparing the run is not counted, while a
# warm-up is. Empty without a postmaster (micromdm keeps its store in its own process,
# counted as server CPU).
db_cpu_while() { # loadgen-pid loadgen-output postmaster-pid
	local lg=$1 text=$2 pm=$3 before
	for _ in $(seq 1 12000); do
		grep -qsE 'rehearsing|warm-up|done,' "$text" && break
		kill -0 "$lg" 2>/dev/null || break
		sleep 0.05
	done
	before=$(tree_cpu_ms "$pm")
	wait "$lg" || true
	DB_CPU_MS=""
	[ -z "$pm" ] || DB_CPU_MS=$(($(tree_cpu_ms "$pm") - before))
}

# Adds dbCpuMsPerEnrollment to a load generator report: CPU ms (db_cpu_while) spread over
# the warm-up and timed enrollments, null when none was measured.
add_db_cpu() { # report.json db-ms warmup
	[ -s "$1" ] || return 0
	jq --arg db "${2:-}" --argjson w "$3" \
		'. + {dbCpuMsPerEnrollment: (if $db != "" and ((.enrollments // 0) + $w) > 0 then (($db | tonumber) / ((.enrollments // 0) + $w)) else null end)}' \
		"$1" >"$1.tmp" && mv "$1.tmp" "$1"
}

free_port_check() { # port: fail if something listens
	if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then fail "port $1 is in use"; fi
}

# Proportional set size in MiB of a process and its live children (shared memory counted
# once overall): PostgreSQL's footprint next to the JVM's.
tree_pss_mib() {
	local root=$1 pid total=0 kb
	[ -n "$root" ] || { echo 0; return; }
	for pid in $root $(ps -o pid= --ppid "$root" 2>/dev/null); do
		kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
		total=$((total + ${kb:-0}))
	done
	echo $((total / 1024))
}

# micromdm's scepserver on a fresh depot (new CA) with a random static challenge; sets
# SCEP_PID and SCEP_CHALLENGE and returns once it answers GetCACaps.
start_scepserver() { # dir bits port
	local dir=$1 bits=$2 port=$3
	mkdir -p "$dir"
	scepserver ca -init -depot "$dir/depot" -keySize "$bits" >"$dir/ca-init.log" 2>&1
	SCEP_CHALLENGE=$(openssl rand -hex 16)
	setsid scepserver -depot "$dir/depot" -port "$port" -challenge "$SCEP_CHALLENGE" >"$dir/scepserver.log" 2>&1 </dev/null &
	SCEP_PID=$!
	for _ in $(seq 1 100); do
		curl -fsS -m 2 "http://127.0.0.1:$port/scep?operation=GetCACaps" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	fail "scepserver did not answer (log $dir/scepserver.log)"
}

# Stops a process: TERM, up to 2 minutes (Keyward stops its PostgreSQL first; slow on a
# busy machine), then KILL.
stop_pid() { # pid
	[ -n "${1:-}" ] || return 0
	kill -TERM "$1" 2>/dev/null || return 0
	for _ in $(seq 1 600); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
	kill -KILL "$1" 2>/dev/null || true
}

# Before a fresh suite on the ports base..base+4 (start_keyward_fresh): the jars built, the
# five ports free, and the suite stopped when the script exits.
keyward_run_prepare() { # base
	ensure_jars
	local p
	for p in $(seq "$1" $(($1 + 4))); do free_port_check "$p"; done
	trap 'stop_pid "$KW_PID"' EXIT
}

# A fresh `./keyward start` (what a new user runs), without its build step, on five ports
# from BASE (gateway, challenge-service, ca-adapter, admin-ui, database); limits off (the
# load generator is one client address). Sets KW_PID, KW_API_KEY and READY (seconds from
# the launch to "Keyward is ready"). AOT: auto (the cache when one fits; trains one when
# none does, which takes minutes) or off.
start_keyward_fresh() { # base aot data log timeout-seconds
	local base=$1 aot=$2 data=$3 log=$4 i t0
	t0=$(date +%s%N)
	KW_API_KEY=kw_bench_$(openssl rand -hex 16)
	KEYWARD_NO_BUILD=1 KEYWARD_AOT=$aot KEYWARD_DATA_DIR="$data" \
		KEYWARD_GATEWAY_PORT=$base KEYWARD_CHALLENGE_PORT=$((base + 1)) KEYWARD_CA_PORT=$((base + 2)) \
		KEYWARD_ADMIN_PORT=$((base + 3)) KEYWARD_DB_PORT=$((base + 4)) \
		KEYWARD_GATEWAY_HTTPS_PORT=0 KEYWARD_GATEWAY_MANAGEMENT_PORT=0 \
		KEYWARD_BOOTSTRAP_API_KEY="$KW_API_KEY" KEYWARD_CHALLENGE_MAX_OUTSTANDING=0 \
		KEYWARD_SECRETS_DIR="$data-no-secrets" KEYWARD_GATEWAY_LIMITS_ENABLED=false \
		KEYWARD_CHALLENGE_APIRATE_ENABLED=false \
		setsid "$BENCH_HOME/keyward" start >"$log" 2>&1 </dev/null &
	KW_PID=$!
	for ((i = 0; i < $5 * 20; i++)); do
		if grep -qs 'Keyward is ready' "$log"; then
			READY=$(echo "scale=1; ($(date +%s%N) - $t0) / 1000000000" | bc)
			return 0
		fi
		kill -0 "$KW_PID" 2>/dev/null || { tail -30 "$log" >&2; fail "Keyward exited during start (log $log)"; }
		sleep 0.05
	done
	fail "Keyward not ready after $5 s (log $log)"
}
