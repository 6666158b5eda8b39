#!/usr/bin/env bash
# ./keyward train and ./keyward start on its cache, run as a user runs them, on the jars the
# Maven tests just built (./keyward test runs it after them; about two minutes):
#   1. ./keyward train 50 into a scratch AOT directory, with KEYWARD_BOOTSTRAP_API_KEY and
#      KEYWARD_SECRETS_DIR set as a benchmark or an operator may have them (a training that
#      inherited them wrote no initial credentials and failed: fixed in 4d1367d, found by a
#      benchmark because nothing ran the script);
#   2. ./keyward start with that cache and -XX:AOTMode=on, so the JVM refuses to start unless
#      it maps the cache: the suite must get ready and say it used the cache; while it runs,
#      bench/rest-fuzz.sh --running calls every operation of the published OpenAPI
#      descriptions with mutated input, from outside (about 20-30 s);
#   3. a start after the jar changed must not use the stale cache: the JVM it starts is not
#      given it (stopped as soon as it runs).
# Nothing of the developer's own standalone/target/aot is touched.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test-training: FAILED: $*" >&2; exit 1; }
say() { echo "test-training: $*"; }

work=$(mktemp -d)
pid=""
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

jar=standalone/target/keyward-standalone.jar
[ -f "$jar" ] || fail "$jar is not built (./mvnw -B verify first)"
export KEYWARD_AOT_DIR="$work/aot" KEYWARD_NO_BUILD=1 KEYWARD_TRAIN_PORT=18800
# ports of the checked start, clear of the training's (18800-18806) and the tests'
export KEYWARD_GATEWAY_PORT=18810 KEYWARD_CHALLENGE_PORT=18811 KEYWARD_CA_PORT=18812 KEYWARD_ADMIN_PORT=18813 \
	KEYWARD_DB_PORT=18814 KEYWARD_GATEWAY_HTTPS_PORT=18815 KEYWARD_GATEWAY_MANAGEMENT_PORT=18816

say "./keyward train 50 (cache in $KEYWARD_AOT_DIR), with a bootstrap key and a secrets directory set"
KEYWARD_BOOTSTRAP_API_KEY="kw_check_$(openssl rand -hex 16)" KEYWARD_SECRETS_DIR="$work/secrets" \
	./keyward train 50 >"$work/train.log" 2>&1 || { cat "$work/train.log" >&2; fail "./keyward train 50 failed"; }
grep -q "result" "$work/train.log" || { cat "$work/train.log" >&2; fail "the training printed no load generator result"; }
[ -s "$KEYWARD_AOT_DIR/keyward.aot" ] || fail "no cache written in $KEYWARD_AOT_DIR"
say "trained: $(du -h "$KEYWARD_AOT_DIR/keyward.aot" | cut -f1) cache"

start() { # log, extra environment...
	local log=$1
	shift
	env "$@" KEYWARD_DATA_DIR="$work/data" setsid ./keyward start >"$log" 2>&1 </dev/null &
	pid=$!
	for _ in $(seq 1 1800); do
		grep -qs "Keyward is ready" "$log" && return 0
		kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; fail "./keyward start exited before it was ready"; }
		sleep 0.1
	done
	cat "$log" >&2
	fail "./keyward start not ready after 180 s"
}
stop() {
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
	wait "$pid" 2>/dev/null || true
	pid=""
}

say "./keyward start on the cache (-XX:AOTMode=on: the JVM refuses a cache it cannot map)"
mdm_key="kw_check_$(openssl rand -hex 16)"
start "$work/start.log" KEYWARD_JAVA_OPTS="-Xmx512m -XX:+UseSerialGC -XX:AOTMode=on" KEYWARD_BOOTSTRAP_API_KEY="$mdm_key"
grep -q "Using the AOT cache" "$work/start.log" || { cat "$work/start.log" >&2; fail "the start did not use the cache"; }
say "ready on the cache"
# while it runs, as a user started it: mutated calls to every operation of the published
# OpenAPI descriptions, from outside (no 5xx, problem+json for every 4xx, 401 without a
# valid credential; docs/reliability.md)
BENCH_RUN_DIR="$work/rest-fuzz" BENCH_RESULTS="$work/rest-fuzz" \
	bench/rest-fuzz.sh --running "$work/data" "$KEYWARD_GATEWAY_PORT" "$mdm_key" >"$work/rest-fuzz.log" 2>&1 ||
	{ cat "$work/rest-fuzz.log" >&2; fail "bench/rest-fuzz.sh found answers that break the REST contract (above)"; }
say "REST calls from outside: $(grep -m1 '^answers by status' "$work/rest-fuzz.log")"
stop

say "a changed jar: the cache is not used"
echo 0000000000000000000000000000000000000000000000000000000000000000 >"$KEYWARD_AOT_DIR/source.sha256"
# ./keyward start decides before it execs the JVM: the check reads the JVM's own command line
# and stops it there (a start without a cache is what every other test runs)
env KEYWARD_DATA_DIR="$work/data" setsid ./keyward start >"$work/stale.log" 2>&1 </dev/null &
pid=$!
for _ in $(seq 1 600); do
	kill -0 "$pid" 2>/dev/null || { cat "$work/stale.log" >&2; fail "./keyward start exited before it started its JVM"; }
	command_line=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
	case "$command_line" in */bin/java\ *) break ;; esac
	sleep 0.1
done
case "$command_line" in */bin/java\ *) ;; *) fail "./keyward start did not start its JVM within 60 s" ;; esac
grep -q "it was made from an earlier build" "$work/stale.log" || { cat "$work/stale.log" >&2; fail "a stale cache was not refused"; }
case "$command_line" in *AOTCache*) fail "a stale cache was used: $command_line" ;; esac
grep -q "Using the AOT cache" "$work/stale.log" && fail "a stale cache was used"
stop
say "PASSED"
