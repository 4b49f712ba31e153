#!/usr/bin/env bash
# Operator dashboard in the terminal: scripts/console.sh [--api URL] [--token T] [--logs DIR] (--help)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$ROOT/console/dist/main.js" ] || [ ! -f "$ROOT/shared/dist/index.js" ]; then
  (cd "$ROOT" && npm run build -w @clippyfront/shared >/dev/null && npm run build -w @clippyfront/console >/dev/null)
fi
NODE="$ROOT/node_modules/.bin/node"
[ -x "$NODE" ] || NODE=node
exec "$NODE" "$ROOT/console/dist/main.js" "$@"
