#!/usr/bin/env bash
# Trains the JDK 25 AOT caches (JEPs 483, 514, 515) of the service images: the scep-gateway,
# the challenge-service and the ca-adapter run from their extracted jars, each with
# -XX:AOTCacheOutput, against a throwaway embedded PostgreSQL, while the load generator
# enrolls N devices through them; the admin-ui runs beside them and serves its sign-in page
# (its cache is one of its start: classes loaded and linked). On SIGTERM each JVM writes
# <app>/<module>.aot. The data, keys and secrets of the run are deleted; only the caches stay.
#
#   deploy/aot/train.sh APP_ROOT STANDALONE_JAR LOADGEN_JAR
#
# APP_ROOT holds one directory per service, each made by
#   java -Djarmode=tools -jar <module>-0.1.0-exec.jar extract --destination APP_ROOT/<module>
# (APP_ROOT/<module>/<module>-0.1.0-exec.jar plus lib/). A cache is used only by the same JVM
# build (the same java binary and lib/modules: a jlink'ed runtime is its own) with the same
# class path, so train with the runtime image's java, at the paths the image runs from, and
# start the service with the same options: see deploy/aot/README.md.
#
# Needs only bash, coreutils and java (no curl, no openssl): it runs inside an image build.
#
# Environment: JAVA (default: java on PATH; the runtime's), SERVICE_JAVA_OPTS (the options
# the image starts the services with; default -XX:MaxRAMPercentage=75), LOADGEN_JAVA (the load
# generator's java; any JDK 21+, it is only the client), AOT_TRAIN_ENROLLMENTS (24000),
# AOT_TRAIN_PORT_BASE (19300), AOT_TRAIN_WORK (a new temporary directory).
set -euo pipefail

[ $# -eq 3 ] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
APPS=$(cd "$1" && pwd)
STANDALONE_JAR=$2
LOADGEN_JAR=$3
JAVA=${JAVA:-java}
LOADGEN_JAVA=${LOADGEN_JAVA:-$JAVA}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--XX:MaxRAMPercentage=75}
ENROLLMENTS=${AOT_TRAIN_ENROLLMENTS:-24000}
BASE=${AOT_TRAIN_PORT_BASE:-19300}
WORK=${AOT_TRAIN_WORK:-$(mktemp -d)}
MODULES="ca-adapter challenge-service scep-gateway admin-ui"
declare -A PORT=([scep-gateway]=$BASE [challenge-service]=$((BASE + 1)) [ca-adapter]=$((BASE + 2))
	[admin-ui]=$((BASE + 4)))
DB_PORT=$((BASE + 3))
PIDS=()

say() { echo "[aot-train $(date +%T)] $*" >&2; }
die() { say "$*"; exit 1; }
secret() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }

for module in $MODULES; do
	[ -f "$APPS/$module/$module-0.1.0-exec.jar" ] || die "no extracted $module in $APPS/$module (see the header)"
	# Bouncy Castle's signed jars: unsigned, so the JDK caches their classes too (needs zip)
	KEYWARD_STANDALONE_JAR="$STANDALONE_JAR" JAVA="$JAVA" "$(dirname "$0")/unsign.sh" "$APPS/$module/lib"
done
mkdir -p "$WORK/data" "$WORK/logs"

cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$WORK/data"
}
trap cleanup EXIT

# GET over bash's /dev/tcp: prints the status line and the body
http_get() { # port path
	(exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3 && cat <&3) 2>/dev/null
}

wait_for() { # what seconds command...
	local what=$1 seconds=$2 i
	shift 2
	for ((i = 0; i < seconds * 4; i++)); do
		"$@" && return 0
		sleep 0.25
	done
	die "$what not ready after $seconds s (logs in $WORK/logs)"
}

SERVICE_TOKEN=$(secret 24) ADMIN_UI_TOKEN=$(secret 24) KEK=$(secret 32) API_KEY=kw_train_$(secret 48 | tr -dc 'a-zA-Z0-9' | head -c 40)

say "database (embedded PostgreSQL) on port $DB_PORT"
KEYWARD_DATA_DIR="$WORK/data" KEYWARD_DB_PORT=$DB_PORT "$JAVA" -Xmx128m -jar "$STANDALONE_JAR" database \
	>"$WORK/logs/db.log" 2>&1 </dev/null &
PIDS+=($!)
wait_for database 120 grep -q 'Keyward database is ready' "$WORK/logs/db.log"

start() { # module
	local module=$1 env_args
	env_args=(KEYWARD_DB_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/keyward" KEYWARD_DB_USER=postgres
		KEYWARD_DB_PASSWORD="$(<"$WORK/data/postgres-password")" KEYWARD_GATEWAY_TOKEN="$SERVICE_TOKEN"
		KEYWARD_ADMIN_UI_TOKEN="$ADMIN_UI_TOKEN" KEYWARD_KEK="$KEK" KEYWARD_DATA_DIR="$WORK/data"
		KEYWARD_SECRETS_DIR="$WORK/no-secrets")
	case "$module" in
		scep-gateway) env_args+=(KEYWARD_GATEWAY_PORT="${PORT[$module]}" KEYWARD_GATEWAY_HTTPS_PORT=0
			KEYWARD_GATEWAY_MANAGEMENT_PORT=0 KEYWARD_GATEWAY_LIMITS_ENABLED=false
			KEYWARD_CHALLENGE_URL="http://127.0.0.1:${PORT[challenge-service]}"
			KEYWARD_CA_URL="http://127.0.0.1:${PORT[ca-adapter]}") ;;
		challenge-service) env_args+=(KEYWARD_CHALLENGE_PORT="${PORT[$module]}" KEYWARD_BOOTSTRAP_API_KEY="$API_KEY"
			KEYWARD_CHALLENGE_APIRATE_ENABLED=false KEYWARD_CHALLENGE_MAX_OUTSTANDING=0) ;;
		ca-adapter) env_args+=(KEYWARD_CA_PORT="${PORT[$module]}") ;;
		admin-ui) env_args+=(KEYWARD_ADMIN_PORT="${PORT[$module]}" KEYWARD_ADMIN_MANAGEMENT_PORT=
			KEYWARD_ADMIN_INITIAL_PASSWORD="Train-$(secret 24 | tr -dc 'a-zA-Z0-9')"
			KEYWARD_GATEWAY_URL="http://127.0.0.1:${PORT[scep-gateway]}"
			KEYWARD_CHALLENGE_URL="http://127.0.0.1:${PORT[challenge-service]}"
			KEYWARD_CA_URL="http://127.0.0.1:${PORT[ca-adapter]}") ;;
	esac
	rm -f "$APPS/$module/$module.aot"
	# shellcheck disable=SC2086
	env "${env_args[@]}" "$JAVA" $SERVICE_JAVA_OPTS -XX:AOTCacheOutput="$APPS/$module/$module.aot" \
		-jar "$APPS/$module/$module-0.1.0-exec.jar" >"$WORK/logs/$module.log" 2>&1 </dev/null &
	PIDS+=($!)
	eval "PID_${module//-/_}=$!"
}

ready() { # module
	local path=/actuator/health/readiness pid_var="PID_${1//-/_}"
	kill -0 "${!pid_var}" 2>/dev/null || { tail -40 "$WORK/logs/$1.log" >&2; die "$1 exited during start (log $WORK/logs/$1.log)"; }
	[ "$1" = scep-gateway ] && path=/readyz
	http_get "${PORT[$1]}" "$path" | grep -q UP
}

# the admin-ui needs only the database to start: it starts with the first service
say "admin-ui on port ${PORT[admin-ui]}, recording for $APPS/admin-ui/admin-ui.aot"
start admin-ui
for module in ca-adapter challenge-service scep-gateway; do
	say "$module on port ${PORT[$module]}, recording for $APPS/$module/$module.aot"
	start "$module"
	wait_for "$module" 300 ready "$module"
done
wait_for admin-ui 300 ready admin-ui
http_get "${PORT[admin-ui]}" /login | grep -q '^HTTP/1.1 200' || die "the admin-ui's sign-in page did not answer 200"

say "training: $ENROLLMENTS enrollments at 8 in flight"
"$LOADGEN_JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms1g -Xmn768m -jar "$LOADGEN_JAR" \
	--url "http://127.0.0.1:${PORT[scep-gateway]}/scep/default" \
	--challenge "api:http://127.0.0.1:${PORT[challenge-service]}" --api-key "$API_KEY" \
	--devices "$ENROLLMENTS" --concurrency 8 --key-pool 64 --rehearsals 0 >"$WORK/logs/loadgen.txt" 2>&1 \
	|| { tail -20 "$WORK/logs/loadgen.txt" >&2; die "the training enrollments failed"; }
grep -E "throughput|result" "$WORK/logs/loadgen.txt" >&2

say "stopping the services; each JVM writes its cache as it exits (about 20 s)"
for module in scep-gateway challenge-service ca-adapter admin-ui; do
	pid_var="PID_${module//-/_}"
	kill -TERM "${!pid_var}"
done
for module in scep-gateway challenge-service ca-adapter admin-ui; do
	pid_var="PID_${module//-/_}"
	wait "${!pid_var}" || true
	[ -s "$APPS/$module/$module.aot" ] || die "no cache written for $module (log $WORK/logs/$module.log)"
	say "$APPS/$module/$module.aot: $(du -h "$APPS/$module/$module.aot" | cut -f1)"
done
