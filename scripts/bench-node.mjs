// Check time of the built wasm (pkg/) in Node, the figure the README's
// opt-level comparison quotes: median of many checks of seed 004 (8.5 KB)
// and of a 100 KB draft, best of 3 rounds.
// Needs pkg/ (sh scripts/build-wasm.sh).   node scripts/bench-node.mjs
import { draftOf, seed } from "./drafts.mjs";
import { readFileSync } from "node:fs";
import * as glue from "../pkg/gongkai_wasm.js";

const root = new URL("../", import.meta.url);
glue.initSync({ module: readFileSync(new URL("pkg/gongkai_wasm_bg.wasm", root)) });


function median(text, n) {
  for (let i = 0; i < 20; i++) glue.check(text);
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    glue.check(text);
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return xs[n >> 1];
}

const big = draftOf(100 * 1024);
const a = [];
const b = [];
for (let r = 0; r < 3; r++) {
  a.push(median(seed, 300));
  b.push(median(big, 40));
}
console.log(`check, median: seed 004 ${Math.min(...a).toFixed(2)} ms, 100 KB ${Math.min(...b).toFixed(1)} ms`);
