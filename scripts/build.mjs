// Builds the page into dist/:
//   dist/index.html, app.js, app.css, worker.js, gongkai_wasm_bg.wasm  (static files)
//   dist/gongkai.html   one self-contained file (wasm as base64, worker from a
//                       blob URL) that works when opened from disk (file://)
//   dist/embed.html, embed.js  the <gongkai-checker> embedding example
// Run scripts/build-wasm.sh first (scripts/build.sh does both).
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const p = (rel) => new URL(rel, root).pathname;
const out = p("dist/");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// @lezer/common (the syntax tree library) comes in only because
// @codemirror/commands imports NodeProp for commands the page doesn't use;
// its package doesn't declare itself free of side effects, so esbuild would
// keep its 18 KB (6 KB gzip). Nothing of it is called: let it be shaken out.
const pureLezer = {
  name: "pure-lezer",
  setup(b) {
    b.onResolve({ filter: /^@lezer\/common$/ }, async (a) => {
      if (a.pluginData === "pure-lezer") return undefined;
      const r = await b.resolve(a.path, { resolveDir: a.resolveDir, kind: a.kind, pluginData: "pure-lezer" });
      return r.errors.length ? r : { path: r.path, sideEffects: false };
    });
  },
};

const common = {
  bundle: true,
  plugins: [pureLezer],
  minify: true,
  legalComments: "none",
  target: ["chrome100", "firefox100", "safari15"],
  logLevel: "warning",
  loader: { ".txt": "text" },
  charset: "utf8",
};

async function bundle(entry, extra = {}) {
  const r = await build({ ...common, entryPoints: [p(entry)], write: false, format: "iife", ...extra });
  return r.outputFiles[0].text;
}

// The worker (holds the wasm glue) and the page's script.
// import.meta.url in the glue is only its default .wasm location: the page
// always passes the .wasm (a URL or the bytes), so it is left empty here.
const worker = await bundle("www/worker.js", { define: { "import.meta.url": "undefined" } });
const app = await bundle("www/app.js");
const css = (await build({ ...common, entryPoints: [p("www/style.css")], write: false })).outputFiles[0].text;
writeFileSync(out + "worker.js", worker);
writeFileSync(out + "app.js", app);
writeFileSync(out + "app.css", css);
copyFileSync(p("pkg/gongkai_wasm_bg.wasm"), out + "gongkai_wasm_bg.wasm");
const html = readFileSync(p("www/index.html"), "utf8");
writeFileSync(out + "index.html", html);

// The single-file build: same page, everything inline, a CSP with hashes.
const wasmB64 = readFileSync(p("pkg/gongkai_wasm_bg.wasm")).toString("base64");
const appInline = (
  await bundle("www/app.js", {
    define: { __WORKER_SOURCE__: JSON.stringify(worker), __WASM_BASE64__: JSON.stringify(wasmB64) },
  })
).replace(/<\/script/gi, "<\\/script");
const sha = (s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;
const cspSingle =
  `default-src 'none'; script-src ${sha(appInline)} 'wasm-unsafe-eval'; worker-src blob:; connect-src 'none'; ` +
  `style-src 'unsafe-inline'; img-src data:; object-src 'none'; base-uri 'none'; form-action 'none'`;
let single = html
  .replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${cspSingle}">`)
  .replace('<link rel="stylesheet" href="app.css">', () => `<style>${css}</style>`)
  .replace('<script src="app.js"></script>', () => `<script>${appInline}</script>`);
if (!single.includes(cspSingle) || !single.includes(appInline)) throw new Error("single-file build: template changed");
writeFileSync(out + "gongkai.html", single);

// The embedding example: the npm package's web component, as a portal uses it.
const embed = await build({
  ...common,
  entryPoints: [p("examples/embed.js")],
  write: false,
  format: "esm",
});
writeFileSync(out + "embed.js", embed.outputFiles[0].text);
copyFileSync(p("examples/embed.html"), out + "embed.html");

const gz = (f) => {
  const b = readFileSync(out + f);
  return `${f} ${b.length} B`;
};
console.log("[build] dist/: " + ["index.html", "app.js", "app.css", "worker.js", "gongkai_wasm_bg.wasm", "gongkai.html", "embed.js"].map(gz).join(", "));
