#!/usr/bin/env bash
# Multi-process Keyward on loopback: the embedded PostgreSQL (keyward-standalone.jar database)
# plus N scep-gateway, M challenge-service and K ca-adapter replicas from their executable jars,
# each on its own port, with pid files, logs and readiness waits. Also starts micromdm's
# scepserver for the side-by-side benchmark. Used by bench/scaling.sh and bench/faults.sh.
#
#   bench/cluster.sh start [--gateways N] [--challenges M] [--cas K] [--balance] [--fresh]
#   bench/cluster.sh stop | status
#   bench/cluster.sh urls <gateway|challenge|ca>      one base URL per line
#   bench/cluster.sh pids [gateway|challenge|ca|db]   comma-separated pids (loadgen --pids)
#   bench/cluster.sh api-key                          the MDM API key (challenge API)
#   bench/cluster.sh kill <service> <index>           kill -9 one replica (index from 0)
#   bench/cluster.sh restart <service> <index>        start that replica again, wait until ready
#   bench/cluster.sh restart-db                       stop PostgreSQL cleanly and start it again
#   bench/cluster.sh kill-db                          kill -9 the database launcher and postmaster
#   bench/cluster.sh scepserver-start <key-size> <port> <challenge>   micromdm scepserver, fresh CA
#   bench/cluster.sh scepserver-stop
#
# Spreading load: the gateway takes one challenge URL and one CA URL. Without --balance,
# gateway i talks to challenge replica i mod M and CA replica i mod K (round-robin
# assignment). With --balance, every gateway talks to a round-robin TCP balancer
# (bench/balancer.py) per service, which hands each new connection to the next replica.
#
# Environment: KEYWARD_RUN_DIR (default /tmp/keyward-cluster): data, pids, logs;
# KEYWARD_HOME (default: this repository) where the jars are built; JAVA_HOME;
# KEYWARD_JAVA_OPTS extra JVM options for the services; KEYWARD_CA_KEY_ALGORITHM (RSA_2048);
# KEYWARD_BENCH_DB_PORT (55432), KEYWARD_BENCH_PORT_BASE (18000): gateway i on BASE+80+i,
# challenge i on BASE+180+i, ca i on BASE+280+i, balancers on BASE+190 and BASE+290.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
KEYWARD_HOME=${KEYWARD_HOME:-$(cd "$HERE/.." && pwd)}
RUN=${KEYWARD_RUN_DIR:-/tmp/keyward-cluster}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
DB_PORT=${KEYWARD_BENCH_DB_PORT:-55432}
BASE=${KEYWARD_BENCH_PORT_BASE:-18000}
READY_TIMEOUT=${KEYWARD_READY_TIMEOUT:-120}

die() { echo "cluster.sh: $*" >&2; exit 1; }
log() { echo "[cluster $(date +%T)] $*" >&2; }

canonical() {
	case "$1" in
		gateway | scep-gateway) echo gateway ;;
		challenge | challenge-service) echo challenge ;;
		ca | ca-adapter) echo ca ;;
		db | database | postgres) echo db ;;
		*) die "unknown service '$1' (gateway, challenge, ca)" ;;
	esac
}

module_of() {
	case "$1" in
		gateway) echo scep-gateway ;;
		challenge) echo challenge-service ;;
		ca) echo ca-adapter ;;
	esac
}

port_of() { # service index
	case "$1" in
		gateway) echo $((BASE + 80 + $2)) ;;
		challenge) echo $((BASE + 180 + $2)) ;;
		ca) echo $((BASE + 280 + $2)) ;;
	esac
}

load_state() {
	[ -f "$RUN/cluster.env" ] || die "no cluster in $RUN (run: bench/cluster.sh start)"
	# shellcheck disable=SC1091
	. "$RUN/cluster.env"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_exit() { # pid seconds
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
	done
	return 1
}

stop_pidfile() { # pidfile: SIGTERM, up to 20 s, then SIGKILL
	local pid
	[ -f "$1" ] || return 0
	pid=$(cat "$1")
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		wait_exit "$pid" 20 || { kill -KILL "$pid" 2>/dev/null || true; wait_exit "$pid" 5 || true; }
	fi
	rm -f "$1"
}

# ---------------------------------------------------------------- database

db_start() {
	local jar="$KEYWARD_HOME/standalone/target/keyward-standalone.jar" out="$RUN/logs/db.log" i
	[ -f "$jar" ] || die "missing $jar (build: ./mvnw -o -B -q -pl standalone package -DskipTests)"
	: >"$out"
	KEYWARD_DATA_DIR="$RUN/data" KEYWARD_DB_PORT=$DB_PORT setsid "$JAVA" -Xmx128m -jar "$jar" database \
		>>"$out" 2>&1 </dev/null &
	echo $! >"$RUN/pids/db.pid"
	for ((i = 0; i < 600; i++)); do
		grep -q 'Keyward database is ready' "$out" && { log "database ready on port $DB_PORT"; return 0; }
		alive "$RUN/pids/db.pid" || { tail -20 "$out" >&2; die "database did not start (log: $out)"; }
		sleep 0.1
	done
	die "database not ready after 60 s (log: $out)"
}

postmaster_pid() { head -1 "$RUN/data/postgres/postmaster.pid" 2>/dev/null || true; }

# ---------------------------------------------------------------- services

start_service() { # service index (returns at once; wait with wait_ready)
	local svc=$1 i=$2 module port env_args=() jar out
	module=$(module_of "$svc")
	port=$(port_of "$svc" "$i")
	jar="$KEYWARD_HOME/$module/target/$module-0.1.0-exec.jar"
	[ -f "$jar" ] || die "missing $jar (build: ./mvnw -o -B -q package -DskipTests)"
	out="$RUN/logs/$svc-$i.log"
	env_args=(KEYWARD_DB_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/keyward" KEYWARD_DB_USER=postgres
		KEYWARD_DB_PASSWORD="$(<"$RUN/data/postgres-password")" KEYWARD_GATEWAY_TOKEN="$SERVICE_TOKEN" KEYWARD_ADMIN_UI_TOKEN="$ADMIN_UI_TOKEN" KEYWARD_KEK="$KEK"
		KEYWARD_DATA_DIR="$RUN/data" KEYWARD_SECRETS_DIR="$RUN/no-secrets")
	case "$svc" in
		gateway)
			local ch=$((BASE + 180 + i % CHALLENGES)) ca=$((BASE + 280 + i % CAS))
			if [ "$BALANCE" = 1 ]; then ch=$((BASE + 190)); ca=$((BASE + 290)); fi
			# one load generator is one client address: the PKIOperation limits would measure themselves
			env_args+=(KEYWARD_GATEWAY_LIMITS_ENABLED="${KEYWARD_GATEWAY_LIMITS_ENABLED:-false}")
			env_args+=(KEYWARD_GATEWAY_PORT="$port" KEYWARD_GATEWAY_HTTPS_PORT=0 KEYWARD_GATEWAY_MANAGEMENT_PORT=0
				KEYWARD_CHALLENGE_URL="http://127.0.0.1:$ch"
				KEYWARD_CA_URL="http://127.0.0.1:$ca")
			;;
		challenge) env_args+=(KEYWARD_CHALLENGE_PORT="$port" KEYWARD_BOOTSTRAP_API_KEY="$API_KEY"
			KEYWARD_CHALLENGE_APIRATE_ENABLED="${KEYWARD_CHALLENGE_APIRATE_ENABLED:-false}") ;;
		ca) env_args+=(KEYWARD_CA_PORT="$port" KEYWARD_CA_KEY_ALGORITHM="$CA_KEY_ALGORITHM") ;;
	esac
	echo "=== start $(date -u +%FT%TZ)" >>"$out"
	# shellcheck disable=SC2086
	env "${env_args[@]}" setsid "$JAVA" ${KEYWARD_JAVA_OPTS:-} -jar "$jar" >>"$out" 2>&1 </dev/null &
	echo $! >"$RUN/pids/$svc-$i.pid"
}

wait_ready() { # service index
	local svc=$1 i=$2 port t0 ms probe=/actuator/health/readiness
	port=$(port_of "$svc" "$i")
	# the gateway serves actuator on its management port only; /readyz is its public probe
	[ "$svc" = gateway ] && probe=/readyz
	t0=$(date +%s%N)
	while :; do
		if curl -fsS -m 2 "http://127.0.0.1:$port$probe" 2>/dev/null | grep -q UP; then
			ms=$((($(date +%s%N) - t0) / 1000000))
			log "$svc-$i ready on port $port (waited $ms ms)"
			return 0
		fi
		alive "$RUN/pids/$svc-$i.pid" || { tail -30 "$RUN/logs/$svc-$i.log" >&2; die "$svc-$i exited (log: $RUN/logs/$svc-$i.log)"; }
		if [ $((($(date +%s%N) - t0) / 1000000000)) -ge "$READY_TIMEOUT" ]; then
			die "$svc-$i not ready after $READY_TIMEOUT s (log: $RUN/logs/$svc-$i.log)"
		fi
		sleep 0.25
	done
}

start_balancers() {
	local ports=() i
	for ((i = 0; i < CHALLENGES; i++)); do ports+=("$(port_of challenge "$i")"); done
	setsid python3 "$HERE/balancer.py" $((BASE + 190)) "${ports[@]}" >"$RUN/logs/balancer-challenge.log" 2>&1 </dev/null &
	echo $! >"$RUN/pids/balancer-challenge.pid"
	ports=()
	for ((i = 0; i < CAS; i++)); do ports+=("$(port_of ca "$i")"); done
	setsid python3 "$HERE/balancer.py" $((BASE + 290)) "${ports[@]}" >"$RUN/logs/balancer-ca.log" 2>&1 </dev/null &
	echo $! >"$RUN/pids/balancer-ca.pid"
}

cmd_start() {
	local gateways=1 challenges=1 cas=1 balance=0 fresh=0 i
	while [ $# -gt 0 ]; do
		case "$1" in
			--gateways) gateways=$2; shift 2 ;;
			--challenges) challenges=$2; shift 2 ;;
			--cas) cas=$2; shift 2 ;;
			--balance) balance=1; shift ;;
			--fresh) fresh=1; shift ;;
			*) die "unknown option $1" ;;
		esac
	done
	if [ -f "$RUN/pids/db.pid" ] && alive "$RUN/pids/db.pid"; then die "a cluster is running in $RUN (stop it first)"; fi
	[ "$fresh" = 1 ] && rm -rf "$RUN"
	mkdir -p "$RUN/data" "$RUN/pids" "$RUN/logs"
	if [ ! -f "$RUN/secrets.env" ]; then
		umask 077
		{
			# the gateway's token (docs/security.md: one credential per caller)
			echo "SERVICE_TOKEN=$(openssl rand -hex 24)"
			echo "ADMIN_UI_TOKEN=$(openssl rand -hex 24)"
			echo "KEK=$(openssl rand -base64 32)"
			echo "API_KEY=kw_$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')"
		} >"$RUN/secrets.env"
		umask 022
	fi
	# shellcheck disable=SC1091
	. "$RUN/secrets.env"
	if [ -z "${ADMIN_UI_TOKEN:-}" ]; then # a run directory from before per-caller tokens
		ADMIN_UI_TOKEN=$(openssl rand -hex 24)
		echo "ADMIN_UI_TOKEN=$ADMIN_UI_TOKEN" >>"$RUN/secrets.env"
	fi
	{
		cat "$RUN/secrets.env"
		echo "GATEWAYS=$gateways CHALLENGES=$challenges CAS=$cas BALANCE=$balance"
		echo "CA_KEY_ALGORITHM=${KEYWARD_CA_KEY_ALGORITHM:-RSA_2048}"
		echo "DB_PORT=$DB_PORT BASE=$BASE"
	} >"$RUN/cluster.env"
	load_state
	log "starting: $gateways gateway, $challenges challenge, $cas ca (balance=$balance) in $RUN"
	db_start
	[ "$balance" = 1 ] && start_balancers
	# index 0 first: it runs the Flyway migrations and creates the CA; then the rest together
	start_service ca 0
	start_service challenge 0
	wait_ready ca 0
	wait_ready challenge 0
	for ((i = 1; i < cas; i++)); do start_service ca "$i"; done
	for ((i = 1; i < challenges; i++)); do start_service challenge "$i"; done
	start_service gateway 0
	for ((i = 1; i < cas; i++)); do wait_ready ca "$i"; done
	for ((i = 1; i < challenges; i++)); do wait_ready challenge "$i"; done
	wait_ready gateway 0
	for ((i = 1; i < gateways; i++)); do start_service gateway "$i"; done
	for ((i = 1; i < gateways; i++)); do wait_ready gateway "$i"; done
	log "cluster ready; gateways: $(cmd_urls gateway | tr '\n' ' ')"
}

cmd_stop() {
	local f
	[ -d "$RUN/pids" ] || return 0
	for f in "$RUN"/pids/gateway-*.pid "$RUN"/pids/challenge-*.pid "$RUN"/pids/ca-*.pid "$RUN"/pids/balancer-*.pid; do
		[ -e "$f" ] && stop_pidfile "$f" &
	done
	wait
	stop_pidfile "$RUN/pids/db.pid"
	log "stopped"
}

cmd_status() {
	local f name
	load_state
	for f in "$RUN"/pids/*.pid; do
		[ -e "$f" ] || continue
		name=$(basename "$f" .pid)
		if alive "$f"; then echo "$name pid $(cat "$f") running"; else echo "$name pid $(cat "$f") not running"; fi
	done
}

cmd_urls() {
	local svc n i
	load_state
	svc=$(canonical "$1")
	case "$svc" in gateway) n=$GATEWAYS ;; challenge) n=$CHALLENGES ;; ca) n=$CAS ;; *) die "no URL for $svc" ;; esac
	for ((i = 0; i < n; i++)); do echo "http://127.0.0.1:$(port_of "$svc" "$i")"; done
}

cmd_pids() {
	local f out=() pattern="*"
	load_state
	[ $# -gt 0 ] && pattern="$(canonical "$1")*"
	for f in "$RUN"/pids/$pattern.pid; do
		[ -e "$f" ] && alive "$f" && out+=("$(cat "$f")")
	done
	if [ "$pattern" = "*" ] || [ "$pattern" = "db*" ]; then
		local pm
		pm=$(postmaster_pid)
		[ -n "$pm" ] && kill -0 "$pm" 2>/dev/null && out+=("$pm")
	fi
	(IFS=,; echo "${out[*]}")
}

cmd_kill() {
	local svc i f
	load_state
	svc=$(canonical "$1"); i=$2
	f="$RUN/pids/$svc-$i.pid"
	alive "$f" || die "$svc-$i is not running"
	kill -KILL "$(cat "$f")"
	wait_exit "$(cat "$f")" 10 || die "$svc-$i survived kill -9"
	log "killed $svc-$i (kill -9, pid $(cat "$f"))"
}

cmd_restart() {
	local svc i
	load_state
	svc=$(canonical "$1"); i=$2
	alive "$RUN/pids/$svc-$i.pid" && die "$svc-$i is still running"
	start_service "$svc" "$i"
	wait_ready "$svc" "$i"
}

cmd_restart_db() {
	load_state
	local pid
	pid=$(cat "$RUN/pids/db.pid")
	kill -TERM "$pid"
	wait_exit "$pid" 30 || die "database launcher did not stop in 30 s"
	log "database stopped"
	db_start
}

cmd_kill_db() {
	load_state
	local pm
	pm=$(postmaster_pid)
	kill -KILL "$(cat "$RUN/pids/db.pid")" 2>/dev/null || true
	[ -n "$pm" ] && kill -KILL "$pm" 2>/dev/null || true
	log "database killed (kill -9 launcher and postmaster $pm)"
}

# ---------------------------------------------------------------- micromdm scepserver

cmd_scepserver_start() { # key-size port challenge
	local bits=$1 port=$2 challenge=$3 dir="$RUN/scepserver" i
	command -v scepserver >/dev/null || die "scepserver not installed (Debian package scep)"
	rm -rf "$dir"
	mkdir -p "$dir" "$RUN/pids" "$RUN/logs"
	(cd "$dir" && scepserver ca -init -depot "$dir/depot" -keySize "$bits" >"$RUN/logs/scepserver-ca.log" 2>&1)
	setsid scepserver -depot "$dir/depot" -port "$port" -challenge "$challenge" \
		>"$RUN/logs/scepserver.log" 2>&1 </dev/null &
	echo $! >"$RUN/pids/scepserver.pid"
	for ((i = 0; i < 100; i++)); do
		if curl -fsS -m 2 "http://127.0.0.1:$port/scep?operation=GetCACaps" >/dev/null 2>&1; then
			log "scepserver ready on port $port (RSA-$bits CA, depot $dir/depot)"
			return 0
		fi
		alive "$RUN/pids/scepserver.pid" || { cat "$RUN/logs/scepserver.log" >&2; die "scepserver exited"; }
		sleep 0.1
	done
	die "scepserver not ready after 10 s"
}

cmd_scepserver_stop() { stop_pidfile "$RUN/pids/scepserver.pid"; }

# ----------------------------------------------------------------

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
	start) cmd_start "$@" ;;
	stop) cmd_stop ;;
	status) cmd_status ;;
	urls) [ $# -eq 1 ] || die "usage: urls <service>"; cmd_urls "$1" ;;
	pids) cmd_pids "$@" ;;
	api-key) load_state; echo "$API_KEY" ;;
	kill) [ $# -eq 2 ] || die "usage: kill <service> <index>"; cmd_kill "$1" "$2" ;;
	restart) [ $# -eq 2 ] || die "usage: restart <service> <index>"; cmd_restart "$1" "$2" ;;
	restart-db) cmd_restart_db ;;
	kill-db) cmd_kill_db ;;
	scepserver-start) [ $# -eq 3 ] || die "usage: scepserver-start <key-size> <port> <challenge>"; cmd_scepserver_start "$@" ;;
	scepserver-stop) cmd_scepserver_stop ;;
	*) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
