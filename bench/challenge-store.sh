#!/usr/bin/env bash
# Redemption time at 10^3 and 10^7 stored challenges (issue 14): for each size a fresh JVM
# with its own embedded PostgreSQL fills challenge.challenge in SQL, then redeems known
# challenges one after the other through the real HTTP endpoint the gateway calls, the
# first ones cold (the first redemptions that JVM serves), the rest warm, and prints the
# plan of the redemption's UPDATE and p50/p99 (io.keyward.challenge.onetime.ChallengeStoreBenchmark).
#
#   bench/challenge-store.sh                 # 1000 and 10000000 rows
#   bench/challenge-store.sh 1000 1000000    # other sizes
#
# Needs ~4 GB of free disk at 10^7 rows and 10-30 minutes on 2 cores. Writes
# bench/results/challenge-store-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000000)
out="bench/results/challenge-store-$(date -u +%Y-%m-%d-%H%M).md"
mkdir -p bench/results
{
	echo "# Challenge store: redemption at ${sizes[*]} stored challenges"
	echo
	echo "$(date -u +%FT%TZ), commit $(git rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out"
for rows in "${sizes[@]}"; do
	echo "[challenge-store] $rows rows" >&2
	./mvnw -B -o -q -pl challenge-service -am verify -Dtest=ChallengeStoreBenchmark \
		-Dsurefire.failIfNoSpecifiedTests=false -Dkeyward.bench.rows="$rows" >/dev/null
	{
		echo
		echo "## $rows rows"
		echo
		echo '```'
		cat "challenge-service/target/bench/challenge-store-$rows.txt"
		echo '```'
	} >>"$out"
done
cat "$out"
