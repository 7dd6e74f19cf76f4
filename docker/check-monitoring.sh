#!/usr/bin/env bash
# Checks the monitoring that ships with the hub, with Debian's promtool (package prometheus):
# the alert rules, their unit tests (prometheus/alerts.test.yml), and every query of the Grafana dashboard.
set -euo pipefail
cd "$(dirname "$0")"
promtool check rules prometheus/alerts.yml
promtool test rules prometheus/alerts.test.yml
# each dashboard query as a recording rule, so promtool parses it as Prometheus would
rules="$(mktemp --suffix=.yml)"
trap 'rm -f "$rules"' EXIT
python3 - grafana/dashboards/vardnav-hub.json > "$rules" <<'PY'
import json, sys
dashboard = json.load(open(sys.argv[1]))
exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
print("groups:\n  - name: dashboard\n    rules:")
for i, e in enumerate(exprs):
    print("      - record: vardnav_dashboard:query%d\n        expr: %s" % (i, json.dumps(e)))
PY
promtool check rules "$rules" | sed 's#^Checking .*#Checking the queries of grafana/dashboards/vardnav-hub.json#'
