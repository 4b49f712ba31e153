#!/usr/bin/env bash
# Lists library files on disk that have no database row; --apply adds them,
# --regen-thumbnails (with --apply) queues thumbnail jobs. See --help.
# Uses DATABASE_URL, else the embedded database under the instance folder (stop the app first).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f backend/dist/cli/reindex-media.js ] || npm run build >/dev/null
exec npx --no-install node backend/dist/cli/reindex-media.js "$@"
