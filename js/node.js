// gongkai for Node: the same API as the browser entry; the wasm is read from
// disk (synchronously, on first use or at init()).
//
//   import { check } from "gongkai";
//   const report = check(fs.readFileSync("report.txt", "utf8"));
import { readFileSync } from "node:fs";
import { glue, makeApi, markReady, isReady } from "./api.js";

const wasmUrl = new URL("../pkg/gongkai_wasm_bg.wasm", import.meta.url);

function ensure() {
  if (!isReady()) {
    glue.initSync({ module: readFileSync(wasmUrl) });
    markReady();
  }
}

/** Loads the module (optional: every call loads it on first use). */
export async function init(input) {
  if (input !== undefined && !isReady()) {
    await glue.default({ module_or_path: await input });
    markReady();
  }
  ensure();
}

export function initSync(module) {
  if (!isReady()) {
    glue.initSync({ module: module ?? readFileSync(wasmUrl) });
    markReady();
  }
}

const api = makeApi(ensure);
export const { check, checkHtml, checkAuto, checkDocx, htmlToText, rules, version } = api;
