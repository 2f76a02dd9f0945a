#!/usr/bin/env bash
# `docker compose up` proven end to end on this machine, with every image really built and run
# (`scripts/dev.sh compose-test` runs this). For machines without an image registry: the upstream
# base images are stood in for by local builds under their upstream names (Debian 12 from Debian
# packages via mmdebstrap + `docker import`, plus this machine's .NET, Node.js and CA bundle), and
# clickhouse-server by the project's ClickHouse endpoint built as an image (scripts/compose-test/).
#   1. starts dockerd if no engine answers (and stops it at the end if it started it)
#   2. builds the stand-ins (root filesystem cached in QP_STANDIN_CACHE, default /var/cache/quote-platform/standins)
#   3. builds every target of the project's Dockerfile with docker-compose (BuildKit, Debian's docker CLI)
#   4. `up` with docker-compose.yml + scripts/compose-test/docker-compose.standins.yml, waits until every
#      service's HEALTHCHECK says healthy, then starts the ingest of the `demo` profile (a simulated day)
#   5. mid-stream: scales storage-writer to 3, kills one of them, restarts Redis on its AOF volume
#   6. reconciles what ClickHouse stored against what the ingest reports it sent; reads bars back with
#      `quote bars` through the query container's published port; loads the page from its web port
#   7. checks the running containers (non-root, configuration only from the environment, the keys of
#      this run in no image layer nor image file) and ends with `docker compose down -v`
# Last line: compose: <n> images built, <m> services healthy, <bars> bars through the containers, missing <n>, duplicates <n>
# Settings (environment): QP_DEMO_SYMBOLS (300), QP_DEMO_SPEED (90: the simulated day in about 4 minutes),
# QP_COMPOSE_KEEP_LOGS=1 keeps the log folder also on success.
set -euo pipefail
# A pipe into `grep -q` can fail under pipefail although grep matched: grep exits at the first match and
# the writer gets SIGPIPE. So a match is tested with `grep ... >/dev/null`, which reads to the end.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HERE="$ROOT/scripts/compose-test"
CACHE_DIR=${QP_STANDIN_CACHE:-/var/cache/quote-platform/standins}
PROJECT=qp-compose-test
DOCKER=/usr/bin/docker   # Debian's 20.10 client: BuildKit without buildx (a newer client first on PATH may lack it)
export DOCKER_BUILDKIT=1 COMPOSE_DOCKER_CLI_BUILD=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The upstream names the project's Dockerfile and docker-compose.yml use, and the local ClickHouse stand-in.
ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble
SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$ROOT/global.json")
NODE_IMAGE=node:22-bookworm-slim
REDIS_IMAGE=redis:7.0
CLICKHOUSE_IMAGE=quote-platform/clickhouse-standin:26.7
BASE_IMAGE=quote-platform/standin-base:bookworm
STANDIN_LABEL=org.quote-platform.standin
TARGETS=(relay storage-writer query ingest)
SERVICES=(redis clickhouse relay storage-writer query)
IMAGE_TAG=compose-test

log() { printf '[compose %s] %s\n' "$(date -u +%T)" "$*" >&2; }
die() { printf '[compose] error: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# ---- prerequisites and the engine ---------------------------------------------------------------

install_prerequisites() {
  local missing=()
  command -v dotnet >/dev/null || die "the .NET SDK 10 is required (its runtimes go into the stand-in images)"
  command -v node >/dev/null || die "Node.js is required (it goes into the node stand-in image)"
  [ -x "$DOCKER" ] && command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  command -v curl >/dev/null || missing+=(curl)
  command -v npm >/dev/null || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (apt)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  [ -r /etc/ssl/certs/ca-certificates.crt ] || die "no CA bundle at /etc/ssl/certs/ca-certificates.crt (apt-get install ca-certificates)"
  CHDB_LIBRARY=$("$ROOT/scripts/install-chdb.sh" | tail -n 1)
  # docker-compose builds through the `docker` command it finds first on PATH: make it Debian's client.
  mkdir -p "$STATE_DIR/bin"
  ln -sf "$DOCKER" "$STATE_DIR/bin/docker"
  export PATH="$STATE_DIR/bin:$PATH"
}

STARTED_DOCKERD=""
start_engine() {
  if "$DOCKER" info >/dev/null 2>&1; then
    log "Docker engine: $("$DOCKER" version -f '{{.Server.Version}}') (already running)"
    return
  fi
  log "no Docker engine answers: starting dockerd (log $STATE_DIR/dockerd.log; published ports default to 127.0.0.1)"
  dockerd --ip=127.0.0.1 >"$STATE_DIR/dockerd.log" 2>&1 &
  STARTED_DOCKERD=$!
  for _ in $(seq 1 60); do
    "$DOCKER" info >/dev/null 2>&1 && break
    kill -0 "$STARTED_DOCKERD" 2>/dev/null || { tail -n 20 "$STATE_DIR/dockerd.log" >&2; die "dockerd exited"; }
    sleep 1
  done
  "$DOCKER" info >/dev/null 2>&1 || die "dockerd did not answer within 60 s (log $STATE_DIR/dockerd.log)"
  log "Docker engine: $("$DOCKER" version -f '{{.Server.Version}}') (started, pid $STARTED_DOCKERD)"
}

stop_engine() {
  [ -n "$STARTED_DOCKERD" ] || return 0
  log "stopping the dockerd this run started (pid $STARTED_DOCKERD)"
  kill -TERM "$STARTED_DOCKERD" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$STARTED_DOCKERD" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$STARTED_DOCKERD" 2>/dev/null || true
  STARTED_DOCKERD=""
}

# ---- stand-ins -----------------------------------------------------------------------------------

ROOTFS_RECIPE="mmdebstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata,zlib1g bookworm + the machine's CA bundle"

# Debian 12 root filesystem, made once per recipe and CA bundle, cached outside the repository.
standin_base() {
  local fingerprint rootfs started
  fingerprint=$( { echo "$ROOTFS_RECIPE"; sha256sum </etc/ssl/certs/ca-certificates.crt; } | sha256sum | cut -c1-16)
  rootfs="$CACHE_DIR/rootfs-bookworm-$fingerprint.tar"
  mkdir -p "$CACHE_DIR"
  if [ ! -s "$rootfs" ]; then
    log "building the Debian 12 root filesystem (mmdebstrap, about 90 s, cached as $rootfs)"
    started=$(now)
    rm -f "$CACHE_DIR"/rootfs-bookworm-*.tar
    mmdebstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata,zlib1g \
      --customize-hook='copy-in /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs' \
      bookworm "$rootfs.partial.tar" http://deb.debian.org/debian >"$STATE_DIR/mmdebstrap.log" 2>&1 \
      || { tail -n 20 "$STATE_DIR/mmdebstrap.log" >&2; rm -f "$rootfs.partial.tar"; die "mmdebstrap failed"; }
    mv "$rootfs.partial.tar" "$rootfs"
    FIGURES+=("root filesystem (mmdebstrap): $(since "$started") s, $(du -m "$rootfs" | cut -f1) MB")
  fi
  if [ "$("$DOCKER" image inspect -f "{{index .Config.Labels \"$STANDIN_LABEL\"}}" "$BASE_IMAGE" 2>/dev/null)" != "$fingerprint" ]; then
    log "importing $rootfs as $BASE_IMAGE"
    "$DOCKER" import -c "LABEL $STANDIN_LABEL=$fingerprint" -c 'CMD ["bash"]' "$rootfs" "$BASE_IMAGE" >/dev/null
  fi
}

# A stand-in is only ever built under an upstream name that is free or already a stand-in: a real
# upstream image on this machine is never replaced.
refuse_real_image() { # name
  local label
  "$DOCKER" image inspect "$1" >/dev/null 2>&1 || return 0
  label=$("$DOCKER" image inspect -f "{{index .Config.Labels \"$STANDIN_LABEL\"}}" "$1")
  [ -n "$label" ] || die "$1 is a real image on this machine (no $STANDIN_LABEL label): compose-test builds stand-ins only where no upstream image is at hand; use docker compose directly, or remove it"
}

build_standin() { # name dockerfile context [build args...]
  local name=$1 dockerfile=$2 context=$3 started
  shift 3
  refuse_real_image "$name"
  started=$(now)
  "$DOCKER" build -q -f "$HERE/$dockerfile" -t "$name" --build-arg "BASE=$BASE_IMAGE" \
    --build-arg "STANDIN=scripts/compose-test.sh" "$@" "$context" >"$STATE_DIR/standin-$dockerfile.log" 2>&1 \
    || { tail -n 30 "$STATE_DIR/standin-$dockerfile.log" >&2; die "building the stand-in $name failed"; }
  log "stand-in $name ($(image_mb "$name") MB, $(since "$started") s)"
}

build_standins() {
  local dotnet_root context started
  started=$(now)
  standin_base
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  build_standin "$ASPNET_IMAGE" aspnet.Dockerfile "$dotnet_root"
  build_standin "$SDK_IMAGE" sdk.Dockerfile "$dotnet_root"
  context="$CACHE_DIR/context/node"
  rm -rf "$context" && mkdir -p "$context"
  cp "$(readlink -f "$(command -v node)")" "$context/node"
  cp -a "$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)" "$context/npm"
  build_standin "$NODE_IMAGE" node.Dockerfile "$context"
  build_standin "$REDIS_IMAGE" redis.Dockerfile "$HERE"
  # The ClickHouse endpoint published here by the one publish script, beside the engine library.
  context="$CACHE_DIR/context/clickhouse"
  rm -rf "$context" && mkdir -p "$context"
  "$ROOT/scripts/publish.sh" QuotePlatform.ClickHouseLocal "$context/app" -v:q "-clp:ErrorsOnly;NoSummary" >"$STATE_DIR/publish-clickhouse.log" 2>&1 \
    || { tail -n 30 "$STATE_DIR/publish-clickhouse.log" >&2; die "publishing QuotePlatform.ClickHouseLocal failed"; }
  ln -f "$CHDB_LIBRARY" "$context/libchdb.so" 2>/dev/null || cp "$CHDB_LIBRARY" "$context/libchdb.so"
  build_standin "$CLICKHOUSE_IMAGE" clickhouse.Dockerfile "$context"
  # Stand-ins replaced by a rebuild (a new .NET, CA bundle or endpoint build) are of no further use.
  "$DOCKER" image prune -f --filter "label=$STANDIN_LABEL" >/dev/null
  FIGURES+=("stand-ins (5 images, and the root filesystem where it was not cached): $(since "$started") s")
}

image_mb() { "$DOCKER" image inspect -f '{{.Size}}' "$1" | awk '{ printf "%.0f", $1 / 1000000 }'; }

# ---- compose -------------------------------------------------------------------------------------

compose() {
  docker-compose --env-file "$STATE_DIR/empty.env" --project-name "$PROJECT" --project-directory "$ROOT" \
    -f "$ROOT/docker-compose.yml" -f "$HERE/docker-compose.standins.yml" "$@"
}

# Free loopback TCP port: nothing answers a connect to it.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( (RANDOM % 20000) + 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  die "no free loopback port found"
}

# The latest weekday in Beijing (UTC+8), so the simulated 1m bars fall inside their retention.
latest_beijing_weekday() {
  local now back
  now=$(( $(date -u +%s) + 8 * 3600 ))
  case $(date -u -d "@$now" +%u) in 6) back=1 ;; 7) back=2 ;; *) back=0 ;; esac
  date -u -d "@$(( now - back * 86400 ))" +%F
}

secret() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }

configure_environment() {
  : >"$STATE_DIR/empty.env"   # no .env of the developer's: this run's settings only
  QP_RELAY_API_KEY=$(secret) CLICKHOUSE_PASSWORD=$(secret) QP_ADMIN_API_KEY=$(secret)
  RELAY_PORT=$(free_port) GRPC_PORT=$(free_port) WEB_PORT=$(free_port) CLICKHOUSE_PORT=$(free_port)
  DAY=$(latest_beijing_weekday)
  export QP_RELAY_API_KEY CLICKHOUSE_PASSWORD QP_ADMIN_API_KEY
  export QP_RELAY_PORT="127.0.0.1:$RELAY_PORT" QP_QUERY_GRPC_PORT="127.0.0.1:$GRPC_PORT" QP_QUERY_WEB_PORT="127.0.0.1:$WEB_PORT"
  export QP_TEST_CLICKHOUSE_PORT=$CLICKHOUSE_PORT QP_IMAGE_TAG=$IMAGE_TAG XTSIM_DAY=$DAY
  export QP_DEMO_SYMBOLS=${QP_DEMO_SYMBOLS:-300} QP_DEMO_SPEED=${QP_DEMO_SPEED:-90}
  export OTEL_EXPORTER_OTLP_ENDPOINT=""
  # clickhouse-server's open-file limit (262,144), or the most a container may have here.
  QP_TEST_NOFILE=$(ulimit -Hn)
  [ "$QP_TEST_NOFILE" = unlimited ] || [ "$QP_TEST_NOFILE" -gt 262144 ] && QP_TEST_NOFILE=262144
  export QP_TEST_NOFILE
  CLICKHOUSE_URL="http://127.0.0.1:$CLICKHOUSE_PORT"
}

build_images() {
  local target started all
  all=$(now)
  for target in "${TARGETS[@]}"; do
    started=$(now)
    log "building $target (docker-compose build, target $target of the Dockerfile; log $STATE_DIR/build-$target.log)"
    compose --profile demo build "$target" >"$STATE_DIR/build-$target.log" 2>&1 \
      || { tail -n 40 "$STATE_DIR/build-$target.log" >&2; die "building $target failed"; }
    FIGURES+=("image $target: built in $(since "$started") s, $(image_mb "quote-platform/$target:$IMAGE_TAG") MB")
    IMAGES_BUILT=$((IMAGES_BUILT + 1))
  done
  FIGURES+=("all ${#TARGETS[@]} images built in $(since "$all") s")
}

# The service's containers, running or not, oldest first (the docker CLI: docker-compose takes seconds a call).
containers_of() {
  "$DOCKER" ps -aq --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=$1" | tac
}

# "running healthy", "running starting", "exited none", ... per container of the service.
states_of() {
  local id
  for id in $(containers_of "$1"); do
    "$DOCKER" inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$id"
  done
}

service_healthy() { # service [expected running containers]
  local states running
  states=$(states_of "$1")
  running=$(grep -c '^running' <<<"$states" || true)
  [ "$running" -ge "${2:-1}" ] && ! grep '^running' <<<"$states" | grep -qv ' healthy$'
}

wait_healthy() { # timeout_seconds service[:count]...
  local timeout=$1 spec pending
  shift
  for _ in $(seq 1 $((timeout * 2))); do
    pending=()
    for spec in "$@"; do
      service_healthy "${spec%%:*}" "$( [ "${spec#*:}" != "$spec" ] && echo "${spec#*:}" || echo 1)" || pending+=("$spec")
    done
    [ ${#pending[@]} -eq 0 ] && return 0
    sleep 0.5
  done
  for spec in "${pending[@]}"; do
    log "${spec%%:*} not healthy: $(states_of "${spec%%:*}" | tr '\n' ',')"
    compose --profile demo logs --no-color --tail 30 "${spec%%:*}" >&2 || true
  done
  die "not healthy within ${timeout}s: ${pending[*]}"
}

clickhouse() { curl -fsS --max-time 30 -G "$CLICKHOUSE_URL/" --data-urlencode "query=$1"; }

ingest_log() { "$DOCKER" logs "$(containers_of ingest)" 2>&1; }

# The ingest's latest report: "final forming spool_batches reconnects".
ingest_report() {
  ingest_log | sed -n 's/.*bars published \([0-9]*\) final + \([0-9]*\) forming.*spool \([0-9]*\) batches.*reconnects \([0-9]*\),.*/\1 \2 \3 \4/p' | tail -n 1
}
ingest_final() { local r; r=$(ingest_report); if [ -n "$r" ]; then echo "${r%% *}"; else echo 0; fi; }
# After the close the ingest compares its 1m bars of the day with the (simulated) terminal's history.
day_closed() { ingest_log | grep "QMT comparison $DAY: the ingest's 1m bars" >/dev/null; }
stored_keys() { clickhouse "SELECT uniqExact(symbol, period, frame) FROM bars" 2>/dev/null || echo 0; }

wait_for() { # description timeout_seconds command...
  local what=$1 timeout=$2
  shift 2
  for _ in $(seq 1 $((timeout * 2))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  die "$what: not within ${timeout}s"
}

more_bars_than() { [ "$(ingest_final)" -gt "$1" ]; }
stored_at_least() { [ "$(stored_keys)" -ge "$1" ]; }
still_streaming() { day_closed && die "the simulated day closed before $1: lower QP_DEMO_SPEED (now $QP_DEMO_SPEED)"; return 0; }

# ---- the run -------------------------------------------------------------------------------------

up_and_wait() {
  local started
  log "cleaning up what an earlier run may have left (down -v)"
  compose --profile demo down -v --remove-orphans >/dev/null 2>&1 || true
  "$DOCKER" events --filter type=container --filter "label=com.docker.compose.project=$PROJECT" \
    --format '{{.TimeNano}} {{.Status}} {{index .Actor.Attributes "com.docker.compose.service"}}' >"$STATE_DIR/events.log" 2>&1 &
  EVENTS_PID=$!
  started=$(now)
  log "docker-compose up -d: ${SERVICES[*]}"
  compose up -d --no-build >"$STATE_DIR/up.log" 2>&1 || { cat "$STATE_DIR/up.log" >&2; die "docker-compose up failed"; }
  wait_healthy 300 "${SERVICES[@]}"
  REDIS_ID=$(containers_of redis)   # `restart` keeps the container
  UP_SECONDS=$(since "$started")
  FIGURES+=("up to every service healthy: $UP_SECONDS s")
  log "every service healthy after $UP_SECONDS s"
}

start_ingest_and_faults() {
  local writers victim at_kill at_restart
  log "starting the ingest of the demo profile: $QP_DEMO_SYMBOLS symbols, $DAY from 09:14 at ${QP_DEMO_SPEED}x"
  compose --profile demo up -d --no-build --no-recreate ingest >>"$STATE_DIR/up.log" 2>&1 \
    || { cat "$STATE_DIR/up.log" >&2; die "starting the ingest failed"; }
  wait_healthy 120 ingest
  wait_for "the first bars stored in ClickHouse" 180 stored_at_least 1
  still_streaming "scaling the writers"
  log "scaling storage-writer to 3 mid-stream (stored so far: $(stored_keys))"
  compose up -d --no-build --no-recreate --scale storage-writer=3 storage-writer >>"$STATE_DIR/up.log" 2>&1 \
    || { cat "$STATE_DIR/up.log" >&2; die "scaling storage-writer failed"; }
  wait_healthy 120 storage-writer:3
  still_streaming "killing a writer"
  writers=$(containers_of storage-writer)
  victim=$(head -n 1 <<<"$writers")   # the first writer, there from the start
  at_kill=$(ingest_final)
  kill_writer_holding_entries "$victim"
  wait_for "the ingest sending on after the writer was killed" 60 more_bars_than "$at_kill"
  still_streaming "restarting Redis"
  at_restart=$(ingest_final)
  log "restarting Redis on its AOF volume with $at_restart final bars sent"
  compose restart redis >>"$STATE_DIR/up.log" 2>&1 || die "restarting redis failed"
  wait_healthy 60 redis
  wait_for "the ingest sending on after the Redis restart (if the simulated day closed meanwhile, lower QP_DEMO_SPEED)" 90 more_bars_than "$at_restart"
  log "faults done mid-stream ($(ingest_final) final bars sent so far); waiting for the simulated close"
}

# Entries read by the consumer and not yet acknowledged, over every shard's final-bar stream
# (docker-compose.yml: 16 shards, group storage-writer; a writer's consumer name is its hostname).
pending_of() { # consumer
  local shard
  for shard in $(seq -w 0 15); do echo "XPENDING qp:{bars:$shard}:final storage-writer"; done \
    | "$DOCKER" exec -i "$REDIS_ID" redis-cli --raw \
    | awk -v c="$1" 'take { n += $1; take = 0 } $0 == c { take = 1 } END { printf "%d", n }'
}

# A writer killed while it holds entries it read and did not acknowledge, so the survivors must claim
# them: once it is seen holding some, it is frozen (`docker pause`), looked at again, and SIGKILLed
# while frozen (a crash at that instant). After 60 s without such a moment it is killed anyway.
kill_writer_holding_entries() { # container
  local victim=$1 consumer held=0 deadline
  consumer=$("$DOCKER" inspect -f '{{.Config.Hostname}}' "$victim")
  deadline=$(( $(date +%s) + 60 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    [ "$(pending_of "$consumer")" -gt 0 ] || continue
    "$DOCKER" pause "$victim" >/dev/null
    held=$(pending_of "$consumer")
    [ "$held" -gt 0 ] && break
    "$DOCKER" unpause "$victim" >/dev/null
  done
  log "killing storage-writer $consumer (SIGKILL) holding $held unacknowledged entries, with $(ingest_final) final bars sent, $(stored_keys) stored"
  "$DOCKER" kill -s KILL "$victim" >/dev/null
  KILLED_WRITER=$victim KILLED_CONSUMER=$consumer KILLED_HELD=$held
}

# Waits for the simulated close, for the ingest's spool to drain and its count to settle, and for
# ClickHouse to hold that many distinct bars (the dead writer's entries are claimed after 30 s idle).
settle() {
  local report previous="" sent stored
  wait_for "the simulated day's close (the ingest's QMT comparison)" 900 day_closed
  log "$(ingest_log | grep -o "QMT comparison $DAY.*" | tail -n 1)"
  for _ in $(seq 1 120); do
    report=$(ingest_report)
    [ -n "$report" ] && [ "$(cut -d' ' -f3 <<<"$report")" = 0 ] && [ "$report" = "$previous" ] && break
    previous=$report
    sleep 2.5
  done
  [ "$report" = "$previous" ] || die "the ingest's report did not settle (last: $report)"
  LIVE=$(cut -d' ' -f1 <<<"$report")
  RECONNECTS=$(cut -d' ' -f4 <<<"$report")
  # At start the ingest also imports the trading days it missed (Ingest:Backfill:MaxDays, the last 5
  # on a fresh spool) from the terminal's history, in the background: those bars count as sent too.
  ingest_log | grep "Import of missed trading days failed" >/dev/null && die "the ingest's import of missed trading days failed"
  IMPORTED=$(ingest_log | sed -n 's/.*Missed days imported: .*, \([0-9]*\) bars spooled.*/\1/p' | tail -n 1)
  IMPORTED=${IMPORTED:-0}
  SENT=$((LIVE + IMPORTED))
  log "the ingest sent $SENT final bars: $LIVE live, $IMPORTED imported from the history of earlier days (spool empty, $RECONNECTS reconnects to the relay); waiting for ClickHouse"
  for _ in $(seq 1 240); do
    stored=$(stored_keys)
    [ "$stored" -ge "$SENT" ] && break
    sleep 0.5
  done
}

reconcile() {
  local keys final rows dead unexpected held
  keys=$(clickhouse "SELECT uniqExact(symbol, period, frame) FROM bars")
  final=$(clickhouse "SELECT count() FROM bars FINAL")
  rows=$(clickhouse "SELECT count() FROM bars")
  dead=$(clickhouse "SELECT count() FROM bars_dead_letter")
  MISSING=$(( SENT > keys ? SENT - keys : 0 ))
  unexpected=$(( keys > SENT ? keys - SENT : 0 ))
  DUPLICATES=$(( final - keys ))
  STORED=$keys
  log "reconciled: sent $SENT, stored $keys distinct (symbol, period, frame), read with FINAL $final, physical rows $rows (redelivered rows collapsed by FINAL: $((rows - keys))), dead letters $dead"
  clickhouse "SELECT transform(period, [1, 2, 3, 4, 5, 6], ['1m', '5m', '15m', '30m', '60m', '1d'], '?') AS period, count() AS bars, uniqExact(symbol) AS symbols
    FROM bars FINAL GROUP BY bars.period ORDER BY bars.period FORMAT PrettyCompactMonoBlock" >&2
  [ "$SENT" -gt 0 ] || FAILURES+=("the ingest sent no final bar")
  [ "$MISSING" -eq 0 ] || FAILURES+=("$MISSING bars the ingest sent are missing in ClickHouse")
  [ "$DUPLICATES" -eq 0 ] || FAILURES+=("$DUPLICATES bars visible twice with FINAL")
  [ "$unexpected" -eq 0 ] || FAILURES+=("$unexpected stored bars beyond what the ingest sent")
  [ "$dead" -eq 0 ] || FAILURES+=("$dead dead-lettered entries")
  if [ -n "$KILLED_CONSUMER" ]; then
    held=$(pending_of "$KILLED_CONSUMER")
    log "the killed writer $KILLED_CONSUMER held $KILLED_HELD unacknowledged entries when killed; $held still pending (the others claimed them)"
    [ "$held" -eq 0 ] || FAILURES+=("$held entries still pending on the killed writer $KILLED_CONSUMER")
  fi
  ingest_log | grep "QMT comparison $DAY: the ingest's 1m bars .* equal QMT's" >/dev/null \
    || FAILURES+=("the ingest's after-close comparison with the simulated QMT history did not find them equal")
}

# `quote bars` from the host through the query container's published gRPC port, against ClickHouse.
read_back() {
  local quote symbols symbol period index out count volume expected from read=0
  quote="$ROOT/services/QuotePlatform.Cli/bin/Release/net10.0/quote.dll"
  symbols=$(clickhouse "SELECT symbol FROM bars GROUP BY symbol ORDER BY symbol LIMIT 3")
  # Every stored day: the imported ones and the live one.
  from=$(clickhouse "SELECT toDate(min(frame) + INTERVAL 8 HOUR) FROM bars")
  for symbol in $symbols; do
    index=0
    for period in 1m 5m 15m 30m 60m 1d; do
      index=$((index + 1))
      out=$(dotnet "$quote" bars "$symbol" --period "$period" --from "$from" --to "$DAY" --format jsonl \
        --server "http://127.0.0.1:$GRPC_PORT" 2>>"$STATE_DIR/quote.log") || { FAILURES+=("quote bars $symbol --period $period failed"); continue; }
      count=$(grep -c '^{' <<<"$out" || true)
      volume=$({ grep -o '"volume":[0-9]*' <<<"$out" || true; } | awk -F: '{ s += $2 } END { printf "%d", s }')
      expected=$(clickhouse "SELECT count(), sum(volume_shares) FROM bars FINAL WHERE symbol = '$symbol' AND period = $index FORMAT TSV" | tr '\t' ' ')
      [ "$count $volume" = "$expected" ] || FAILURES+=("quote bars $symbol $period: $count bars, volume $volume; ClickHouse has $expected")
      read=$((read + count))
    done
  done
  [ "$read" -gt 0 ] || FAILURES+=("quote bars read nothing back")
  log "quote bars (host → 127.0.0.1:$GRPC_PORT → query container): $read bars of $(wc -w <<<"$symbols") symbols, $from..$DAY, all periods, equal to ClickHouse (count and volume)"
}

load_page() {
  local html assets asset
  html=$(curl -fsS --max-time 10 "http://127.0.0.1:$WEB_PORT/") || { FAILURES+=("the page did not load from 127.0.0.1:$WEB_PORT"); return; }
  grep -qi '<html' <<<"$html" || FAILURES+=("the page at / is not HTML")
  # Vite's build references its bundles relative to the page (./assets/...).
  assets=$({ grep -oE '(src|href)="\.?/[^"]*\.(js|css)"' <<<"$html" || true; } | sed -E 's/.*="\.?(\/[^"]*)"/\1/' | sort -u)
  [ -n "$assets" ] || FAILURES+=("the page references no script")
  for asset in $assets; do
    curl -fsS --max-time 10 -o /dev/null "http://127.0.0.1:$WEB_PORT$asset" || FAILURES+=("page asset $asset did not load")
  done
  log "page: http://127.0.0.1:$WEB_PORT/ \"$(sed -n 's/.*<title>\(.*\)<\/title>.*/\1/p' <<<"$html")\" loaded with its $(wc -w <<<"$assets") scripts and styles"
}

# The start of every service came after the health of what it depends on turned healthy.
check_start_order() {
  local service dependency started healthy
  kill "$EVENTS_PID" 2>/dev/null || true
  wait "$EVENTS_PID" 2>/dev/null || true
  EVENTS_PID=""
  while read -r service dependency; do
    started=$(awk -v s="$service" '$2 == "start" && $3 == s { print $1; exit }' "$STATE_DIR/events.log")
    healthy=$(awk -v s="$dependency" '$2 == "health_status:" && $3 == "healthy" && $4 == s { print $1; exit }' "$STATE_DIR/events.log")
    if [ -z "$started" ] || [ -z "$healthy" ] || [ "$started" -lt "$healthy" ]; then
      FAILURES+=("$service started before $dependency was healthy (events: start ${started:-none}, healthy ${healthy:-none})")
    fi
  done <<'EOF'
relay redis
storage-writer redis
storage-writer clickhouse
query redis
query clickhouse
query storage-writer
ingest relay
EOF
  log "start order: every service started after the HEALTHCHECK of each dependency reported healthy (docker events)"
}

check_containers() {
  local target image id uid user mounts env files_json healthcheck image_healthcheck
  for target in "${TARGETS[@]}"; do
    image="quote-platform/$target:$IMAGE_TAG"
    for id in $(containers_of "$target"); do
      [ "$id" = "${KILLED_WRITER:-}" ] && continue
      # Non-root: the process the container runs, and its image's user.
      uid=$("$DOCKER" exec "$id" sh -c 'sed -n "s/^Uid:[[:space:]]*\([0-9]*\).*/\1/p" /proc/1/status')
      user=$("$DOCKER" inspect -f '{{.Config.User}}' "$id")
      [ -n "$uid" ] && [ "$uid" != 0 ] || FAILURES+=("$target runs as uid ${uid:-?}")
      # The health check compose waited on is the image's own HEALTHCHECK.
      healthcheck=$("$DOCKER" inspect -f '{{json .Config.Healthcheck}}' "$id")
      image_healthcheck=$("$DOCKER" image inspect -f '{{json .Config.Healthcheck}}' "$image")
      [ "$image_healthcheck" != null ] && [ "$healthcheck" = "$image_healthcheck" ] \
        || FAILURES+=("$target: its health check is not the image's HEALTHCHECK")
      # Configuration only from the environment: no bind mount, no configuration file but the
      # published appsettings.json (logging levels and defaults), which holds no connection string,
      # key or password: those the container has come from its environment.
      mounts=$("$DOCKER" inspect -f '{{range .Mounts}}{{.Type}}:{{.Destination}} {{end}}' "$id")
      grep -q 'bind:' <<<"$mounts" && FAILURES+=("$target has a bind mount: $mounts")
      files_json=$("$DOCKER" exec "$id" sh -c 'ls /app/*.json | grep -v -e "\.deps\.json$" -e "\.runtimeconfig\.json$" -e "\.staticwebassets\.endpoints\.json$"' | tr '\n' ' ')
      [ "$files_json" = "/app/appsettings.json " ] || FAILURES+=("$target has configuration files besides appsettings.json: $files_json")
      "$DOCKER" exec "$id" cat /app/appsettings.json | grep -iE 'ConnectionStrings|ApiKey|Password|Secret|Producers' >/dev/null \
        && FAILURES+=("$target's appsettings.json carries a connection string or a secret")
      env=$("$DOCKER" inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$id")
      case $target in
        relay) grep -q "^Relay__Producers__0__ApiKey=$QP_RELAY_API_KEY$" <<<"$env" || FAILURES+=("relay: its API key is not in its environment") ;;
        storage-writer|query) grep -q "^ConnectionStrings__clickhouse=.*Password=$CLICKHOUSE_PASSWORD;" <<<"$env" || FAILURES+=("$target: the ClickHouse password is not in its environment") ;;
        ingest) grep -q "^Ingest__Relay__ApiKey=$QP_RELAY_API_KEY$" <<<"$env" || FAILURES+=("ingest: its API key is not in its environment") ;;
      esac
      UIDS+=("$target=$uid(${user})")
    done
  done
  for id in $(containers_of redis) $(containers_of clickhouse); do
    uid=$("$DOCKER" exec "$id" sh -c 'sed -n "s/^Uid:[[:space:]]*\([0-9]*\).*/\1/p" /proc/1/status')
    [ "$uid" != 0 ] || FAILURES+=("stand-in $("$DOCKER" inspect -f '{{.Name}}' "$id") runs as root")
    UIDS+=("$("$DOCKER" inspect -f '{{index .Config.Labels "com.docker.compose.service"}}' "$id")=$uid")
  done
  log "processes' uids: ${UIDS[*]}"
  # Published ports on loopback only.
  if compose --profile demo ps 2>/dev/null | grep -oE '[0-9.]+:[0-9]+->' | grep -v '^127\.0\.0\.1:' >/dev/null; then
    FAILURES+=("a port is published beyond 127.0.0.1: $(compose --profile demo ps | grep -oE '[0-9.]+:[0-9]+->' | tr '\n' ' ')")
  fi
  log "configuration: environment only (no bind mount, appsettings.json holds no connection string or secret); health checks: the images' own"
}

# The three keys of this run in no image: not in a layer's command (docker history), the image
# configuration, nor any file of the image's filesystem.
check_secrets() {
  local image id hits patterns
  patterns=(-e "$QP_RELAY_API_KEY" -e "$CLICKHOUSE_PASSWORD" -e "$QP_ADMIN_API_KEY")
  for image in "${TARGETS[@]/#/quote-platform/}" "$CLICKHOUSE_IMAGE"; do
    [ "$image" = "$CLICKHOUSE_IMAGE" ] || image="$image:$IMAGE_TAG"
    "$DOCKER" history --no-trunc --format '{{.CreatedBy}}' "$image" | grep -F "${patterns[@]}" >/dev/null && FAILURES+=("a key of this run is in the history of $image")
    "$DOCKER" image inspect "$image" | grep -F "${patterns[@]}" >/dev/null && FAILURES+=("a key of this run is in the configuration of $image")
    id=$("$DOCKER" create "$image")
    hits=$("$DOCKER" export "$id" | grep -caF "${patterns[@]}" || true)
    "$DOCKER" rm "$id" >/dev/null
    [ "$hits" = 0 ] || FAILURES+=("a key of this run is in $hits places of the filesystem of $image")
  done
  log "secrets: the 3 keys of this run are in no image's history, configuration or files (${#TARGETS[@]} images + the ClickHouse stand-in)"
}

count_healthy_services() {
  local service
  HEALTHY=0
  for service in "${SERVICES[@]}" ingest; do
    if service_healthy "$service"; then HEALTHY=$((HEALTHY + 1)); else FAILURES+=("$service is not healthy at the end: $(states_of "$service" | tr '\n' ',')"); fi
  done
  service_healthy storage-writer 2 || FAILURES+=("fewer than the 2 surviving storage writers are healthy")
}

# The containers' logs kept, then `down -v`: containers, network and volumes gone.
teardown() {
  if [ -n "${EVENTS_PID:-}" ]; then kill "$EVENTS_PID" 2>/dev/null || true; EVENTS_PID=""; fi
  [ -n "${COMPOSE_STARTED:-}" ] || return 0
  COMPOSE_STARTED=""
  compose --profile demo logs --no-color >"$STATE_DIR/compose.log" 2>&1
  log "docker-compose down -v"
  compose --profile demo down -v --remove-orphans >>"$STATE_DIR/up.log" 2>&1 || { log "down -v failed (see $STATE_DIR/up.log)"; return 1; }
  [ -z "$(compose --profile demo ps -q 2>/dev/null)" ] || { log "containers left after down -v"; return 1; }
  ! "$DOCKER" volume ls -q --filter "label=com.docker.compose.project=$PROJECT" | grep -q . || { log "volumes left after down -v"; return 1; }
}

cleanup() {
  local status=$?
  set +e
  trap - ERR
  teardown
  stop_engine
  if [ "$status" -eq 0 ] && [ -z "${QP_COMPOSE_KEEP_LOGS:-}" ]; then rm -rf "$STATE_DIR"; else log "logs kept in $STATE_DIR"; fi
  exit "$status"
}

main() {
  local started figure
  STATE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/quote-platform-compose.XXXXXX")
  FIGURES=() FAILURES=() UIDS=() IMAGES_BUILT=0 KILLED_WRITER="" KILLED_CONSUMER="" KILLED_HELD=0 EVENTS_PID="" COMPOSE_STARTED=""
  trap cleanup EXIT
  set -E
  trap 'log "failed: line $LINENO: $BASH_COMMAND"' ERR
  trap 'exit 130' INT TERM
  started=$(now)
  install_prerequisites
  start_engine
  configure_environment
  build_standins
  build_images
  log "building the quote CLI (host)"
  dotnet build "$ROOT/services/QuotePlatform.Cli" -c Release -nologo -v:q "-clp:ErrorsOnly;NoSummary" >"$STATE_DIR/cli-build.log" 2>&1 \
    || { tail -n 30 "$STATE_DIR/cli-build.log" >&2; die "building the quote CLI failed"; }
  COMPOSE_STARTED=1
  up_and_wait
  start_ingest_and_faults
  settle
  reconcile
  read_back
  load_page
  check_start_order
  check_containers
  check_secrets
  count_healthy_services
  teardown || FAILURES+=("docker-compose down -v did not remove everything")
  stop_engine
  for figure in "${FIGURES[@]}"; do log "figure: $figure"; done
  log "figure: whole run $(since "$started") s"
  if [ ${#FAILURES[@]} -gt 0 ]; then
    for figure in "${FAILURES[@]}"; do log "FAILED: $figure"; done
    die "${#FAILURES[@]} check(s) failed"
  fi
  echo "compose: $IMAGES_BUILT images built, $HEALTHY services healthy, $STORED bars through the containers, missing $MISSING, duplicates $DUPLICATES"
}

main "$@"
