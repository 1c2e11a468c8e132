// Shared set-up of the browser tests: Debian's chromium driven by
// playwright-core (never a downloaded browser), a fresh profile per launch,
// and the page served by scripts/serve.mjs on localhost.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = new URL("../../", import.meta.url);
export const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function launch() {
  const dir = mkdtempSync(join(tmpdir(), "gongkai-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  const close = async () => {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { context, close };
}

export async function serve() {
  const mod = await import("../../scripts/serve.mjs");
  const url = await mod.listen(0);
  return { url, close: () => new Promise((r) => mod.server.close(r)) };
}

/** Waits until the page has applied `n` results in total. */
export async function waitApplied(page, n) {
  await page.waitForFunction((k) => window.__gongkai && window.__gongkai.state.applied >= k, n, { timeout: 30000 });
}

/** The diagnostics the page shows, with the text each highlight covers. */
export async function shown(page) {
  return page.evaluate(() => {
    const g = window.__gongkai;
    const doc = g.view.state.doc.toString();
    return g.state.report.diagnostics.map((d, i) => ({
      i,
      code: d.code,
      severity: d.severity,
      text: doc.slice(d.span.start, d.span.end),
      fix: d.fix || null,
      marks: [...document.querySelectorAll(`.cm-content [data-finding="${i}"]`)]
        .filter((e) => e.classList.contains("gk-finding"))
        .map((e) => e.textContent)
        .join(""),
    }));
  });
}
