#!/usr/bin/env bash
# Certificate search at 10^7 stored certificates (issue 16): a fresh JVM with its own
# embedded PostgreSQL fills ca.certificate in SQL (generate_series, not 10^7 HTTP calls),
# then times each kind of search through the ca-adapter's real HTTP API, the one the
# admin-ui and the admin API's GET /api/v1/certificates?q= call: serial (hex with leading
# zeros, decimal), a word matching the CN stored last (O=Bench,CN=device-<i>), a SAN prefix,
# a word every certificate has, subject prefix, SAN, transactionID, a free text that matches nothing,
# status + expiry, the first page and a page 9/10 deep by its keyset cursor, in the
# default order and by subject (io.keyward.ca.issuance.CertificateSearchBenchmark).
# It also times the fill of ca.certificate_name as migration V16 backfills it. It prints
# figures (cold = first call, warm = median of five); the goal is each under one
# second. Nothing is asserted about times.
#
#   bench/search.sh                # 10000000 rows
#   bench/search.sh 100000         # other sizes
#   bench/search.sh requests 100000   # the request search instead (the gateway's
#                                     # transactions: io.keyward.gateway.transaction.RequestSearchBenchmark;
#                                     # it also times the fill of gateway.transaction_name as
#                                     # migration V20 backfills it, and the word searches)
#   bench/search.sh all 100000        # both
#
# Needs ~6 GB of free disk at 10^7 rows and 15-40 minutes on 2 cores (per kind). Writes
# bench/results/search-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
kinds=(certificates)
case "${1:-}" in
	certificates) shift ;;
	requests) kinds=(requests); shift ;;
	all) kinds=(certificates requests); shift ;;
esac
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000000)
out="bench/results/search-$(date -u +%Y-%m-%d-%H%M).md"
mkdir -p bench/results
{
	echo "# Search (${kinds[*]}) at ${sizes[*]} stored rows"
	echo
	echo "$(date -u +%FT%TZ), commit $(git rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out"
for kind in "${kinds[@]}"; do
	if [ "$kind" = requests ]; then
		module=scep-gateway test=RequestSearchBenchmark result=request-search
	else
		module=ca-adapter test=CertificateSearchBenchmark result=search
	fi
	for rows in "${sizes[@]}"; do
		echo "[search] $kind, $rows rows" >&2
		./mvnw -B -o -q -pl "$module" -am verify -Dtest="$test" \
			-Dsurefire.failIfNoSpecifiedTests=false -Dkeyward.bench.rows="$rows" >/dev/null
		{
			echo
			echo "## $kind, $rows rows"
			echo
			echo '```'
			cat "$module/target/bench/$result-$rows.txt"
			echo '```'
			echo
			echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
		} >>"$out"
	done
done
cat "$out"
