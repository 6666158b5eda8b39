#!/usr/bin/env python3
"""Run every query of the Grafana dashboard against a Prometheus that scrapes Keyward, as
Grafana would: the dashboard's variables filled in ($profile = every profile, $__rate_interval
= 1m). Fails when a query does not parse or run, or when a metric that the stack test's traffic
must have produced is missing (REQUIRED); names that traffic did not produce (webhooks, CRL,
approvals in a stack without them) are listed, not failed. Grafana itself is not packaged for
Debian, so this is how the stack test (deploy/test-stack.sh) checks the dashboard.

Usage: deploy/grafana/check-queries.py <prometheus-url> [dashboard.json]
"""
import json
import os
import re
import sys
import urllib.parse
import urllib.request

REQUIRED = {
    "up",
    "keyward_scep_enrollments_total",
    "keyward_scep_requests_seconds_bucket",
    "keyward_challenge_minted_total",
    "keyward_challenge_redemptions_total",
    "keyward_gateway_transactions_pending",
    "keyward_certificate_days_left",
    "http_client_requests_seconds_bucket",
}
FUNCTIONS = {"sum", "rate", "max", "min", "by", "histogram_quantile", "le", "label_values", "or", "and"}
NAME = re.compile(r"\b([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?=\{|\[|\)|$|\s)")


def get(base, path, **params):
    url = base.rstrip("/") + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.load(answer)


def queries(dashboard):
    for panel in dashboard.get("panels", []):
        for target in panel.get("targets", []):
            if target.get("expr"):
                yield panel.get("title", "?"), target["expr"]


def metric_names(expr):
    # metric names: identifiers followed by a selector, a range or the end of an argument,
    # minus the functions, keywords and the labels inside {} and by ()
    stripped = re.sub(r"\{[^}]*\}", "{}", expr)
    stripped = re.sub(r"\b(by|without)\s*\([^)]*\)", "", stripped)
    return {name for name in NAME.findall(stripped) if name not in FUNCTIONS and not name.isdigit()}


def main():
    base = sys.argv[1]
    path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "keyward-dashboard.json")
    with open(path, encoding="utf-8") as source:
        dashboard = json.load(source)
    known = set(get(base, "/api/v1/label/__name__/values")["data"])
    failures, absent, count = [], set(), 0
    for title, expr in queries(dashboard):
        count += 1
        query = expr.replace("$__rate_interval", "1m").replace('=~"$profile"', '=~".*"')
        try:
            answer = get(base, "/api/v1/query", query=query)
        except Exception as ex:  # Prometheus answers 400 with a JSON error for a bad query
            body = getattr(ex, "read", lambda: b"")().decode("utf-8", "replace")
            failures.append("%s: %s: %s %s" % (title, expr, ex, body))
            continue
        if answer.get("status") != "success":
            failures.append("%s: %s: %s" % (title, expr, answer))
        for name in metric_names(expr):
            if name not in known:
                absent.add(name)
    missing = sorted(REQUIRED & absent)
    for failure in failures:
        print("grafana: query failed: " + failure, file=sys.stderr)
    if missing:
        print("grafana: metrics the test's traffic must produce are not in Prometheus: " + ", ".join(missing), file=sys.stderr)
    print("grafana: %d queries of %s ran in Prometheus; not produced by this traffic: %s"
          % (count, os.path.basename(path), ", ".join(sorted(absent)) or "none"))
    return 1 if failures or missing else 0


if __name__ == "__main__":
    sys.exit(main())
