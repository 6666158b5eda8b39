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

# CPU time in ms (utime + stime) of a process and its live children; for PostgreSQL
# (postmaster + backends), whose backends the load generator does not sample.
tree_cpu_ms() {
	local root=$1
	[ -n "$root" ] || { echo 0; return; }
	awk -v root="$root" -v hz="$(getconf CLK_TCK)" '
		{ sub(/^[0-9]+ \(.*\) /, ""); pid = FILENAME; sub(/\/proc\//, "", pid); sub(/\/stat/, "", pid)
		  if (pid == root || $2 == root) total += $12 + $13 }
		END { printf "%d\n", total * 1000 / hz }' /proc/[0-9]*/stat 2>/dev/null || echo 0
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
