#!/usr/bin/env bash
# Start Debian's PostgreSQL cluster (if installed and we are root) and print a URL for the tests.
# Prints nothing when no server can be started; the PostgreSQL variants of the tests then skip.
set -uo pipefail
if pg_isready -q -h 127.0.0.1 2>/dev/null; then :; else
  [ "$(id -u)" = 0 ] && command -v pg_ctlcluster >/dev/null || exit 0
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  [ -n "$version" ] || exit 0
  pg_lsclusters -h | grep -q . || pg_createcluster "$version" main >/dev/null
  pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
  pg_isready -q -h 127.0.0.1 || exit 0
fi
if [ "$(id -u)" = 0 ]; then
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='assistant'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"CREATE ROLE assistant LOGIN CREATEDB PASSWORD 'assistant'\"" >/dev/null
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='assistant'\"" | grep -q 1 ||
    su postgres -c "createdb -O assistant assistant" >/dev/null
fi
echo "postgresql+psycopg://assistant:assistant@127.0.0.1/assistant"
