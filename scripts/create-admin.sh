#!/usr/bin/env bash
# Creates an admin account: scripts/create-admin.sh --username NAME --email EMAIL [--password PW]
# Uses DATABASE_URL, else the embedded database under the instance folder (stop the app first).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f backend/dist/cli/admin-cli.js ] || npm run build >/dev/null
exec npx --no-install node backend/dist/cli/admin-cli.js create "$@"
