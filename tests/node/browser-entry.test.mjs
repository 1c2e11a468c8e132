// The browser entry (js/index.js) run in Node: init() first, from bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as gk from "../../js/index.js";

test("the browser entry refuses to check before init(), then works from the wasm bytes", async () => {
  assert.throws(() => gk.check("x"), (e) => e instanceof Error && /init\(\)/.test(e.message));
  const bytes = readFileSync(new URL("../../pkg/gongkai_wasm_bg.wasm", import.meta.url));
  await Promise.all([gk.init(bytes), gk.init(bytes)]);
  const text = readFileSync(new URL("../corpus/seeds/004_94bb7cf4c5429941.txt", import.meta.url), "utf8");
  const r = gk.check(text);
  const figures = r.diagnostics
    .filter((d) => d.code.startsWith("applications."))
    .map((d) => text.slice(d.span.start, d.span.end))
    .sort();
  assert.deepEqual(figures, ["52", "55"]);
});
