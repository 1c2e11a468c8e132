#!/bin/sh
# npm run build: the wasm module (pkg/), then the page (dist/).
set -eu
cd "$(dirname "$0")/.."
sh scripts/build-wasm.sh
node scripts/build.mjs
