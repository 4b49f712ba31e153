#!/usr/bin/env bash
# Connectivity probes: PostgreSQL, Redis, the API's /api/health. See --help for the exit codes.
#   scripts/health-check.sh [--db URL] [--redis URL] [--api URL] [--json] [--help]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f backend/dist/cli/health-check.js ] || npm run build >/dev/null
exec npx --no-install node backend/dist/cli/health-check.js "$@"
