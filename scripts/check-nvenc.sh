#!/usr/bin/env bash
# What a compile on this machine encodes with, and why (ffmpeg, h264_nvenc, the test encode,
# libx264, zscale): scripts/check-nvenc.sh [--json] [--help]. Exit 0 when an encoder works.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f worker/dist/cli/check-nvenc.js ] || npm run build -w shared -w worker >/dev/null
exec npx --no-install node worker/dist/cli/check-nvenc.js "$@"
