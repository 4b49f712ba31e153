#!/usr/bin/env bash
# Installs the system packages ClippyFront needs when they are missing.
#   scripts/ensure-system-deps.sh [--runtime] [--advise] [--help]
# Default (npm test): ffmpeg, yt-dlp, a font, and for the tests Chromium, rsync and the OpenSSH
# client and server (the artifact-sync test starts its own sshd on a free port).
# --runtime (npm start): only what the app runs with: ffmpeg/ffprobe, yt-dlp, the font.
# It installs with apt-get as root, or through passwordless sudo; otherwise it prints the
# command to run and exits 1 — or, with --advise, exits 0 so the app starts anyway.
set -euo pipefail

runtime=0
advise=0
for arg in "$@"; do
  case "$arg" in
    --runtime) runtime=1 ;;
    --advise) advise=1 ;;
    --help | -h)
      sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
      echo "Exit codes: 0 nothing missing, installed, or --advise; 1 missing and not installed; 64 bad usage."
      exit 0
      ;;
    *)
      echo "Unknown option: $arg (see --help)" >&2
      exit 64
      ;;
  esac
done

missing=()
command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
command -v yt-dlp >/dev/null 2>&1 || missing+=(yt-dlp)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ "$runtime" -eq 0 ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v rsync >/dev/null 2>&1 || missing+=(rsync)
  command -v ssh >/dev/null 2>&1 && command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
  [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
fi

[ ${#missing[@]} -eq 0 ] && exit 0

# Who installs: root itself, passwordless sudo, or nobody (then the person at the keyboard).
as=()
if ! command -v apt-get >/dev/null 2>&1; then
  how="no apt-get here: install ${missing[*]} with the system's package manager"
elif [ "$(id -u)" -eq 0 ]; then
  how=root
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  how=sudo
  as=(sudo -n)
else
  how="run: sudo apt-get install -y ${missing[*]}"
fi

give_up() {
  echo "Missing system packages: ${missing[*]}; $1." >&2
  if [ "$advise" -eq 1 ]; then
    echo "Starting anyway: compiles fail until ffmpeg is installed (the Status page says so too)." >&2
    exit 0
  fi
  exit 1
}

case "$how" in
  root | sudo) ;;
  *) give_up "$how" ;;
esac

echo "Installing system packages: ${missing[*]}"
if ! "${as[@]}" apt-get update -qq ||
  ! "${as[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  give_up "apt-get failed; run: sudo apt-get install -y ${missing[*]}"
fi
