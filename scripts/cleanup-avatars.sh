#!/usr/bin/env bash
# Prunes the creator avatar cache: keeps the newest N downloaded files per creator.
#   scripts/cleanup-avatars.sh [--keep N] [--dry-run] [--json]   (see --help)
# Files a clip still points at are never deleted. Uses DATABASE_URL, else the embedded
# database under the instance folder (stop the app first).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f backend/dist/cli/cleanup-avatars.js ] || npm run build >/dev/null
exec npx --no-install node backend/dist/cli/cleanup-avatars.js "$@"
