// The checker's Web Worker: the wasm runs here, so typing never waits for a
// check. Messages in: init {wasm: URL string | ArrayBuffer}, check {id, kind,
// data, lang}. Out: ready {version, rules}, result {id, report, ms, text?},
// error {id, message}. Nothing here touches the network except loading the
// .wasm from the page's own origin (not even that in the single-file build).
import { init, check, checkDocx, htmlToText, rules, version } from "../js/index.js";

let lang = "zh";

function decodeText(buf) {
  const bytes = new Uint8Array(buf);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Chinese offices still save GBK/GB18030 text files.
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** The text of a file, as the editor will show it. */
function fileText(kind, data) {
  if (kind === "text" || kind === "live") return typeof data === "string" ? data : decodeText(data);
  if (kind === "html") return htmlToText(typeof data === "string" ? data : decodeText(data));
  throw new Error("unknown kind " + kind);
}

self.onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.type === "init") {
      await init(m.wasm);
      self.postMessage({ type: "ready", version: version(), rules: rules() });
    } else if (m.type === "check") {
      lang = m.lang || lang;
      const t0 = performance.now();
      let report, text;
      if (m.kind === "docx") {
        report = checkDocx(new Uint8Array(m.data), { lang });
        text = report.text;
      } else {
        text = fileText(m.kind, m.data);
        report = check(text, { lang });
      }
      const ms = performance.now() - t0;
      // The editor already holds the text of a live check: don't send it back.
      self.postMessage({ type: "result", id: m.id, report, ms, text: m.kind === "live" ? undefined : text });
    }
  } catch (err) {
    self.postMessage({ type: "error", id: m.id, message: String((err && err.message) || err) });
  }
};
