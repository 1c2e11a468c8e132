#!/bin/sh
# Instructions per check of each seed (or of the files given), counted by
# callgrind: `repeat FILE 10` minus `repeat FILE 1`, divided by 9, so that
# start-up, reading the file and one-time set-up cancel out. Repeatable
# whatever the machine's load, unlike timings. Needs valgrind
# (`apt-get install valgrind`).
#
#   sh scripts/instructions.sh [FILE...]
set -eu
cd "$(dirname "$0")/.."
[ -x "$HOME/.cargo/bin/cargo" ] && PATH="$HOME/.cargo/bin:$PATH" && export PATH
command -v valgrind >/dev/null || { echo "valgrind is needed: apt-get install valgrind" >&2; exit 2; }
cargo build --release --quiet -p gongkai-core --example repeat
bin="${CARGO_TARGET_DIR:-./target}/release/examples/repeat"
[ $# -gt 0 ] || set -- tests/corpus/seeds/*.txt
refs() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" 2>&1 |
    sed -n 's/.*refs: *//p' | tr -d ,
}
for f in "$@"; do
  a=$(refs "$f" 10)
  b=$(refs "$f" 1)
  echo "$(basename "$f")	$(( (a - b) / 9 ))"
done
