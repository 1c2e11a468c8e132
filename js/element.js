// <gongkai-checker for="textarea-id"> — the web component a publishing portal
// drops next to its editor. It checks the textarea's text as the author types
// (debounced; never while an IME composition is open), shows the counts and
// findings, selects a finding's figure in the textarea when one is clicked,
// and emits a `gongkai-result` CustomEvent whose `detail` is the report.
//
//   <textarea id="report"></textarea>
//   <gongkai-checker for="report" lang="zh"></gongkai-checker>
//   <script type="module">
//     import "gongkai/element";
//     document.querySelector("gongkai-checker")
//       .addEventListener("gongkai-result", (e) => console.log(e.detail.diagnostics));
//   </script>
//
// Attributes: for (textarea id), lang ("zh" | "en"), template ("2021" |
// "2019"), delay (debounce, ms; default 400), wasm (URL of the .wasm, when it
// is not next to the glue). Styles go through a constructed stylesheet, so a
// strict CSP (no 'unsafe-inline' styles) is enough.
import { init, check } from "./index.js";

const CSS = `
:host { display: block; font: 14px/1.5 system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; }
.summary { font-weight: 600; margin: 0 0 .25rem; }
ul { list-style: none; margin: 0; padding: 0; max-height: 20rem; overflow: auto; }
li { padding: .2rem .3rem; cursor: pointer; border-left: 3px solid transparent; }
li:hover, li:focus { background: #eef3ff; outline: none; }
li.error { border-left: 3px solid #b00020; }
li.warning { border-left: 3px dotted #8a5a00; }
.icon { display: inline-block; width: 1.4em; font-weight: 700; }
.error .icon { color: #b00020; } .warning .icon { color: #8a5a00; } .info .icon { color: #245; }
.code { color: #555; font-family: ui-monospace, monospace; font-size: 12px; }
`;
const ICON = { error: "✖", warning: "▲", info: "ℹ" };
const TEXT = {
  zh: { ok: "未发现问题", count: (e, w) => `${e} 个错误，${w} 个警告`, loading: "正在加载检查器…" },
  en: { ok: "No problem found", count: (e, w) => `${e} errors, ${w} warnings`, loading: "Loading the checker…" },
};

export class GongkaiChecker extends HTMLElement {
  static get observedAttributes() {
    return ["for", "lang", "template"];
  }

  constructor() {
    super();
    this.result = null;
    this._timer = 0;
    this._composing = false;
    this._target = null;
    const root = this.attachShadow({ mode: "open" });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      // an old browser: unstyled but working
    }
    this._summary = document.createElement("p");
    this._summary.className = "summary";
    this._summary.setAttribute("role", "status");
    this._list = document.createElement("ul");
    root.append(this._summary, this._list);
    this._onInput = () => this.schedule();
    this._onStart = () => {
      this._composing = true;
      clearTimeout(this._timer);
    };
    this._onEnd = () => {
      this._composing = false;
      this.schedule();
    };
  }

  connectedCallback() {
    this._attach();
  }

  disconnectedCallback() {
    this._detach();
    clearTimeout(this._timer);
  }

  attributeChangedCallback(name) {
    if (!this.isConnected) return;
    if (name === "for") this._attach();
    else this.schedule(0);
  }

  /** The attached textarea (or input). */
  get target() {
    return this._target;
  }

  _attach() {
    this._detach();
    const id = this.getAttribute("for");
    const el = id ? this.ownerDocument.getElementById(id) : null;
    if (!el) {
      // The textarea may come later in the document.
      if (id && this.ownerDocument.readyState === "loading") {
        this.ownerDocument.addEventListener("DOMContentLoaded", () => this._attach(), { once: true });
      }
      return;
    }
    this._target = el;
    el.addEventListener("input", this._onInput);
    el.addEventListener("compositionstart", this._onStart);
    el.addEventListener("compositionend", this._onEnd);
    this.schedule(0);
  }

  _detach() {
    const el = this._target;
    if (!el) return;
    el.removeEventListener("input", this._onInput);
    el.removeEventListener("compositionstart", this._onStart);
    el.removeEventListener("compositionend", this._onEnd);
    this._target = null;
  }

  /** Checks after `delay` ms of quiet (the `delay` attribute, 400 by default). */
  schedule(delay) {
    clearTimeout(this._timer);
    if (this._composing) return;
    const ms = delay ?? Number(this.getAttribute("delay") ?? 400);
    this._timer = setTimeout(() => this.run(), ms);
  }

  /** Checks now; resolves to the report (also sent as `gongkai-result`). */
  async run() {
    const el = this._target;
    if (!el || this._composing) return null;
    const lang = this.getAttribute("lang") === "en" ? "en" : "zh";
    const t = TEXT[lang];
    if (!GongkaiChecker._ready) {
      this._summary.textContent = t.loading;
      const wasm = this.getAttribute("wasm");
      GongkaiChecker._ready = init(wasm || undefined);
    }
    await GongkaiChecker._ready;
    const text = el.value;
    const options = { lang };
    const tpl = this.getAttribute("template");
    if (tpl === "2021" || tpl === "2019") options.template = tpl;
    const report = check(text, options);
    if (el.value !== text) return null; // stale: another run is scheduled
    this.result = report;
    this._render(report, t);
    this.dispatchEvent(new CustomEvent("gongkai-result", { detail: report, bubbles: true, composed: true }));
    return report;
  }

  _render(report, t) {
    const ds = report.diagnostics;
    const errors = ds.filter((d) => d.severity === "error").length;
    const warnings = ds.filter((d) => d.severity === "warning").length;
    this._summary.textContent = ds.length ? t.count(errors, warnings) : t.ok;
    const items = ds.map((d) => {
      const li = document.createElement("li");
      li.className = d.severity;
      li.tabIndex = 0;
      const icon = document.createElement("span");
      icon.className = "icon";
      icon.textContent = ICON[d.severity] || "•";
      icon.setAttribute("aria-label", d.severity);
      const code = document.createElement("span");
      code.className = "code";
      code.textContent = ` ${d.code} · ${d.span.line}:${d.span.column}`;
      li.append(icon, d.message, code);
      const select = () => this.select(d);
      li.addEventListener("click", select);
      li.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          select();
        }
      });
      return li;
    });
    this._list.replaceChildren(...items);
  }

  /** Selects a finding's text in the textarea. */
  select(d) {
    const el = this._target;
    if (!el) return;
    el.focus();
    el.setSelectionRange(d.span.start, Math.max(d.span.end, d.span.start));
  }
}

if (typeof customElements !== "undefined" && !customElements.get("gongkai-checker")) {
  customElements.define("gongkai-checker", GongkaiChecker);
}
