#!/usr/bin/env bash
# Prepares the end-to-end test machine: Debian packages (Chromium, ripgrep, headers for native modules)
# and code-server 4.100.3 (VS Code 1.100.3) in a cache folder outside the repository.
# Idempotent: a marker file records a complete install, and re-running with it present does nothing.
# Logs to stderr. The harness finds code-server by the same RAMPART_E2E_CACHE rule (test/e2e/harness.ts).
set -Eeuo pipefail

CODE_SERVER_VERSION=4.100.3
CACHE_DIR="${RAMPART_E2E_CACHE:-$HOME/.cache/rampart-e2e}"
INSTALL_DIR="$CACHE_DIR/code-server-$CODE_SERVER_VERSION"
MARKER="$INSTALL_DIR/.rampart-e2e-complete"
APT_PACKAGES=(libkrb5-dev pkg-config libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium)
NATIVE_MODULES=(kerberos node-pty @parcel/watcher @vscode/spdlog native-watchdog @vscode/deviceid)

log() { printf '[e2e-setup] %s\n' "$*" >&2; }
die() { printf '[e2e-setup] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'die "step failed (line $LINENO): $BASH_COMMAND"' ERR

# --- Debian packages ---------------------------------------------------------------------------
missing_packages() {
  local pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || printf '%s\n' "$pkg"
  done
}

install_apt_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  if [ "${#missing[@]}" -eq 0 ]; then
    log "Debian packages present: ${APT_PACKAGES[*]}"
    return
  fi
  command -v apt-get >/dev/null || die "apt-get not found; install by hand: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo; install by hand: ${missing[*]}"
    sudo=(sudo)
  fi
  local apt_log
  apt_log="$(mktemp -t rampart-e2e-apt.XXXXXX)"
  log "installing Debian packages: ${missing[*]} (output in $apt_log)"
  if ! "${sudo[@]}" apt-get update -qq >"$apt_log" 2>&1 \
    || ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >>"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    die "apt-get failed installing: ${missing[*]} (full output in $apt_log)"
  fi
  rm -f "$apt_log"
}

# --- code-server -------------------------------------------------------------------------------
install_code_server() {
  if [ -f "$MARKER" ]; then
    log "code-server $CODE_SERVER_VERSION already installed in $INSTALL_DIR"
    return
  fi
  # A folder without the marker is a broken earlier attempt: start over rather than patch it.
  if [ -e "$INSTALL_DIR" ]; then
    log "removing incomplete install in $INSTALL_DIR"
    rm -rf "$INSTALL_DIR"
  fi
  mkdir -p "$INSTALL_DIR"
  cd "$INSTALL_DIR"
  printf '{ "name": "rampart-e2e-code-server", "private": true }\n' > package.json

  log "npm install --ignore-scripts code-server@$CODE_SERVER_VERSION (a few minutes)"
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2 \
    || die "npm install code-server@$CODE_SERVER_VERSION failed"

  # code-server loads argon2 at start-up even with --auth none; build it from source, as its
  # install script would otherwise try to download a prebuilt binary.
  log "building argon2 from source"
  npm_config_build_from_source=true npm rebuild --loglevel=error argon2 >&2 \
    || die "building argon2 from source failed (needs python3, make, g++)"

  local vscode_dir="$INSTALL_DIR/node_modules/code-server/lib/vscode"
  [ -d "$vscode_dir" ] || die "code-server package has no lib/vscode folder at $vscode_dir"
  cd "$vscode_dir"
  log "npm install --omit=dev --ignore-scripts in lib/vscode (a few minutes)"
  npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2 \
    || die "npm install in $vscode_dir failed"

  log "npm rebuild ${NATIVE_MODULES[*]}"
  npm_config_yes=true npm rebuild --loglevel=error "${NATIVE_MODULES[@]}" >&2 \
    || die "npm rebuild of the native modules failed (are the Debian -dev packages installed?)"

  local rg
  rg="$(command -v rg)" || die "ripgrep (rg) not on PATH after installing Debian's ripgrep"
  log "copying $rg to @vscode/ripgrep"
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp -f "$rg" node_modules/@vscode/ripgrep/bin/rg

  log "linking node_modules.asar -> node_modules"
  ln -sfn node_modules node_modules.asar

  local entry="$INSTALL_DIR/node_modules/code-server/out/node/entry.js"
  [ -f "$entry" ] || die "code-server entry point missing: $entry"
  # --config keeps code-server from writing a default config into the user's home.
  printf 'auth: none\n' > "$INSTALL_DIR/config.yaml"
  node "$entry" --config "$INSTALL_DIR/config.yaml" --version >&2 \
    || die "code-server does not start: node $entry --version failed"

  date -u +%Y-%m-%dT%H:%M:%SZ > "$MARKER"
  log "code-server $CODE_SERVER_VERSION installed in $INSTALL_DIR"
}

install_apt_packages
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after installing Debian's chromium"
install_code_server
log "ready: chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), code-server in $INSTALL_DIR"
