#!/usr/bin/env bash
# Two hubs on one standalone Artemis broker and one PostgreSQL database (README "Running several hubs").
# For people trying it out, not for CI: it downloads the Artemis distribution (about 60 MB) from Maven Central once.
#
#   scripts/ha/two-hubs.sh start     # broker on 127.0.0.1:61616, the simulated peers (simulators jar, the demo's
#                                    # ports), hub A on 8080/MLLP 2575, hub B on 8081/MLLP 2585, both on PostgreSQL
#                                    # (127.0.0.1:5432, database test)
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
    echo "Fetching Artemis $v (org.apache.activemq:apache-artemis, bin tar.gz) from Maven Central"
    # through Maven, which checks the download against Central's checksums
    ./mvnw -q -B -ntp dependency:copy -Dartifact="org.apache.activemq:apache-artemis:$v:tar.gz:bin" -DoutputDirectory="$WORK"
    tar -xzf "$WORK/apache-artemis-$v-bin.tar.gz" -C "$WORK"
  fi
  if [[ ! -d "$WORK/broker" ]]; then
    # role amq: what docker/artemis/broker.xml grants; the hubs log in as vardnav
    "$dist/bin/artemis" create "$WORK/broker" --silent --user vardnav --password vardnav --role amq --require-login \
      --host 127.0.0.1 --http-host 127.0.0.1 --no-autotune
  fi
  # the one broker configuration of the project; bound to loopback here (the container binds 0.0.0.0)
  sed 's#tcp://0.0.0.0:61616#tcp://127.0.0.1:61616#' docker/artemis/broker.xml > "$WORK/broker/etc/broker.xml"
}

# Secrets both hubs share: SMS report links and guest links are HMACs that any hub must verify (README "Secrets")
make_secrets() {
  mkdir -p "$WORK/secrets"
  for s in vardnav.sms.report-secret vardnav.notification.guest-link-secret vardnav.audit.patient-key; do
    [[ -f "$WORK/secrets/$s" ]] || head -c 32 /dev/urandom | base64 | tr -d '\n' > "$WORK/secrets/$s"
  done
}

start_hub() {
  local name=$1 http=$2 mllp=$3
  # shared by both hubs: the database, the broker, the secrets, the letters' document store and the drop folder
  VARDNAV_SECRETS_DIR="$WORK/secrets/" nohup java -jar "$HUB_JAR" --spring.profiles.active=postgres \
    --spring.datasource.url="$DB_URL" --spring.flyway.schemas="$SCHEMA" --spring.flyway.create-schemas=true \
    --vardnav.cluster.instance="hub-$name" \
    --vardnav.broker.embedded=false --vardnav.broker.url=tcp://127.0.0.1:61616 \
    --vardnav.broker.user=vardnav --vardnav.broker.password=vardnav \
    --server.port="$http" --vardnav.journal.mllp.port="$mllp" \
    --vardnav.data-dir="$WORK/hub-$name" \
    --vardnav.letter.documents-dir="$WORK/shared/letters" --vardnav.letter.drop-dir="$WORK/shared/letter-drop" \
    --vardnav.security.issuer=https://demo-issuer.vardnav.invalid \
    --spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:security/demo-issuer.pub \
    > "$WORK/hub-$name.log" 2>&1 &
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
    HUB_JAR=$(ls hub/target/vardnav-hub-*-exec.jar 2>/dev/null | head -1 || true)
    SIM_JAR=$(ls simulators/target/vardnav-simulators-*-exec.jar 2>/dev/null | head -1 || true)
    if [[ -z "$HUB_JAR" || -z "$SIM_JAR" ]]; then
      ./mvnw -q -B -ntp -pl hub,simulators -am package -DskipTests
      HUB_JAR=$(ls hub/target/vardnav-hub-*-exec.jar | head -1); SIM_JAR=$(ls simulators/target/vardnav-simulators-*-exec.jar | head -1)
    fi
    # the peers, on the ports the hub's defaults name (README "The simulators on their own")
    nohup java -jar "$SIM_JAR" platform=8091 register=8092 sms=8093 minameddelanden=8094 kivra=8095 \
      journal-receiver=2576 schedule=8096 > "$WORK/simulators.log" 2>&1 &
    echo $! > "$WORK/simulators.pid"
    make_secrets
    start_hub a 8080 2575
    sleep 20 # hub A migrates the schema first; hub B then finds it done
    start_hub b 8081 2585
    ;;
  stop)
    # graceful (SIGTERM): each hub stops its intake first and finishes what it has
    for p in hub-b hub-a simulators broker; do
      if [[ -f "$WORK/$p.pid" ]]; then kill "$(cat "$WORK/$p.pid")" 2>/dev/null || true; rm -f "$WORK/$p.pid"; fi
    done
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
