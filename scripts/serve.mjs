// A tiny static server for dist/ on localhost (npm start). .wasm is served
// as application/wasm; every response carries the page's privacy policy as
// a header too: the page and the worker may connect nowhere but their own
// origin (the worker fetches the .wasm from it), and the page itself nowhere.
//   node scripts/serve.mjs [--port 8080] [--dir dist]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dir = resolve(opt("--dir", new URL("../dist", import.meta.url).pathname));
let port = Number(opt("--port", process.env.PORT || 8080));
const host = "127.0.0.1";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
};
const PAGE_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; connect-src 'none'; " +
  "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
// The worker's own policy (a worker served from a URL takes its policy from
// its response, not from the page): it may fetch from this origin only.
const WORKER_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";
const EMBED_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, "http://localhost");
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir)) throw Object.assign(new Error("outside"), { code: "ENOENT" });
    if (!(await stat(file)).isFile()) throw Object.assign(new Error("not a file"), { code: "ENOENT" });
    const body = await readFile(file);
    const name = path.split("/").pop();
    const csp = name === "worker.js" ? WORKER_CSP : name.startsWith("embed") ? EMBED_CSP : PAGE_CSP;
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] || "application/octet-stream",
      "Content-Length": body.length,
      "Content-Security-Policy": csp,
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (e) {
    res.writeHead(e.code === "ENOENT" ? 404 : 500, { "Content-Type": "text/plain" });
    res.end(e.code === "ENOENT" ? "not found" : "error");
  }
});

/** Starts the server; resolves to its address. Tries the next ports if taken. */
export function listen(p = port, tries = 20) {
  return new Promise((ok, fail) => {
    server.once("error", (e) => {
      if (e.code === "EADDRINUSE" && tries > 0) ok(listen(p + 1, tries - 1));
      else fail(e);
    });
    server.listen(p, host, () => ok(`http://${host}:${server.address().port}/`));
  });
}

export { server };

if (import.meta.url === `file://${process.argv[1]}`) {
  const addr = await listen(port === 0 ? 0 : port);
  console.log(`[serve] gongkai is at ${addr}  (single file: ${addr}gongkai.html, embedding example: ${addr}embed.html)`);
  console.log("[serve] Ctrl+C to stop");
}
