#!/bin/sh
# Builds the WebAssembly module and its JS glue into pkg/ (the npm package's
# generated part): cargo (profile wasm-release, set in the root Cargo.toml),
# wasm-bindgen (the exact version the crate pins), then wasm-opt from the npm
# package `binaryen` (never Debian's wasm-opt 108: its output fails to load).
set -eu
cd "$(dirname "$0")/.."
[ -x "$HOME/.cargo/bin/cargo" ] && PATH="$HOME/.cargo/bin:$PATH" && export PATH
PROFILE="${GONGKAI_WASM_PROFILE:-wasm-release}"
cargo build --quiet --target wasm32-unknown-unknown --profile "$PROFILE" -p gongkai-wasm
rm -rf pkg.tmp && mkdir pkg.tmp
wasm-bindgen --target web --out-dir pkg.tmp \
  --remove-name-section --remove-producers-section \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$PROFILE/gongkai_wasm.wasm"
# wasm-opt: -O2 without its inlining-optimizing pass, to a fixed point.
# Measured on this module (gzip -9, KB = 1024 bytes): rustc's opt-level "z"
# output as is 176.5 KB; -Oz 179.6 KB (smaller raw, but inlining the many
# called-once functions makes the code compress worse); -O2 without inlining
# 172.8 KB, with --converge 172.6 KB; check time within 5 % of -Oz.
# Not -tnh: a panic must still reach its trap (takePanicMessage).
node_modules/.bin/wasm-opt -O2 --skip-pass=inlining-optimizing --converge \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg.tmp/gongkai_wasm_bg.wasm -o pkg.tmp/gongkai_wasm_bg.wasm
rm -rf pkg && mv pkg.tmp pkg
echo "[build-wasm] pkg/gongkai_wasm_bg.wasm $(wc -c < pkg/gongkai_wasm_bg.wasm) bytes ($(gzip -9c pkg/gongkai_wasm_bg.wasm | wc -c) gzip)"
