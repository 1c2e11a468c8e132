#!/bin/sh
# Installs what a fresh machine lacks for building and testing gongkai.
# Idempotent: each step checks first. A fresh machine has rustup (cargo),
# Node 20 and npm; everything else comes from here (crates.io, the npm
# registry and Debian's packages — nothing downloads from anywhere else).
set -eu
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    PATH="$HOME/.cargo/bin:$PATH"; export PATH
  else
    say "cargo not found: install Rust with rustup (https://rustup.rs) first"; exit 1
  fi
fi
say "$(cargo --version)"
if ! rustup component list --installed 2>/dev/null | grep -q '^rustfmt'; then
  say "adding rustfmt"; rustup component add rustfmt
fi
if ! rustup component list --installed 2>/dev/null | grep -q '^clippy'; then
  say "adding clippy"; rustup component add clippy
fi

# The wasm target and wasm-bindgen-cli at exactly the version the wasm crate
# pins (crates/wasm/Cargo.toml: wasm-bindgen = "=x.y.z"). Installed without
# --locked: with it, resolution fails against this registry.
if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  say "adding the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown
fi
WB_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' crates/wasm/Cargo.toml)
[ -n "$WB_VERSION" ] || { say "cannot read the wasm-bindgen version from crates/wasm/Cargo.toml"; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION (a few minutes)"
  cargo install --quiet wasm-bindgen-cli --version "=$WB_VERSION" --force
fi

# npm packages (esbuild, binaryen's wasm-opt, CodeMirror, playwright-core),
# exactly as package-lock.json says, when node_modules is missing or stale.
LOCK_SUM=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.gongkai-lock ] || [ "$(cat node_modules/.gongkai-lock)" != "$LOCK_SUM" ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$LOCK_SUM" > node_modules/.gongkai-lock
fi

# Chromium and its driver for the browser tests (Debian's packages), with a
# CJK font so screenshots show Chinese. Never `npx playwright install`.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing chromium, chromium-driver, fonts-wqy-zenhei (apt)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-zenhei >/dev/null
  else
    say "chromium is missing: run as root: apt-get update && apt-get install -y chromium chromium-driver fonts-wqy-zenhei"
    exit 1
  fi
fi
say "ready"
