#!/usr/bin/env bash
# Runs a command inside a fresh D-Bus session with an unlocked, throwaway gnome-keyring, so keychain tests use a real
# Secret Service without touching the user's keyring. Works headless: as root, without X11, a TTY or stdin.
#   bash scripts/with-keyring.sh npx tsx --test test/unit/keys.test.ts
# The keyring lives in a temp dir (gnome-keyring honours XDG_DATA_HOME: it writes $XDG_DATA_HOME/keyrings); only the
# keyring daemon sees the temp XDG dirs and HOME, the command keeps its own. The temp dir is removed afterwards.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

# Nested call (a test run under this script runs it again): the session we made is still there, reuse it.
if [ -n "${AIRLOCK_KEYRING_DIR:-}" ] && [ -d "${AIRLOCK_KEYRING_DIR}" ] && [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec "$@"
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: $tool is not installed; run scripts/ci-apt.sh (apt-get install dbus gnome-keyring)" >&2
    exit 127
  fi
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/airlock-keyring.XXXXXX")
trap 'rm -rf "$dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$dir/home" "$dir/data" "$dir/cache" "$dir/run"
chmod 700 "$dir/run"

# A fresh random password per run: the keyring is thrown away, nobody needs to know it.
AIRLOCK_KEYRING_PW=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
export AIRLOCK_KEYRING_DIR="$dir" AIRLOCK_KEYRING_PW

# Inside the session: unlock (which creates the login keyring) with the keyring's own dirs, then run the command
# without the password in its environment. The daemon exits when dbus-run-session ends the bus.
status=0
dbus-run-session -- sh -c '
  printf %s "$AIRLOCK_KEYRING_PW" | env HOME="$AIRLOCK_KEYRING_DIR/home" XDG_DATA_HOME="$AIRLOCK_KEYRING_DIR/data" \
    XDG_CACHE_HOME="$AIRLOCK_KEYRING_DIR/cache" XDG_RUNTIME_DIR="$AIRLOCK_KEYRING_DIR/run" \
    gnome-keyring-daemon --unlock --components=secrets >/dev/null || {
      echo "with-keyring: gnome-keyring-daemon --unlock failed" >&2
      exit 1
    }
  unset AIRLOCK_KEYRING_PW
  exec "$@"
' with-keyring "$@" || status=$?
exit "$status"
