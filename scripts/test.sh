#!/bin/sh
# Every test, from a fresh machine: set-up, then Rust (unit, golden,
# property, docs freshness), the wasm build and the page, the npm package in
# Node, the bindings in headless Chromium (wasm-bindgen-test), and the page
# in Chromium (playwright-core).
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
echo "[test] build: wasm (pkg/) and the page (dist/)"
sh scripts/build.sh
echo "[test] the npm package in Node (tests/node)"
node --test tests/node/
echo "[test] the bindings in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown -p gongkai-wasm --test web
echo "[test] the page in Chromium (tests/browser)"
node --test --test-concurrency=1 tests/browser/
echo "[test] all passed"
