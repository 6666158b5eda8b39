"""What the reports of bench/scaling.sh and bench/scaling-compose.sh share: the machine they
ran on, the CPU snapshots taken before and after each configuration (one "kind,ms" line per
process: gateway, challenge, ca, postgres, ...) and the CPU per enrollment between the two.
The scripts import it from their own directory."""
import json


def machine(raw):
    """The machine.json the script wrote (bench/lib.sh machine_json)."""
    with open(f"{raw}/machine.json") as f:
        return json.load(f)


def cpu(path):
    """CPU ms by kind of process, summed over its replicas."""
    totals = {}
    with open(path) as f:
        for line in f:
            name, ms = line.strip().split(",")
            totals[name] = totals.get(name, 0) + int(ms)
    return totals


def cpu_per_enrollment(raw, cfg, enrollments):
    """CPU ms per enrollment by kind of process between a configuration's two snapshots; a
    process gone before the second (a killed gateway) counts nothing."""
    before, after = cpu(f"{raw}/{cfg}.cpu-before"), cpu(f"{raw}/{cfg}.cpu-after")
    return {k: round(max(after.get(k, 0) - before.get(k, 0), 0) / max(enrollments, 1), 2) for k in after}
