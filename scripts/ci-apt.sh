#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, only those missing (a no-op in well under a second when
# all are there). Uses sudo when not root. Usage: bash scripts/ci-apt.sh
set -euo pipefail

PACKAGES=(
  # keytar's native build (pkg-config finds libsecret) and the other native modules (tree-sitter, better-sqlite3).
  g++ make python3 pkg-config libsecret-1-dev
  # A headless Secret Service for the keychain tests (scripts/with-keyring.sh). dbus-run-session comes with dbus;
  # dbus-x11 (dbus-launch) is not needed.
  dbus gnome-keyring
  # End-to-end tests: a browser for code-server, Kerberos headers for its native modules, and Debian's rg.
  chromium libkrb5-dev ripgrep
  # A throwaway TLS certificate for the HTTPS transport test (test/unit/providers/http-fetch.test.ts).
  openssl
  # ssh-keygen: policy signatures are made and checked against the real tool (test/unit/policy/policy-signature.test.ts).
  openssh-client
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  # "ii " is dpkg's installed-and-configured state; anything else (absent, half-installed) gets installed.
  if [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)" != "ii " ]; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "ci-apt: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "ci-apt: not root and no sudo; install as root: apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  SUDO=(sudo)
fi

echo "ci-apt: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
