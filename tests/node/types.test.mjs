// The package's TypeScript types against what it really returns: every
// seed's report (and an HTML and a .docx check, and the rule registry) is
// written as an object literal typed with the package's own types, and
// `tsc --strict` compiles it. Object literals get excess-property checks, so
// a key the types lack, a key they require that the output lacks, or a value
// of the wrong type fails the test. A second file uses the API and proves
// that nothing is `any`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as gk from "gongkai";

const root = new URL("../../", import.meta.url);
const out = new URL("tests/artifacts/types/", root);
const tsc = fileURLToPath(new URL("node_modules/typescript/bin/tsc", root));
const pkg = fileURLToPath(new URL("js/index.js", root));
const element = fileURLToPath(new URL("js/element.js", root));

function compile(files) {
  try {
    execFileSync(
      process.execPath,
      [
        tsc,
        "--noEmit",
        "--strict",
        "--exactOptionalPropertyTypes",
        "--target",
        "es2022",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
        "--lib",
        "es2022,dom",
        ...files.map((f) => fileURLToPath(new URL(f, out))),
      ],
      { encoding: "utf8", stdio: "pipe" },
    );
    return "";
  } catch (e) {
    return (e.stdout || "") + (e.stderr || "") || String(e);
  }
}

test("every report the package returns fits its declared types", () => {
  mkdirSync(out, { recursive: true });
  const seedDir = new URL("tests/corpus/seeds/", root);
  const reports = readdirSync(seedDir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => gk.check(readFileSync(new URL(f, seedDir), "utf8")));
  const seed004 = readFileSync(new URL("004_94bb7cf4c5429941.txt", seedDir), "utf8");
  reports.push(gk.check(seed004, { lang: "en", template: "2019" }));
  reports.push(gk.checkHtml("<table><tr><td rowspan=2>本年新收</td><td>1</td></tr></table>"));
  reports.push(gk.check(""));
  const docx = readdirSync(new URL("tests/golden/", root)).find((f) => f.endsWith(".docx"));
  if (docx) reports.push(gk.checkDocx(readFileSync(new URL(`tests/golden/${docx}`, root))));
  // Fixes, related cells, null cells and every severity occur among these.
  const all = reports.flatMap((r) => r.diagnostics);
  assert.ok(all.some((d) => d.fix) && all.some((d) => d.severity === "warning"));
  assert.ok(docx === undefined || reports.some((r) => r.input === "docx" && typeof r.text === "string"));

  const lines = [`import type { Report, Rule } from ${JSON.stringify(pkg)};`];
  reports.forEach((r, i) => lines.push(`export const r${i}: Report = ${JSON.stringify(r)};`));
  lines.push(`export const rules: Rule[] = ${JSON.stringify(gk.rules())};`);
  writeFileSync(new URL("reports.ts", out), lines.join("\n") + "\n");
  const errors = compile(["reports.ts"]);
  assert.equal(errors, "", `the output does not fit the declared types:\n${errors.slice(0, 4000)}`);
});

test("the API is typed: no any, and misuse does not compile", () => {
  mkdirSync(out, { recursive: true });
  const good = `
import { init, check, checkDocx, rules, version } from ${JSON.stringify(pkg)};
import type { Report, Diagnostic, Cell } from ${JSON.stringify(pkg)};
import ${JSON.stringify(element)};
await init();
const r: Report = check("text", { lang: "en", template: "2021" });
const year: number | null = r.year;
const d: Diagnostic | undefined = r.diagnostics[0];
const code: string | undefined = d?.code;
const cell: Cell | null | undefined = r.applications?.["new"]?.["natural_person"];
const v: number | null | undefined = cell?.value;
const n: number = rules().length + version().length;
const x: Report = checkDocx(new Uint8Array());
const el = document.createElement("gongkai-checker");
export { year, code, v, n, x, el };
`;
  writeFileSync(new URL("good.ts", out), good);
  assert.equal(compile(["good.ts"]), "");
  // Each line must fail to compile: were anything \`any\`, it would not.
  const bad = [
    `const s: string = check("t").year;`,
    `check("t", { lang: "fr" });`,
    `check("t", { template: 2021 });`,
    `const k: number = check("t").diagnostics[0]!.code;`,
    `const b: boolean = check("t").template;`,
    `checkDocx("not bytes");`,
  ];
  bad.forEach((line, i) => {
    writeFileSync(
      new URL(`bad${i}.ts`, out),
      `import { check, checkDocx } from ${JSON.stringify(pkg)};\n${line}\nexport {};\n`,
    );
  });
  const errors = compile(bad.map((_, i) => `bad${i}.ts`));
  bad.forEach((line, i) => {
    assert.ok(errors.includes(`bad${i}.ts(`), `compiles although it should not: ${line}\n${errors}`);
  });
});
