#!/usr/bin/env bash
# Scaling on one machine: 1, 2 and 3 scep-gateway replicas with 1 and 2 challenge-service and
# ca-adapter replicas, all on one PostgreSQL (bench/cluster.sh, loopback ports), under the same
# load: one load generator per gateway, run concurrently, the total concurrency and device count
# split evenly between them; throughput is the sum. Also the CPU each kind of process used per
# enrollment (what limits it) and the database's duplicate checks.
# Writes bench/results/scaling-<date>.md and .json.
#
#   bench/scaling.sh           processes on loopback (bench/cluster.sh), below
#   bench/scaling.sh compose   the compose stack of the container images (bench/scaling-compose.sh)
#
# Environment: SCALING_CONFIGS ("1x1 2x1 3x1 1x2 2x2 3x2": gateways x challenge/ca replicas),
# SCALING_CONCURRENCY (12, total), SCALING_DEVICES (1200, total), SCALING_WARMUP (2400, total: the JVMs start cold in every configuration),
# KEYWARD_RUN_DIR (/tmp/keyward-scaling), BENCH_RESULTS (bench/results).
# With more challenge/ca replicas than gateways, the gateways reach them through the
# round-robin balancer (cluster.sh --balance); otherwise gateway i uses replica i mod M.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
[ "${1:-}" = compose ] && exec "$HERE/scaling-compose.sh"
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

export KEYWARD_RUN_DIR=${KEYWARD_RUN_DIR:-/tmp/keyward-scaling}
RUN=$KEYWARD_RUN_DIR
CL="$HERE/cluster.sh"
RESULTS=${BENCH_RESULTS:-$BENCH_HOME/bench/results}
STAMP=$(date -u +%Y-%m-%d-%H%M)
CONFIGS=${SCALING_CONFIGS:-"1x1 2x1 3x1 1x2 2x2 3x2"}
TOTAL_P=${SCALING_CONCURRENCY:-12}
TOTAL_N=${SCALING_DEVICES:-1200}
TOTAL_W=${SCALING_WARMUP:-2400}
DB_PORT=${KEYWARD_BENCH_DB_PORT:-55432}

ensure_jars
mkdir -p "$RESULTS"
"$CL" stop >/dev/null 2>&1 || true
trap '"$CL" stop >/dev/null 2>&1 || true' EXIT
OUT="$RESULTS/scaling-$STAMP"
W="$RUN-results"
rm -rf "$W"
mkdir -p "$W"
MACHINE=$(machine_json)
echo "$MACHINE" >"$W/machine.json"
fresh=--fresh


snapshot() { # file: service,cpuMs per running process, plus postgres (postmaster and backends)
	local f name
	: >"$1"
	for f in "$RUN"/pids/{gateway,challenge,ca,balancer}-*.pid; do
		[ -e "$f" ] || continue
		name=$(basename "$f" .pid)
		echo "${name%-*},$(cpu_of "$(cat "$f")")" >>"$1"
	done
	echo "postgres,$(tree_cpu_ms "$(head -1 "$RUN/data/postgres/postmaster.pid")")" >>"$1"
}

for cfg in $CONFIGS; do
	g=${cfg%x*} r=${cfg#*x}
	balance=""
	[ "$r" -gt "$g" ] && balance=--balance
	say "configuration $cfg: $g gateway(s), $r challenge-service and $r ca-adapter replica(s) ${balance:+(balancer)}"
	# shellcheck disable=SC2086
	"$CL" start --gateways "$g" --challenges "$r" --cas "$r" $balance $fresh
	fresh=""
	api_key=$("$CL" api-key)
	mapfile -t gateways < <("$CL" urls gateway)
	mapfile -t challenges < <("$CL" urls challenge)
	t0=$(date +%s%N)
	pids=()
	for ((i = 0; i < g; i++)); do
		"$JAVA" $LOADGEN_JAVA_OPTS -jar "$LOADGEN_JAR" --url "${gateways[$i]}/scep/default" --challenge "api:${challenges[$((i % r))]}" \
			--api-key "$api_key" --key-pool 64 --devices $((TOTAL_N / g)) --concurrency $((TOTAL_P / g)) --warmup $((TOTAL_W / g)) \
			--json "$W/$cfg-loadgen-$i.json" >"$W/$cfg-loadgen-$i.txt" 2>&1 &
		pids+=($!)
	done
	# CPU from the warm-up on: minting the challenges and making the keys are not enrollments
	for _ in $(seq 1 600); do
		ready=0
		for ((i = 0; i < g; i++)); do grep -qs 'warm-up' "$W/$cfg-loadgen-$i.txt" && ready=$((ready + 1)); done
		[ "$ready" = "$g" ] && break
		sleep 0.1
	done
	snapshot "$W/$cfg.cpu-before"
	for pid in "${pids[@]}"; do
		for _ in $(seq 1 1200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
		kill -0 "$pid" 2>/dev/null && kill "$pid"
		wait "$pid" || true
	done
	wall=$(( ($(date +%s%N) - t0) / 1000000 ))
	snapshot "$W/$cfg.cpu-after"
	PGPASSWORD=postgres psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d keyward -AtqX >"$W/$cfg.db" <<'SQL'
select 'duplicateSerials', count(*) from (select serial from ca.certificate group by serial having count(*) > 1) x;
select 'transactionsWithSeveralCertificates', count(*) from (select transaction_id from ca.certificate where transaction_id is not null group by transaction_id having count(*) > 1) x;
select 'challengesRedeemedWithSeveralCertificates', count(*) from challenge.challenge ch where ch.redeemed_at is not null and (select count(*) from ca.certificate c where c.transaction_id = ch.transaction_id) > 1;
SQL
	echo "$wall" >"$W/$cfg.wall"
	"$CL" stop
done

python3 - "$W" "$OUT" "$CONFIGS" "$TOTAL_P" "$TOTAL_N" "$TOTAL_W" "$HERE" <<'PY'
import json, sys
w, out, configs, p, n, warm = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4], sys.argv[5], int(sys.argv[6])
sys.path.insert(0, sys.argv[7])
import report
machine = report.machine(w)
rows = []
for cfg in configs:
    g, r = map(int, cfg.split("x"))
    reports = []
    for i in range(g):
        try:
            reports.append(json.load(open(f"{w}/{cfg}-loadgen-{i}.json")))
        except (OSError, ValueError):
            reports.append({})
    rate = sum(x.get("enrollmentsPerSecond") or 0 for x in reports)
    enrolled = sum(x.get("enrollments") or 0 for x in reports)
    failures = sum(sum((x.get("failures") or {}).values()) for x in reports) + sum(1 for x in reports if not x)
    p99 = max(((x.get("latencyMs") or {}).get("PKIOperation") or {}).get("p99") or 0 for x in reports)
    p50 = max(((x.get("latencyMs") or {}).get("PKIOperation") or {}).get("p50") or 0 for x in reports)
    per = report.cpu_per_enrollment(w, cfg, enrolled + warm)
    db = {l.split("|")[0]: int(l.split("|")[1]) for l in open(f"{w}/{cfg}.db").read().split() if "|" in l}
    rows.append({"config": cfg, "gateways": g, "challengeReplicas": r, "caReplicas": r, "balancer": r > g,
                 "enrollmentsPerSecond": round(rate, 1), "enrollments": enrolled, "failures": failures,
                 "p50MsWorst": p50, "p99MsWorst": p99, "cpuMsPerEnrollment": per, "database": db,
                 "wallMs": int(open(f"{w}/{cfg}.wall").read())})
json.dump({"machine": machine, "totalConcurrency": int(p), "totalDevices": int(n), "rows": rows}, open(out + ".json", "w"), indent=2)
md = [f"# Scaling run {out.rsplit('scaling-', 1)[1]}", "",
      f"Generated by `bench/scaling.sh`. Machine: {machine['nproc']} cores ({machine['cpu']}), {machine['jdk']}, commit {machine['commit']}.",
      f"Load: {n} devices at total concurrency {p} (+{warm} warm-up), split evenly over one load generator per gateway, run concurrently; throughput is their sum.",
      "CPU columns: server CPU ms per enrollment by kind of process (all replicas together, from the start of the warm-up: minting challenges and making keys excluded).", "",
      "| gateways | challenge/ca replicas | enr/s | p50 ms (worst) | p99 ms (worst) | failures | gateway CPU | challenge CPU | ca CPU | PostgreSQL CPU | balancer CPU | duplicate serials | tx with >1 cert |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
for x in rows:
    c = x["cpuMsPerEnrollment"]
    md.append(f"| {x['gateways']} | {x['challengeReplicas']}{' (balancer)' if x['balancer'] else ''} | {x['enrollmentsPerSecond']} | {x['p50MsWorst']} | {x['p99MsWorst']} | {x['failures']} | "
              f"{c.get('gateway', 'n/a')} | {c.get('challenge', 'n/a')} | {c.get('ca', 'n/a')} | {c.get('postgres', 'n/a')} | {c.get('balancer', '-')} | "
              f"{x['database'].get('duplicateSerials', 'n/a')} | {x['database'].get('transactionsWithSeveralCertificates', 'n/a')} |")
open(out + ".md", "w").write("\n".join(md) + "\n")
print("\n".join(md))
PY
cp -r "$W" "$OUT-raw"
say "wrote $OUT.md"
