#!/usr/bin/env bash
# The one entry script for people and CI.
#   scripts/dev.sh test    install what is missing, start Redis + ClickHouse on free loopback ports,
#                          run the whole test suite, stop what it started (also on failure or Ctrl-C)
#   scripts/dev.sh up [--tls]  start Redis, ClickHouse and every service in the background (.run/);
#                          --tls: the relay and the query service over TLS (a private CA made in .run/tls)
#   scripts/dev.sh down    stop what `up` started
#   scripts/dev.sh demo    `up`, then replay a simulated trading day through the ingest and the running services
#   scripts/dev.sh ingest --replay FILE [--speed X]   run the ingest against the services `up` started
#   scripts/dev.sh ingest --simulate [--speed N]      the same, live from the simulated QMT (pythonnet), until Ctrl-C
#   scripts/dev.sh ingest --backfill --from D --to D [--symbols N] [--periods 1m,1d] [--replace]
#                          import past trading days from the simulated QMT (the ingest's backfill verb)
#                          until FILE is consumed and every batch acknowledged, print its report
#   scripts/dev.sh bench [NAME [args]] start the servers, run one benchmark command (default: the
#                          full-market day), stop them; `bench soak` is the 30-minute memory soak
#   scripts/dev.sh chaos [args]        start the servers, run the fault-injection suite, stop them
#   scripts/dev.sh test-web [--tls]  only the browser test of the page (servers and services started for it)
#   scripts/dev.sh publish [DIR]   publish every container image's service into DIR/NAME (default .run/publish)
#   scripts/dev.sh compose-test    build every image and run `docker compose up` for real (stand-in base
#                          images where no registry is reachable): faults, reconciliation, checks (scripts/compose-test.sh)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN_DIR="$ROOT/.run"
CONFIGURATION=Release
BIN="bin/$CONFIGURATION/net10.0"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[dev] %s\n' "$*" >&2; }
die() { printf '[dev] error: %s\n' "$*" >&2; exit 1; }

TLS=0

# A private CA and a certificate for localhost / 127.0.0.1 it signs (--tls), in $STATE_DIR/tls:
# nothing is committed; clients trust QP_CA_FILE.
make_tls_certificates() {
  local dir="$STATE_DIR/tls"
  mkdir -p "$dir"
  if [ ! -s "$dir/server.pem" ]; then
    (umask 077
     openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=Quote Platform dev CA" \
       -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
       -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
     openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
     openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 7 -out "$dir/server.pem" \
       -extfile <(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\n') 2>/dev/null)
  fi
  QP_CA_FILE="$dir/ca.pem"
  TLS_CERT="$dir/server.pem"
  TLS_KEY="$dir/server.key"
  # The browser test pins the server key (Chromium cannot be given a CA file).
  QP_TLS_SPKI=$(openssl x509 -pubkey -noout -in "$TLS_CERT" | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)
  export QP_CA_FILE QP_TLS_SPKI
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  log "installing $* (apt)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

install_prerequisites() {
  command -v dotnet >/dev/null || die "the .NET SDK 10 is required (https://dot.net); see global.json"
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v curl >/dev/null || missing+=(curl)
  command -v npm >/dev/null || missing+=(npm)
  # The Python client example and its test: Debian's grpcio, protobuf and grpc-tools (offline protoc).
  /usr/bin/python3 -c 'import grpc, google.protobuf, grpc_tools' 2>/dev/null ||
    missing+=(python3-grpcio python3-protobuf python3-grpc-tools)
  # The browser test of the page: Debian's headless Chromium, and a CJK font for 平安银行 in its screenshots.
  command -v chromium >/dev/null || missing+=(chromium)
  [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
  command -v unzip >/dev/null || missing+=(unzip)
  # The deployment tests check docker-compose.yml with `docker-compose config` (no Docker engine needed).
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
  QP_CHDB_LIBRARY=$("$ROOT/scripts/install-chdb.sh" | tail -n 1)
  export QP_CHDB_LIBRARY
  log "ClickHouse engine: $QP_CHDB_LIBRARY"
  # kubectl only renders the k8s/ overlays (`kubectl kustomize`) for the deployment tests.
  QP_KUBECTL=$("$ROOT/scripts/install-kubectl.sh" | tail -n 1)
  export QP_KUBECTL
  log "kubectl: $QP_KUBECTL"
}

# Builds the solution, or only the projects named (paths relative to the repository).
build() {
  local targets=("$@")
  [ ${#targets[@]} -gt 0 ] || targets=(quote-platform.sln)
  log "restoring and building ($CONFIGURATION): ${targets[*]}"
  for target in "${targets[@]}"; do
    dotnet build "$ROOT/$target" -c "$CONFIGURATION" -nologo -v:q "-clp:ErrorsOnly;NoSummary"
  done
}

SERVICES=(tools/QuotePlatform.ClickHouseLocal services/QuotePlatform.Relay services/QuotePlatform.StorageWriter services/QuotePlatform.Query)

# A free loopback TCP port: nothing answers a connect to it.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( (RANDOM % 20000) + 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free loopback port found"
}

wait_until() { # description timeout_seconds command...
  local what=$1 timeout=$2
  shift 2
  for _ in $(seq 1 $((timeout * 5))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  die "$what did not become ready within ${timeout}s (logs in $STATE_DIR)"
}

# Starts a background process; its pid goes to $STATE_DIR/NN-NAME.pid (NN: start order) and its
# output to NAME.log. A .dll runs from its own folder, so it finds its appsettings.json.
spawn() { # name command...
  local name=$1 order
  shift
  order=$(printf '%02d' "$(find "$STATE_DIR" -maxdepth 1 -name '*.pid' | wc -l)")
  if [ "$1" = dotnet ]; then
    (cd "$(dirname "$2")" && exec "$@") >"$STATE_DIR/$name.log" 2>&1 &
  else
    "$@" >"$STATE_DIR/$name.log" 2>&1 &
  fi
  echo $! >"$STATE_DIR/$order-$name.pid"
}

# Stops in reverse start order, so services drain before Redis and ClickHouse go away.
stop_all() {
  local pidfile pid
  [ -d "${STATE_DIR:-}" ] || return 0
  for pidfile in $(find "$STATE_DIR" -maxdepth 1 -name '*.pid' | sort -r); do
    pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

start_redis() {
  local port
  port=$(free_port)
  mkdir -p "$STATE_DIR/redis"
  spawn redis redis-server --port "$port" --bind 127.0.0.1 --dir "$STATE_DIR/redis" \
    --save '' --appendonly yes --protected-mode yes
  wait_until "Redis" 20 redis-cli -p "$port" ping
  QP_REDIS="127.0.0.1:$port"
  export QP_REDIS
  log "Redis        $QP_REDIS"
}

start_clickhouse() {
  local port
  port=$(free_port)
  mkdir -p "$STATE_DIR/clickhouse"
  spawn clickhouse dotnet "$ROOT/tools/QuotePlatform.ClickHouseLocal/$BIN/QuotePlatform.ClickHouseLocal.dll" \
    --urls "http://127.0.0.1:$port" \
    --ClickHouseLocal:LibraryPath="$QP_CHDB_LIBRARY" \
    --ClickHouseLocal:DataPath="$STATE_DIR/clickhouse"
  wait_until "ClickHouse endpoint" 60 curl -fsS "http://127.0.0.1:$port/ping"
  QP_CLICKHOUSE_URL="http://127.0.0.1:$port"
  export QP_CLICKHOUSE_URL
  log "ClickHouse   $QP_CLICKHOUSE_URL"
}

# Serves gRPC on cleartext HTTP/2 only, so health is asked with HTTP/2 prior knowledge.
start_relay() {
  local port key key_file
  port=$(free_port)
  key_file="$STATE_DIR/relay-api-key"
  [ -s "$key_file" ] || (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$key_file")
  key=$(cat "$key_file")
  if [ "$TLS" = 1 ]; then
    Relay__Producers__0__Id=dev Relay__Producers__0__ApiKey="$key" ConnectionStrings__redis="$QP_REDIS" \
    Kestrel__Certificates__Default__Path="$TLS_CERT" Kestrel__Certificates__Default__KeyPath="$TLS_KEY" \
      spawn relay dotnet "$ROOT/services/QuotePlatform.Relay/$BIN/QuotePlatform.Relay.dll" --urls "https://127.0.0.1:$port"
    wait_until "relay" 60 curl -fsS --cacert "$QP_CA_FILE" "https://localhost:$port/health/ready"
    QP_RELAY_URL="https://localhost:$port"
  else
  Relay__Producers__0__Id=dev Relay__Producers__0__ApiKey="$key" \
  ConnectionStrings__redis="$QP_REDIS" \
    spawn relay dotnet "$ROOT/services/QuotePlatform.Relay/$BIN/QuotePlatform.Relay.dll" --urls "http://127.0.0.1:$port"
  wait_until "relay" 60 curl -fsS --http2-prior-knowledge "http://127.0.0.1:$port/health/ready"
  QP_RELAY_URL="http://127.0.0.1:$port"
  fi
  QP_RELAY_API_KEY_FILE="$key_file"
  log "relay        $QP_RELAY_URL (producer 'dev', API key in $key_file)"
}

start_storage_writer() {
  local port
  port=$(free_port)
  # On loopback, compressing insert bodies only costs CPU (there is no network to save).
  ConnectionStrings__redis="$QP_REDIS" ConnectionStrings__clickhouse="$QP_CLICKHOUSE_URL/default?compression=false" \
  StorageWriter__ConsumerName=dev-1 \
    spawn storage-writer dotnet "$ROOT/services/QuotePlatform.StorageWriter/$BIN/QuotePlatform.StorageWriter.dll" \
      --urls "http://127.0.0.1:$port"
  wait_until "storage writer" 60 curl -fsS "http://127.0.0.1:$port/health/ready"
  log "storage      http://127.0.0.1:$port (health)"
}

# gRPC clients need HTTP/2 and browsers HTTP/1.1, and cleartext Kestrel cannot offer both on one
# port: gRPC (h2c) on one port, gRPC-Web and the page on another.
start_query() {
  local grpc_port web_port admin_key_file
  grpc_port=$(free_port)
  web_port=$(free_port)
  # The admin API's key (x-admin-key), generated once per state directory like the relay's.
  admin_key_file="$STATE_DIR/admin-api-key"
  [ -s "$admin_key_file" ] || (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$admin_key_file")
  QP_ADMIN_KEY_FILE="$admin_key_file"
  local tls_port="" tls=()
  if [ "$TLS" = 1 ]; then
    # One TLS port for gRPC and gRPC-Web (ALPN: h2 or http/1.1); the cleartext ports stay on loopback.
    tls_port=$(free_port)
    tls=(--Kestrel:Endpoints:Tls:Url="https://127.0.0.1:$tls_port" --Kestrel:Endpoints:Tls:Protocols=Http1AndHttp2
         --Kestrel:Endpoints:Tls:Certificate:Path="$TLS_CERT" --Kestrel:Endpoints:Tls:Certificate:KeyPath="$TLS_KEY")
  fi
  Query__AdminApiKey="$(cat "$admin_key_file")" \
  ConnectionStrings__redis="$QP_REDIS" ConnectionStrings__clickhouse="$QP_CLICKHOUSE_URL/default" \
  Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$grpc_port" Kestrel__Endpoints__Web__Url="http://127.0.0.1:$web_port" \
    spawn query dotnet "$ROOT/services/QuotePlatform.Query/$BIN/QuotePlatform.Query.dll" "${tls[@]}"
  wait_until "query service" 60 curl -fsS "http://127.0.0.1:$web_port/health/ready"
  QP_QUERY_URL="http://127.0.0.1:$grpc_port"
  QP_WEB_URL="http://127.0.0.1:$web_port"
  if [ "$TLS" = 1 ]; then
    QP_QUERY_URL="https://localhost:$tls_port"
    QP_WEB_URL="https://127.0.0.1:$tls_port"
  fi
  log "query        $QP_QUERY_URL (gRPC), $QP_WEB_URL (gRPC-Web and the page)"
}

start_infrastructure() {
  mkdir -p "$STATE_DIR"
  start_redis
  start_clickhouse
}

# Sums the per-assembly lines of `dotnet test` and the browser test's TAP totals (node:test) into
# one closing line, "N passed, N failed".
summarize_tests() { # log file
  awk '
    /^# (pass|fail|cancelled|skipped) [0-9]+$/ {
      if ($2 == "pass") passed += $3
      else if ($2 == "skipped") skipped += $3
      else failed += $3
    }
    /^(Passed|Failed)!/ {
      for (i = 1; i <= NF; i++) {
        if ($i == "Failed:") failed += $(i + 1)
        if ($i == "Passed:") passed += $(i + 1)
        if ($i == "Skipped:") skipped += $(i + 1)
      }
    }
    END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
  ' "$1"
}

cmd_test() {
  install_prerequisites
  build
  STATE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/quote-platform-test.XXXXXX")
  trap 'stop_all; rm -rf "$STATE_DIR"' EXIT
  trap 'exit 130' INT TERM
  # The ingest runs on Windows: its cross-publish must keep working from here.
  log "publishing the ingest for win-x64 (framework-dependent)"
  dotnet publish "$ROOT/services/QuotePlatform.Ingest" -c "$CONFIGURATION" -r win-x64 --self-contained false \
    -o "$STATE_DIR/ingest-win-x64" -nologo -v:q "-clp:ErrorsOnly;NoSummary"
  if [ -n "$(find "$STATE_DIR/ingest-win-x64" -path '*simulator*')" ]; then
    die "the win-x64 publish of the ingest carries the xtdata simulator (a development tool)"
  fi
  start_infrastructure
  local output="$STATE_DIR/test-output.log" status=0
  dotnet test "$ROOT/quote-platform.sln" -c "$CONFIGURATION" --no-build --nologo "$@" 2>&1 | tee "$output" || status=$?
  # A filtered run (extra arguments) is about some .NET tests; the whole suite includes the page.
  if [ $# -eq 0 ]; then
    run_browser_test "$output" || status=$?
  fi
  summarize_tests "$output"
  return "$status"
}

# The page in headless Chromium (web/tests/page.test.mjs) against a relay, storage writer and query
# service started on this run's Redis and ClickHouse, fed through the relay by the test itself.
run_browser_test() { # output log
  start_relay
  start_storage_writer
  # Heartbeats every 2 s, so the test of a stream gone silent takes seconds, not minutes.
  Live__WatchHeartbeatInterval=00:00:02 start_query
  log "browser test of the page (screenshots in web/test-results/)"
  # (--tls: Node trusts the private CA through NODE_EXTRA_CA_CERTS.)
  (cd "$ROOT/web" && { [ -z "${QP_CA_FILE:-}" ] || export NODE_EXTRA_CA_CERTS="$QP_CA_FILE"; } && QP_WEB_URL="$QP_WEB_URL" QP_QUERY_URL="$QP_QUERY_URL" QP_RELAY_URL="$QP_RELAY_URL" \
    QP_RELAY_API_KEY_FILE="$QP_RELAY_API_KEY_FILE" QP_ADMIN_KEY_FILE="$QP_ADMIN_KEY_FILE" \
    node --test --test-reporter=tap --test-timeout=600000 tests/page.test.mjs) 2>&1 | tee -a "$1"
}

cmd_test_web() {
  install_prerequisites
  build "${SERVICES[@]}"
  STATE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/quote-platform-web.XXXXXX")
  trap 'stop_all; rm -rf "$STATE_DIR"' EXIT
  trap 'exit 130' INT TERM
  start_infrastructure
  [ "$TLS" = 0 ] || make_tls_certificates
  local output="$STATE_DIR/test-output.log" status=0
  run_browser_test "$output" || status=$?
  summarize_tests "$output"
  return "$status"
}

cmd_up() {
  install_prerequisites
  build "${SERVICES[@]}"
  STATE_DIR="$RUN_DIR"
  if compgen -G "$RUN_DIR/*.pid" >/dev/null; then
    die "already running (pid files in $RUN_DIR): run scripts/dev.sh down first"
  fi
  mkdir -p "$RUN_DIR"
  trap 'stop_all' ERR
  start_infrastructure
  [ "$TLS" = 0 ] || make_tls_certificates
  start_relay
  start_storage_writer
  start_query
  {
    echo "QP_REDIS=$QP_REDIS"
    echo "QP_CLICKHOUSE_URL=$QP_CLICKHOUSE_URL"
    echo "QP_RELAY_URL=$QP_RELAY_URL"
    echo "QP_RELAY_API_KEY_FILE=$QP_RELAY_API_KEY_FILE"
    echo "QP_QUERY_URL=$QP_QUERY_URL"
    echo "QP_WEB_URL=$QP_WEB_URL"
    echo "QP_ADMIN_KEY_FILE=$QP_ADMIN_KEY_FILE"
    [ "$TLS" = 0 ] || echo "QP_CA_FILE=$QP_CA_FILE"
  } >"$RUN_DIR/addresses.env"
  log "addresses written to $RUN_DIR/addresses.env; logs in $RUN_DIR; stop with scripts/dev.sh down"
  cat "$RUN_DIR/addresses.env"
}

cmd_down() {
  STATE_DIR="$RUN_DIR"
  stop_all
  rm -f "$RUN_DIR/addresses.env"
  log "stopped"
}

# The latest weekday in Beijing (UTC+8, no DST), so demo 1m bars fall inside their 30-day retention.
latest_beijing_weekday() {
  local now back
  now=$(( $(date -u +%s) + 8 * 3600 ))
  case $(date -u -d "@$now" +%u) in 6) back=1 ;; 7) back=2 ;; *) back=0 ;; esac
  date -u -d "@$(( now - back * 86400 ))" +%F
}

clickhouse_query() { curl -fsS -G "$QP_CLICKHOUSE_URL/" --data-urlencode "query=$1"; }

# Runs the ingest service in the foreground against the relay `up` started (.run/addresses.env).
# Its spool stays in .run/ingest-spool: sequences continue across runs, and replaying a file that
# was already replayed sends only what was not yet acknowledged.
cmd_ingest() {
  local replay="" speed="" simulate=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --replay) [ $# -ge 2 ] || die "--replay needs a FILE"; replay=$2; shift 2 ;;
      --simulate) simulate=1; shift ;;
      --backfill) shift; cmd_ingest_backfill "$@"; return ;;
      --speed) [ $# -ge 2 ] || die "--speed needs a number"; speed=$2; shift 2 ;;
      *) die "unknown ingest option '$1' (scripts/dev.sh ingest --replay FILE [--speed X] | --simulate [--speed N] | --backfill --from D --to D [--symbols N])" ;;
    esac
  done
  if [ "$simulate" = 1 ]; then cmd_ingest_simulated "${speed:-60}"; return; fi
  speed=${speed:-0}
  [ -n "$replay" ] || die "give the recorded payloads to replay: scripts/dev.sh ingest --replay FILE"
  [ -f "$replay" ] || die "--replay $replay: no such file"
  [ -f "$RUN_DIR/addresses.env" ] || die "no running services: start them with scripts/dev.sh up"
  # shellcheck disable=SC1091
  source "$RUN_DIR/addresses.env"
  build services/QuotePlatform.Ingest
  local dll="$ROOT/services/QuotePlatform.Ingest/$BIN/QuotePlatform.Ingest.dll"
  log "ingest: replaying $replay to $QP_RELAY_URL as producer 'dev' (spool $RUN_DIR/ingest-spool)"
  (
    cd "$(dirname "$dll")"
    Ingest__Source=Replay Ingest__Replay__Path="$(realpath "$replay")" Ingest__Replay__Speed="$speed" \
    Ingest__Spool__Directory="$RUN_DIR/ingest-spool" Ingest__Relay__Url="$QP_RELAY_URL" Ingest__Relay__CaFile="${QP_CA_FILE:-}" \
    Ingest__Relay__ApiKey="$(cat "$QP_RELAY_API_KEY_FILE")" Ingest__Relay__ProducerId=dev \
      exec dotnet "$dll" --urls "http://127.0.0.1:$(free_port)"
  )
}

# For the ingest on the simulated xtdata: checks the shared libpython (QP_PYTHON_DLL, else Debian's),
# loads the addresses `up` wrote and builds the ingest; prints the libpython path.
prepare_simulated_ingest() {
  local python_dll=${QP_PYTHON_DLL:-}
  if [ -z "$python_dll" ]; then
    python_dll=$(ls /usr/lib/x86_64-linux-gnu/libpython3.1[0-9].so.1.0 2>/dev/null | tail -n 1 || true)
  fi
  [ -f "$python_dll" ] || die "no shared libpython found: apt-get install libpython3.11, or set QP_PYTHON_DLL"
  [ -f "$RUN_DIR/addresses.env" ] || die "no running services: start them with scripts/dev.sh up"
  build services/QuotePlatform.Ingest >&2
  echo "$python_dll"
}

# The Qmt source (pythonnet) against the simulated xtdata shipped in python/simulator: the latest
# Beijing weekday from 09:14, SPEED simulated seconds per second (60: a trading day in ~6 minutes).
cmd_ingest_simulated() { # speed
  local python_dll dll="$ROOT/services/QuotePlatform.Ingest/$BIN/QuotePlatform.Ingest.dll"
  python_dll=$(prepare_simulated_ingest)
  # shellcheck disable=SC1091
  source "$RUN_DIR/addresses.env"
  log "ingest: simulated QMT ($python_dll, speed ${1}x) to $QP_RELAY_URL as producer 'dev'; Ctrl-C stops"
  (
    cd "$(dirname "$dll")"
    XTSIM_DAY="${XTSIM_DAY:-$(latest_beijing_weekday)}" XTSIM_SPEED="$1" XTSIM_START="${XTSIM_START:-09:14:00}" \
    Ingest__Source=Qmt Ingest__BarClock=Data Ingest__Qmt__PythonDll="$python_dll" Ingest__Qmt__ModuleSearchPaths__0=python/simulator \
    Ingest__Spool__Directory="$RUN_DIR/ingest-spool" Ingest__Relay__Url="$QP_RELAY_URL" Ingest__Relay__CaFile="${QP_CA_FILE:-}" \
    Ingest__Relay__ApiKey="$(cat "$QP_RELAY_API_KEY_FILE")" Ingest__Relay__ProducerId=dev \
      exec dotnet "$dll" --urls "http://127.0.0.1:$(free_port)"
  )
}

# The ingest's backfill verb against the simulated xtdata (pythonnet), to the relay `up` started:
# past trading days imported in chunks of symbols, through its own spool (.run/ingest-spool/backfill).
# XTSIM_SYMBOLS (default 300) sets the simulated market's size; --symbols N takes the first N of it.
cmd_ingest_backfill() {
  local python_dll dll="$ROOT/services/QuotePlatform.Ingest/$BIN/QuotePlatform.Ingest.dll"
  python_dll=$(prepare_simulated_ingest)
  # shellcheck disable=SC1091
  source "$RUN_DIR/addresses.env"
  log "ingest backfill $* from the simulated QMT to $QP_RELAY_URL (spool $RUN_DIR/ingest-spool/backfill)"
  (
    cd "$(dirname "$dll")"
    XTSIM_SYMBOLS="${XTSIM_SYMBOLS:-300}" \
    Ingest__Qmt__PythonDll="$python_dll" Ingest__Qmt__ModuleSearchPaths__0=python/simulator \
    Ingest__Spool__Directory="$RUN_DIR/ingest-spool" Ingest__Relay__Url="$QP_RELAY_URL" Ingest__Relay__CaFile="${QP_CA_FILE:-}" \
    Ingest__Relay__ApiKey="$(cat "$QP_RELAY_API_KEY_FILE")" Ingest__Relay__ProducerId=dev \
      exec dotnet "$dll" backfill "$@" --urls "http://127.0.0.1:$(free_port)"
  )
}

# `up`, then one simulated trading day (300 symbols) through the running services:
# quote simulate -> ingest (Replay source) -> relay -> Redis -> storage writer -> ClickHouse, and what was stored;
# then the live path: the ingest's Qmt source against the simulated xtdata (demo_simulated_feed).
cmd_demo() {
  cmd_up
  build services/QuotePlatform.Cli
  local quote="$ROOT/services/QuotePlatform.Cli/$BIN/quote.dll" ticks="$RUN_DIR/demo-ticks.jsonl" day expected stored
  local on_day period_label
  day=$(latest_beijing_weekday)
  log "simulating $day: 300 symbols, a push every 3 s (quote simulate)"
  dotnet "$quote" simulate --date "$day" --symbols 300 --seed 1 --out "$ticks"
  cmd_ingest --replay "$ticks" | tee "$RUN_DIR/demo-ingest.log"
  rm -f "$ticks"
  expected=$(sed -n 's/.*bars published \([0-9]*\) final.*/\1/p' "$RUN_DIR/demo-ingest.log" | tail -n 1)
  [ "${expected:-0}" -gt 0 ] || log "the ingest had already sent this day (its spool remembers); showing what is stored"
  on_day="toDate(frame + INTERVAL 8 HOUR) = '$day'"
  period_label="transform(period, [1, 2, 3, 4, 5, 6], ['1m', '5m', '15m', '30m', '60m', '1d'], '?')"
  log "waiting until the storage writer has stored ${expected:-0} final bars in ClickHouse"
  for _ in $(seq 1 120); do
    stored=$(clickhouse_query "SELECT count() FROM bars FINAL WHERE $on_day" 2>/dev/null || echo 0)
    [ "${stored:-0}" -ge "${expected:-0}" ] && break
    sleep 1
  done
  [ "${stored:-0}" -ge "${expected:-0}" ] || die "only ${stored:-0} of $expected bars stored after 120 s (logs in $RUN_DIR)"
  log "stored in ClickHouse ($QP_CLICKHOUSE_URL), bars of $day by period:"
  clickhouse_query "SELECT $period_label AS label, count() AS bars, uniqExact(symbol) AS symbols,
      sum(volume_shares) AS volume_shares, round(sum(amount_cny)) AS amount_cny
    FROM bars FINAL WHERE $on_day GROUP BY period ORDER BY period FORMAT PrettyCompactMonoBlock"
  log "daily bars of the first five symbols:"
  clickhouse_query "SELECT symbol, open, high, low, close, volume_shares, amount_cny
    FROM bars FINAL WHERE $on_day AND period = 6 ORDER BY symbol LIMIT 5 FORMAT PrettyCompactMonoBlock"
  demo_simulated_feed
  demo_adjusted_history
  log "the services keep running (addresses in $RUN_DIR/addresses.env); stop them with: scripts/dev.sh down"
}

# The Qmt source (pythonnet, simulated xtdata, 500 symbols) through the running services: the
# afternoon of the weekday before the replayed one at 600x (12:50-15:00 in about 13 s; joining in the
# lunch break, the ingest sees every trade of the afternoon), its after-close comparison with the
# simulator's get_market_data_ex history, then its bars read back with `quote bars`. Bounded: the
# ingest is stopped after the comparison, or after 120 s.
demo_simulated_feed() {
  local day quote="$ROOT/services/QuotePlatform.Cli/$BIN/quote.dll" out="$RUN_DIR/demo-qmt.log" pid stored=0 i on_sim_day
  day=$(date -u -d "$(latest_beijing_weekday) -1 day" +%F)
  while [ "$(date -u -d "$day" +%u)" -ge 6 ]; do day=$(date -u -d "$day -1 day" +%F); done
  log "simulated QMT feed: $day 12:50-15:00 at 600x, 500 symbols, through the Qmt source (log: $out)"
  XTSIM_DAY=$day XTSIM_START=12:50:00 XTSIM_SYMBOLS=500 Ingest__Qmt__CompareDelay=00:00:02 \
    cmd_ingest_simulated 600 >"$out" 2>&1 &
  pid=$!
  for i in $(seq 1 120); do
    grep -q "QMT comparison .*: the ingest's 1m bars" "$out" && break
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$out" >&2; die "the simulated feed's ingest stopped early"; }
    sleep 1
  done
  grep -E "Sectors? |Subscribed|QMT comparison" "$out" | sed 's/^ *//' >&2 || true
  on_sim_day="toDate(frame + INTERVAL 8 HOUR) = '$day' AND period = 1"
  for i in $(seq 1 60); do   # the minutes the engine closed (through 14:59) reach ClickHouse
    stored=$(clickhouse_query "SELECT count() FROM bars FINAL WHERE $on_sim_day AND toHour(frame + INTERVAL 8 HOUR) = 14 AND toMinute(frame) = 59" 2>/dev/null || echo 0)
    [ "${stored:-0}" -gt 0 ] && break
    sleep 1
  done
  kill -INT $(ps -o pid= --ppid "$pid") 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ "${stored:-0}" -gt 0 ] || { tail -n 30 "$out" >&2; die "no 14:59 bar of $day stored from the simulated feed"; }
  log "from the simulated feed, 1m bars of $day in ClickHouse: $(clickhouse_query "SELECT count() FROM bars FINAL WHERE $on_sim_day") ($stored symbols at 14:59)"
  log "quote bars 000001.SZ --period 1m --from $day (the last minutes):"
  dotnet "$quote" bars 000001.SZ --period 1m --from "$day" | tail -n 6
}

# Half a year of daily bars imported from the simulated terminal (its history has cash and bonus-share
# events) with the symbols' details and dividend factors; then 000001.SZ's daily bars raw and front-adjusted
# (前复权) across its ex-dividend dates, from the stored raw bars and factors.
demo_adjusted_history() {
  local quote="$ROOT/services/QuotePlatform.Cli/$BIN/quote.dll" from to
  from=$(date -u -d "$(latest_beijing_weekday) -180 days" +%F)
  to=$(date -u -d "$(latest_beijing_weekday) -1 day" +%F)
  log "history import: daily bars $from..$to of 300 simulated symbols, with details and dividend factors"
  cmd_ingest_backfill --from "$from" --to "$to" --periods 1d 2>&1 | grep -E "^(history import|  1d|  refused)" >&2
  for _ in $(seq 1 60); do
    [ "$(clickhouse_query "SELECT count() FROM dividend_factors FINAL WHERE symbol = '000001.SZ'" 2>/dev/null || echo 0)" -gt 0 ] && break
    sleep 1
  done
  log "quote info 000001.SZ:"
  dotnet "$quote" info 000001.SZ >&2 || true
  log "quote bars 000001.SZ --period 1d --from $from (raw, then --adjust front; the first rows, before its ex-dividend dates):"
  dotnet "$quote" bars 000001.SZ --period 1d --from "$from" --to "$to" | head -n 4 >&2 || true
  dotnet "$quote" bars 000001.SZ --period 1d --from "$from" --to "$to" --adjust front | head -n 4 >&2 || true
}

cmd_bench() {
  install_prerequisites
  build "${SERVICES[@]}" tests/QuotePlatform.Benchmarks
  STATE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/quote-platform-bench.XXXXXX")
  trap 'stop_all; rm -rf "$STATE_DIR"' EXIT
  trap 'exit 130' INT TERM
  start_infrastructure
  [ $# -gt 0 ] || set -- full-market-day
  dotnet "$ROOT/tests/QuotePlatform.Benchmarks/$BIN/QuotePlatform.Benchmarks.dll" "$@"
}

# The same step the Dockerfile's build stages run (scripts/publish.sh), for every image's service.
cmd_publish() {
  local out=${1:-$RUN_DIR/publish} project
  for project in QuotePlatform.Relay QuotePlatform.StorageWriter QuotePlatform.Query QuotePlatform.Ingest; do
    log "publishing $project to $out/$project"
    "$ROOT/scripts/publish.sh" "$project" "$out/$project" -v:q
  done
}

case "${1:-}" in
  test) shift; cmd_test "$@" ;;
  test-web) [ "${2:-}" != --tls ] || TLS=1; cmd_test_web ;;
  up) [ "${2:-}" != --tls ] || TLS=1; cmd_up ;;
  down) cmd_down ;;
  demo) cmd_demo ;;
  ingest) shift; cmd_ingest "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  chaos) shift; cmd_bench chaos "$@" ;;
  publish) shift; cmd_publish "$@" ;;
  compose-test) shift; exec "$ROOT/scripts/compose-test.sh" "$@" ;;
  *) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
