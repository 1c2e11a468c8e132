#!/bin/sh
# The batch benchmark: N generated variants of the seeds (default 10000)
# checked with `gongkai check --format json DIR > /dev/null`, timed, with
# the peak memory (from /usr/bin/time -v when there is one). Also runs a
# tenth of the batch to show that memory stays flat as the batch grows.
#
#   sh scripts/bench-batch.sh [N] [JOBS]
set -eu
cd "$(dirname "$0")/.."
[ -x "$HOME/.cargo/bin/cargo" ] && PATH="$HOME/.cargo/bin:$PATH" && export PATH
n=${1:-10000}
jobs=${2:-$(nproc 2>/dev/null || echo 2)}
cargo build --release --quiet -p gongkai-cli --example variants --bin gongkai
out="${CARGO_TARGET_DIR:-./target}/release"
bin="$out/gongkai"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
small=$((n / 10))
"$out/examples/variants" "$tmp/all" "$n"
"$out/examples/variants" "$tmp/tenth" "$small"
echo "[bench] $n variants of the seeds in $tmp/all ($(du -sh "$tmp/all" | cut -f1)), $jobs jobs, $(nproc 2>/dev/null || echo '?') cores"

run() {
  dir=$1
  label=$2
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$bin" check --format json --jobs "$jobs" "$dir" >/dev/null 2>"$tmp/time.txt" || true
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time.txt")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time.txt")
    cpu=$(sed -n 's/.*Percent of CPU this job got: //p' "$tmp/time.txt")
    echo "[bench] $label: wall $wall, CPU $cpu, peak memory $((rss / 1024)) MB"
  else
    start=$(date +%s.%N)
    "$bin" check --format json --jobs "$jobs" "$dir" >/dev/null || true
    end=$(date +%s.%N)
    echo "[bench] $label: wall $(echo "$end - $start" | bc) s (no /usr/bin/time: peak memory not measured)"
  fi
}

# Warm the page cache, then measure.
cat "$tmp"/all/* >/dev/null
run "$tmp/tenth" "$small files"
run "$tmp/all" "$n files"
echo "[bench] command: gongkai check --format json --jobs $jobs DIR > /dev/null"
