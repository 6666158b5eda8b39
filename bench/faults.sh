#!/usr/bin/env bash
# Faults under load, on a multi-process Keyward (bench/cluster.sh: embedded PostgreSQL, one
# scep-gateway, one challenge-service, one ca-adapter). While the load generator (in a bounded
# loop) and the replaying client bench/FaultClient.java enroll devices:
#   1. kill -9 the ca-adapter, restart it
#   2. kill -9 the challenge-service, restart it
#   3. restart PostgreSQL (clean stop, start)
# then checks what clients saw (clean SCEP FAILURE/PENDING or an HTTP error, no hang past the
# client timeout, no 500 with a stack trace), that re-sending the same PKCSReq (same
# transactionID) gets exactly one certificate, and the database: no duplicate serial, at most
# one certificate per transactionID, every certificate with its request record and gateway
# transaction, and, once the gateway has finished the transactions the faults left open (every
# second device that did not get a certificate never asks again), every challenge unused or tied
# to exactly one certificate.
# Writes bench/results/faults-<date>.md and .json; docs/reliability.md explains the method.
#
#   bench/faults.sh
#
# Environment: FAULTS_DEVICES (800) FAULTS_RATE (4/s) FAULTS_PAUSE (6 s between steps), FAULTS_OPEN_WAIT (600 s),
# KEYWARD_RUN_DIR (default /tmp/keyward-faults), BENCH_RESULTS (bench/results).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

export KEYWARD_RUN_DIR=${KEYWARD_RUN_DIR:-/tmp/keyward-faults}
RUN=$KEYWARD_RUN_DIR
CL="$HERE/cluster.sh"
RESULTS=${BENCH_RESULTS:-$BENCH_HOME/bench/results}
STAMP=$(date -u +%Y-%m-%d-%H%M)
DEVICES=${FAULTS_DEVICES:-800}
RATE=${FAULTS_RATE:-4}
PAUSE=${FAULTS_PAUSE:-6}
CLIENT_TIMEOUT=30
DB_PORT=${KEYWARD_BENCH_DB_PORT:-55432}

command -v psql >/dev/null || fail "psql is needed (Debian package postgresql-client)"
ensure_jars
mkdir -p "$RESULTS"
"$CL" stop >/dev/null 2>&1 || true
"$CL" start --fresh
trap '"$CL" stop >/dev/null 2>&1 || true' EXIT
W="$RUN/faults"
mkdir -p "$W"
API_KEY=$("$CL" api-key)
GW=$("$CL" urls gateway | head -1)
CH=$("$CL" urls challenge | head -1)
STOP="$W/stop"
EVENTS="$W/events.csv"
echo "epochMs,event" >"$EVENTS"
event() { echo "$(date +%s%3N),$1" >>"$EVENTS"; say "$1"; }

say "preparing $DEVICES replayable devices (keys, challenges, PKCSReq bytes)"
"$JAVA" -cp "$LOADGEN_JAR" "$HERE/FaultClient.java" --url "$GW/scep/default" --challenge-url "$CH" \
	--api-key "$API_KEY" --devices "$DEVICES" --concurrency 4 --rate "$RATE" --stop-file "$STOP" \
	--out "$W/faultclient.json" --timeout "$CLIENT_TIMEOUT" >"$W/faultclient.log" 2>&1 &
FC_PID=$!
for _ in $(seq 1 600); do
	[ -s "$W/faultclient.json.prepared" ] && break
	kill -0 $FC_PID 2>/dev/null || { cat "$W/faultclient.log" >&2; fail "FaultClient exited"; }
	sleep 0.5
done
[ -s "$W/faultclient.json.prepared" ] || fail "FaultClient did not get ready in 300 s"

# background load: the load generator in rounds of 150 devices until the faults are over
# (no rehearsal: it is load here, not a measurement, and each round should start at once)
(
	for i in $(seq 1 40); do
		[ -f "$STOP" ] && break
		timeout 300 "$JAVA" $LOADGEN_JAVA_OPTS -jar "$LOADGEN_JAR" --url "$GW/scep/default" --challenge "api:$CH" --api-key "$API_KEY" \
			--devices 150 --concurrency 4 --key-pool 32 --rehearsals 0 --timeout "$CLIENT_TIMEOUT" --json "$W/loadgen-$i.json" \
			>"$W/loadgen-$i.txt" 2>&1 || true
		# it mints its challenges ahead: while the challenge-service is down it cannot start
		[ -s "$W/loadgen-$i.json" ] || sleep 3
	done
) &
LG_PID=$!

event "load running"
sleep "$PAUSE"
event "kill -9 ca-adapter"
"$CL" kill ca 0
sleep "$PAUSE"
event "restart ca-adapter"
"$CL" restart ca 0
event "ca-adapter ready"
sleep "$PAUSE"
event "kill -9 challenge-service"
"$CL" kill challenge 0
sleep "$PAUSE"
event "restart challenge-service"
"$CL" restart challenge 0
event "challenge-service ready"
sleep "$PAUSE"
event "restart PostgreSQL (stop)"
"$CL" restart-db
event "PostgreSQL ready"
sleep "$((PAUSE * 2))"
event "stop load"
touch "$STOP"
for _ in $(seq 1 900); do kill -0 $FC_PID 2>/dev/null || break; sleep 0.5; done
kill -0 $FC_PID 2>/dev/null && { kill $FC_PID; fail "FaultClient did not finish its retries in 450 s"; }
wait $FC_PID || true
for _ in $(seq 1 600); do kill -0 $LG_PID 2>/dev/null || break; sleep 0.5; done
kill -0 $LG_PID 2>/dev/null && kill $LG_PID
event "clients done"

# ---------------------------------------------------------------- database checks
sql() { PGPASSWORD=postgres psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d keyward -AtqX -v ON_ERROR_STOP=1 "$@"; }
# transactions an outage left open are finished by the gateway on its own (retry-interval 10 s,
# doubling per attempt): wait for none to be left, without any client asking again
OPEN_WAIT=${FAULTS_OPEN_WAIT:-600}
for i in $(seq 1 "$OPEN_WAIT"); do
	open=$(sql -c "select count(*) from gateway.transaction where status = 'RECEIVED'")
	[ "$open" = 0 ] && break
	[ $((i % 15)) = 1 ] && say "$open transactions still open, waiting for the gateway to finish them"
	sleep 1
done
event "open transactions finished by the gateway ($open left)"
sql >"$W/db-checks.txt" <<SQL
create temp table faultclient (transaction_id text, serial text);
\copy faultclient from '$W/faultclient.json.certificates.csv' with (format csv)
create temp table silent (transaction_id text);
\copy silent from '$W/faultclient.json.silent.csv' with (format csv)
select 'duplicateSerials', count(*) from (select serial from ca.certificate group by serial having count(*) > 1) x;
select 'transactionsWithSeveralCertificates', count(*) from (select transaction_id from ca.certificate where transaction_id is not null group by transaction_id having count(*) > 1) x;
select 'certificatesWithoutRequestRecord', count(*) from ca.certificate c where not exists (select 1 from ca.certificate_request r where r.id = c.request_id);
select 'certificatesWithoutGatewayTransaction', count(*) from ca.certificate c where c.transaction_id is not null and not exists (select 1 from gateway.transaction t where t.transaction_id = c.transaction_id);
select 'certificatesNotRecordedAsIssued', count(*) from ca.certificate c join gateway.transaction t on t.transaction_id = c.transaction_id where t.status <> 'ISSUED' or t.certificate_serial is distinct from c.serial;
select 'issuedTransactionsWithoutCertificate', count(*) from gateway.transaction t where t.status = 'ISSUED' and not exists (select 1 from ca.certificate c where c.serial = t.certificate_serial);
select 'redeemedChallengesWithSeveralCertificates', count(*) from challenge.challenge ch where ch.redeemed_at is not null and (select count(*) from ca.certificate c where c.transaction_id = ch.transaction_id) > 1;
select 'redeemedChallengesWithoutCertificate', count(*) from challenge.challenge ch where ch.redeemed_at is not null and not exists (select 1 from ca.certificate c where c.transaction_id = ch.transaction_id);
select 'silentDevices', count(*) from silent;
select 'silentDevicesIssuedByTheGateway', count(*) from silent s join gateway.transaction t on t.transaction_id = s.transaction_id where t.status = 'ISSUED';
select 'silentDevicesNotIssued', count(*) from silent s join gateway.transaction t on t.transaction_id = s.transaction_id where t.status <> 'ISSUED';
-- answered HTTP 503 while the database was down: nothing recorded, their challenge stays unused
select 'silentDevicesNeverRecorded', count(*) from silent s where not exists (select 1 from gateway.transaction t where t.transaction_id = s.transaction_id);
select 'openTransactionsLeft', count(*) from gateway.transaction where status = 'RECEIVED';
select 'retriedClientsHoldingOtherCertificate', count(*) from faultclient f where f.serial <> '' and not exists (select 1 from ca.certificate c where c.transaction_id = f.transaction_id and c.serial = f.serial);
select 'challengesRedeemed', count(*) from challenge.challenge where redeemed_at is not null;
select 'challengesUnused', count(*) from challenge.challenge where redeemed_at is null;
select 'certificatesIssued', count(*) from ca.certificate where transaction_id is not null;
select 'gatewayTransactions_' || status, count(*) from gateway.transaction group by status;
SQL
say "database checks: $(tr '\n' ' ' <"$W/db-checks.txt")"

# stack traces the services logged (informational: logs may carry them; answers must not)
for f in "$RUN"/logs/{gateway,challenge,ca}-0.log; do
	echo "$(basename "$f" .log),$(grep -c '^	at ' "$f" || true)"
done >"$W/log-stacktraces.csv"

# ---------------------------------------------------------------- report
python3 - "$W" "$RESULTS/faults-$STAMP" "$CLIENT_TIMEOUT" <<'PY'
import csv, glob, json, os, sys
w, out, client_timeout = sys.argv[1], sys.argv[2], int(sys.argv[3])
fc = json.load(open(f"{w}/faultclient.json"))
epoch = int(open(f"{w}/faultclient.json.prepared").read().strip())
events = [(int(r["epochMs"]) - epoch, r["event"]) for r in csv.DictReader(open(f"{w}/events.csv"))]
timeline = list(csv.DictReader(open(f"{w}/faultclient.json.timeline.csv")))
db = dict(line.split("|", 1) for line in open(f"{w}/db-checks.txt").read().split() if "|" in line)
db = {k: int(v) for k, v in db.items()}
loadgen = []
for f in sorted(glob.glob(f"{w}/loadgen-*.json"), key=lambda p: int(p.rsplit("-", 1)[1].split(".")[0])):
    r = json.load(open(f))
    loadgen.append({"enrollments": r.get("enrollments"), "failures": r.get("failures", {}),
                    "maxMs": (r.get("latencyMs", {}).get("PKIOperation") or {}).get("max")})
lg_failures, lg_max, lg_enrolled = {}, 0, 0
for r in loadgen:
    lg_enrolled += r["enrollments"] or 0
    lg_max = max(lg_max, r["maxMs"] or 0)
    for k, v in r["failures"].items():
        lg_failures[k] = lg_failures.get(k, 0) + v
aborted = len([t for t in glob.glob(f"{w}/loadgen-*.txt") if not os.path.exists(t[:-4] + ".json")])
# outcomes per window between events
windows = []
bounds = [(-10**9, "before faults")] + events
for i, (start, name) in enumerate(bounds):
    end = bounds[i + 1][0] if i + 1 < len(bounds) else 10**12
    kinds, lat = {}, 0
    for row in timeline:
        at = int(row["atMs"])
        if start <= at < end:
            kinds[row["outcome"]] = kinds.get(row["outcome"], 0) + 1
            lat = max(lat, int(row["latencyMs"]))
    if kinds:
        windows.append({"fromMs": max(start, 0), "after": name, "outcomes": kinds, "maxLatencyMs": lat})
logtraces = dict(line.strip().split(",") for line in open(f"{w}/log-stacktraces.csv") if line.strip())
answer = lambda k: k == "SUCCESS" or k.startswith("FAILURE") or k == "PENDING" or k.startswith("HTTP ")
all_kinds = list(fc["firstAttempt"]) + list(fc["retryAttempts"]) + list(lg_failures)
http500 = fc["firstAttempt"].get("HTTP 500", 0) + fc["retryAttempts"].get("HTTP 500", 0) + sum(v for k, v in lg_failures.items() if "HTTP 500" in k)
checks = [
    ("every request got an answer: a verified CertRep (SUCCESS, FAILURE, PENDING) or an HTTP error status",
     all(answer(k) for k in fc["firstAttempt"]) and all(answer(k) for k in fc["retryAttempts"])
     and all(k.split(" ", 1)[-1].startswith(("FAILURE", "PENDING", "HTTP")) for k in lg_failures),
     f"replaying client, first attempts: {fc['firstAttempt']}; its retries: {fc['retryAttempts']}; load generator failures: {lg_failures or 'none'}"),
    ("no answer carries a stack trace", fc["stackTracesInAnswers"] == 0, f"{fc['stackTracesInAnswers']} answers with a trace"),
    (f"no hang: every request answered before the {client_timeout} s client timeout",
     not any("timeout" in k for k in all_kinds),
     f"max latency {fc['firstAttemptMaxLatencyMs']} ms (replaying client, first attempts), {fc['retryMaxLatencyMs']} ms (its retries), {lg_max} ms (load generator)"),
    ("a retry with the same transactionID gets a certificate", fc["stillWithoutCertificate"] == 0,
     f"{fc['retriedDevices']} devices retried, {fc['retriedToSuccess']} got their certificate, {fc['stillWithoutCertificate']} still without"),
    ("re-sending a request that already succeeded returns the same certificate",
     fc["successfulResent"] == fc["successfulResentSameCertificate"],
     f"{fc['successfulResentSameCertificate']} of {fc['successfulResent']}; {fc['resendProblems'] or ''}"),
    ("no duplicate serial", db["duplicateSerials"] == 0, str(db["duplicateSerials"])),
    ("at most one certificate per transactionID", db["transactionsWithSeveralCertificates"] == 0, str(db["transactionsWithSeveralCertificates"])),
    ("every certificate has its request record (ca.certificate_request)", db["certificatesWithoutRequestRecord"] == 0, str(db["certificatesWithoutRequestRecord"])),
    ("every certificate has its gateway transaction", db["certificatesWithoutGatewayTransaction"] == 0, str(db["certificatesWithoutGatewayTransaction"])),
    ("every certificate is recorded as ISSUED with its serial by the gateway", db["certificatesNotRecordedAsIssued"] == 0, str(db["certificatesNotRecordedAsIssued"])),
    ("every ISSUED gateway transaction has its certificate", db["issuedTransactionsWithoutCertificate"] == 0, str(db["issuedTransactionsWithoutCertificate"])),
    ("no challenge tied to more than one certificate", db["redeemedChallengesWithSeveralCertificates"] == 0, str(db["redeemedChallengesWithSeveralCertificates"])),
    ("every challenge is unused or tied to exactly one certificate (no device had to retry for it)", db["redeemedChallengesWithoutCertificate"] == 0 and db["redeemedChallengesWithSeveralCertificates"] == 0,
     f"{db['challengesRedeemed']} redeemed, {db['redeemedChallengesWithoutCertificate']} of them without a certificate; {db['challengesUnused']} unused"),
    ("every client holds the certificate the database ties to its transaction", db["retriedClientsHoldingOtherCertificate"] == 0, str(db["retriedClientsHoldingOtherCertificate"])),
    ("transactions left open by the faults were finished by the gateway, including those of devices that never asked again",
     db["openTransactionsLeft"] == 0 and db["silentDevicesNotIssued"] == 0,
     f"{db['silentDevices']} devices never asked again after their first answer: {db['silentDevicesIssuedByTheGateway']} of their transactions issued by the gateway on its own, {db['silentDevicesNeverRecorded']} never recorded (HTTP 503 while the database was down; challenge unused); {db['openTransactionsLeft']} transactions still open"),
]
result = {"events": [{"atMs": t, "event": e} for t, e in events], "faultClient": fc, "windows": windows,
          "loadgen": {"rounds": len(loadgen), "aborted": aborted, "enrollments": lg_enrolled, "failures": lg_failures, "maxLatencyMs": lg_max},
          "database": db, "serviceLogStackTraces": logtraces, "http500": http500,
          "checks": [{"check": c, "pass": p, "detail": d} for c, p, d in checks]}
json.dump(result, open(out + ".json", "w"), indent=2)
md = [f"# Fault run {os.path.basename(out)[7:]}", "", "Generated by `bench/faults.sh`; method in docs/reliability.md.", "",
      "## Timeline (ms from the replaying client's first request)", "", "| at ms | event |", "|---|---|"]
md += [f"| {t} | {e} |" for t, e in events]
md += ["", "## What the replaying client saw, per window", "", "| from ms | after | outcomes | max latency ms |", "|---|---|---|---|"]
md += [f"| {x['fromMs']} | {x['after']} | {', '.join(f'{k}: {v}' for k, v in sorted(x['outcomes'].items()))} | {x['maxLatencyMs']} |" for x in windows]
md += ["", f"Load generator in the background: {len(loadgen)} rounds of 150 devices ({aborted} could not start: minting challenges ahead failed while the challenge-service or the database was down), "
       f"{lg_enrolled} enrollments, failures {lg_failures or 'none'}, max PKIOperation latency {lg_max} ms.", "",
       "## Checks", "", "| check | result | detail |", "|---|---|---|"]
md += [f"| {c} | {'PASS' if p else 'FAIL'} | {d} |" for c, p, d in checks]
md += ["", f"HTTP 500 answers (no stack trace; a 503 or a SCEP FAILURE would tell the client more): {http500}."]
md += ["", "## Database after the run", "", "| query | count |", "|---|---|"] + [f"| {k} | {v} |" for k, v in db.items()]
md += ["", f"Stack traces in the service logs (server side, informational): {logtraces}", ""]
open(out + ".md", "w").write("\n".join(md))
print("\n".join(md))
print("RESULT:", "PASS" if all(p for _, p, _ in checks) else "FAIL")
PY
cp -r "$W" "$RESULTS/faults-$STAMP-raw"
say "wrote $RESULTS/faults-$STAMP.md"
