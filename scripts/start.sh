#!/bin/sh
# npm start: set up what is missing, build the wasm module and the page, and
# serve dist/ on localhost (prints the address).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
[ -x "$HOME/.cargo/bin/cargo" ] && PATH="$HOME/.cargo/bin:$PATH" && export PATH
sh scripts/build.sh
exec node scripts/serve.mjs "$@"
