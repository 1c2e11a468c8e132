#!/bin/sh
# Installs what a fresh machine lacks for building and testing gongkai.
# Idempotent: each step checks first. A fresh machine has rustup (cargo),
# Node 20 and npm; everything else comes from here.
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
say "ready"
