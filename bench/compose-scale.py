#!/usr/bin/env python3
"""docker-compose.yml with G scep-gateway replicas and R challenge-service and ca-adapter
replicas on its one PostgreSQL, for bench/scaling.sh compose (not for production: copy a block
of docker-compose.yml for that, docs/scaling.md).

  compose-scale.py GATEWAYS REPLICAS compose.yml haproxy.cfg OUT.yml OUT-haproxy.cfg [override.yml]

The gateways are scep-gateway-1..G behind the stack's HAProxy, as in docker-compose.yml. The
replicas beyond the first are challenge-service-2.. and ca-adapter-2.. (copies without
published ports); with more than one, HAProxy also balances them, per request, on two internal
ports (18081, 18082) that every service then calls instead of the first replica. An override
file (bench/compose-bench.yml) is merged into the gateways and the challenge-services.
"""
import copy
import re
import sys

import yaml

gateways, replicas = int(sys.argv[1]), int(sys.argv[2])
compose_in, haproxy_in, compose_out, haproxy_out = sys.argv[3:7]
override = yaml.safe_load(open(sys.argv[7])) if len(sys.argv) > 7 else {"services": {}}

spec = yaml.safe_load(open(compose_in))
services = spec["services"]
gateway = services.pop("scep-gateway-1")
services.pop("scep-gateway-2")


def merged(name, service):
    env = (override["services"].get(name) or {}).get("environment") or {}
    service = copy.deepcopy(service)
    service.setdefault("environment", {}).update(env)
    return service


balanced = replicas > 1
for i in range(1, gateways + 1):
    g = merged("scep-gateway-1", gateway)
    if i > 1:
        g.pop("build", None)  # one build, as in docker-compose.yml
    services[f"scep-gateway-{i}"] = g
services["challenge-service"] = merged("challenge-service", services["challenge-service"])
for kind in ("challenge-service", "ca-adapter"):
    for i in range(2, replicas + 1):
        replica = copy.deepcopy(services[kind])
        replica.pop("ports", None)
        replica.pop("build", None)
        services[f"{kind}-{i}"] = replica
if balanced:
    for name, service in services.items():
        env = service.get("environment")
        if isinstance(env, dict):
            if env.get("KEYWARD_CHALLENGE_URL") == "http://challenge-service:8081":
                env["KEYWARD_CHALLENGE_URL"] = "http://haproxy:18081"
            if env.get("KEYWARD_CA_URL") == "http://ca-adapter:8082":
                env["KEYWARD_CA_URL"] = "http://haproxy:18082"
    # the gateways and the other replicas wait for the load balancer, which waits for nothing
    # (it resolves its servers as they come: init-addr none)
    for i in range(1, gateways + 1):
        services[f"scep-gateway-{i}"]["depends_on"] = {"haproxy": {"condition": "service_started"},
            **{f"{kind}{'' if r == 1 else f'-{r}'}": {"condition": "service_healthy"}
               for kind in ("challenge-service", "ca-adapter") for r in range(1, replicas + 1)}}
    services["haproxy"]["depends_on"] = {"postgres": {"condition": "service_healthy"}}
else:
    services["haproxy"]["depends_on"] = {f"scep-gateway-{i}": {"condition": "service_healthy"}
                                         for i in range(1, gateways + 1)}
services["haproxy"]["volumes"] = [f"{haproxy_out}:/usr/local/etc/haproxy/haproxy.cfg:ro"]
yaml.safe_dump(spec, open(compose_out, "w"), sort_keys=False, default_flow_style=False)

# the gateways' server lines: where docker-compose.yml's first one is, one per gateway
out, seen = [], set()
for line in open(haproxy_in).read().splitlines():
    match = re.match(r"^(\tserver scep-gateway-)\d( scep-gateway-)\d(:(\d+).*)$", line)
    if not match:
        out.append(line)
    elif match.group(4) not in seen:
        seen.add(match.group(4))
        out.extend(f"{match.group(1)}{i}{match.group(2)}{i}{match.group(3)}" for i in range(1, gateways + 1))
cfg = "\n".join(out) + "\n"
if balanced:
    for name, port, health in (("challenge-service", 8081, 9081), ("ca-adapter", 8082, 9082)):
        servers = "\n".join(f"\tserver {name}-{r} {name}{'' if r == 1 else f'-{r}'}:{port} check port {health}"
                            for r in range(1, replicas + 1))
        cfg += f"""
# bench/compose-scale.py: the {name} replicas, balanced per request
frontend {name}-internal
\tbind :1{port}
\tmode http
\tdefault_backend {name}s

backend {name}s
\tmode http
\tbalance roundrobin
\toption httpchk GET /actuator/health/readiness
\thttp-check expect status 200
\t# only what never reached a replica is sent again
\tretry-on conn-failure
{servers}
"""
open(haproxy_out, "w").write(cfg)
