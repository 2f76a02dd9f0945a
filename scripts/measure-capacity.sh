#!/usr/bin/env bash
# Measures what a full-market trading day costs in ClickHouse on the project's own schema (the
# figures of docs/capacity.md): simulates a day (`quote simulate`), turns it into bars of every period
# (`quote synth`), stores them in a database of their own created by `quote migrate`, merges, and
# reads rows and bytes from system.parts. Needs the built solution and a ClickHouse HTTP endpoint:
#   QP_CLICKHOUSE_URL=http://127.0.0.1:8123 scripts/measure-capacity.sh [SYMBOLS=5200] [DATE=a recent weekday]
# (`scripts/dev.sh up` writes QP_CLICKHOUSE_URL to .run/addresses.env). Temporary files go to TMPDIR
# (about 4 GB of ticks for 5,200 symbols); the database is dropped at the end.
set -euo pipefail

SYMBOLS=${1:-5200}
# A recent weekday (Beijing), so no bar is already past its period's retention (1m: 30 days).
recent_weekday() {
  local day
  day=$(( $(date -u +%s) + 8 * 3600 - 3 * 86400 ))
  while [ "$(date -u -d "@$day" +%u)" -gt 5 ]; do day=$(( day - 86400 )); done
  date -u -d "@$day" +%F
}
DAY=${2:-$(recent_weekday)}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QUOTE="$ROOT/services/QuotePlatform.Cli/bin/Release/net10.0/quote.dll"
: "${QP_CLICKHOUSE_URL:?set QP_CLICKHOUSE_URL (e.g. from .run/addresses.env after scripts/dev.sh up)}"
[ -f "$QUOTE" ] || { echo "build first: dotnet build quote-platform.sln -c Release" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/quote-capacity.XXXXXX")
DATABASE="capacity_$(date -u +%s)_$$"
cleanup() {
  curl -fsS "$QP_CLICKHOUSE_URL/" --data-binary "DROP DATABASE IF EXISTS $DATABASE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { printf '[capacity] %s\n' "$*" >&2; }
sql() { curl -sS --fail-with-body "$QP_CLICKHOUSE_URL/?database=$DATABASE" --data-binary "$1"; }

log "simulating $DAY with $SYMBOLS symbols (quote simulate)"
dotnet "$QUOTE" simulate --date "$DAY" --symbols "$SYMBOLS" --seed 1 --out "$WORK/ticks.jsonl" >&2
TICK_LINES=$(wc -l <"$WORK/ticks.jsonl")
TICK_BYTES=$(stat -c %s "$WORK/ticks.jsonl")
log "synthesizing bars of every period (quote synth)"
dotnet "$QUOTE" synth --ticks "$WORK/ticks.jsonl" --out "$WORK/bars.jsonl" >&2
rm -f "$WORK/ticks.jsonl"

curl -fsS "$QP_CLICKHOUSE_URL/" --data-binary "CREATE DATABASE $DATABASE" >/dev/null
log "creating the schema (quote migrate) in database $DATABASE"
dotnet "$QUOTE" migrate --clickhouse "$QP_CLICKHOUSE_URL/$DATABASE" >&2

# Staged as text, then converted by the engine into the bars table's own types. The version is what
# the storage writer writes: the stream entry id (ms << 22 | seq), here as if each bar was relayed
# two seconds after its frame ended, so the bars of one minute share it as they share an entry.
sql "CREATE TABLE staged (symbol String, period String, frame String, open Float64, high Float64, low Float64,
       close Float64, volume Int64, amount Float64) ENGINE = MergeTree ORDER BY tuple()" >/dev/null
curl -fsS "$QP_CLICKHOUSE_URL/?database=$DATABASE&query=INSERT%20INTO%20staged%20FORMAT%20JSONEachRow" \
  --data-binary "@$WORK/bars.jsonl" >/dev/null
sql "INSERT INTO bars SELECT symbol, indexOf(['1m', '5m', '15m', '30m', '60m', '1d'], period),
       parseDateTime64BestEffort(frame, 3, 'UTC'), open, high, low, close, volume, amount, 0,
       bitShiftLeft(toUInt64(toUnixTimestamp64Milli(parseDateTime64BestEffort(frame, 3, 'UTC')) + 2000), 22)
     FROM staged" >/dev/null
sql "DROP TABLE staged" >/dev/null
log "merging (OPTIMIZE FINAL) so the parts are what a settled day occupies"
# One partition (period, month) at a time: each is one merge of a bounded size.
for partition in $(sql "SELECT DISTINCT partition FROM system.parts WHERE database = '$DATABASE' AND table = 'bars' AND active"); do
  sql "OPTIMIZE TABLE bars PARTITION $partition FINAL" >/dev/null
done

echo "day $DAY, $SYMBOLS symbols: $TICK_LINES whole-quote pushes, $TICK_BYTES bytes of xtquant JSON"
sql "SELECT transform(toUInt8(substring(partition, 2, position(partition, ',') - 2)), [1, 2, 3, 4, 5, 6],
            ['1m', '5m', '15m', '30m', '60m', '1d'], '?') AS period,
       sum(rows) AS row_count, sum(bytes_on_disk) AS disk_bytes,
       sum(data_uncompressed_bytes) AS uncompressed_bytes,
       round(disk_bytes / row_count, 2) AS disk_bytes_per_row
     FROM system.parts WHERE database = '$DATABASE' AND table = 'bars' AND active
     GROUP BY period ORDER BY min(partition)
     FORMAT PrettyCompactMonoBlock"
sql "SELECT sum(rows) AS row_count, sum(bytes_on_disk) AS disk_bytes, sum(data_uncompressed_bytes) AS uncompressed_bytes,
       round(disk_bytes / row_count, 2) AS disk_bytes_per_row, count() AS parts
     FROM system.parts WHERE database = '$DATABASE' AND table = 'bars' AND active
     FORMAT PrettyCompactMonoBlock"
sql "SELECT name, formatReadableSize(data_compressed_bytes) AS compressed, formatReadableSize(data_uncompressed_bytes) AS uncompressed,
       round(data_uncompressed_bytes / greatest(data_compressed_bytes, 1), 1) AS ratio
     FROM system.columns WHERE database = '$DATABASE' AND table = 'bars' ORDER BY data_compressed_bytes DESC
     FORMAT PrettyCompactMonoBlock"
