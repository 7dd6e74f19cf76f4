#!/usr/bin/env bash
# Two hubs on a standalone Artemis primary/backup pair (replication) and one PostgreSQL database (README "Running
# several hubs"). For people trying it out, not for CI: it downloads the Artemis distribution (about 60 MB) from Maven
# Central once.
#
#   scripts/ha/two-hubs.sh start          # broker primary on 127.0.0.1:61616, its backup on 61617
#                                         # (docker/artemis/primary.xml, backup.xml), the simulated peers (simulators jar,
#                                         # the demo's ports), hub A on 8080/MLLP 2575, hub B on 8081/MLLP 2585, both on
#                                         # PostgreSQL (127.0.0.1:5432, database test) with the failover URL
#   scripts/ha/two-hubs.sh send-booking   # one SIU^S12 over MLLP to hub A (HUB_MLLP=2585 for hub B); prints the ACK
#   scripts/ha/two-hubs.sh kill-primary   # kill -9 of the primary broker: the backup takes over, the hubs follow
#   scripts/ha/two-hubs.sh start-primary  # the primary again: it syncs from the backup and takes over (fail-back)
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
  local role port
  for role in primary backup; do
    port=$(broker_port "$role")
    if [[ ! -d "$WORK/broker-$role" ]]; then
      # role amq: what docker/artemis/*.xml grant; the hubs log in as vardnav
      "$dist/bin/artemis" create "$WORK/broker-$role" --silent --user vardnav --password vardnav --role amq --require-login \
        --host 127.0.0.1 --http-host 127.0.0.1 --http-port $((port - 61616 + 8161)) --no-autotune
    fi
    # the pair's configuration of the project; on loopback with a port each here (compose: hosts artemis-primary and
    # artemis-backup, both on 61616, bound to 0.0.0.0)
    sed -e "s#tcp://0.0.0.0:61616#tcp://127.0.0.1:$port#" -e "s#tcp://artemis-primary:61616#tcp://127.0.0.1:$(broker_port primary)#" \
        -e "s#tcp://artemis-backup:61616#tcp://127.0.0.1:$(broker_port backup)#" docker/artemis/$role.xml > "$WORK/broker-$role/etc/broker.xml"
  done
}

broker_port() { if [[ $1 == primary ]]; then echo 61616; else echo 61617; fi; }

start_broker() {
  # appended: wait_synced counts the backup's lines across starts
  nohup "$WORK/broker-$1/bin/artemis" run >> "$WORK/broker-$1.log" 2>&1 &
  echo $! > "$WORK/broker-$1.pid"
  echo "broker $1: tcp://127.0.0.1:$(broker_port "$1"), log $WORK/broker-$1.log"
}

wait_port() { for _ in $(seq "${2:-90}"); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 1; done; return 1; }

# the backup holds a full copy of the primary's journal (AMQ221024) once after this many lines of its log
wait_synced() {
  for _ in $(seq 120); do
    [[ $(grep -c AMQ221024 "$WORK/broker-backup.log" 2>/dev/null || true) -gt $1 ]] && return 0; sleep 1
  done
  echo "the backup did not synchronise; see $WORK/broker-backup.log" >&2; return 1
}

# the java a broker runs under: the artemis script's own process (run), not the wrapper shell
broker_pid() { pgrep -f -- "-Dartemis.instance=$WORK/broker-$1( |$)" | head -1; }

# Secrets both hubs share: SMS report links and guest links are HMACs that any hub must verify (README "Secrets")
make_secrets() {
  mkdir -p "$WORK/secrets"
  for s in vardnav.sms.report-secret vardnav.notification.guest-link-secret vardnav.audit.patient-key; do
    [[ -f "$WORK/secrets/$s" ]] || head -c 32 /dev/urandom | base64 | tr -d '\n' > "$WORK/secrets/$s"
  done
}

start_hub() {
  local name=$1 http=$2 mllp=$3
  # shared by both hubs: the database, the broker, the secrets, the letters' document store and the drop folder;
  # profile demo: the simulated peers' placeholder credentials and the demo issuer are allowed (README "Secrets")
  VARDNAV_SECRETS_DIR="$WORK/secrets/" nohup java -jar "$HUB_JAR" --spring.profiles.active=postgres,demo \
    --spring.datasource.url="$DB_URL" --spring.flyway.schemas="$SCHEMA" --spring.flyway.create-schemas=true \
    --vardnav.cluster.instance="hub-$name" \
    --vardnav.broker.embedded=false --vardnav.broker.url="$BROKER_URL" \
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

# both brokers, ha=true (the client follows the pair's topology) and reconnecting without limit (README)
BROKER_URL="(tcp://127.0.0.1:61616,tcp://127.0.0.1:61617)?ha=true&reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=1.5&maxRetryInterval=5000"

case "${1:-}" in
  start)
    install_broker "$(artemis_version)"
    start_broker primary
    wait_port 61616 || { echo "the primary did not start; see $WORK/broker-primary.log" >&2; exit 1; }
    synced=$(grep -c AMQ221024 "$WORK/broker-backup.log" 2>/dev/null || true)
    start_broker backup
    wait_synced "${synced:-0}"
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
  send-booking)
    # an SIU^S12 in MLLP framing (VT … FS CR) to a hub; the ACK (MSA|AA) comes back on the same connection
    now=$(date +%Y%m%d%H%M%S); id="HA-$(date +%s)"
    msg="MSH|^~\\&|TAKECARE|SLL|VARDNAV|REGION|$now||SIU^S12^SIU_S12|$id|P|2.5|||||SWE|UNICODE UTF-8\r"
    msg+="SCH|$id||||||^Uppföljning|VIDEO^Videobesök|20|min|^^^20270301090000^20270301092000\r"
    msg+="PID|1||191212121212^^^&1.2.752.129.2.1.3.1&ISO^NNSWE||Tolvansson^Tolvan\rRGS|1|A\rAIP|1|A|SE2321000016-1234^Lind\r"
    exec 3<>"/dev/tcp/127.0.0.1/${HUB_MLLP:-2575}"
    printf '\x0b%b\x1c\x0d' "$msg" >&3
    # the ACK ends with FS (0x1c)
    IFS= read -r -d $'\x1c' -t 30 ack <&3 || { echo "no ACK within 30 s" >&2; exit 1; }
    tr '\r\013' '\n ' <<<"$ack" | grep -E '^(MSA|ERR)'
    [[ $ack == *"MSA|AA"* ]] || { echo "not accepted" >&2; exit 1; }
    exec 3<&-
    echo "booking $id sent"
    ;;
  kill-primary)
    pid=$(broker_pid primary); [[ -n "$pid" ]] || { echo "no primary broker running" >&2; exit 1; }
    kill -9 "$pid"; rm -f "$WORK/broker-primary.pid"
    start=$(date +%s%N)
    wait_port 61617 120 || { echo "the backup did not take over; see $WORK/broker-backup.log" >&2; exit 1; }
    echo "primary killed (kill -9 $pid); the backup accepts on 61617 after $(( ($(date +%s%N) - start) / 1000000 )) ms"
    ;;
  start-primary)
    synced=$(grep -c AMQ221024 "$WORK/broker-backup.log" 2>/dev/null || true)
    start_broker primary
    wait_port 61616 180 || { echo "the primary did not take over again; see $WORK/broker-primary.log" >&2; exit 1; }
    wait_synced "${synced:-0}"
    echo "primary active again, backup in sync"
    ;;
  stop)
    # graceful (SIGTERM): each hub stops its intake first and finishes what it has
    pids=()
    for p in hub-b hub-a simulators; do
      if [[ -f "$WORK/$p.pid" ]]; then pids+=("$(cat "$WORK/$p.pid")"); kill "${pids[-1]}" 2>/dev/null || true; rm -f "$WORK/$p.pid"; fi
    done
    # the brokers only once the hubs are gone: a hub reconnects without limit (reconnectAttempts=-1), so a hub still
    # shutting down without a broker would wait for one
    for _ in $(seq 60); do
      alive=0; for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [[ $alive == 0 ]] && break; sleep 1
    done
    # the backup first, so that the primary stopping does not make it take over
    for p in backup primary; do
      pid=$(broker_pid $p); [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; rm -f "$WORK/broker-$p.pid"
    done
    ;;
  *)
    echo "usage: $0 start|send-booking|kill-primary|start-primary|stop" >&2; exit 2 ;;
esac
