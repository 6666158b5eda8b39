#!/usr/bin/env bash
# Scaling on the compose stack (issue 15; `bench/scaling.sh compose` runs it): the container
# images with 1, 2 and 4 scep-gateway replicas behind the stack's HAProxy and 1 or 2
# challenge-service and ca-adapter replicas, all on the one PostgreSQL container
# (bench/compose-scale.py writes each configuration's compose file and HAProxy
# configuration). Each configuration starts on fresh volumes; one load generator enrolls
# through HAProxy's published HTTP port, as devices do. With two or more gateways, one
# gateway's JVM is killed (kill -9) halfway through the timed run; HAProxy sends what it
# held to another gateway, and the restart policy brings it back. Then the database must
# hold: no duplicate serial, no transactionID with two certificates, no challenge redeemed
# for two certificates, no request left unfinished, every issued request's certificate.
# Prints a table and writes bench/results/scaling-compose-<date>.md and .json.
#
#   bench/scaling.sh compose
#
# Environment: SCALING_CONFIGS ("1x1 1x2 2x2 4x2": gateways x challenge/ca replicas),
# SCALING_CONCURRENCY (12), SCALING_DEVICES (1200), SCALING_WARMUP (2400: the JVMs start
# fresh in every configuration, from their images' AOT caches), SCALING_KILL (1: kill a
# gateway where there are two or more; 0: never), BENCH_IMAGE_TRAIN (24000, the images' AOT
# training), BENCH_RESULTS (bench/results). Needs docker.io, docker-compose, debootstrap, jq.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

CONFIGS=${SCALING_CONFIGS:-"1x1 1x2 2x2 4x2"}
P=${SCALING_CONCURRENCY:-12}
N=${SCALING_DEVICES:-1200}
W=${SCALING_WARMUP:-2400}
KILL=${SCALING_KILL:-1}
RUN=${BENCH_RUN_DIR:-/tmp/keyward-scaling-compose-$$}
RESULTS=${BENCH_RESULTS:-$BENCH_HOME/bench/results}
OUT="$RESULTS/scaling-compose-$(date -u +%Y-%m-%d-%H%M)"
# shellcheck source=bench/stack.sh
. "$HERE/stack.sh"
trap stack_stop EXIT

command -v jq >/dev/null || fail "jq is needed"
ensure_jars
mkdir -p "$RUN/raw" "$RESULTS"
machine_json >"$RUN/raw/machine.json"
COMPOSE_FILES=("$BENCH_HOME/docker-compose.yml" "$HERE/compose-bench.yml")
prepare_images

psql_keyward() {
	docker exec "$(compose ps -q postgres)" psql -U postgres -d keyward -AtqX -c "$1"
}
# kind,cpu-ms for every process of the enrollment path (a gateway killed since counts 0: its
# CPU before the kill is lost, so the gateway column is a lower bound where one was killed)
snapshot() { # file g r
	local i kind name
	: >"$1"
	for ((i = 1; i <= $2; i++)); do echo "gateway,$(cpu_of "$(stack_pids "scep-gateway-$i")")" >>"$1"; done
	for kind in challenge-service ca-adapter; do
		for ((i = 1; i <= $3; i++)); do
			name=$kind
			[ "$i" = 1 ] || name="$kind-$i"
			echo "${kind%-*},$(cpu_of "$(stack_pids "$name")")" >>"$1"
		done
	done
	echo "postgres,$(tree_cpu_ms "$(stack_pids postgres)")" >>"$1"
	echo "haproxy,$(tree_cpu_ms "$(stack_pids haproxy)")" >>"$1"
}

for cfg in $CONFIGS; do
	g=${cfg%x*} r=${cfg#*x}
	python3 "$HERE/compose-scale.py" "$g" "$r" "$BENCH_HOME/docker-compose.yml" "$BENCH_HOME/deploy/haproxy/haproxy.cfg" \
		"$RUN/compose-$cfg.yml" "$RUN/haproxy-$cfg.cfg" "$HERE/compose-bench.yml"
	COMPOSE_FILES=("$RUN/compose-$cfg.yml")
	say "configuration $cfg: $g gateway(s), $r challenge-service and $r ca-adapter replica(s), fresh volumes"
	STACK_CONTAINERS=$((4 + g + 2 * r)) start_stack_fresh
	say "  healthy after $READY s"
	log="$RUN/raw/$cfg-loadgen.txt"
	# shellcheck disable=SC2086
	"$JAVA" $LOADGEN_JAVA_OPTS -jar "$LOADGEN_JAR" --url "http://127.0.0.1:$STACK_HTTP/scep/default" \
		--challenge "api:http://127.0.0.1:$STACK_CHALLENGE" --api-key "$STACK_MDM_KEY" --key-pool 64 \
		--devices "$N" --concurrency "$P" --warmup "$W" --json "$RUN/raw/$cfg-loadgen.json" >"$log" 2>&1 &
	loadgen=$!
	# CPU from the warm-up on: minting the challenges and making the keys are not enrollments
	until grep -qs 'warm-up' "$log"; do kill -0 "$loadgen" 2>/dev/null || break; sleep 0.1; done
	snapshot "$RUN/raw/$cfg.cpu-before" "$g" "$r"
	t0=$(date +%s%N)
	killed=""
	if [ "$KILL" = 1 ] && [ "$g" -ge 2 ]; then
		# halfway through the timed run (its progress lines count to N)
		while kill -0 "$loadgen" 2>/dev/null; do
			done_now=$(grep -o "\] [0-9]*/$N done" "$log" | tail -1 | grep -o '[0-9]*/' | tr -d / || true)
			[ "${done_now:-0}" -ge $((N / 2)) ] && break
			sleep 0.2
		done
		if kill -0 "$loadgen" 2>/dev/null; then
			killed=scep-gateway-2
			kill -KILL "$(stack_pids scep-gateway-2)"
			say "  killed scep-gateway-2's JVM (kill -9) at ${done_now:-?}/$N"
		fi
	fi
	wait "$loadgen" || true
	wall=$((($(date +%s%N) - t0) / 1000000))
	snapshot "$RUN/raw/$cfg.cpu-after" "$g" "$r"
	# What the killed gateway held: HAProxy sent the device's request to another gateway, which
	# answered PENDING (the transaction was claimed); a device polls, and the gateways' finisher
	# takes the claim over once its lease ran out (4 x the upstream timeout + 30 s) and completes
	# it. Wait for that (up to SCALING_SETTLE seconds) before counting.
	settle=0
	if [ -n "$killed" ]; then
		STACK_CONTAINERS=$((4 + g + 2 * r)) HEALTH_TIMEOUT=300 await_healthy
		t1=$SECONDS
		while [ "$(psql_keyward "select count(*) from gateway.transaction where status = 'RECEIVED'")" != 0 ] \
			&& [ $((SECONDS - t1)) -lt "${SCALING_SETTLE:-300}" ]; do sleep 2; done
		settle=$((SECONDS - t1))
		say "  open requests after the kill completed by the finisher within $settle s"
	fi
	sleep 2
	psql_keyward "
select 'certificates', count(*) from ca.certificate;
select 'duplicateSerials', count(*) from (select serial from ca.certificate group by serial having count(*) > 1) x;
select 'transactionsWithSeveralCertificates', count(*) from (select transaction_id from ca.certificate where transaction_id is not null group by transaction_id having count(*) > 1) x;
select 'challengesRedeemed', count(*) from challenge.challenge where redeemed_at is not null;
select 'challengesRedeemedWithSeveralCertificates', count(*) from challenge.challenge ch where ch.redeemed_at is not null and (select count(*) from ca.certificate c where c.transaction_id = ch.transaction_id) > 1;
select 'requestsUnfinished', count(*) from gateway.transaction where status = 'RECEIVED';
select 'requestsIssued', count(*) from gateway.transaction where status = 'ISSUED';
select 'requestsIssuedWithoutCertificate', count(*) from gateway.transaction t where t.status = 'ISSUED' and not exists (select 1 from ca.certificate c where c.transaction_id = t.transaction_id);
select 'certificatesWithoutIssuedRequest', count(*) from ca.certificate c where c.transaction_id is not null and not exists (select 1 from gateway.transaction t where t.transaction_id = c.transaction_id and t.status = 'ISSUED');
" | tr '|' ' ' | jq -Rn --arg killed "$killed" --argjson wall "$wall" --argjson ready "$READY" --argjson settle "$settle" \
		'[inputs | split(" ") | {(.[0]): (.[1] | tonumber)}] | add + {killed: $killed, wallMs: $wall, readySeconds: $ready, settleSeconds: $settle}' \
		>"$RUN/raw/$cfg.db.json"
	say "  $(jq -c . "$RUN/raw/$cfg.db.json")"
	compose down -v >/dev/null 2>&1 || fail "docker-compose down failed"
done
COMPOSE_FILES=("$BENCH_HOME/docker-compose.yml")

python3 - "$RUN/raw" "$OUT" "$CONFIGS" "$P" "$N" "$W" "$HERE" <<'PY'
import json, sys
raw, out, configs, p, n, warm = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4], sys.argv[5], int(sys.argv[6])
sys.path.insert(0, sys.argv[7])
import report
machine = report.machine(raw)
rows = []
for cfg in configs:
    g, r = map(int, cfg.split("x"))
    try:
        rep = json.load(open(f"{raw}/{cfg}-loadgen.json"))
    except (OSError, ValueError):
        rep = {}
    db = json.load(open(f"{raw}/{cfg}.db.json"))
    per = report.cpu_per_enrollment(raw, cfg, (rep.get("enrollments") or 0) + warm)
    lat = (rep.get("latencyMs") or {}).get("PKIOperation") or {}
    rows.append({"config": cfg, "gateways": g, "challengeReplicas": r, "caReplicas": r,
                 "enrollmentsPerSecond": rep.get("enrollmentsPerSecond"), "enrollments": rep.get("enrollments"),
                 "failures": sum(v for k, v in (rep.get("failures") or {}).items() if not k.endswith("PENDING")) if rep else None,
                 "pending": sum(v for k, v in (rep.get("failures") or {}).items() if k.endswith("PENDING")),
                 "p50Ms": lat.get("p50"), "p99Ms": lat.get("p99"), "cpuMsPerEnrollment": per, "database": db})
json.dump({"machine": machine, "concurrency": int(p), "devices": int(n), "warmup": warm, "rows": rows},
          open(out + ".json", "w"), indent=2)
md = [f"# Scaling on the compose stack, {out.rsplit('scaling-compose-', 1)[1]}", "",
      f"Generated by `bench/scaling.sh compose`. Machine: {machine['nproc']} cores ({machine['cpu']}), {machine['jdk']} (host; the images run their own JRE), commit {machine['commit']}, load average at the start {machine['loadAverageAtStart']}.",
      f"Load: one load generator through HAProxy's published HTTP port, {n} devices at P = {p} after {warm} warm-up enrollments, on fresh volumes and fresh containers (AOT caches from the images).",
      "CPU columns: ms per enrollment (warm-up and timed run) by kind of process, all replicas together; where a gateway was killed, its CPU before the kill is not counted.",
      "PENDING: answers the load generator counts as failed (it does not poll); a device polls and gets its certificate once the finisher completed the request (`settled s`).",
      "Database columns: after the run (and, where a gateway was killed, after its open requests were completed); `lost` = requests left unfinished + issued requests without a certificate + certificates without an issued request.", "",
      "| gateways | challenge/ca replicas | enr/s | p50 / p99 ms | failures | killed | PENDING | settled s | gateway CPU | challenge CPU | ca CPU | PostgreSQL CPU | HAProxy CPU | certificates | duplicate serials | tx with >1 cert | challenge with >1 cert | lost |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
for x in rows:
    c, d = x["cpuMsPerEnrollment"], x["database"]
    lost = d.get("requestsUnfinished", 0) + d.get("requestsIssuedWithoutCertificate", 0) + d.get("certificatesWithoutIssuedRequest", 0)
    md.append(f"| {x['gateways']} | {x['challengeReplicas']} | {x['enrollmentsPerSecond']} | {x['p50Ms']} / {x['p99Ms']} | {x['failures']} | {d.get('killed') or '-'} | {x['pending']} | {d.get('settleSeconds', 0) if d.get('killed') else '-'} | "
              f"{c.get('gateway')} | {c.get('challenge')} | {c.get('ca')} | {c.get('postgres')} | {c.get('haproxy')} | "
              f"{d.get('certificates')} | {d.get('duplicateSerials')} | {d.get('transactionsWithSeveralCertificates')} | {d.get('challengesRedeemedWithSeveralCertificates')} | {lost} |")
open(out + ".md", "w").write("\n".join(md) + "\n")
print("\n".join(md))
PY
cp -r "$RUN/raw" "$OUT-raw"
say "wrote $OUT.md"
