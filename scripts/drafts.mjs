// Drafts of a given size for the benchmarks (scripts/bench-browser.mjs,
// scripts/bench-node.mjs): seed 004 grown with paragraphs of its own
// section 一, so that every size is a realistic report with the same tables.
import { readFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
export const seed = readFileSync(new URL("tests/corpus/seeds/004_94bb7cf4c5429941.txt", root), "utf8");

/** Seed 004 grown to at least `bytes` UTF-8 bytes. */
export function draftOf(bytes) {
  const at = seed.indexOf("二、主动公开政府信息情况");
  const para = seed.slice(seed.indexOf("一是主动公开方面"), seed.indexOf("二是依申请公开方面"));
  let text = seed;
  while (Buffer.byteLength(text) < bytes) text = text.slice(0, at) + para + text.slice(at);
  return text;
}
