#!/usr/bin/env bash
# Imports artifacts pushed to an ingest root (DIR/<worker id>/<artifact>/) into a user's
# project, each exactly once, like the app's ingest importer. See --help.
# Uses DATABASE_URL, else the embedded database under the instance folder (stop the app first).
set -euo pipefail
# A relative --ingest-root is taken from where the command was typed.
export IMPORT_FROM_INGEST_CWD="$PWD"
cd "$(dirname "$0")/.."
[ -f backend/dist/cli/import-from-ingest.js ] || npm run build >/dev/null
exec npx --no-install node backend/dist/cli/import-from-ingest.js "$@"
