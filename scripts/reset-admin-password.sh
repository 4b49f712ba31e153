#!/usr/bin/env bash
# Resets a password (default user: admin), re-enables the account and ends its sessions:
#   scripts/reset-admin-password.sh [--username NAME] [--password PW]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f backend/dist/cli/admin-cli.js ] || npm run build >/dev/null
exec npx --no-install node backend/dist/cli/admin-cli.js reset-password "$@"
