// The npm package `gongkai` in Node, on every seed: the model, the findings,
// and spans in UTF-16 units (text.slice(start, end) is the flagged text).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import * as gk from "gongkai";

const root = new URL("../../", import.meta.url);
const seedDir = new URL("tests/corpus/seeds/", root);
const seeds = Object.fromEntries(
  readdirSync(seedDir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => [f.slice(0, 3), readFileSync(new URL(f, seedDir), "utf8")]),
);
const errors = (r) => r.diagnostics.filter((d) => d.severity === "error");
// Table findings (prose rules, another issue's work, may add their own).
const tableErrors = (r) => errors(r).filter((d) => !d.code.startsWith("prose."));

/** Every span of a report, with what it belongs to. */
function* spans(r) {
  for (const s of r.sections) yield ["section", s.span];
  for (const t of [r.proactive, r.applications, r.reviews]) {
    if (!t) continue;
    for (const row of Object.values(t)) for (const c of Object.values(row ?? {})) if (c) yield ["cell", c.span, c];
  }
  for (const d of r.diagnostics) {
    yield ["diagnostic", d.span];
    for (const x of d.related) yield ["related", x.span];
    if (d.fix) yield ["fix", d.fix.span];
  }
}

/** Line and column (1-based, column in scalars) of UTF-16 offset `o`. */
function lineCol(text, o) {
  const before = text.slice(0, o);
  const line = before.split(/\r\n|\n|\r/).length;
  const start = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
  return [line, [...text.slice(start, o)].length + 1];
}

function checkSpans(r, text) {
  for (const [what, s, cell] of spans(r)) {
    assert.ok(0 <= s.start && s.start <= s.end && s.end <= text.length, `${what} span ${JSON.stringify(s)} out of range`);
    assert.deepEqual([s.line, s.column], lineCol(text, s.start), `${what} span ${JSON.stringify(s)}: line/column`);
    if (what === "cell" && cell.raw !== "" && /^[0-9.]+$/.test(cell.raw)) {
      assert.equal(text.slice(s.start, s.end), cell.raw, `cell span ${JSON.stringify(s)}`);
    }
  }
}

test("the five seeds: template, year, spans in UTF-16 units", () => {
  assert.equal(Object.keys(seeds).length, 5);
  for (const [id, text] of Object.entries(seeds)) {
    const r = gk.check(text);
    assert.equal(r.input, "text");
    assert.equal(r.template, id === "002" ? "2019" : "2021", id);
    assert.equal(r.year, id === "002" ? 2019 : 2023, id);
    assert.equal(r.sections.length, 6, id);
    assert.ok(r.applications && r.reviews && r.proactive, id);
    checkSpans(r, text);
  }
});

test("seeds 000 and 002 have no error", () => {
  for (const id of ["000", "002"]) assert.deepEqual(errors(gk.check(seeds[id])), [], id);
});

test("seed 003 gives exactly its five cell.blank errors, at the 行政复议 cells", () => {
  const r = gk.check(seeds["003"]);
  const errs = errors(r);
  assert.deepEqual(
    errs.map((d) => d.code),
    Array(5).fill("cell.blank"),
  );
  const review = r.reviews.review;
  for (const d of errs) {
    assert.ok(Object.values(review).some((c) => c && c.value === null && c.span.start === d.span.start));
  }
});

test("seed 004: the row-sum and column-balance errors point at 55 and 52", () => {
  const text = seeds["004"];
  const r = gk.check(text);
  const errs = tableErrors(r);
  assert.deepEqual(errs.map((d) => d.code).sort(), ["applications.column-balance", "applications.row-sum"]);
  const rowSum = errs.find((d) => d.code === "applications.row-sum");
  const balance = errs.find((d) => d.code === "applications.column-balance");
  assert.equal(text.slice(rowSum.span.start, rowSum.span.end), "55");
  assert.equal(text.slice(balance.span.start, balance.span.end), "52");
  assert.equal(rowSum.expected, 54);
  assert.equal(rowSum.actual, 55);
  // Every figure of the relation is there, each span on its figure.
  for (const d of errs) {
    assert.ok(d.related.length >= 2, d.code);
    for (const x of d.related) {
      const figure = text.slice(x.span.start, x.span.end);
      assert.match(figure, /^\d+$/, `${d.code} related ${x.label}`);
      assert.ok(x.label.includes(figure), `${x.label} vs ${figure}`);
    }
  }
});

test("seed 004: applying the core's fixes removes the table errors", (t) => {
  const text = seeds["004"];
  const fixes = tableErrors(gk.check(text)).filter((d) => d.fix);
  if (fixes.length === 0) return t.skip("the core proposes no fix for seed 004 yet");
  const f = fixes[0].fix;
  const fixed = text.slice(0, f.span.start) + f.replacement + text.slice(f.span.end);
  assert.deepEqual(tableErrors(gk.check(fixed)), []);
});

test("spans stay exact before characters outside the BMP and with CRLF", () => {
  const text = "𠮷𠮷\r\n" + seeds["004"].replace(/\n/g, "\r\n");
  const r = gk.check(text);
  checkSpans(r, text);
  const got = tableErrors(r).map((d) => text.slice(d.span.start, d.span.end)).sort();
  assert.deepEqual(got, ["52", "55"]);
});

test("checkHtml: spans refer to the HTML", () => {
  const html = readFileSync(new URL("tests/golden/shape_html_004.html", root), "utf8");
  const r = gk.checkHtml(html);
  assert.equal(r.input, "html");
  const got = tableErrors(r).map((d) => html.slice(d.span.start, d.span.end)).sort();
  assert.deepEqual(got, ["52", "55"]);
  assert.equal(gk.checkAuto(html).input, "html");
  assert.equal(gk.checkAuto(seeds["004"]).input, "text");
  // htmlToText keeps the table's rows: it reads as the seed does.
  const asText = gk.htmlToText(html);
  assert.match(asText, /\t/);
  assert.deepEqual(tableErrors(gk.check(asText)).map((d) => d.code).sort(), ["applications.column-balance", "applications.row-sum"]);
});

test("checkDocx: spans refer to the returned text", () => {
  const bytes = readFileSync(new URL("tests/golden/shape_docx_004.docx", root));
  const r = gk.checkDocx(new Uint8Array(bytes));
  assert.equal(r.input, "docx");
  assert.equal(typeof r.text, "string");
  checkSpans(r, r.text);
  const got = tableErrors(r).map((d) => r.text.slice(d.span.start, d.span.end)).sort();
  assert.deepEqual(got, ["52", "55"]);
});

test("options: English messages, template override; bad options throw an Error", () => {
  const en = gk.check(seeds["004"], { lang: "en" });
  assert.match(tableErrors(en)[0].message, /[A-Za-z]{4}/);
  assert.doesNotMatch(tableErrors(gk.check(seeds["004"], { lang: "zh" }))[0].message, /^[A-Za-z ]+$/);
  assert.equal(gk.check(seeds["000"], { template: "2019" }).template, "2019");
  assert.equal(gk.check(seeds["000"], {}).template, "2021");
  assert.equal(gk.check(seeds["000"], null).template, "2021");
  assert.throws(() => gk.check("x", { lang: "fr" }), (e) => e instanceof Error && /lang/.test(e.message));
  assert.throws(() => gk.check("x", { template: "2020" }), (e) => e instanceof Error && /template/.test(e.message));
  assert.throws(() => gk.check("x", "zh"), (e) => e instanceof Error && /options/.test(e.message));
  assert.throws(() => gk.checkDocx(new Uint8Array([1, 2, 3])), (e) => e instanceof Error && /docx/.test(e.message));
});

test("odd inputs return a report, never a trap", () => {
  for (const text of ["", " ", "\u0000\u0001", "𠮷".repeat(1000), "一、总体情况\n".repeat(500), "<table><tr><td>1"]) {
    const r = gk.check(text);
    checkSpans(r, text);
    gk.checkHtml(text);
  }
});

test("rules(): the registry with documentation, covering every finding's code", () => {
  const rules = gk.rules();
  const codes = new Set(rules.map((r) => r.code));
  for (const r of rules) {
    assert.ok(r.summary && r.doc.length > 20 && ["error", "warning", "info"].includes(r.severity), r.code);
  }
  for (const text of Object.values(seeds)) for (const d of gk.check(text).diagnostics) assert.ok(codes.has(d.code), d.code);
  assert.match(gk.version(), /^\d+\.\d+\.\d+/);
  assert.equal(gk.version(), JSON.parse(readFileSync(new URL("package.json", root), "utf8")).version);
});

test("the TypeScript declarations name every type (no `any`)", () => {
  for (const f of ["pkg/gongkai_wasm.d.ts", "js/index.d.ts", "js/element.d.ts"]) {
    const code = readFileSync(new URL(f, root), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");
    assert.doesNotMatch(code, /\bany\b/, f);
    if (f.startsWith("pkg")) {
      for (const name of ["check", "checkHtml", "checkDocx"]) {
        assert.match(code, new RegExp(`export function ${name}\\([^)]*options: CheckOptions\\): Report;`), name);
      }
      assert.match(code, /export function rules\(\): Rule\[\];/);
    }
  }
});
