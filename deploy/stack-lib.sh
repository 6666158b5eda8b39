# Shared by deploy/test-stack.sh and bench/stack.sh (sourced, not run): a Docker
# engine, free loopback ports, a throwaway .env for docker-compose.yml, and waiting for every
# health check. The sourcing script defines say, fail and compose (docker-compose with its
# project, file and .env) before it calls these.

# A Docker engine: when none answers, start dockerd (log to $1) and set DOCKERD_PID, which the
# caller stops when it is done.
stack_dockerd() { # log
	docker info >/dev/null 2>&1 && return 0
	command -v dockerd >/dev/null 2>&1 || fail "no Docker engine answers and dockerd is not installed (apt-get install docker.io)"
	say "no Docker engine answers: starting dockerd (log $1)"
	dockerd >"$1" 2>&1 &
	DOCKERD_PID=$!
	for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
	docker info >/dev/null 2>&1 || { tail -20 "$1" >&2; fail "dockerd did not start (log above)"; }
}

# A free TCP port on the loopback interface into the variable named, distinct from the ones
# this script took already (not in a $(...) subshell, which would forget them).
STACK_PORTS_TAKEN=" "
stack_free_port() { # variable
	local port
	while :; do
		port=$((20000 + RANDOM % 20000))
		[[ "$STACK_PORTS_TAKEN" == *" $port "* ]] && continue
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
		STACK_PORTS_TAKEN+="$port "
		printf -v "$1" '%s' "$port"
		return
	done
}

# The body of a throwaway .env: fresh secrets and keys, the published ports (HTTP, HTTPS, MDM
# API, dashboard, Prometheus), the MDM API key and the first admin's password. The caller adds
# the base images (deploy/base-images.sh --print-env), KEYWARD_VERSION and the training size.
stack_env() { # http https challenge admin prometheus mdm-key admin-password
	local name
	secret() { openssl rand -hex 24; }
	echo "KEYWARD_KEK=$(openssl rand -base64 32)"
	echo "KEYWARD_CHALLENGE_HMAC_KEY=$(openssl rand -base64 32)"
	for name in KEYWARD_GATEWAY_TOKEN KEYWARD_ADMIN_UI_TOKEN KEYWARD_CA_ADAPTER_TOKEN KEYWARD_CHALLENGE_SERVICE_TOKEN \
		POSTGRES_PASSWORD KEYWARD_GATEWAY_DB_PASSWORD KEYWARD_CHALLENGE_DB_PASSWORD KEYWARD_CA_DB_PASSWORD KEYWARD_ADMIN_DB_PASSWORD; do
		echo "$name=$(secret)"
	done
	echo "KEYWARD_BOOTSTRAP_API_KEY=$6"
	echo "KEYWARD_ADMIN_INITIAL_PASSWORD=$7"
	echo "KEYWARD_PUBLIC_BASE_URL=http://localhost:$1"
	echo "KEYWARD_HTTP_PUBLISHED_PORT=$1"
	echo "KEYWARD_HTTPS_PUBLISHED_PORT=$2"
	echo "KEYWARD_CHALLENGE_PUBLISHED_PORT=$3"
	echo "KEYWARD_ADMIN_PUBLISHED_PORT=$4"
	echo "KEYWARD_PROMETHEUS_PUBLISHED_PORT=$5"
}

# A new MDM API key in the form the challenge-service hands out.
stack_mdm_key() { echo "kw_$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')"; }

# Every container of the project healthy (each but Prometheus has a health check), at least
# STACK_CONTAINERS of them (default 8: docker-compose.yml's), within HEALTH_TIMEOUT seconds
# (default 420).
await_healthy() {
	local deadline=$(($(date +%s) + ${HEALTH_TIMEOUT:-420})) states unhealthy
	while :; do
		states=$(compose ps -q | xargs docker inspect -f '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}')
		# Prometheus has no health check (its images share no tool to run one): running is enough
		unhealthy=$(grep -v ' running healthy$' <<<"$states" | grep -v 'prometheus[^ ]* running $' || true)
		[ -z "$unhealthy" ] && [ "$(wc -l <<<"$states")" -ge "${STACK_CONTAINERS:-8}" ] && break
		[ "$(date +%s)" -lt "$deadline" ] || fail "not healthy after ${HEALTH_TIMEOUT:-420} s:
$unhealthy"
		sleep 2
	done
	say "healthy: $(awk '{printf "%s ", substr($1, 2)}' <<<"$states")"
}
