#!/bin/sh
# Builds the checker and runs it on a sample draft (seed 004, which has two
# table errors). The web page comes with a later issue.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
[ -x "$HOME/.cargo/bin/cargo" ] && PATH="$HOME/.cargo/bin:$PATH" && export PATH
cargo build --release --quiet -p gongkai-cli
sample=tests/corpus/seeds/004_94bb7cf4c5429941.txt
echo "[start] ./target/release/gongkai check $sample"
./target/release/gongkai check "$sample" || true
echo
echo "[start] check your own report: ./target/release/gongkai check FILE... (--format json, --lang en)"
