#!/usr/bin/env bash
# The one definition of how a deployable is published: the Dockerfile's build stages run this script,
# `scripts/dev.sh publish` runs it, and the deployment tests run it (with --no-build after the suite's
# build) and check that the Dockerfile still calls it for every image.
#   scripts/publish.sh PROJECT OUTPUT_DIR [extra dotnet publish arguments]
#   e.g. scripts/publish.sh QuotePlatform.Relay /app
set -euo pipefail

[ $# -ge 2 ] || { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
PROJECT=$1
OUTPUT=$2
shift 2

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# A deployable from services/, or a development tool from tools/ (the compose test's ClickHouse stand-in).
CSPROJ="$ROOT/services/$PROJECT/$PROJECT.csproj"
[ -f "$CSPROJ" ] || CSPROJ="$ROOT/tools/$PROJECT/$PROJECT.csproj"
[ -f "$CSPROJ" ] || { printf '[publish] error: %s is in neither services/ nor tools/\n' "$PROJECT" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Framework-dependent and portable (the aspnet runtime image supplies .NET); no native apphost, the
# images start `dotnet PROJECT.dll`.
exec dotnet publish "$CSPROJ" -c Release -o "$OUTPUT" --nologo -p:UseAppHost=false "$@"
