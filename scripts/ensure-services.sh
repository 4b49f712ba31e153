#!/usr/bin/env bash
# The integration tests need PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379.
# Starts the local Debian services when they are installed but stopped.
set -euo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  echo "Usage: scripts/ensure-services.sh"
  echo "Starts the local PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) the integration"
  echo "tests use when they are installed but stopped; says which is missing otherwise."
  exit 0
elif [ $# -gt 0 ]; then
  echo "ensure-services: unknown argument '$1' (try --help)" >&2
  exit 64
fi

if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  else
    echo "PostgreSQL is not reachable on 127.0.0.1:5432 (set TEST_DATABASE_URL to another server)" >&2
  fi
fi
if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  if command -v redis-server >/dev/null 2>&1; then
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  else
    echo "Redis is not reachable on 127.0.0.1:6379 (set TEST_REDIS_URL to another server)" >&2
  fi
fi
