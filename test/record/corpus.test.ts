/**
 * The record corpus (fixtures/corpus): records in many hands, each with a hand-computed
 * `.expected.json` (the contract is fixtures/corpus/README.md). One table over all of them checks
 * every expected figure, the usage, the cost, the self-hosting figures, the audit and the verdict;
 * a property over the whole corpus checks that no figure is ever silently wrong.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module shared with `npm run corpus`, typed by its JSDoc.
import { compareRecord, summarise } from "../../scripts/corpus-compare.mjs";
import { evaluate } from "../../src/evaluate.js";
import { parseRecord } from "../../src/record/parse.js";
import { foldName } from "../../src/record/read/names.js";
import { keyForLabel } from "../../src/record/registry/labels.js";
import { fixture } from "../helpers.js";

interface Check {
  what: string;
  line: number | null;
  name: string;
  expected: unknown;
  actual: unknown;
  status: "ok" | "absent" | "missing" | "wrong" | "extra";
}

const DIR = fixture("corpus");
const NAMES = readdirSync(DIR).filter((f) => f.endsWith(".expected.json")).map((f) => f.replace(/\.expected\.json$/, "")).sort();

/**
 * Figures the reader refuses, with a warning on their line, although a careful reader takes them.
 * Each is named here with the reason; one that starts being read fails the test, so this list
 * only ever shrinks.
 */
const REFUSED_BY_DESIGN: Readonly<Record<string, readonly string[]>> = {};

/**
 * Records migrate-eval refuses as a whole, with the error it gives, although a careful reader takes
 * them: each is a form the tool does not support yet, named with the reason. The record gets a clear
 * `file:line` error instead of figures; one that starts being read fails the test.
 */
const UNREADABLE: Readonly<Record<string, { code: string; why: string }>> = {
  "holdout2-rfq-llama33-70b-hosting-providers": {
    code: "frontmatter-invalid",
    why: "old and new are one model at two hosts (`Llama 3.3 70B (Together AI)` → `(DeepInfra)`): models are told apart by name, not by host",
  },
};

function checksOf(name: string): Check[] {
  const text = readFileSync(join(DIR, `${name}.md`), "utf8");
  const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), "utf8"));
  const loaded = parseRecord(text, `${name}.md`);
  if (!loaded.ok) throw new Error(`${name}: ${JSON.stringify(loaded.errors)}`);
  return compareRecord(expected, loaded.record, evaluate(loaded.record), { keyForLabel, foldName }) as Check[];
}

const READ = NAMES.filter((n) => !Object.hasOwn(UNREADABLE, n));
const ALL = new Map(READ.map((n) => [n, checksOf(n)]));
const show = (c: Check) => `${c.what} ${c.name} (line ${c.line ?? "—"}): expected ${JSON.stringify(c.expected)}, got ${JSON.stringify(c.actual)} [${c.status}]`;

describe("the corpus", () => {
  it("has at least 30 records, each with its expected file", () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(30);
    for (const n of NAMES) expect(readdirSync(DIR)).toContain(`${n}.md`);
  });

  it.each(Object.entries(UNREADABLE))("%s: refused as a whole with a clear error", (name, { code }) => {
    const loaded = parseRecord(readFileSync(join(DIR, `${name}.md`), "utf8"), `${name}.md`);
    expect(loaded.ok, "this record is now read: take it off UNREADABLE").toBe(false);
    if (!loaded.ok) expect(loaded.errors.map((e) => [e.code, typeof e.line])).toEqual([[code, "number"]]);
  });

  it.each(READ)("%s: every expected figure, cost, audit line and the verdict", (name) => {
    const checks = ALL.get(name)!;
    const known = new Set(REFUSED_BY_DESIGN[name] ?? []);
    const failures = checks.filter((c) => c.status !== "ok" && !known.has(`${c.what} ${c.name} ${c.line}`) && !(c.what === "audit" && c.status === "absent"));
    expect(failures.map(show)).toEqual([]);
    for (const k of known) expect(checks.find((c) => `${c.what} ${c.name} ${c.line}` === k)?.status, `${k} is now read: take it off the list`).not.toBe("ok");
  });
});

describe("a property over the whole corpus", () => {
  const checks = [...ALL.values()].flat();

  it("every figure the tool reports is the expected one, or absent with a warning on its line", () => {
    const silent = checks.filter((c) => c.status === "wrong" || c.status === "extra" || c.status === "missing");
    expect(silent.map(show)).toEqual([]);
  });

  it("no stated result is reported as a mismatch unless the expected file says it does not hold", () => {
    expect(checks.filter((c) => c.what === "audit" && c.status === "wrong").map(show)).toEqual([]);
  });

  it("reads nearly every figure: the share is measured, not assumed", () => {
    const values = summarise(checks).value as { ok: number; absent: number; missing: number; wrong: number };
    const total = values.ok + values.absent + values.missing + values.wrong;
    // 1,238 of 1,240 when this was written (`npm run corpus`); a fall below 95 % is a regression.
    expect(values.ok / total).toBeGreaterThan(0.95);
  });
});
