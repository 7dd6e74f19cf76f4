#!/usr/bin/env bash
# Two hubs on one standalone Artemis broker and one PostgreSQL database (README "Running several hubs").
# For people trying it out, not for CI: it downloads the Artemis distribution (about 60 MB) from Maven Central once.
#
#   scripts/ha/two-hubs.sh start     # broker on 127.0.0.1:61616, hub A on 8080/2575 (with the demo's simulated
#                                    # peers), hub B on 8081/2576, both on PostgreSQL (127.0.0.1:5432, database test)
#   scripts/ha/two-hubs.sh stop
#
# Settings (environment): ARTEMIS_VERSION (default: the one the Spring Boot BOM of the build uses),
# VARDNAV_DB_URL (default jdbc:postgresql://127.0.0.1:5432/test?currentSchema=vardnav_ha), WORK (default target/ha).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
WORK=${WORK:-$ROOT/target/ha}
DB_URL=${VARDNAV_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test?currentSchema=vardnav_ha}
SCHEMA=$(sed -n 's/.*currentSchema=\([A-Za-z0-9_]*\).*/\1/p' <<<"$DB_URL")
mkdir -p "$WORK"

artemis_version() {
  if [[ -n "${ARTEMIS_VERSION:-}" ]]; then echo "$ARTEMIS_VERSION"; return; fi
  # the Artemis the hub is built and tested with (spring-boot-dependencies' artemis.version)
  ./mvnw -q -B -ntp help:evaluate -Dexpression=artemis.version -DforceStdout 2>/dev/null || echo 2.40.0
}

install_broker() {
  local v=$1 dist="$WORK/apache-artemis-$1"
  if [[ ! -x "$dist/bin/artemis" ]]; then
    local url="https://repo1.maven.org/maven2/org/apache/activemq/apache-artemis/$v/apache-artemis-$v-bin.tar.gz"
    echo "Downloading Artemis $v from Maven Central"
    curl -fsSL -o "$WORK/artemis.tar.gz" "$url"
    curl -fsSL -o "$WORK/artemis.tar.gz.sha1" "$url.sha1"
    echo "$(cut -c1-40 "$WORK/artemis.tar.gz.sha1")  $WORK/artemis.tar.gz" | sha1sum -c -
    tar -xzf "$WORK/artemis.tar.gz" -C "$WORK"
  fi
  if [[ ! -d "$WORK/broker" ]]; then
    # role amq: what docker/artemis/broker.xml grants; the hubs log in as vardnav
    "$dist/bin/artemis" create "$WORK/broker" --silent --user vardnav --password vardnav --role amq --require-login \
      --host 127.0.0.1 --http-host 127.0.0.1 --no-autotune
  fi
  # the one broker configuration of the project; bound to loopback here (the container binds 0.0.0.0)
  sed 's#tcp://0.0.0.0:61616#tcp://127.0.0.1:61616#' docker/artemis/broker.xml > "$WORK/broker/etc/broker.xml"
}

start_hub() {
  local name=$1 http=$2 mllp=$3; shift 3
  # shared by both hubs: the letters' document store and the drop folder (shared storage in production)
  nohup java -jar "$JAR" --spring.profiles.active=demo,postgres \
    --spring.datasource.url="$DB_URL" --spring.flyway.schemas="$SCHEMA" --spring.flyway.create-schemas=true \
    --vardnav.cluster.instance="hub-$name" \
    --vardnav.broker.embedded=false --vardnav.broker.url=tcp://127.0.0.1:61616 \
    --vardnav.broker.user=vardnav --vardnav.broker.password=vardnav \
    --server.port="$http" --vardnav.journal.mllp.port="$mllp" \
    --vardnav.data-dir="$WORK/hub-$name" \
    --vardnav.letter.documents-dir="$WORK/shared/letters" --vardnav.letter.drop-dir="$WORK/shared/letter-drop" \
    "$@" > "$WORK/hub-$name.log" 2>&1 &
  echo $! > "$WORK/hub-$name.pid"
  echo "hub $name: http://127.0.0.1:$http (console /console), MLLP 127.0.0.1:$mllp, log $WORK/hub-$name.log"
}

case "${1:-}" in
  start)
    install_broker "$(artemis_version)"
    nohup "$WORK/broker/bin/artemis" run > "$WORK/broker.log" 2>&1 &
    echo $! > "$WORK/broker.pid"
    echo "broker: tcp://127.0.0.1:61616, log $WORK/broker.log"
    for _ in $(seq 60); do (exec 3<>/dev/tcp/127.0.0.1/61616) 2>/dev/null && break; sleep 1; done
    JAR=$(ls target/vardnav-hub-*.jar 2>/dev/null | head -1 || true)
    if [[ -z "$JAR" ]]; then ./mvnw -q -B -ntp -DskipTests package; JAR=$(ls target/vardnav-hub-*.jar | head -1); fi
    # hub A runs the demo's simulated peers (platform 8091, register 8092, SMS 8093, mailboxes 8094/8095, schedule 8096)
    start_hub a 8080 2575
    sleep 20 # hub A migrates the schema first; hub B then finds it done
    # hub B talks to hub A's simulators (the defaults); its own would clash, so they go to unused ports
    start_hub b 8081 2576 --vardnav.demo.platform-port=18091 --vardnav.demo.register-port=18092 --vardnav.demo.sms-port=18093 \
      --vardnav.demo.minameddelanden-port=18094 --vardnav.demo.kivra-port=18095 --vardnav.demo.schedule-port=18096
    ;;
  stop)
    # graceful (SIGTERM): each hub stops its intake first and finishes what it has
    for p in hub-b hub-a broker; do
      if [[ -f "$WORK/$p.pid" ]]; then kill "$(cat "$WORK/$p.pid")" 2>/dev/null || true; rm -f "$WORK/$p.pid"; fi
    done
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
