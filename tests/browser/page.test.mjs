// The page in Debian's Chromium (playwright-core): every seed pasted as
// text, seed 004 as an HTML table, highlights on exactly the figures, the
// selection, the fix, files dropped (.docx, a batch → CSV), the draft kept
// over a reload, IME, no request leaving the origin, the single-file build
// from file://, and a screenshot in tests/artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, mkdirSync } from "node:fs";
import { launch, serve, waitApplied, shown, ROOT } from "./lib.mjs";

const seedDir = new URL("tests/corpus/seeds/", ROOT);
const seedFiles = readdirSync(seedDir).filter((f) => f.endsWith(".txt")).sort();
const seeds = Object.fromEntries(seedFiles.map((f) => [f.slice(0, 3), readFileSync(new URL(f, seedDir), "utf8")]));
const tableErrors = (ds) => ds.filter((d) => d.severity === "error" && !d.code.startsWith("prose."));

let browser, server, page;
const foreign = []; // requests that tried to leave the page's origin
const seen = []; // every request the route saw
const problems = []; // console errors, page errors, CSP violations

async function openPage(context, url) {
  const p = await context.newPage();
  p.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  p.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await p.goto(url);
  await p.evaluate(() =>
    document.addEventListener("securitypolicyviolation", (e) => console.error("CSP " + e.violatedDirective + " " + e.blockedURI)),
  );
  return p;
}

before(async () => {
  server = await serve();
  browser = await launch();
  const origin = new URL(server.url).origin;
  // Intercept every request of the context (page and worker alike).
  await browser.context.route("**", (route) => {
    const u = route.request().url();
    seen.push(u);
    if (u.startsWith(origin + "/") || u.startsWith("data:") || u.startsWith("blob:") || u.startsWith("file:")) return route.continue();
    foreign.push(u);
    return route.abort();
  });
  page = await openPage(browser.context, server.url);
  await waitApplied(page, 1);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Replaces the draft by pasting `data` ({"text/plain": …, "text/html": …}). */
async function paste(data) {
  const n = await page.evaluate(() => window.__gongkai.state.applied);
  await page.evaluate((data) => {
    const { view } = window.__gongkai;
    view.dispatch({ selection: { anchor: 0, head: view.state.doc.length } });
    const dt = new DataTransfer();
    for (const [k, v] of Object.entries(data)) dt.setData(k, v);
    view.contentDOM.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, data);
  await waitApplied(page, n + 1);
  // A result for the whole pasted text (not an intermediate state).
  await page.waitForFunction(() => {
    const g = window.__gongkai;
    return !g.state.inflight && g.state.report && g.view.state.doc.length > 0;
  });
}

/** Selects finding i through the panel; returns the text each highlight covers. */
async function clickFinding(i) {
  await page.click(`.finding[data-index="${i}"] .f-msg`);
  return page.evaluate((i) => {
    const { view, state } = window.__gongkai;
    const d = state.report.diagnostics[i];
    const sel = view.state.selection.main;
    const doc = view.state.doc.toString();
    const marks = [...document.querySelectorAll(`.cm-content .gk-finding[data-finding="${i}"]`)].map((e) => e.textContent).join("");
    const focus = [...document.querySelectorAll(".cm-content .gk-focus")].map((e) => e.textContent).join("");
    const rel = [...document.querySelectorAll(".cm-content .gk-rel")].map((e) => e.textContent);
    return { span: [d.span.start, d.span.end], sel: [sel.from, sel.to], selected: doc.slice(sel.from, sel.to), marks, focus, rel, blank: document.querySelectorAll(`.gk-blank[data-finding="${i}"]`).length };
  }, i);
}

test("first visit: the sample (seed 004) with its two table errors; CSP meta; screenshot", async () => {
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /connect-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal(await page.evaluate(() => window.__gongkai.view.state.doc.toString()), seeds["004"]);
  const ds = await shown(page);
  assert.deepEqual(tableErrors(ds).map((d) => d.text).sort(), ["52", "55"]);
  mkdirSync(new URL("tests/artifacts/", ROOT), { recursive: true });
  const i = ds.find((d) => d.code === "applications.row-sum").i;
  await clickFinding(i);
  await page.screenshot({ path: new URL("tests/artifacts/page-seed-004.png", ROOT).pathname });
});

for (const id of ["000", "001", "002", "003", "004"]) {
  test(`paste seed ${id} as text: the expected findings, each highlight exactly on its figure`, async () => {
    await paste({ "text/plain": seeds[id] });
    assert.equal(await page.evaluate(() => window.__gongkai.view.state.doc.toString()), seeds[id]);
    const ds = await shown(page);
    const errs = tableErrors(ds);
    if (id === "000" || id === "002") assert.deepEqual(errs, []);
    if (id === "003") assert.deepEqual(errs.map((d) => d.code), Array(5).fill("cell.blank"));
    if (id === "004") assert.deepEqual(errs.map((d) => d.text).sort(), ["52", "55"]);
    for (const d of ds) {
      const r = await clickFinding(d.i);
      assert.deepEqual(r.sel, r.span, `${d.code}: selection`);
      if (r.span[1] > r.span[0]) {
        assert.equal(r.marks, d.text, `${d.code}: the highlight covers exactly its text`);
        assert.equal(r.focus, d.text);
      } else {
        assert.equal(r.blank, 1, `${d.code}: an empty span shows its marker`);
      }
    }
  });
}

test("paste seed 004 as an HTML table: the table is kept, the figures flagged", async () => {
  const html = readFileSync(new URL("tests/golden/shape_html_004.html", ROOT), "utf8");
  await paste({ "text/html": html, "text/plain": "flattened" });
  const doc = await page.evaluate(() => window.__gongkai.view.state.doc.toString());
  assert.match(doc, /\t/, "table rows kept as tab-separated cells");
  const ds = await shown(page);
  assert.deepEqual(tableErrors(ds).map((d) => d.text).sort(), ["52", "55"]);
  for (const d of tableErrors(ds)) assert.equal((await clickFinding(d.i)).marks, d.text);
});

test("selecting a finding selects its text and highlights every cell of its relation", async () => {
  await paste({ "text/plain": seeds["004"] });
  const ds = await shown(page);
  const d = ds.find((x) => x.code === "applications.column-balance");
  const r = await clickFinding(d.i);
  assert.equal(r.selected, "52");
  assert.deepEqual(r.sel, r.span);
  assert.ok(r.rel.length >= 2, "related cells highlighted");
  for (const x of r.rel) assert.match(x, /^\d+$/);
  // Keyboard: F8 goes to the next finding in panel order.
  const before = await page.evaluate(() => window.__gongkai.state.selected);
  await page.keyboard.press("F8");
  const afterF8 = await page.evaluate(() => window.__gongkai.state.selected);
  assert.notEqual(afterF8, before);
  await page.keyboard.press("Shift+F8");
  assert.equal(await page.evaluate(() => window.__gongkai.state.selected), before);
});

test("a rule's documentation opens in the page", async () => {
  await page.click(".finding .f-rule");
  assert.ok(await page.isVisible("#doc"));
  const text = await page.textContent("#doc-body");
  assert.ok(text.length > 50, text);
  await page.click("#doc-close");
});

test("one-click fix: applying 004's fix removes the two table errors", async (t) => {
  await paste({ "text/plain": seeds["004"] });
  const ds = await shown(page);
  const d = tableErrors(ds).find((x) => x.fix);
  if (!d) return t.skip("the core gives no fix for seed 004");
  const n = await page.evaluate(() => window.__gongkai.state.applied);
  await page.click(`.finding[data-index="${d.i}"] .fix`);
  await waitApplied(page, n + 1);
  await page.waitForFunction(() => !window.__gongkai.state.inflight);
  assert.deepEqual(tableErrors(await shown(page)), []);
  const doc = await page.evaluate(() => window.__gongkai.view.state.doc.toString());
  assert.equal(doc.length, seeds["004"].length);
});

test("no check while an IME composition is open", async () => {
  await paste({ "text/plain": seeds["000"] });
  const n = await page.evaluate(() => window.__gongkai.state.applied);
  await page.evaluate(() => {
    const { view } = window.__gongkai;
    view.contentDOM.dispatchEvent(new CompositionEvent("compositionstart", { data: "" }));
    view.dispatch({ changes: { from: 0, insert: "zhong" } });
  });
  await page.waitForTimeout(700);
  assert.equal(await page.evaluate(() => window.__gongkai.state.applied), n, "no check during composition");
  await page.evaluate(() => {
    const { view } = window.__gongkai;
    view.dispatch({ changes: { from: 0, to: 5, insert: "中" } });
    view.contentDOM.dispatchEvent(new CompositionEvent("compositionend", { data: "中" }));
  });
  await waitApplied(page, n + 1);
});

/** Drops files (name → bytes) on the page. */
async function drop(files) {
  const payload = files.map(([name, bytes]) => [name, Buffer.from(bytes).toString("base64")]);
  await page.evaluate((payload) => {
    const dt = new DataTransfer();
    for (const [name, b64] of payload) {
      const bin = atob(b64);
      const u = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
      dt.items.add(new File([u], name));
    }
    document.querySelector("#panel").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
}

test("drop a .docx: its text opens with its findings", async () => {
  const n = await page.evaluate(() => window.__gongkai.state.applied);
  await drop([["shape_docx_004.docx", readFileSync(new URL("tests/golden/shape_docx_004.docx", ROOT))]]);
  await waitApplied(page, n + 1);
  const doc = await page.evaluate(() => window.__gongkai.view.state.doc.toString());
  assert.match(doc, /本年新收/);
  assert.deepEqual(tableErrors(await shown(page)).map((d) => d.text).sort(), ["52", "55"]);
});

test("drop the five seeds: the batch view, one row each; CSV and JSON export", async () => {
  await drop(seedFiles.map((f) => [f, readFileSync(new URL(f, seedDir))]));
  await page.waitForSelector("#batch:not([hidden])");
  await page.waitForFunction(() => document.querySelectorAll("#batch-rows tr:not(.pending)").length === 5);
  const rows = await page.$$eval("#batch-rows tr", (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.equal(rows.length, 5);
  assert.deepEqual(rows.map((r) => r[1]), ["2023", "2023", "2019", "2023", "2023"]);
  assert.match(rows[4][3], /✖ [1-9]/);
  assert.match(rows[0][3], /✖ 0/);
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#export-findings")]);
  const csv = readFileSync(await dl.path(), "utf8");
  assert.ok(csv.startsWith("\uFEFFfile,year,template,severity,code"), csv.slice(0, 80));
  const rowSum = csv.split("\r\n").find((l) => l.includes("applications.row-sum"));
  assert.ok(rowSum && rowSum.startsWith("004_") && rowSum.includes(",55,"), rowSum);
  const [dl2] = await Promise.all([page.waitForEvent("download"), page.click("#export-tables")]);
  const tables = readFileSync(await dl2.path(), "utf8");
  assert.ok(tables.includes("applications,new,natural_person,51,51"), tables.slice(0, 300));
  const [dl3] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
  const json = JSON.parse(readFileSync(await dl3.path(), "utf8"));
  assert.equal(json.length, 5);
  assert.equal(json[2].template, "2019");
  // Click a row: that report opens in the editor.
  const n = await page.evaluate(() => window.__gongkai.state.applied);
  await page.click("#batch-rows tr:nth-child(4)");
  await waitApplied(page, n + 1);
  assert.equal(await page.evaluate(() => window.__gongkai.view.state.doc.toString()), seeds["003"]);
  assert.ok(await page.isHidden("#batch"));
});

test("English switch", async () => {
  await page.click("#lang");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.waitForFunction(() => /[A-Za-z]{5}/.test(document.querySelector(".finding .f-msg")?.textContent || ""));
  await page.click("#lang");
  await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
});

test("the draft survives a reload; clear empties it", async () => {
  await paste({ "text/plain": seeds["001"] + "\n草稿" });
  await page.waitForTimeout(800); // saved after 500 ms of quiet
  await page.reload();
  await waitApplied(page, 1);
  assert.equal(await page.evaluate(() => window.__gongkai.view.state.doc.toString()), seeds["001"] + "\n草稿");
  await page.click("#clear");
  await page.waitForTimeout(800);
  await page.reload();
  await waitApplied(page, 1);
  assert.equal(await page.evaluate(() => window.__gongkai.view.state.doc.length), 0);
});

test("a 10 MB paste shows progress, and the page stays responsive while it is checked", async () => {
  const copies = Math.ceil(10.2e6 / Buffer.byteLength(seeds["004"] + "\n"));
  const big = Array(copies).fill(seeds["004"]).join("\n");
  const n = await page.evaluate(() => window.__gongkai.state.applied);
  await page.evaluate(() => {
    window.__gaps = { max: 0, sawProgress: false, during: 0 };
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      const g = window.__gongkai.state;
      if (g.inflight && !document.querySelector("#progress").hidden) {
        window.__gaps.sawProgress = true;
        window.__gaps.during = Math.max(window.__gaps.during, now - last);
      }
      last = now;
      if (!window.__gaps.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  await page.evaluate((text) => {
    const { view } = window.__gongkai;
    view.dispatch({ selection: { anchor: 0, head: view.state.doc.length } });
    const dt = new DataTransfer();
    dt.setData("text/plain", text);
    view.contentDOM.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, big);
  await waitApplied(page, n + 1);
  const gaps = await page.evaluate(() => ((window.__gaps.stop = true), window.__gaps));
  const len = await page.evaluate(() => window.__gongkai.view.state.doc.length);
  assert.equal(len, big.length);
  assert.ok(Buffer.byteLength(big) >= 10e6, "10 MB");
  assert.ok(gaps.sawProgress, "the progress bar was shown");
  assert.ok(gaps.during < 250, `longest frame while checking: ${gaps.during} ms`);
  console.log(`# 10 MB paste: result after ${Date.now() - t0} ms, longest frame while checking ${gaps.during.toFixed(0)} ms`);
  // Typing goes on at once in the huge draft.
  const t1 = Date.now();
  await page.keyboard.press("End");
  await page.keyboard.type("1");
  assert.ok(Date.now() - t1 < 1000);
  await paste({ "text/plain": seeds["004"] });
});

test("the embedding example: <gongkai-checker> on a textarea emits gongkai-result", async () => {
  const p = await openPage(browser.context, server.url + "embed.html");
  // The first result of the filled textarea (the component also checks the
  // empty textarea when it attaches).
  const result = p.evaluate(
    () =>
      new Promise((ok) =>
        document.querySelector("gongkai-checker").addEventListener("gongkai-result", (e) => {
          if (e.detail.template !== "unknown") ok(e.detail);
        }),
      ),
  );
  await p.fill("#report", seeds["004"]);
  const r = await result;
  const figures = r.diagnostics.filter((d) => d.code.startsWith("applications.")).map((d) => seeds["004"].slice(d.span.start, d.span.end));
  assert.deepEqual(figures.sort(), ["52", "55"]);
  assert.ok(await p.isDisabled("#publish"));
  // Clicking a finding in the component selects its figure in the textarea.
  await p.locator("gongkai-checker li.error").nth(1).click();
  const sel = await p.evaluate(() => {
    const t = document.getElementById("report");
    return t.value.slice(t.selectionStart, t.selectionEnd);
  });
  assert.match(sel, /^\d+$/);
  await p.close();
});

test("the single-file build works from file://", async () => {
  const p = await openPage(browser.context, new URL("dist/gongkai.html", ROOT).href);
  await waitApplied(p, 1);
  const codes = await p.evaluate(() => window.__gongkai.state.report.diagnostics.map((d) => d.code));
  assert.ok(codes.includes("applications.row-sum"), codes.join());
  assert.match(await p.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content"), /connect-src 'none'/);
  await p.close();
});

test("no request left the page's origin; no console error or CSP violation", () => {
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
  // The route did see the page's own requests, the worker's .wasm included.
  assert.ok(seen.some((u) => u.endsWith("/gongkai_wasm_bg.wasm")), seen.join("\n"));
});
