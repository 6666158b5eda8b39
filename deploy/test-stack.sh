#!/usr/bin/env bash
# The compose stack, tested from outside as an operator and real clients meet it: builds the
# base images (deploy/base-images.sh, cached) and the service images, starts docker-compose.yml
# under the project name keyward-ci with a throwaway .env, waits for every health check, then,
# only through the ports published on 127.0.0.1:
#   0. starts the previous release (deploy/previous-release) first, enrolls a device and mints
#      a challenge on it, then brings this build's images up on its data (the upgrade: Flyway
#      migrates, the CA and certificates are kept, the challenge redeems)
#   1. enrolls micromdm's scepclient and certmonger over HTTPS (TLS passed through HAProxy to
#      the gateways; the CA trusted through SSL_CERT_FILE and a private mount namespace, never
#      the machine's trust store)
#   2. mints a challenge through the MDM API and signs in to the dashboard (form login, CSRF)
#   3. kills one gateway (kill -9 of its JVM) while devices enroll through HAProxy, and checks
#      that every device got its certificate (retrying as devices do), that the database holds
#      exactly one certificate per device, and that the restart policy brought the gateway back
#   4. runs `down` and `up` again: the CA (same fingerprint), the certificates and an
#      outstanding challenge (it still redeems) survived in the named volume
#   5. backs the database up (deploy/backup.sh), deletes the volume, restores into a new one and
#      enrolls a device against the same CA
# and removes the stack, its volume and its temporary files (base images stay cached).
#
#   deploy/test-stack.sh
#
# Environment: KEYWARD_STACK_KEEP=1 leaves the stack running on failure (to look at it; it
# prints the .env to pass back), KEYWARD_STACK_ENV=<that .env> runs the checks again against
# that running stack (no build, no up, no removal),
# KEYWARD_STACK_DEVICES (32) devices in the kill test, KEYWARD_STACK_TIMEOUT (420) seconds to
# wait for health checks, KEYWARD_STACK_DEADLINE (2400) seconds for the whole run. Needs docker.io, docker-compose, scep, certmonger, dbus-daemon,
# openssl, curl, jq (.ci/run installs them) and the services' jars (built when missing).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

PROJECT=keyward-ci
DEVICES=${KEYWARD_STACK_DEVICES:-32}
HEALTH_TIMEOUT=${KEYWARD_STACK_TIMEOUT:-420}
DEADLINE=${KEYWARD_STACK_DEADLINE:-2400}
SERVICES=(ca-adapter challenge-service scep-gateway admin-ui)
STARTED=$(date +%s)
STEP_STARTED=$STARTED

say() { echo "[test-stack] $(date -u +%H:%M:%S) $*"; }
step() {
	local now
	now=$(date +%s)
	say "--- $* (previous step $((now - STEP_STARTED)) s, total $((now - STARTED)) s)"
	STEP_STARTED=$now
}
fail() {
	echo "[test-stack] FAILED: $*" >&2
	exit 1
}

for tool in docker docker-compose scepclient openssl curl jq dbus-daemon unshare; do
	command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing (.ci/run installs docker.io, docker-compose, scep, certmonger, dbus-daemon, openssl, curl, jq)"
done
[ -x /usr/lib/certmonger/scep-submit ] || fail "certmonger is missing (apt-get install certmonger)"

WORK=$(mktemp -d /tmp/keyward-stack.XXXXXX)
DOCKERD_PID=
WATCHDOG_PID=
CERTMONGER_PID=
DBUS_PID=
compose() { docker-compose -p "$PROJECT" -f "$ROOT/docker-compose.yml" --env-file "$WORK/.env" "$@"; }
# shellcheck source=deploy/stack-lib.sh
. "$ROOT/deploy/stack-lib.sh"

cleanup() {
	local status=$?
	set +e
	[ -n "$CERTMONGER_PID" ] && kill "$CERTMONGER_PID" 2>/dev/null
	[ -n "$DBUS_PID" ] && kill "$DBUS_PID" 2>/dev/null
	if [ -f "$WORK/.env" ]; then
		if [ "$status" != 0 ]; then
			say "logs of the stack (last 25 lines per service):"
			compose logs --no-color --tail=25 >&2 2>/dev/null
		fi
		if [ -n "${KEYWARD_STACK_ENV:-}" ] || { [ "$status" != 0 ] && [ "${KEYWARD_STACK_KEEP:-0}" = 1 ]; }; then
			local kept=${KEYWARD_STACK_ENV:-$ROOT/.env.keyward-ci}
			[ -n "${KEYWARD_STACK_ENV:-}" ] || cp "$WORK/.env" "$kept"
			say "the stack keeps running: KEYWARD_STACK_ENV=$kept deploy/test-stack.sh checks it again; remove it with: docker-compose -p $PROJECT -f $ROOT/docker-compose.yml --env-file $kept down -v"
			rm -rf "$WORK"
			exit "$status"
		fi
		say "removing the stack and its volume"
		compose down -v --remove-orphans >/dev/null 2>&1
		for service in "${SERVICES[@]}"; do docker rmi "keyward/$service:ci" >/dev/null 2>&1; done
	fi
	rm -rf "$WORK"
	[ -n "$WATCHDOG_PID" ] && { pkill -P "$WATCHDOG_PID" sleep; kill "$WATCHDOG_PID"; } 2>/dev/null
	if [ -n "$DOCKERD_PID" ]; then
		say "stopping the dockerd this script started"
		kill "$DOCKERD_PID" 2>/dev/null
		wait "$DOCKERD_PID" 2>/dev/null
	fi
	if [ "$status" = 0 ]; then say "PASSED in $(($(date +%s) - STARTED)) s"; fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'fail "not done after $DEADLINE s (KEYWARD_STACK_DEADLINE): something hangs"' TERM
# A watchdog: whatever hangs, the script fails, cleans up and stops its dockerd within the deadline.
(sleep "$DEADLINE" && kill -TERM $$) >/dev/null 2>&1 &
WATCHDOG_PID=$!
# no HTTP call waits for ever either
curl() { command curl --max-time 60 "$@"; }

step "Docker engine"
stack_dockerd "$WORK/dockerd.log"
if [ -z "${KEYWARD_STACK_ENV:-}" ] && [ -n "$(docker ps -aq --filter "label=com.docker.compose.project=$PROJECT")" ]; then
	say "removing a $PROJECT stack a previous run left behind"
	docker ps -aq --filter "label=com.docker.compose.project=$PROJECT" | xargs docker rm -f >/dev/null
	docker volume ls -q --filter "label=com.docker.compose.project=$PROJECT" | xargs -r docker volume rm >/dev/null
fi

if [ -n "${KEYWARD_STACK_ENV:-}" ]; then
	say "checking the running stack of $KEYWARD_STACK_ENV"
	cp "$KEYWARD_STACK_ENV" "$WORK/.env"
	env_value() { sed -n "s/^$1=//p" "$WORK/.env"; }
	HTTP_PORT=$(env_value KEYWARD_HTTP_PUBLISHED_PORT)
	HTTPS_PORT=$(env_value KEYWARD_HTTPS_PUBLISHED_PORT)
	CHALLENGE_PORT=$(env_value KEYWARD_CHALLENGE_PUBLISHED_PORT)
	ADMIN_PORT=$(env_value KEYWARD_ADMIN_PUBLISHED_PORT)
	PROMETHEUS_PORT=$(env_value KEYWARD_PROMETHEUS_PUBLISHED_PORT)
	MDM_KEY=$(env_value KEYWARD_BOOTSTRAP_API_KEY)
	ADMIN_PASSWORD=$(env_value KEYWARD_ADMIN_INITIAL_PASSWORD)
else
	step "Base images (deploy/base-images.sh)"
	deploy/base-images.sh jre postgres haproxy prometheus
	BASE_ENV=$(deploy/base-images.sh --print-env)

	step "The services' jars"
	missing=()
	for service in "${SERVICES[@]}"; do
		compgen -G "$service/target/$service-*-exec.jar" >/dev/null || missing+=("$service")
	done
	# the AOT training stage of the image build runs the standalone jar's database and the load generator
	[ -f standalone/target/keyward-standalone.jar ] || missing+=(standalone)
	[ -f bench/loadgen/target/keyward-loadgen.jar ] || missing+=(bench/loadgen)
	if [ ${#missing[@]} -gt 0 ]; then
		say "building ${missing[*]} (./mvnw -DskipTests package)"
		./mvnw -B -q -DskipTests -pl "$(
			IFS=,
			echo "${missing[*]}"
		)" -am package || fail "the Maven build of the jars failed"
	fi

	stack_free_port HTTP_PORT
	stack_free_port HTTPS_PORT
	stack_free_port CHALLENGE_PORT
	stack_free_port ADMIN_PORT
	stack_free_port PROMETHEUS_PORT
	MDM_KEY=$(stack_mdm_key)
	ADMIN_PASSWORD="Stack-$(openssl rand -hex 24)"
	{
		echo "$BASE_ENV"
		echo "KEYWARD_VERSION=ci"
		# the caches are trained as shipped, on fewer enrollments (minutes less per run)
		echo "KEYWARD_AOT_TRAIN_ENROLLMENTS=${KEYWARD_AOT_TRAIN_ENROLLMENTS:-300}"
		stack_env "$HTTP_PORT" "$HTTPS_PORT" "$CHALLENGE_PORT" "$ADMIN_PORT" "$PROMETHEUS_PORT" "$MDM_KEY" "$ADMIN_PASSWORD"
	} >"$WORK/.env"
	chmod 600 "$WORK/.env"

	step "docker-compose.yml against the Compose Specification (what docker compose v2 validates)"
	python3 "$ROOT/deploy/compose-spec/check.py" "$ROOT/docker-compose.yml" "$WORK/.env" || fail "docker-compose.yml is not valid for docker compose v2 (above)"

	step "Service images (docker-compose build)"
	# scep-gateway-2 runs the image scep-gateway-1's build makes
	compose build ca-adapter challenge-service scep-gateway-1 admin-ui >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; fail "docker-compose build failed (log above)"; }

fi

HTTP="http://127.0.0.1:$HTTP_PORT"
HTTPS="https://127.0.0.1:$HTTPS_PORT"
MDM_API="http://127.0.0.1:$CHALLENGE_PORT"
DASHBOARD="http://127.0.0.1:$ADMIN_PORT"
PROMETHEUS="http://127.0.0.1:$PROMETHEUS_PORT"

# a query as the superuser, in the postgres container (docker exec: quicker than docker-compose's)
psql_ca() {
	docker exec "$(docker ps -q --filter "label=com.docker.compose.project=$PROJECT" \
		--filter label=com.docker.compose.service=postgres)" psql -U postgres -d keyward -Atc "$1"
}

mint() {
	local answer
	answer=$(curl -sS --fail-with-body -H "Authorization: Bearer $MDM_KEY" -H 'Content-Type: application/json' \
		-d '{"profile":"default"}' "$MDM_API/api/v1/challenges") || fail "minting a challenge failed: $answer"
	jq -er .challenge <<<"$answer" || fail "no challenge in the MDM API's answer: $answer"
}

# The CA certificate from GetCACert (the self-signed one of the degenerate PKCS#7)
ca_fingerprint() {
	curl -sS --fail "$HTTP/scep/default?operation=GetCACert" -o "$WORK/getcacert.der" || fail "GetCACert failed"
	openssl pkcs7 -inform DER -in "$WORK/getcacert.der" -print_certs -out "$WORK/getcacert.pem" 2>/dev/null \
		|| fail "GetCACert answered no PKCS#7"
	rm -f "$WORK"/getcacert-*.pem
	awk -v dir="$WORK" '/BEGIN CERT/{n++; inside=1} inside{print > (dir "/getcacert-" n ".pem")} /END CERT/{inside=0}' "$WORK/getcacert.pem"
	local file
	for file in "$WORK"/getcacert-*.pem; do
		if [ "$(openssl x509 -in "$file" -noout -subject -nameopt RFC2253 | cut -d= -f2-)" = \
			"$(openssl x509 -in "$file" -noout -issuer -nameopt RFC2253 | cut -d= -f2-)" ]; then
			cp "$file" "$WORK/ca.pem"
			openssl x509 -in "$file" -noout -fingerprint -sha256 | cut -d= -f2
			return
		fi
	done
	fail "GetCACert holds no self-signed CA certificate"
}

# scepclient enrolls one device in its own directory (it keeps its key and CSR there, so a
# second run repeats the same transactionID and CSR): 0 when it saved a certificate.
scepclient_enroll() {
	local url=$1 challenge=$2 cn=$3 dir=$4
	mkdir -p "$dir"
	(cd "$dir" && SSL_CERT_FILE="$WORK/ca.pem" timeout 120 scepclient -server-url "$url" -challenge "$challenge" \
		-private-key device.key -certificate device.pem -cn "$cn" -organization "Keyward Stack Test") \
		>>"$dir/scepclient.log" 2>&1 || true
	[ -s "$dir/device.pem" ] && openssl verify -CAfile "$WORK/ca.pem" "$dir/device.pem" >/dev/null 2>&1
}

# The previous release (deploy/previous-release): its images (built once from its commit and
# kept as keyward/<service>:previous-<commit>), a stack on them with a device enrolled and a
# challenge outstanding, then `down`, keeping the volume. This build's images then come up on
# that data, as an operator upgrades: Flyway migrates each schema.
PREVIOUS_RELEASE=$(sed -n 's/^commit *//p' deploy/previous-release)
UPGRADE_CHALLENGE=
compose_previous() {
	KEYWARD_VERSION=$PREVIOUS_TAG docker-compose -p "$PROJECT" -f "$WORK/previous/docker-compose.yml" \
		--env-file "$WORK/.env" "$@"
}
previous_release() {
	step "The previous release (${PREVIOUS_RELEASE:0:12}): its images, a stack, data"
	if ! git -C "$ROOT" cat-file -e "$PREVIOUS_RELEASE^{commit}" 2>/dev/null; then
		say "UPGRADE NOT TESTED: commit $PREVIOUS_RELEASE is not in this clone (shallow?): fetch the history to test it"
		return
	fi
	PREVIOUS_TAG=previous-${PREVIOUS_RELEASE:0:12}
	local service missing=() modules
	mkdir -p "$WORK/previous"
	git -C "$ROOT" archive "$PREVIOUS_RELEASE" | tar -x -C "$WORK/previous"
	for service in "${SERVICES[@]}"; do
		docker image inspect "keyward/$service:$PREVIOUS_TAG" >/dev/null 2>&1 || missing+=("$service")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		say "building its jars and images (once: they stay as keyward/<service>:$PREVIOUS_TAG)"
		modules=$(
			IFS=,
			echo "${SERVICES[*]}"
		)
		(cd "$WORK/previous" && {
			./mvnw -B -q -o -DskipTests -Dspring-javaformat.skip=true -pl "$modules" -am package \
				|| ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true -pl "$modules" -am package
		}) >"$WORK/previous-build.log" 2>&1 || { tail -30 "$WORK/previous-build.log" >&2; fail "the previous release's jars did not build"; }
		compose_previous build ca-adapter challenge-service scep-gateway-1 admin-ui >"$WORK/previous-build.log" 2>&1 \
			|| { tail -30 "$WORK/previous-build.log" >&2; fail "the previous release's images did not build"; }
	fi
	compose_previous up -d >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log" >&2; fail "docker-compose up (previous release) failed"; }
	await_healthy
	CA_FINGERPRINT=$(ca_fingerprint)
	scepclient_enroll "$HTTPS/scep/default" "$(mint)" stack-previous-release "$WORK/stack-previous-release" \
		|| fail "no certificate from the previous release: $(cat "$WORK/stack-previous-release/scepclient.log")"
	UPGRADE_CHALLENGE=$(mint)
	UPGRADE_CERTIFICATES=$(psql_ca "select count(*) from ca.certificate")
	say "previous release: a device enrolled, a challenge outstanding; schemas at $(schema_versions)"
	compose_previous down >"$WORK/down.log" 2>&1 || { cat "$WORK/down.log" >&2; fail "docker-compose down (previous release) failed"; }
}
# each schema's latest applied Flyway migration, e.g. "gateway=17 challenge=16 ca=14 admin=5"
schema_versions() {
	local schema
	for schema in gateway challenge ca admin; do
		printf '%s=%s ' "$schema" "$(psql_ca "select version from $schema.flyway_schema_history where success order by installed_rank desc limit 1")"
	done
}
# the newest migration this build ships for each schema, in the same form
shipped_versions() {
	local schema
	for schema in gateway challenge ca admin; do
		printf '%s=%s ' "$schema" "$(find "$ROOT"/*/src/main/resources/db/migration/"$schema" -name 'V*__*.sql' \
			| sed 's|.*/V\([0-9._]*\)__.*|\1|' | sort -V | tail -1)"
	done
}

# After a restart or a restore: every container healthy, the same CA, the certificates counted
# before, and a device enrolls with the challenge given.
check_survived() {
	local what=$1 certificates=$2 challenge=$3 cn=$4
	await_healthy
	[ "$(ca_fingerprint)" = "$CA_FINGERPRINT" ] || fail "the CA changed ($what)"
	[ "$(psql_ca "select count(*) from ca.certificate")" = "$certificates" ] \
		|| fail "the database does not hold the $certificates certificates it held before ($what)"
	scepclient_enroll "$HTTPS/scep/default" "$challenge" "$cn" "$WORK/$cn" \
		|| fail "no certificate for $cn ($what): $(cat "$WORK/$cn/scepclient.log")"
	say "$what: same CA, $certificates certificates kept, $cn enrolled"
}


if [ -z "${KEYWARD_STACK_ENV:-}" ]; then
	previous_release
	step "docker-compose up on this build's images (ports: HTTPS $HTTPS_PORT, HTTP $HTTP_PORT, MDM API $CHALLENGE_PORT, dashboard $ADMIN_PORT)"
	compose up -d >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log" >&2; fail "docker-compose up failed"; }
	if [ -n "$UPGRADE_CHALLENGE" ]; then
		# the upgrade: every schema migrated to what this build ships, the CA and the
		# certificates kept, the challenge minted on the previous release redeems
		check_survived "upgraded from ${PREVIOUS_RELEASE:0:12}" "$UPGRADE_CERTIFICATES" "$UPGRADE_CHALLENGE" stack-after-upgrade
		[ "$(schema_versions)" = "$(shipped_versions)" ] 			|| fail "after the upgrade the schemas are at $(schema_versions), this build ships $(shipped_versions)"
		say "schemas migrated to $(schema_versions)"
	else
		await_healthy
	fi
fi

step "Limits, restart policies, published addresses, database roles"
while read -r name memory cpus restart bindings; do
	[ "$memory" -gt 0 ] && [ "$cpus" -gt 0 ] || fail "$name has no memory or CPU limit ($memory bytes, $cpus nano-CPUs)"
	[ "$restart" = unless-stopped ] || fail "$name restarts '$restart', not unless-stopped"
	for address in $bindings; do
		[ "$address" = 127.0.0.1 ] || fail "$name publishes a port on $address, not 127.0.0.1"
	done
done <<<"$(compose ps -q | xargs docker inspect -f '{{.Name}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.RestartPolicy.Name}} {{range $port, $b := .HostConfig.PortBindings}}{{range $b}}{{.HostIp}} {{end}}{{end}}')"
# each service's role reaches its own schema and no other's (ARCHITECTURE.md)
role_reads() {
	docker exec -e PGPASSWORD="$(sed -n "s/^$2=//p" "$WORK/.env")" "$(docker ps -q --filter "label=com.docker.compose.project=$PROJECT" \
		--filter label=com.docker.compose.service=postgres)" psql -h 127.0.0.1 -U "$1" -d keyward -Atc "select count(*) from $3" >/dev/null 2>&1
}
role_reads keyward_ca KEYWARD_CA_DB_PASSWORD ca.certificate || fail "keyward_ca cannot read its own schema"
! role_reads keyward_ca KEYWARD_CA_DB_PASSWORD gateway.ra_key || fail "keyward_ca reads the gateway's schema"
! role_reads keyward_gateway KEYWARD_GATEWAY_DB_PASSWORD ca.certificate || fail "keyward_gateway reads the CA's schema"
! role_reads keyward_admin KEYWARD_ADMIN_DB_PASSWORD challenge.challenge || fail "keyward_admin reads the challenge-service's schema"
say "every container limited, restarting unless stopped, published on 127.0.0.1 only; each role confined to its schema"

step "The trained services run from their images' AOT caches"
for service in ca-adapter challenge-service scep-gateway-1 scep-gateway-2 admin-ui; do
	container=$(compose ps -q "$service")
	# the JVM maps the whole cache (100-160 MB) where it accepted it, the JDK's own archive (about 15 MB) where not
	mapped=$(docker exec "$container" jcmd 1 VM.info 2>/dev/null | sed -n 's/^CDS archive(s) mapped at: .*size \([0-9]*\),.*/\1/p')
	[ -n "$mapped" ] && [ "$mapped" -gt 67108864 ] \
		|| fail "$service does not run from its AOT cache (mapped archive: ${mapped:-none} bytes; -Xlog:aot*=error lines: $(docker logs "$container" 2>&1 | grep -c '\[aot')"
	say "$service: AOT cache mapped, $((mapped / 1048576)) MB"
done

step "Prometheus scrapes every service and loaded the alert rules"
deadline=$(($(date +%s) + 120))
while :; do
	targets=$(curl -sS "$PROMETHEUS/api/v1/targets?state=active" 2>/dev/null \
		| jq -r '.data.activeTargets[] | "\(.labels.job) \(.labels.instance) \(.health)"' 2>/dev/null || true)
	[ "$(grep -c ' up$' <<<"$targets")" -ge 5 ] && break
	[ "$(date +%s)" -lt "$deadline" ] || fail "Prometheus does not scrape every service after 120 s:
$targets"
	sleep 3
done
rules=$(curl -sS "$PROMETHEUS/api/v1/rules" | jq '[.data.groups[].rules[]] | length')
[ "${rules:-0}" -gt 0 ] || fail "Prometheus loaded no alert rules"
say "Prometheus: $(tr '\n' ';' <<<"$targets") $rules rules"

step "Enrollment over HTTPS: scepclient"
CA_FINGERPRINT=$(ca_fingerprint)
say "CA fingerprint (SHA-256) $CA_FINGERPRINT"
scepclient_enroll "$HTTPS/scep/default" "$(mint)" stack-scepclient "$WORK/scepclient" \
	|| fail "scepclient got no certificate over HTTPS: $(cat "$WORK/scepclient/scepclient.log")"
say "scepclient: $(openssl x509 -in "$WORK/scepclient/device.pem" -noout -subject -serial)"

step "Enrollment over HTTPS: certmonger at the NDES path"
# A private certmonger on its own session bus, state under $WORK. certmonger 0.79's
# scep-submit checks the PKIOperation's TLS server against the system store only (not -R;
# docs/mdm-integration.md): it runs in its own mount namespace, where the CA is added to a copy
# of that store bind-mounted over it, so the machine's store is never touched.
CM="$WORK/certmonger"
mkdir -p "$CM"/{config,cas,requests,local,home}
export HOME="$CM/home" XDG_CONFIG_HOME="$CM/home/.config" XDG_DATA_HOME="$CM/home/.local/share" \
	CERTMONGER_CONFIG_DIR="$CM/config" CERTMONGER_CAS_DIR="$CM/cas" CERTMONGER_REQUESTS_DIR="$CM/requests" \
	CERTMONGER_LOCAL_CA_DIR="$CM/local"
# The bus activates no service: Debian's certmonger ships a session activation file, and a
# getcert call made before this certmonger owns its name would start a second one outside the
# namespace, which refuses the gateway's TLS certificate (Error 60; CertmongerSessionTests).
dbus-daemon --config-file="$ROOT/platform/test-support/src/main/resources/io/keyward/testsupport/clients/session-bus.conf" \
	--nofork --print-address=1 >"$CM/bus" 2>/dev/null &
DBUS_PID=$!
for _ in $(seq 1 50); do [ -s "$CM/bus" ] && break; sleep 0.1; done
DBUS_SESSION_BUS_ADDRESS=$(head -1 "$CM/bus")
export DBUS_SESSION_BUS_ADDRESS
cat /etc/ssl/certs/ca-certificates.crt "$WORK/ca.pem" >"$CM/system-bundle.pem"
unshare --mount --propagation private /bin/sh -c \
	'mount --bind "$1" /etc/ssl/certs/ca-certificates.crt && exec /usr/sbin/certmonger -s -n -B' \
	certmonger "$CM/system-bundle.pem" >"$CM/certmonger.log" 2>&1 &
CERTMONGER_PID=$!
for _ in $(seq 1 50); do getcert list-cas -s >/dev/null 2>&1 && break; sleep 0.2; done
getcert add-scep-ca -s -c keyward-stack -u "$HTTPS/certsrv/mscep/mscep.dll" -R "$WORK/ca.pem" >"$CM/add.log" 2>&1 \
	|| fail "getcert add-scep-ca failed: $(cat "$CM/add.log")"
getcert request -s -c keyward-stack -I stack-certmonger -f "$CM/cert.pem" -k "$CM/key.pem" -L "$(mint)" \
	-N CN=stack-certmonger -w -v >"$CM/request.log" 2>&1 || true
if [ ! -s "$CM/cert.pem" ] || ! openssl verify -CAfile "$WORK/ca.pem" "$CM/cert.pem" >/dev/null 2>&1; then
	fail "certmonger got no certificate over HTTPS: $(cat "$CM/request.log"; getcert list -s -i stack-certmonger)"
fi
say "certmonger: $(openssl x509 -in "$CM/cert.pem" -noout -subject -serial)"
kill "$CERTMONGER_PID" "$DBUS_PID" 2>/dev/null || true
CERTMONGER_PID= DBUS_PID=

step "MDM API and dashboard"
OUTSTANDING=$(mint)
say "minted a challenge through the MDM API (kept outstanding until after the restart)"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d '{}' "$MDM_API/api/v1/challenges")
[ "$code" = 401 ] || fail "minting without the MDM key answered $code, not 401"
JAR="$WORK/cookies"
# form login: the sign-in page's CSRF token, then username, password and token
sign_in() {
	local page csrf
	page=$(curl -sS --fail -c "$JAR" -b "$JAR" "$DASHBOARD/login") || fail "the dashboard's sign-in page did not answer"
	csrf=$(sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' <<<"$page" | head -1)
	[ -n "$csrf" ] || fail "no CSRF token on the sign-in page"
	curl -sS -o /dev/null -w '%{redirect_url}' -c "$JAR" -b "$JAR" --data-urlencode username=admin \
		--data-urlencode "password=$1" --data-urlencode "_csrf=$csrf" "$DASHBOARD/login"
}
location=$(sign_in "wrong-$ADMIN_PASSWORD")
[[ "$location" == *error* ]] || fail "a wrong password was not refused (redirected to '$location')"
location=$(sign_in "$ADMIN_PASSWORD")
[[ "$location" != *error* ]] && [ -n "$location" ] || fail "signing in to the dashboard failed (redirected to '$location')"
dashboard=$(curl -sS --fail -c "$JAR" -b "$JAR" "$DASHBOARD/") || fail "the dashboard did not answer after signing in"
grep -qi 'sign out\|logout' <<<"$dashboard" || fail "the dashboard after signing in shows no sign-out: $(head -c 400 <<<"$dashboard")"
say "signed in to the dashboard as admin (CSRF token, session cookie)"

step "A gateway killed while $DEVICES devices enroll through HAProxy"
# Four workers enroll devices one after the other: two over HTTPS, which HAProxy passes through
# (a connection cut by the dying gateway reaches the device), two over plain HTTP, where HAProxy
# repeats what the dying gateway dropped. Each device gets a challenge from the MDM API, then
# runs scepclient until it has its certificate, at most 5 times as a device retries: the same
# key, CSR and transactionID, so a repeat is answered, not issued twice.
LOAD="$WORK/load"
mkdir -p "$LOAD"
device() {
	local i=$1 url=$2 challenge attempt
	challenge=$(mint)
	for attempt in 1 2 3 4 5; do
		if scepclient_enroll "$url" "$challenge" "stack-load-$i" "$LOAD/device-$i"; then
			echo "$attempt" >"$LOAD/device-$i/attempts"
			return 0
		fi
		sleep 1
	done
	return 1
}
worker() {
	local w=$1 url=$2 i
	for ((i = w; i <= DEVICES; i += 4)); do device "$i" "$url" || true; done
}
# wait for these four by pid: a bare `wait` would also wait for the dockerd this script may have
# started, forever (CI hung here for 80 minutes on a machine where no dockerd ran before)
WORKERS=()
worker 1 "$HTTPS/scep/default" &
WORKERS+=($!)
worker 2 "$HTTP/scep/default" &
WORKERS+=($!)
worker 3 "$HTTPS/certsrv/mscep/mscep.dll" &
WORKERS+=($!)
worker 4 "$HTTP/certsrv/mscep/mscep.dll" &
WORKERS+=($!)
# kill once an eighth of the devices have their certificates, while the others are in flight
for _ in $(seq 1 600); do
	[ "$(compgen -G "$LOAD/device-*/attempts" | wc -l)" -ge $((DEVICES / 8)) ] && break
	sleep 0.1
done
GATEWAY_ID=$(compose ps -q scep-gateway-1)
GATEWAY_PID=$(docker inspect -f '{{.State.Pid}}' "$GATEWAY_ID")
RESTARTS_BEFORE=$(docker inspect -f '{{.RestartCount}}' "$GATEWAY_ID")
say "kill -9 of scep-gateway-1's JVM (pid $GATEWAY_PID) after $(compgen -G "$LOAD/device-*/attempts" | wc -l) devices"
kill -9 "$GATEWAY_PID"
wait "${WORKERS[@]}"
ok=$(compgen -G "$LOAD/device-*/attempts" | wc -l)
retried=$(cat "$LOAD"/device-*/attempts 2>/dev/null | grep -vc '^1$' || true)
say "devices with a certificate: $ok of $DEVICES ($retried needed more than one attempt)"
if [ "$ok" != "$DEVICES" ]; then
	for i in $(seq 1 "$DEVICES"); do
		[ -f "$LOAD/device-$i/attempts" ] || echo "device $i: $(tail -3 "$LOAD/device-$i/scepclient.log")" >&2
	done
	fail "$((DEVICES - ok)) devices got no certificate"
fi
read -r issued distinct <<<"$(psql_ca "select count(*), count(distinct serial) from ca.certificate where subject like '%CN=stack-load-%'" | tr '|' ' ')"
say "certificates in the database: $issued ($distinct distinct serials)"
[ "$issued" = "$DEVICES" ] && [ "$distinct" = "$DEVICES" ] || fail "the database holds $issued certificates ($distinct serials) for $DEVICES devices"
# each device's certificate is the one recorded for it: "stack-load-<i> <serial>" on both sides
for i in $(seq 1 "$DEVICES"); do
	echo "stack-load-$i $(openssl x509 -in "$LOAD/device-$i/device.pem" -noout -serial | cut -d= -f2 | sed 's/^0*//')"
done | sort >"$LOAD/devices.txt"
psql_ca "select substring(subject from 'CN=(stack-load-[0-9]+)') || ' ' || serial from ca.certificate
	where subject like '%CN=stack-load-%'" | sort >"$LOAD/recorded.txt"
diff "$LOAD/devices.txt" "$LOAD/recorded.txt" >&2 || fail "the devices' certificates and the recorded ones differ (above)"
await_healthy
[ "$(docker inspect -f '{{.RestartCount}}' "$GATEWAY_ID")" -gt "$RESTARTS_BEFORE" ] \
	|| fail "scep-gateway-1 was not restarted by its restart policy"
say "scep-gateway-1 restarted by its restart policy and healthy again"

step "Every query of the Grafana dashboard runs in the stack's Prometheus (deploy/grafana/check-queries.py)"
# after the traffic above has been scraped at least once
deadline=$(($(date +%s) + 90))
until [ "$(curl -sS --max-time 60 "$PROMETHEUS/api/v1/query?query=sum(keyward_scep_enrollments_total)" | jq -r '.data.result | length' 2>/dev/null)" = 1 ]; do
	[ "$(date +%s)" -lt "$deadline" ] || fail "Prometheus has no keyward_scep_enrollments_total after 90 s"
	sleep 3
done
python3 "$ROOT/deploy/grafana/check-queries.py" "$PROMETHEUS" || fail "the Grafana dashboard's queries do not run against the stack's metrics (above)"

step "down and up again: the CA, the certificates and the outstanding challenge survive"
CERTIFICATES_BEFORE=$(psql_ca "select count(*) from ca.certificate")
compose down >"$WORK/down.log" 2>&1 || { cat "$WORK/down.log" >&2; fail "docker-compose down failed"; }
compose up -d >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log" >&2; fail "docker-compose up (again) failed"; }
# the challenge minted before the restart redeems after it
check_survived "down and up" "$CERTIFICATES_BEFORE" "$OUTSTANDING" stack-after-restart

step "Every service's log lines name that service"
# (in a container a thread no service set up, such as the servlet start, the main thread after
# start or shutdown, once wrote [keyward]; only the standalone suite's JVM may say that)
for service in ca-adapter challenge-service scep-gateway-1 admin-ui; do
	compose logs --no-color "$service" >"$WORK/$service.log" 2>&1
	unnamed=$(grep -c '\] \[keyward\] ' "$WORK/$service.log" || true)
	named=$(grep -c "\\] \\[${service%-1}\\] " "$WORK/$service.log" || true)
	[ "$unnamed" = 0 ] || fail "$service wrote $unnamed lines naming [keyward]: $(grep -m3 '\] \[keyward\] ' "$WORK/$service.log")"
	[ "$named" -gt 0 ] || fail "$service wrote no line naming [${service%-1}]"
	say "$service: $named lines name [${service%-1}], none [keyward]"
done

step "Backup (deploy/backup.sh), a new volume, restore, enroll against the same CA"
export KEYWARD_ENV_FILE="$WORK/.env" COMPOSE_PROJECT_NAME=$PROJECT
deploy/backup.sh backup "$WORK/keyward.dump" || fail "the backup failed"
CERTIFICATES_BACKED_UP=$(psql_ca "select count(*) from ca.certificate")
compose down -v >"$WORK/down.log" 2>&1 || { cat "$WORK/down.log" >&2; fail "docker-compose down -v failed"; }
deploy/backup.sh restore "$WORK/keyward.dump" || fail "the restore failed"
check_survived "restored into a new volume" "$CERTIFICATES_BACKED_UP" "$(mint)" stack-after-restore
step "done"
