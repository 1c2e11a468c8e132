// The page: a CodeMirror document view of the draft with every finding
// marked on its text, a findings panel, files in and out, a batch view.
// The checker runs in a Web Worker (worker.js); this file never blocks on it.
import { EditorView, Decoration, WidgetType, keymap, drawSelection, lineNumbers } from "@codemirror/view";
import { EditorState, StateField, StateEffect, Annotation } from "@codemirror/state";
import * as cmd from "@codemirror/commands";
import SAMPLE from "../tests/corpus/seeds/004_94bb7cf4c5429941.txt";
import { STRINGS } from "./i18n.js";
import { renderMarkdown } from "./md.js";

/* global __WORKER_SOURCE__, __WASM_BASE64__ */
const $ = (sel) => document.querySelector(sel);
const el = (tag, props = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k in e && k !== "list") e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...kids.filter((k) => k !== null && k !== undefined && k !== false));
  return e;
};
const ICON = { error: "✖", warning: "▲", info: "ℹ" };
const STORE_DRAFT = "gongkai.draft";
const STORE_LANG = "gongkai.lang";

const S = {
  lang: localStorage.getItem(STORE_LANG) === "en" ? "en" : "zh",
  report: null, // the last report applied to the editor
  order: [], // diagnostics indices in panel order
  selected: -1,
  rules: new Map(),
  docVersion: 0,
  composing: false,
  inflight: null,
  dirty: false,
  timer: 0,
  batch: [],
  applied: 0,
  firstResultAt: null,
};
const t = () => STRINGS[S.lang];

// ---------------------------------------------------------------- worker

let worker;
let nextId = 1;
const pending = new Map();
let ready;

function startWorker() {
  let readyResolve;
  ready = new Promise((r) => (readyResolve = r));
  if (typeof __WORKER_SOURCE__ === "string") {
    // Single-file build: the worker's code and the wasm travel in this page.
    const url = URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: "text/javascript" }));
    worker = new Worker(url);
    const bin = atob(__WASM_BASE64__);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    worker.postMessage({ type: "init", wasm: bytes.buffer }, [bytes.buffer]);
  } else {
    worker = new Worker(new URL("worker.js", document.baseURI));
    worker.postMessage({ type: "init", wasm: new URL("gongkai_wasm_bg.wasm", document.baseURI).href });
  }
  worker.onmessage = (e) => {
    const m = e.data;
    if (m.type === "ready") {
      for (const r of m.rules) S.rules.set(r.code, r);
      $("#version").textContent = "gongkai " + m.version;
      readyResolve();
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.type === "error") p.reject(new Error(m.message));
    else p.resolve(m);
  };
  worker.onerror = (e) => status(String(e.message || e), "error");
}

/** Stops a check that the text has outrun (a long one, on a huge draft):
 * a fresh worker is quicker than waiting for a stale result. */
function restartWorker() {
  worker.terminate();
  for (const p of pending.values()) p.reject(Object.assign(new Error("cancelled"), { cancelled: true }));
  pending.clear();
  startWorker();
}

function request(msg, transfer) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ ...msg, id, lang: S.lang }, transfer || []);
  });
}

// ---------------------------------------------------------------- editor

const setFindings = StateEffect.define();
const fromLoad = Annotation.define();

class IconWidget extends WidgetType {
  constructor(sev, index, blank) {
    super();
    this.sev = sev;
    this.index = index;
    this.blank = blank;
  }
  eq(o) {
    return o.sev === this.sev && o.index === this.index && o.blank === this.blank;
  }
  toDOM() {
    const s = document.createElement("span");
    s.className = `gk-icon gk-icon-${this.sev}${this.blank ? " gk-blank" : ""}`;
    s.textContent = ICON[this.sev] || "•";
    s.dataset.finding = String(this.index);
    s.setAttribute("aria-hidden", "true");
    return s;
  }
  ignoreEvent() {
    return false;
  }
}

function buildDecorations(report, selected, len) {
  const out = [];
  if (!report) return Decoration.none;
  const clamp = (n) => Math.max(0, Math.min(n, len));
  report.diagnostics.forEach((d, i) => {
    const from = clamp(d.span.start);
    const to = clamp(d.span.end);
    if (to > from) {
      out.push(
        Decoration.mark({
          class: `gk-finding gk-${d.severity}`,
          attributes: { "data-finding": String(i), title: d.message },
        }).range(from, to),
      );
    }
    out.push(Decoration.widget({ widget: new IconWidget(d.severity, i, to === from), side: 1 }).range(to));
  });
  const d = report.diagnostics[selected];
  if (d) {
    for (const r of d.related) {
      const from = clamp(r.span.start);
      const to = clamp(r.span.end);
      if (to > from) out.push(Decoration.mark({ class: "gk-rel", attributes: { title: r.label } }).range(from, to));
    }
    const from = clamp(d.span.start);
    const to = clamp(d.span.end);
    if (to > from) out.push(Decoration.mark({ class: "gk-focus" }).range(from, to));
  }
  return Decoration.set(out, true);
}

const findingsField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setFindings)) deco = buildDecorations(e.value.report, e.value.selected, tr.state.doc.length);
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

// The keys of CodeMirror's standard keymap, listed one by one (its
// defaultKeymap would pull in the language package and the parser: 40 KB;
// deletion is left to the browser, which CodeMirror reads back).
const KEYS = [
  { key: "ArrowLeft", run: cmd.cursorCharLeft, shift: cmd.selectCharLeft, preventDefault: true },
  { key: "Mod-ArrowLeft", mac: "Alt-ArrowLeft", run: cmd.cursorGroupLeft, shift: cmd.selectGroupLeft, preventDefault: true },
  { key: "ArrowRight", run: cmd.cursorCharRight, shift: cmd.selectCharRight, preventDefault: true },
  { key: "Mod-ArrowRight", mac: "Alt-ArrowRight", run: cmd.cursorGroupRight, shift: cmd.selectGroupRight, preventDefault: true },
  { key: "ArrowUp", run: cmd.cursorLineUp, shift: cmd.selectLineUp, preventDefault: true },
  { key: "ArrowDown", run: cmd.cursorLineDown, shift: cmd.selectLineDown, preventDefault: true },
  { key: "PageUp", run: cmd.cursorPageUp, shift: cmd.selectPageUp },
  { key: "PageDown", run: cmd.cursorPageDown, shift: cmd.selectPageDown },
  { key: "Home", run: cmd.cursorLineBoundaryBackward, shift: cmd.selectLineBoundaryBackward, preventDefault: true },
  { key: "Mod-Home", run: cmd.cursorDocStart, shift: cmd.selectDocStart },
  { key: "End", run: cmd.cursorLineBoundaryForward, shift: cmd.selectLineBoundaryForward, preventDefault: true },
  { key: "Mod-End", run: cmd.cursorDocEnd, shift: cmd.selectDocEnd },
  { key: "Enter", run: cmd.insertNewline },
  { key: "Mod-a", run: cmd.selectAll },
  { key: "Mod-z", run: cmd.undo, preventDefault: true },
  { key: "Mod-y", mac: "Mod-Shift-z", run: cmd.redo, preventDefault: true },
  { key: "Mod-Shift-z", run: cmd.redo, preventDefault: true },
];

let saveTimer = 0;
const view = new EditorView({
  parent: $("#editor"),
  state: EditorState.create({
    doc: initialDraft(),
    extensions: [
      lineNumbers(),
      cmd.history(),
      drawSelection(),
      EditorView.lineWrapping,
      EditorState.tabSize.of(8),
      findingsField,
      EditorView.contentAttributes.of({ "aria-label": "report draft", spellcheck: "false" }),
      keymap.of([
        { key: "F8", run: () => step(1), preventDefault: true },
        { key: "Shift-F8", run: () => step(-1), preventDefault: true },
        ...KEYS,
      ]),
      EditorView.domEventHandlers({
        paste: onPaste,
        drop: (e) => {
          if (e.dataTransfer && e.dataTransfer.files.length) {
            e.preventDefault();
            openFiles([...e.dataTransfer.files]);
            return true;
          }
          return false;
        },
        click: (e) => {
          const f = e.target.closest && e.target.closest("[data-finding]");
          if (f) select(Number(f.dataset.finding), { scroll: false, focusEditor: false });
          return false;
        },
      }),
      EditorView.updateListener.of((u) => {
        if (!u.docChanged) return;
        S.docVersion++;
        clearTimeout(saveTimer);
        saveTimer = setTimeout(saveDraft, 500);
        if (!u.transactions.some((tr) => tr.annotation(fromLoad))) schedule();
        else if (S.inflight) S.dirty = true;
      }),
    ],
  }),
});
// IME: no check while a composition (pinyin input) is open.
view.contentDOM.addEventListener("compositionstart", () => {
  S.composing = true;
  clearTimeout(S.timer);
});
view.contentDOM.addEventListener("compositionend", () => {
  S.composing = false;
  schedule();
});

function initialDraft() {
  const saved = localStorage.getItem(STORE_DRAFT);
  return saved === null ? SAMPLE : saved;
}

function saveDraft() {
  try {
    localStorage.setItem(STORE_DRAFT, view.state.doc.toString());
    $("#note").textContent = "";
  } catch {
    $("#note").textContent = t().tooBig;
  }
}

function setDoc(text, report) {
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: text },
    selection: { anchor: 0 },
    annotations: fromLoad.of(true),
    scrollIntoView: true,
  });
  if (report) applyReport(report);
  else schedule(0);
}

// ---------------------------------------------------------------- checking

function schedule(delay) {
  clearTimeout(S.timer);
  if (S.composing) return;
  const len = view.state.doc.length;
  const ms = delay ?? (len > 1e6 ? 700 : len > 1e5 ? 300 : 150);
  S.timer = setTimeout(runLive, ms);
}

async function runLive() {
  if (S.composing || view.composing) return;
  if (S.inflight) {
    S.dirty = true;
    if (performance.now() - S.inflight.start > 1000) restartWorker();
    return;
  }
  const text = view.state.doc.toString();
  const version = S.docVersion;
  S.inflight = { start: performance.now(), size: text.length };
  progress();
  try {
    await ready;
    const m = await request({ type: "check", kind: "live", data: text });
    if (version === S.docVersion) applyReport(m.report, m.ms);
    else S.dirty = true;
  } catch (e) {
    if (!e.cancelled) status(e.message, "error");
  } finally {
    S.inflight = null;
    progress();
    if (S.dirty) {
      S.dirty = false;
      schedule(0);
    }
  }
}

function applyReport(report, ms) {
  S.report = report;
  S.selected = -1;
  view.dispatch({ effects: setFindings.of({ report, selected: -1 }) });
  renderFindings();
  S.applied++;
  if (S.firstResultAt === null) S.firstResultAt = performance.now();
  status(ms !== undefined ? t().checkedIn(ms < 10 ? ms.toFixed(1) : Math.round(ms)) : "");
}

let progressTimer = 0;
function progress() {
  clearInterval(progressTimer);
  const bar = $("#progress");
  if (!S.inflight) {
    bar.hidden = true;
    return;
  }
  const show = () => {
    const secs = (performance.now() - S.inflight.start) / 1000;
    if (secs < 0.15) return;
    bar.hidden = false;
    const mb = S.inflight.size / 1e6;
    status(`${t().checking} ${mb >= 0.1 ? mb.toFixed(1) + " MB" : Math.round(S.inflight.size / 1e3) + " K"}… ${secs.toFixed(1)} s`);
  };
  progressTimer = setInterval(() => S.inflight && show(), 100);
}

function status(text, kind) {
  const s = $("#status");
  s.textContent = text;
  s.className = kind || "";
}

// ---------------------------------------------------------------- findings panel

const SECTION_OF_PREFIX = { proactive: 2, applications: 3, reviews: 4 };

function sectionOf(report, d) {
  const n = SECTION_OF_PREFIX[d.code.split(".")[0]];
  if (n) return n;
  let best = 0;
  for (const s of report.sections) if (s.span.start <= d.span.start) best = s.number;
  return best;
}

function sectionTitle(report, n) {
  if (n === 0) return t().document;
  const s = report.sections.find((x) => x.number === n);
  return s ? `${"一二三四五六"[n - 1]}、${s.title}` : t().section(n);
}

function fmt(n) {
  return typeof n === "number" ? n.toLocaleString(S.lang === "zh" ? "zh-CN" : "en", { maximumFractionDigits: 6 }) : "";
}

function renderFindings() {
  const r = S.report;
  const list = $("#findings");
  const counts = { error: 0, warning: 0, info: 0 };
  if (!r) {
    list.replaceChildren();
    return;
  }
  for (const d of r.diagnostics) counts[d.severity]++;
  $("#counts").replaceChildren(
    ...["error", "warning", "info"].map((s) =>
      el(
        "span",
        { class: `count count-${s}` },
        el("span", { class: "count-icon", "aria-hidden": "true" }, ICON[s]),
        ` ${counts[s]} ${t()[s + "s"]}`,
      ),
    ),
  );
  const groups = new Map();
  r.diagnostics.forEach((d, i) => {
    const n = sectionOf(r, d);
    if (!groups.has(n)) groups.set(n, []);
    groups.get(n).push(i);
  });
  const keys = [...groups.keys()].sort((a, b) => a - b);
  S.order = keys.flatMap((k) => groups.get(k));
  if (!r.diagnostics.length) {
    list.replaceChildren(el("p", { class: "none" }, view.state.doc.length ? t().noFindings : t().empty));
    return;
  }
  list.replaceChildren(
    ...keys.map((k) =>
      el(
        "section",
        { class: "group" },
        el("h3", {}, sectionTitle(r, k)),
        el("ol", {}, ...groups.get(k).map((i) => findingItem(r.diagnostics[i], i))),
      ),
    ),
  );
}

function findingItem(d, i) {
  const T = t();
  const doc = view.state.doc;
  const li = el("li", {
    class: `finding sev-${d.severity}`,
    tabIndex: 0,
    "data-index": String(i),
    onclick: (e) => {
      if (e.target.closest("button, a")) return;
      select(i);
    },
  });
  li.append(
    el(
      "div",
      { class: "f-head" },
      el("span", { class: "f-icon", "aria-hidden": "true" }, ICON[d.severity]),
      el("span", { class: "f-sev" }, T.severity[d.severity]),
      el("span", { class: "f-msg" }, d.message),
    ),
  );
  if (typeof d.expected === "number" && typeof d.actual === "number") {
    const diff = d.actual - d.expected;
    li.append(
      el(
        "div",
        { class: "f-math" },
        `${T.expected} `,
        el("b", {}, fmt(d.expected)),
        `${T.comma}${T.actual} `,
        el("b", {}, fmt(d.actual)),
        `${T.lparen}${T.diff} ${diff > 0 ? "+" : ""}${fmt(Math.round(diff * 1e6) / 1e6)}${T.rparen}`,
      ),
    );
  }
  if (d.related.length) {
    li.append(
      el(
        "div",
        { class: "f-rel" },
        `${T.figures}${T.colon}`,
        ...d.related.map((x) =>
          el("button", { type: "button", class: "chip", onclick: () => selectSpan(i, x.span) }, x.label),
        ),
      ),
    );
  }
  const meta = el(
    "div",
    { class: "f-meta" },
    T.line(d.span.line, d.span.column),
    " · ",
    el("a", { href: `#rule/${d.code}`, class: "f-rule", onclick: (e) => (e.preventDefault(), showRule(d.code)) }, `${T.rule} ${d.code}`),
  );
  li.append(meta);
  if (d.fix) {
    const from = doc.sliceString(Math.min(d.fix.span.start, doc.length), Math.min(d.fix.span.end, doc.length));
    li.append(
      el("button", { type: "button", class: "fix", onclick: () => applyFix(d) }, T.fix(from, d.fix.replacement)),
    );
  }
  return li;
}

function select(i, { scroll = true, focusEditor = true } = {}) {
  const d = S.report && S.report.diagnostics[i];
  if (!d) return;
  S.selected = i;
  const len = view.state.doc.length;
  const from = Math.min(d.span.start, len);
  const to = Math.min(d.span.end, len);
  view.dispatch({
    selection: { anchor: from, head: to },
    effects: [setFindings.of({ report: S.report, selected: i }), ...(scroll ? [EditorView.scrollIntoView(from, { y: "center" })] : [])],
  });
  for (const x of document.querySelectorAll(".finding.selected")) x.classList.remove("selected");
  const item = document.querySelector(`.finding[data-index="${i}"]`);
  if (item) {
    item.classList.add("selected");
    item.scrollIntoView({ block: "nearest" });
  }
  if (focusEditor) view.focus();
}

function selectSpan(i, span) {
  select(i, { focusEditor: false });
  const len = view.state.doc.length;
  view.dispatch({
    selection: { anchor: Math.min(span.start, len), head: Math.min(span.end, len) },
    effects: EditorView.scrollIntoView(Math.min(span.start, len), { y: "center" }),
  });
  view.focus();
}

/** The next (dir 1) or previous (-1) finding in panel order. */
function step(dir) {
  if (!S.order.length) return true;
  const at = S.order.indexOf(S.selected);
  const k = at < 0 ? (dir > 0 ? 0 : S.order.length - 1) : (at + dir + S.order.length) % S.order.length;
  select(S.order[k]);
  return true;
}

function applyFix(d) {
  const len = view.state.doc.length;
  const from = Math.min(d.fix.span.start, len);
  const to = Math.min(d.fix.span.end, len);
  view.dispatch({
    changes: { from, to, insert: d.fix.replacement },
    selection: { anchor: from, head: from + d.fix.replacement.length },
    scrollIntoView: true,
  });
  schedule(0);
  view.focus();
}

function showRule(code) {
  const r = S.rules.get(code);
  const dlg = $("#doc");
  const body = $("#doc-body");
  body.replaceChildren(
    el("h2", {}, code),
    r ? el("p", { class: "doc-summary" }, `${t().severity[r.severity]} — ${r.summary}`) : null,
    r ? renderMarkdown(r.doc) : el("p", {}, "—"),
  );
  if (!dlg.open) dlg.showModal();
}

// ---------------------------------------------------------------- input

function onPaste(e, v) {
  const html = e.clipboardData && e.clipboardData.getData("text/html");
  if (!html || !/<table/i.test(html)) return false;
  // A table copied from Word, WPS or a web page: keep its rows and cells
  // (the core renders HTML tables as tab-separated rows), don't flatten.
  e.preventDefault();
  ready
    .then(() => request({ type: "check", kind: "html", data: html }))
    .then((m) => {
      v.dispatch(v.state.replaceSelection(m.text));
      v.dispatch({ scrollIntoView: true });
    })
    .catch((err) => status(err.message, "error"));
  return true;
}

function kindOf(name) {
  const n = name.toLowerCase();
  if (n.endsWith(".docx")) return "docx";
  if (n.endsWith(".html") || n.endsWith(".htm")) return "html";
  return "text";
}

async function checkFile(file) {
  const buf = await file.arrayBuffer();
  await ready;
  return request({ type: "check", kind: kindOf(file.name), data: buf }, [buf]);
}

async function openFiles(files) {
  files = files.filter((f) => f && f.size >= 0);
  if (!files.length) return;
  if (files.length === 1) {
    try {
      const m = await checkFile(files[0]);
      showBatch(false);
      setDoc(m.text, m.report);
      status(`${files[0].name} · ${t().checkedIn(Math.round(m.ms))}`);
    } catch (e) {
      status(`${t().readFailed} ${files[0].name}: ${e.message}`, "error");
    }
    return;
  }
  S.batch = files.map((f) => ({ name: f.name, report: null, text: null, error: null }));
  showBatch(true);
  renderBatch();
  for (const [k, f] of files.entries()) {
    try {
      const m = await checkFile(f);
      S.batch[k].report = m.report;
      S.batch[k].text = m.text;
    } catch (e) {
      S.batch[k].error = e.message;
    }
    renderBatch();
  }
}

// ---------------------------------------------------------------- batch view

function showBatch(on) {
  $("#batch").hidden = !on;
  $("#workspace").hidden = on;
  $("#to-batch").hidden = on || !S.batch.length;
}

function countsOf(r) {
  const c = { error: 0, warning: 0, info: 0 };
  for (const d of r.diagnostics) c[d.severity]++;
  return c;
}

function renderBatch() {
  const T = t();
  $("#batch-rows").replaceChildren(
    ...S.batch.map((b, k) => {
      const c = b.report ? countsOf(b.report) : null;
      return el(
        "tr",
        {
          tabIndex: 0,
          class: b.report ? "" : "pending",
          onclick: () => openBatchRow(k),
          onkeydown: (e) => e.key === "Enter" && openBatchRow(k),
        },
        el("td", {}, b.name),
        el("td", {}, b.report ? String(b.report.year ?? "—") : ""),
        el("td", {}, b.report ? T.template[b.report.template] || b.report.template : ""),
        el("td", { class: "num sev-error" }, c ? `${ICON.error} ${c.error}` : ""),
        el("td", { class: "num sev-warning" }, c ? `${ICON.warning} ${c.warning}` : ""),
        el("td", { class: "num sev-info" }, c ? `${ICON.info} ${c.info}` : ""),
        el("td", {}, b.error ? `${T.readFailed}: ${b.error}` : b.report ? "✓" : "…"),
      );
    }),
  );
}

function openBatchRow(k) {
  const b = S.batch[k];
  if (!b || !b.report) return;
  showBatch(false);
  setDoc(b.text, b.report);
  status(b.name);
}

function csv(rows) {
  const q = (v) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  // A BOM, so that spreadsheet programs read the Chinese as UTF-8.
  return "\uFEFF" + rows.map((r) => r.map(q).join(",")).join("\r\n") + "\r\n";
}

function findingsRows() {
  const rows = [["file", "year", "template", "severity", "code", "line", "column", "text", "expected", "actual", "message"]];
  for (const b of S.batch) {
    if (!b.report) continue;
    for (const d of b.report.diagnostics) {
      rows.push([
        b.name,
        b.report.year,
        b.report.template,
        d.severity,
        d.code,
        d.span.line,
        d.span.column,
        b.text.slice(d.span.start, d.span.end),
        d.expected,
        d.actual,
        d.message,
      ]);
    }
  }
  return rows;
}

function tableRows() {
  const rows = [["file", "year", "template", "table", "row", "column", "value", "raw", "line", "column_in_line"]];
  for (const b of S.batch) {
    if (!b.report) continue;
    for (const key of ["proactive", "applications", "reviews"]) {
      const table = b.report[key];
      if (!table) continue;
      for (const [row, cells] of Object.entries(table)) {
        for (const [col, c] of Object.entries(cells || {})) {
          if (!c) continue;
          rows.push([b.name, b.report.year, b.report.template, key, row, col, c.value, c.raw, c.span.line, c.span.column]);
        }
      }
    }
  }
  return rows;
}

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ---------------------------------------------------------------- chrome

function renderStatic() {
  const T = t();
  document.documentElement.lang = S.lang === "zh" ? "zh-CN" : "en";
  document.title = `gongkai · ${T.title}`;
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = T[e.dataset.i18n];
  view.contentDOM.setAttribute("aria-label", T.editor);
}

function bind() {
  $("#open").addEventListener("click", () => $("#file").click());
  $("#file").addEventListener("change", (e) => {
    openFiles([...e.target.files]);
    e.target.value = "";
  });
  $("#sample").addEventListener("click", () => setDoc(SAMPLE));
  $("#clear").addEventListener("click", () => {
    setDoc("");
    view.focus();
  });
  $("#lang").addEventListener("click", () => {
    S.lang = S.lang === "zh" ? "en" : "zh";
    localStorage.setItem(STORE_LANG, S.lang);
    renderStatic();
    renderFindings();
    if (S.batch.length) renderBatch();
    schedule(0);
  });
  $("#batch-back").addEventListener("click", () => showBatch(false));
  $("#to-batch").addEventListener("click", () => showBatch(true));
  $("#export-findings").addEventListener("click", () => download("gongkai-findings.csv", "text/csv;charset=utf-8", csv(findingsRows())));
  $("#export-tables").addEventListener("click", () => download("gongkai-tables.csv", "text/csv;charset=utf-8", csv(tableRows())));
  $("#export-json").addEventListener("click", () =>
    download(
      "gongkai-reports.json",
      "application/json",
      JSON.stringify(S.batch.map((b) => ({ file: b.name, error: b.error, ...(b.report || {}) })), null, 1),
    ),
  );
  $("#doc-close").addEventListener("click", () => $("#doc").close());
  $("#findings").addEventListener("keydown", (e) => {
    if (e.key === "j" || e.key === "ArrowDown") {
      e.preventDefault();
      focusItem(1);
    } else if (e.key === "k" || e.key === "ArrowUp") {
      e.preventDefault();
      focusItem(-1);
    } else if (e.key === "Enter" && e.target.classList.contains("finding")) {
      select(Number(e.target.dataset.index));
    }
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "F8" && !view.hasFocus) {
      e.preventDefault();
      step(e.shiftKey ? -1 : 1);
    }
  });
  // Drop anywhere: one file opens in the editor, several open the batch view.
  let depth = 0;
  window.addEventListener("dragenter", (e) => {
    if (e.dataTransfer && [...e.dataTransfer.types].includes("Files")) {
      depth++;
      document.body.classList.add("dragging");
    }
  });
  window.addEventListener("dragleave", () => {
    if (--depth <= 0) {
      depth = 0;
      document.body.classList.remove("dragging");
    }
  });
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => {
    e.preventDefault();
    depth = 0;
    document.body.classList.remove("dragging");
    if (e.dataTransfer && e.dataTransfer.files.length) openFiles([...e.dataTransfer.files]);
  });
}

function focusItem(dir) {
  const items = [...document.querySelectorAll(".finding")];
  if (!items.length) return;
  const at = items.indexOf(document.activeElement);
  const next = items[(at + dir + items.length) % items.length] || items[0];
  next.focus();
  select(Number(next.dataset.index), { focusEditor: false });
}

renderStatic();
bind();
status(t().loading);
startWorker();
schedule(0);

// For the browser tests and the timing script.
window.__gongkai = { view, state: S, select, step, openFiles, get ready() {
    return ready;
  } };
