// gongkai for the browser (and bundlers): `await init()`, then check(...).
//
//   import { init, check } from "gongkai";
//   await init();                       // fetches gongkai_wasm_bg.wasm next to the glue
//   const report = check(text);         // spans in UTF-16 units: text.slice(start, end)
//
// init() takes what wasm-bindgen's init takes: a URL, a Response, the bytes
// (ArrayBuffer / Uint8Array) or a compiled WebAssembly.Module — pass the
// bytes to load without fetch (a page whose CSP has connect-src 'none').
import { glue, makeApi, markReady, isReady } from "./api.js";

let pending = null;

export function init(input) {
  if (isReady()) return Promise.resolve();
  if (!pending) {
    pending = Promise.resolve(input)
      .then((i) => glue.default(i === undefined ? undefined : { module_or_path: i }))
      .then(() => markReady())
      .catch((e) => {
        pending = null;
        throw e;
      });
  }
  return pending;
}

/** Synchronous init from the module's bytes or a compiled module. */
export function initSync(module) {
  if (!isReady()) {
    glue.initSync({ module });
    markReady();
  }
}

const api = makeApi(null);
export const { check, checkHtml, checkAuto, checkDocx, htmlToText, rules, version } = api;
