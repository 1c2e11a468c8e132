import type { Diagnostic, Report } from "./index.js";

/** `<gongkai-checker for="textarea-id" lang="zh|en" template="2021|2019" delay="400" wasm="url">`:
 * checks the textarea as the author types and emits `gongkai-result`
 * (CustomEvent<Report>). */
export class GongkaiChecker extends HTMLElement {
  /** The last report. */
  result: Report | null;
  /** The attached textarea. */
  readonly target: HTMLTextAreaElement | HTMLInputElement | null;
  /** Checks after the debounce delay (or `delay` ms). */
  schedule(delay?: number): void;
  /** Checks now; resolves to the report (null if the text changed meanwhile). */
  run(): Promise<Report | null>;
  /** Selects a finding's text in the textarea. */
  select(d: Diagnostic): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "gongkai-checker": GongkaiChecker;
  }
  interface HTMLElementEventMap {
    "gongkai-result": CustomEvent<Report>;
  }
}
