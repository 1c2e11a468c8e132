// Sizes of what a browser downloads (dist/) and of the npm package's files,
// raw and gzip -9. Budget: wasm + JS ≤ 250 KB gzip.   node scripts/size.mjs
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";

const root = new URL("../", import.meta.url);
const size = (rel) => {
  const b = readFileSync(new URL(rel, root));
  return { rel, raw: b.length, gz: gzipSync(b, { level: 9 }).length };
};
const kb = (n) => (n / 1024).toFixed(1) + " KB";
if (!existsSync(new URL("dist/index.html", root))) {
  console.error("run npm run build first");
  process.exit(1);
}
const page = ["dist/gongkai_wasm_bg.wasm", "dist/app.js", "dist/worker.js", "dist/app.css", "dist/index.html"].map(size);
const pkg = ["pkg/gongkai_wasm_bg.wasm", "pkg/gongkai_wasm.js", "js/api.js", "js/index.js", "js/node.js", "js/element.js"].map(size);
const single = size("dist/gongkai.html");
const row = (s) => `  ${s.rel.padEnd(28)} ${kb(s.raw).padStart(10)} ${kb(s.gz).padStart(10)} gzip`;
console.log("The page (dist/):");
page.forEach((s) => console.log(row(s)));
const wasmJs = page.filter((s) => /\.(wasm|js)$/.test(s.rel)).reduce((a, s) => a + s.gz, 0);
console.log(`  wasm + JS: ${kb(wasmJs)} gzip (budget 250 KB)`);
console.log("The npm package:");
pkg.forEach((s) => console.log(row(s)));
console.log(`Single file: ${row(single).trim()}`);
