// The API shared by the browser and Node entries: the wasm exports, guarded
// so that (1) calling before init() says so, and (2) a trap (a panic in the
// core: a bug) becomes an Error with the panic's message instead of a bare
// `RuntimeError: unreachable`.
import * as glue from "../pkg/gongkai_wasm.js";

let ready = false;

export function markReady() {
  ready = true;
}

export function isReady() {
  return ready;
}

function guard(name, fn, ensure) {
  return (...args) => {
    if (!ready) {
      if (ensure) ensure();
      else throw new Error(`gongkai: call init() before ${name}()`);
    }
    try {
      return fn(...args);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        let why = "";
        try {
          why = glue.takePanicMessage() || "";
        } catch {
          // the instance is unusable: nothing more to say
        }
        throw new Error(`gongkai: internal error in ${name}()${why ? ": " + why : ""} (${e.message})`, {
          cause: e,
        });
      }
      throw e;
    }
  };
}

/** Builds the API; `ensure` (Node) initialises synchronously on first use. */
export function makeApi(ensure) {
  return {
    check: guard("check", glue.check, ensure),
    checkHtml: guard("checkHtml", glue.checkHtml, ensure),
    checkAuto: guard("checkAuto", glue.checkAuto, ensure),
    checkDocx: guard("checkDocx", glue.checkDocx, ensure),
    htmlToText: guard("htmlToText", glue.htmlToText, ensure),
    rules: guard("rules", glue.rules, ensure),
    version: guard("version", glue.version, ensure),
  };
}

export { glue };
