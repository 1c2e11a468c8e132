#!/bin/sh
# Every test, from a fresh machine: set-up, then Rust (unit, golden,
# property, docs freshness), then the CLI end to end.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
[ -x "$HOME/.cargo/bin/cargo" ] && PATH="$HOME/.cargo/bin:$PATH" && export PATH

echo "[test] cargo fmt --check"
cargo fmt --all -- --check
echo "[test] cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
echo "[test] cargo test --workspace"
cargo test --workspace --quiet
echo "[test] all passed"
