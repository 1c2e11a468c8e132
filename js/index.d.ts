// Types of the npm package `gongkai` (browser and Node entries alike). The
// model types are hand-written in crates/wasm/src/lib.rs and emitted into
// pkg/gongkai_wasm.d.ts by wasm-bindgen.
import type { CheckOptions, Report, Rule } from "../pkg/gongkai_wasm.js";

export type {
  CheckOptions,
  Report,
  Rule,
  Span,
  Cell,
  Row,
  Table,
  Section,
  Severity,
  Related,
  Fix,
  Diagnostic,
  ProseFigure,
} from "../pkg/gongkai_wasm.js";

/** What init() accepts: where or what the .wasm is. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads the WebAssembly module. In the browser, call (and await) it once
 * before any check; with no argument it fetches `gongkai_wasm_bg.wasm` next
 * to the package's glue. In Node it is optional. */
export function init(input?: InitInput | Promise<InitInput>): Promise<void>;
/** Synchronous init from the module's bytes or a compiled module. */
export function initSync(module?: BufferSource | WebAssembly.Module): void;

/** Checks a plain-text report. Spans are UTF-16 offsets into `text`. */
export function check(text: string, options?: CheckOptions): Report;
/** Checks HTML (a clipboard's text/html, a saved page). Spans refer to `html`. */
export function checkHtml(html: string, options?: CheckOptions): Report;
/** check or checkHtml, whichever the text looks like. */
export function checkAuto(text: string, options?: CheckOptions): Report;
/** Checks a .docx file's bytes. Spans refer to the returned `text`. Throws
 * an Error when the bytes are not a readable .docx. */
export function checkDocx(bytes: Uint8Array, options?: CheckOptions): Report;
/** The text the checker reads from HTML: tables as tab-separated rows. */
export function htmlToText(html: string): string;
/** The rule registry with each rule's documentation (Markdown). */
export function rules(): Rule[];
/** The checker's version. */
export function version(): string;
