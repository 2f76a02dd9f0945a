#!/bin/sh
# Upstream's Redis image is built with protected mode off; Debian's package is not.
set -e
if [ "${1:-}" = redis-server ]; then
  shift
  set -- redis-server --protected-mode no "$@"
fi
exec "$@"
