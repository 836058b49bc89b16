#!/usr/bin/env bash
# Runs a command inside a fresh D-Bus session with an unlocked, throwaway gnome-keyring, so keychain tests use a real
# Secret Service without touching the user's keyring. Works headless: as root, without X11, a TTY or stdin.
#   bash scripts/with-keyring.sh npx tsx --test test/unit/providers/keys.test.ts
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

for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
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

# Inside the session: unlock (which creates the login keyring) with the keyring's own dirs, wait until the Secret
# Service owns its bus name (a call before that would D-Bus-activate a second, locked daemon), run the command without
# the password in its environment, then stop the daemon: one that had not yet noticed the bus would outlive it.
status=0
dbus-run-session -- sh -c '
  bus_call() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus "org.freedesktop.DBus.$1" \
      string:org.freedesktop.secrets 2>/dev/null
  }
  printf %s "$AIRLOCK_KEYRING_PW" | env HOME="$AIRLOCK_KEYRING_DIR/home" XDG_DATA_HOME="$AIRLOCK_KEYRING_DIR/data" \
    XDG_CACHE_HOME="$AIRLOCK_KEYRING_DIR/cache" XDG_RUNTIME_DIR="$AIRLOCK_KEYRING_DIR/run" \
    gnome-keyring-daemon --unlock --components=secrets >/dev/null || {
      echo "with-keyring: gnome-keyring-daemon --unlock failed" >&2
      exit 1
    }
  unset AIRLOCK_KEYRING_PW
  tries=0
  until bus_call NameHasOwner | grep -q "boolean true"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 200 ]; then
      echo "with-keyring: the Secret Service did not appear on the session bus within 10 s" >&2
      exit 1
    fi
    sleep 0.05
  done
  daemon=$(bus_call GetConnectionUnixProcessID | awk "/uint32/ { print \$2 }")
  rc=0
  "$@" || rc=$?
  if [ -n "$daemon" ]; then kill "$daemon" 2>/dev/null || true; fi
  exit "$rc"
' with-keyring "$@" || status=$?
exit "$status"
