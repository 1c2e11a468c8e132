// Timings of the page in Chromium (headless, this machine):
//  - time to first result after load (navigation start → findings shown);
//  - keystroke → highlights, p50/p95, on an 8 KB and a 100 KB draft: from the
//    keydown event to the frame after the new findings were applied (this
//    includes the debounce: 150 ms below 100 000 characters).
// Needs dist/ (npm run build).   node scripts/bench-browser.mjs [runs]
import { draftOf, seed } from "./drafts.mjs";
import { launch, serve, waitApplied } from "../tests/browser/lib.mjs";

const RUNS = Number(process.argv[2] || 40);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

const server = await serve();
const browser = await launch();
const out = [];
try {
  // Time to first result, fresh page each time.
  const first = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await waitApplied(page, 1);
    first.push(await page.evaluate(() => window.__gongkai.state.firstResultAt));
    await page.close();
  }
  out.push(`time to first result after load (sample, 8.5 KB): median ${pct(first, 50).toFixed(0)} ms (runs: ${first.map((x) => x.toFixed(0)).join(", ")})`);

  const page = await browser.context.newPage();
  await page.goto(server.url);
  await waitApplied(page, 1);
  await page.evaluate(() => {
    window.__keyAt = 0;
    document.addEventListener("keydown", (e) => (window.__keyAt = e.timeStamp), true);
  });
  for (const bytes of [8 * 1024, 100 * 1024]) {
    const text = draftOf(bytes);
    await page.evaluate((t) => {
      const { view } = window.__gongkai;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t }, selection: { anchor: t.length } });
      view.focus();
    }, text);
    await page.waitForFunction(() => !window.__gongkai.state.inflight && window.__gongkai.state.report);
    await page.waitForTimeout(400);
    const total = [];
    const check = [];
    for (let i = 0; i < RUNS; i++) {
      const n = await page.evaluate(() => window.__gongkai.state.applied);
      await page.keyboard.press(i % 2 ? "Backspace" : "1");
      await waitApplied(page, n + 1);
      const r = await page.evaluate(
        () =>
          new Promise((ok) =>
            requestAnimationFrame(() => ok({ total: performance.now() - window.__keyAt, status: document.querySelector("#status").textContent })),
          ),
      );
      total.push(r.total);
      const ms = /([\d.]+)/.exec(r.status);
      if (ms) check.push(Number(ms[1]));
      await page.waitForTimeout(50);
    }
    const kb = (Buffer.byteLength(text) / 1024).toFixed(0);
    const findings = await page.evaluate(() => window.__gongkai.state.report.diagnostics.length);
    out.push(
      `${kb} KB draft (${text.length} chars, ${findings} findings): keystroke → highlights p50 ${pct(total, 50).toFixed(0)} ms, p95 ${pct(total, 95).toFixed(0)} ms ` +
        `(incl. the debounce); check in the worker p50 ${pct(check, 50)} ms, p95 ${pct(check, 95)} ms; ${RUNS} keystrokes`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(out.join("\n"));
