#!/usr/bin/env bash
# All set-up on a fresh machine: the Debian packages the native modules and tests need, then `npm ci` (which builds).
# Runs apt only for what is missing, through sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ci-apt.sh
npm ci --no-audit --no-fund
