#!/usr/bin/env bash
# Checks the monitoring and the stack that ship with the hub, with Debian's promtool (package prometheus):
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
# Prometheus's own configuration (scrape jobs), with the alert rules' path as it is in this folder
config="$(mktemp --suffix=.yml)"
trap 'rm -f "$rules" "$config"' EXIT
sed "s#/etc/prometheus/alerts.yml#$PWD/prometheus/alerts.yml#; s#/etc/prometheus/hub-token#$PWD/prometheus/prometheus.yml#" \
  prometheus/prometheus.yml > "$config"
promtool check config "$config" | sed "s#^Checking $config#Checking prometheus/prometheus.yml#"
# the load balancer in front of the hubs (Debian's haproxy), where installed; hub names resolve only inside Compose
if command -v haproxy >/dev/null 2>&1; then
  haproxy -c -q -f haproxy/haproxy.cfg && echo "haproxy/haproxy.cfg: valid"
else
  echo "haproxy not installed: haproxy/haproxy.cfg not checked"
fi
