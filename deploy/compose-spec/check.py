#!/usr/bin/env python3
"""Check a compose file against the Compose Specification's JSON schema, as `docker compose`
v2 does before it runs anything: interpolate ${VAR}, ${VAR:-default}, ${VAR-default},
${VAR:?message} and ${VAR?message} from the environment (and an env file), then validate.

Debian's docker-compose 1.29, which the stack test runs, predates parts of the specification;
this check keeps the same file valid for v2. The schema (compose-spec.json, Apache-2.0, see
LICENSE and NOTICE) is the Compose Specification's schema/compose-spec.json, vendored because
no registry other than Maven Central, Debian and npm is reachable here.

Usage: deploy/compose-spec/check.py [compose-file] [env-file]
Exit status 0 when valid; 1 with every violation printed when not.
"""
import json
import os
import re
import sys

import jsonschema
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
VARIABLE = re.compile(r"\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))")


def environment(env_file):
    values = dict(os.environ)
    if env_file and os.path.exists(env_file):
        with open(env_file, encoding="utf-8") as lines:
            for line in lines:
                line = line.strip()
                if line and not line.startswith("#") and "=" in line:
                    name, value = line.split("=", 1)
                    values.setdefault(name.strip(), value.strip())
    return values


def interpolate(node, values, path, errors):
    if isinstance(node, dict):
        return {key: interpolate(value, values, path + [str(key)], errors) for key, value in node.items()}
    if isinstance(node, list):
        return [interpolate(value, values, path + [str(i)], errors) for i, value in enumerate(node)]
    if not isinstance(node, str):
        return node

    def substitute(match):
        if match.group(0) == "$$":
            return "$"
        name = match.group(1) or match.group(4)
        operator, argument = match.group(2), match.group(3)
        value = values.get(name)
        unset = value is None or (operator is not None and operator.startswith(":") and value == "")
        if operator in (":-", "-"):
            return argument if unset else value
        if operator in (":?", "?"):
            if unset:
                errors.append("%s: required variable %s is missing: %s" % ("/".join(path), name, argument))
                return ""
            return value
        return value if value is not None else ""

    return VARIABLE.sub(substitute, node)


def main():
    compose_file = sys.argv[1] if len(sys.argv) > 1 else "docker-compose.yml"
    env_file = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(compose_file) or ".", ".env")
    with open(os.path.join(HERE, "compose-spec.json"), encoding="utf-8") as schema_file:
        schema = json.load(schema_file)
    with open(compose_file, encoding="utf-8") as source:
        document = yaml.safe_load(source)
    errors = []
    document = interpolate(document, environment(env_file), [], errors)
    validator = jsonschema.Draft201909Validator(schema)
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        errors.append("%s: %s" % ("/".join(str(p) for p in error.absolute_path) or "(top)", error.message))
    if errors:
        for error in errors:
            print("compose-spec: %s: %s" % (compose_file, error), file=sys.stderr)
        return 1
    services = len(document.get("services", {}))
    print("compose-spec: %s is valid against the Compose Specification (%d services)" % (compose_file, services))
    return 0


if __name__ == "__main__":
    sys.exit(main())
