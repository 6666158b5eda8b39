# The compose stack of the container images for bench/*.sh (sourced after bench/lib.sh, not
# run): docker-compose.yml (with the files in COMPOSE_FILES) under the project keyward-bench,
# a throwaway .env in $RUN, fresh volumes for every start. Uses deploy/stack-lib.sh.
# shellcheck source=deploy/stack-lib.sh
. "$BENCH_HOME/deploy/stack-lib.sh"

STACK_ENV=$RUN/stack.env DOCKERD_PID=""
COMPOSE_FILES=("$BENCH_HOME/docker-compose.yml")
compose() {
	local files=() f
	for f in "${COMPOSE_FILES[@]}"; do files+=(-f "$f"); done
	docker-compose -p keyward-bench --project-directory "$BENCH_HOME" "${files[@]}" --env-file "$STACK_ENV" "$@"
}

# Remove the stack and its volumes, and stop the dockerd this script started (for an EXIT trap).
stack_stop() {
	if [ -f "$STACK_ENV" ]; then compose down -v --remove-orphans >/dev/null 2>&1 || true; fi
	stop_pid "$DOCKERD_PID"
	DOCKERD_PID=""
}

# The images and a .env for them, once: every start after it runs fresh volumes on these.
# Sets STACK_HTTP and STACK_CHALLENGE (the published HTTP and MDM API ports) and STACK_MDM_KEY.
prepare_images() {
	local https admin prometheus t0=$SECONDS
	mkdir -p "$RUN"
	stack_dockerd "$RUN/dockerd.log"
	(cd "$BENCH_HOME" && deploy/base-images.sh jre postgres haproxy prometheus) >"$RUN/base-images.log" 2>&1 \
		|| { tail -20 "$RUN/base-images.log" >&2; fail "deploy/base-images.sh failed"; }
	stack_free_port STACK_HTTP
	stack_free_port https
	stack_free_port STACK_CHALLENGE
	stack_free_port admin
	stack_free_port prometheus
	STACK_MDM_KEY=$(stack_mdm_key)
	{
		(cd "$BENCH_HOME" && deploy/base-images.sh --print-env)
		echo "KEYWARD_VERSION=bench"
		echo "KEYWARD_AOT_TRAIN_ENROLLMENTS=${BENCH_IMAGE_TRAIN:-24000}"
		stack_env "$STACK_HTTP" "$https" "$STACK_CHALLENGE" "$admin" "$prometheus" "$STACK_MDM_KEY" "Bench-$(openssl rand -hex 16)"
	} >"$STACK_ENV"
	chmod 600 "$STACK_ENV"
	say "building the images (docker-compose build; AOT caches trained on ${BENCH_IMAGE_TRAIN:-24000} enrollments; log $RUN/build.log) ..."
	compose build ca-adapter challenge-service scep-gateway-1 admin-ui >"$RUN/build.log" 2>&1 \
		|| { tail -30 "$RUN/build.log" >&2; fail "docker-compose build failed (log above)"; }
	say "images ready after $((SECONDS - t0)) s"
}

# A fresh stack on new volumes; sets READY (seconds from `up` until every health check passes).
start_stack_fresh() {
	local t0
	compose down -v --remove-orphans >/dev/null 2>&1 || true
	t0=$(date +%s%N)
	compose up -d >"$RUN/up.log" 2>&1 || { cat "$RUN/up.log" >&2; fail "docker-compose up failed"; }
	HEALTH_TIMEOUT=600 await_healthy
	READY=$(echo "scale=1; ($(date +%s%N) - $t0) / 1000000000" | bc)
}

# The host PIDs of the services' main processes (the JVMs, PostgreSQL's postmaster), comma-separated.
stack_pids() { # service...
	local service pids=""
	for service in "$@"; do
		pids+="${pids:+,}$(docker inspect -f '{{.State.Pid}}' "$(compose ps -q "$service")")"
	done
	echo "$pids"
}
