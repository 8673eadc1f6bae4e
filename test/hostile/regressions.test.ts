/**
 * Regression tests for the bugs the hostile-input review found: each `it` is one finding, with
 * the input that exposed it. Time bounds are generous: they catch hangs and quadratic blow-ups
 * (seconds to minutes at these sizes), not slow machines.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluate.js";
import { MAX_LINE_CHARS } from "../../src/record/blocks.js";
import { MAX_MODELS } from "../../src/record/read/builder.js";
import { MAX_WARNINGS } from "../../src/record/findings.js";
import { loadRecord, loadRecordSync } from "../../src/record/load.js";
import { keyForLabel as slugForLabel } from "../../src/record/registry/labels.js";
import { parseRecord, type LoadResult } from "../../src/record/parse.js";
import type { LoadedRecord } from "../../src/record/schema.js";
import { parsePolicy } from "../../src/rules/parse-policy.js";
import { BIN, fixture, ROOT, run, type Run } from "../helpers.js";
import { expectSaneReport, expectWellFormedErrors, nonFiniteNumbers, prototypePolluted, timed } from "./shared.js";

/**
 * A guard against work that grows faster than the input (a quadratic pass over 1 MB takes
 * minutes), not a measure of speed: `npm run bench` measures and reports the time these take.
 */
const MB_BUDGET_MS = 10_000;
const OLD = "Llama 3.1 8B";
const NEW = "Qwen2.5 14B";
/** Frontmatter of five lines: the first extra frontmatter line is line 6. */
const FM = `---\nid: REGRESSION\ntitle: regression\nold_model: ${OLD}\nnew_model: ${NEW}\n`;
const record = (frontmatterExtra: string, body: string) => `${FM}${frontmatterExtra}---\n${body}`;
/** `n` copies of `text`, each its own paragraph (or list). */
const paragraphs = (text: string, n = 250) => `${Array.from({ length: n }, () => text).join("\n\n")}\n`;

function parseTimed(text: string): { result: LoadResult; ms: number } {
  const { value, ms } = timed(() => parseRecord(text, "<regression>"));
  return { result: value, ms };
}

function expectOk(result: LoadResult): LoadedRecord {
  expect(result.ok, JSON.stringify(result.ok ? null : result.errors)).toBe(true);
  if (!result.ok) throw new Error("unreachable");
  return result.record;
}

function expectError(result: LoadResult, code: string): LoadResult & { ok: false } {
  expect(result.ok, JSON.stringify(result.ok ? result.record.warnings : null)).toBe(false);
  if (result.ok) throw new Error("unreachable");
  expectWellFormedErrors(result.errors);
  expect(result.errors[0]!.code).toBe(code);
  return result;
}

const codes = (r: LoadedRecord) => r.warnings.map((w) => w.code);
const count = (r: LoadedRecord, code: string) => r.warnings.filter((w) => w.code === code).length;

/** Every string in `value`, keys included. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

/** Spawns the built CLI like `run`, with a shorter timeout: a hang fails instead of stalling. */
function runWithin(args: string[], timeout: number): Run & { timedOut: boolean } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", CI: "1" },
    encoding: "utf8",
    timeout,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, timedOut: (r.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT" };
}

interface BatchJson {
  reports: Array<{ record: { file: string }; verdict: string }>;
  errors: Array<{ file: string; line: number | null; message: string }>;
}

function parseBatchJson(r: Run): BatchJson {
  try {
    return JSON.parse(r.stdout) as BatchJson;
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${r.status}):\n${r.stdout.slice(0, 2000)}\nstderr:\n${r.stderr.slice(0, 2000)}`);
  }
}

function mkfifoAvailable(): boolean {
  const dir = mkdtempSync(join(tmpdir(), "migrate-eval-fifo-probe-"));
  try {
    execFileSync("mkfifo", [join(dir, "probe")], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const HAS_MKFIFO = mkfifoAvailable();

let tmp = "";
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "migrate-eval-regressions-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  expect(prototypePolluted()).toEqual([]);
});

describe("hostile-input regressions", () => {
  it("1. many models: a price list, a model table and frontmatter alternatives are capped", () => {
    // 24,000 price lines, each naming a new model (about 1 MB).
    const prices = Array.from({ length: 24_000 }, (_, i) => `- Model ${i}: $0.5/1M Input, $1.5/1M Output`).join("\n");
    const list = parseTimed(record("", `## Pricing\n\n${prices}\n`));
    expect(record("", prices).length).toBeGreaterThan(1_000_000);
    expect(list.ms).toBeLessThan(MB_BUDGET_MS);
    const fromList = expectOk(list.result);
    expect(fromList.models.length).toBeLessThanOrEqual(MAX_MODELS);
    expect(count(fromList, "too-many-models")).toBe(1);
    // The models within the limit are still read.
    expect(fromList.models.find((m) => m.name === "Model 0")?.metrics.price_input?.value).toBe(0.5);
    expectSaneReport(evaluate(fromList));

    // A model-per-row table with 5,000 rows.
    const rows = Array.from({ length: 5_000 }, (_, i) => `| Model ${i} | ${50 + (i % 40)}% |`).join("\n");
    const table = parseTimed(record("", `| Model | MMLU |\n|---|---|\n${rows}\n`));
    expect(table.ms).toBeLessThan(MB_BUDGET_MS);
    const fromTable = expectOk(table.result);
    expect(fromTable.models.length).toBeLessThanOrEqual(MAX_MODELS);
    expect(count(fromTable, "too-many-models")).toBe(1);
    expectSaneReport(evaluate(fromTable));

    // Frontmatter alternatives: 60 are read, 61 are refused.
    const alternatives = (n: number) => `alternatives:\n${Array.from({ length: n }, (_, i) => `  - model: Alt ${i}\n    price_input: 1\n`).join("")}`;
    const sixty = expectOk(parseTimed(record(alternatives(60), "body\n")).result);
    expect(sixty.models.length).toBe(62);
    const { result: over, ms } = parseTimed(record(alternatives(61), "body\n"));
    const refused = expectError(over, "frontmatter-invalid");
    expect(refused.errors[0]!.message).toMatch(/alternatives/);
    expect(refused.errors[0]!.message).toMatch(/60/);
    expect(ms).toBeLessThan(MB_BUDGET_MS);
  });

  // [name, body]: about 1 MB each, lines kept at or under MAX_LINE_CHARS so every pattern sees them.
  const QUADRATIC: ReadonlyArray<[string, string]> = [
    ["3,990 digits then 件中, 250 paragraphs", paragraphs(`${"1".repeat(3990)}件中`)],
    ["3,990 digits then 件中, 250 lines of one paragraph", `${Array.from({ length: 250 }, () => `${"1".repeat(3990)}件中`).join("\n")}\n`],
    ["`1,` × 1,995, 250 paragraphs", paragraphs("1,".repeat(1995))],
    ["`1,` × 1,995, 250 lines of one paragraph", `${Array.from({ length: 250 }, () => "1,".repeat(1995)).join("\n")}\n`],
    ["a price line, → and 3,960 spaces, 250 times", paragraphs(`- X: $0.50/1M Input, $1.50/1M Output →${" ".repeat(3960)}`)],
    ["a price line, → and 3,950 spaces then a letter, 250 times", paragraphs(`- X: $0.50/1M Input, $1.50/1M Output →${" ".repeat(3950)}x`)],
    ["Monthly usage: and 3,990 spaces, 250 times", paragraphs(`Monthly usage:${" ".repeat(3990)}`)],
    ["Monthly usage: and 3,980 spaces then a digit, 250 times", paragraphs(`Monthly usage:${" ".repeat(3980)}1`)],
    ["a label, `1` × 3,990 then →, 250 times", paragraphs(`MMLU: ${"1".repeat(3990)}→`)],
    ["Task success rate: `1` × 3,975 then →, 250 times", paragraphs(`Task success rate: ${"1".repeat(3975)}→`)],
  ];

  it.each(QUADRATIC)("2. quadratic patterns: %s parses in bounded time", (_name, body) => {
    const text = record("", body);
    expect(text.length).toBeGreaterThan(990_000);
    const { result, ms } = parseTimed(text);
    expect(ms).toBeLessThan(MB_BUDGET_MS);
    expectSaneReport(evaluate(expectOk(result)));
  });

  it("3. cyclic YAML aliases are yaml-cycle errors, in records and in policies, never a throw", () => {
    for (const cycle of ["loop: &x [*x]\n", "loop: &x {self: *x}\n"]) {
      let result: LoadResult | undefined;
      expect(() => {
        result = parseRecord(record(cycle, "body\n"), "<cycle>");
      }).not.toThrow();
      const failed = expectError(result!, "yaml-cycle");
      expect(failed.errors[0]!.file).toBe("<cycle>");

      let policy: ReturnType<typeof parsePolicy> | undefined;
      expect(() => {
        policy = parsePolicy(cycle, "<cycle policy>");
      }).not.toThrow();
      expect(policy!.ok).toBe(false);
      if (policy!.ok) continue;
      expectWellFormedErrors(policy!.errors);
      expect(policy!.errors[0]!.code).toBe("yaml-cycle");
      expect(policy!.errors[0]!.file).toBe("<cycle policy>");
    }
  });

  it("4. labels named after Object.prototype members are plain metrics and pollute nothing", () => {
    const LABELS = ["constructor", "__proto__", "toString", "hasOwnProperty"];
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).map((k) => [k, Object.getOwnPropertyDescriptor(Object.prototype, k)]);
    const { toString, hasOwnProperty } = Object.prototype;

    const arrows = LABELS.map((l) => `- ${l}: 1 → 2`).join("\n");
    const metricRows = LABELS.map((l) => `| ${l} | 3 | 4 |`).join("\n");
    const modelTable = `| Model | ${LABELS.join(" | ")} |\n|---|---|---|---|---|\n| Mixtral 8x7B | 9 | 10 | 11 | 12 |\n| constructor | 13 | 14 | 15 | 16 |`;
    const inputs: ReadonlyArray<[string, string, (r: LoadedRecord, key: string, i: number) => void]> = [
      ["arrow lines", `## Quality\n\n${arrows}\n`, (r, key) => {
        expect(r.models.find((m) => m.role === "old")!.metrics[key]?.value).toBe(1);
        expect(r.models.find((m) => m.role === "new")!.metrics[key]?.value).toBe(2);
      }],
      ["metric table rows", `| Metric | ${OLD} | ${NEW} |\n|---|---|---|\n${metricRows}\n`, (r, key) => {
        expect(r.models.find((m) => m.role === "old")!.metrics[key]?.value).toBe(3);
        expect(r.models.find((m) => m.role === "new")!.metrics[key]?.value).toBe(4);
      }],
      ["model table headers", `${modelTable}\n`, (r, key, i) => {
        expect(r.models.find((m) => m.name === "Mixtral 8x7B")!.metrics[key]?.value).toBe(9 + i);
        expect(r.models.find((m) => m.name === "constructor")!.metrics[key]?.value).toBe(13 + i);
      }],
    ];
    for (const [name, body, check] of inputs) {
      let result: LoadResult | undefined;
      expect(() => {
        result = parseRecord(record("", body), `<${name}>`);
      }, name).not.toThrow();
      const r = expectOk(result!);
      LABELS.forEach((label, i) => {
        const key = slugForLabel(label);
        expect(Object.hasOwn(r.metricInfo, key), `${name}: metricInfo.${key}`).toBe(true);
        check(r, key, i);
      });
      for (const m of r.models) expect(Object.getPrototypeOf(m.metrics)).toBe(Object.prototype);
      const report = evaluate(r);
      expectSaneReport(report);
      if (name !== "model table headers") {
        for (const label of LABELS) expect(report.metrics.map((m) => m.key)).toContain(slugForLabel(label));
      }
    }
    expect(prototypePolluted()).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).map((k) => [k, Object.getOwnPropertyDescriptor(Object.prototype, k)])).toEqual(protoBefore);
    expect(Object.prototype.toString).toBe(toString);
    expect(Object.prototype.hasOwnProperty).toBe(hasOwnProperty);
    expect({}.constructor).toBe(Object);
  });

  it("5. numbers beyond a double: no throw, no prompt_compat of 0, no Infinity in the record or report", () => {
    const big = `1${"0".repeat(400)}`;
    const LINES = [
      `- X: $0/1M Input, $${big}/1M Output`,
      `- X: $0 + $0 = $${big}`,
      `- ${big} of ${big} prompts passed`,
      `- ${big}件中1件正常動作`,
      `Task success rate: 60% → 70% (n=${big})`,
    ];
    for (const line of LINES) {
      let result: LoadResult | undefined;
      expect(() => {
        result = parseRecord(record("", `## Prompt compatibility\n\n${line}\n`), "<big>");
      }, line.slice(0, 40)).not.toThrow();
      const r = expectOk(result!);
      for (const m of r.models) expect(m.metrics.prompt_compat?.value, `${m.name}: ${line.slice(0, 40)}`).not.toBe(0);
      expect(nonFiniteNumbers(r), line.slice(0, 40)).toEqual([]);
      expect(JSON.stringify(r)).not.toContain("Infinity");
      const report = evaluate(r);
      expectSaneReport(report);
      expect(JSON.stringify(report)).not.toContain("Infinity");
      for (const m of report.metrics.filter((x) => x.key === "prompt_compat")) {
        expect(m.baseline).not.toBe(0);
        expect(m.candidate).not.toBe(0);
      }
    }
    // A sample size past any real evaluation set is refused with a warning, not cut to 16 digits.
    for (const n of [big, "12345678901234567890"]) {
      const r = expectOk(parseRecord(record("", `- Task success rate: 60% → 70% (n=${n})\n`), "<n>"));
      expect(r.samples.task_success).toBeUndefined();
      expect(r.warnings.map((w) => w.code)).toContain("unreadable-value");
    }
    // Sanity check: the same lines with ordinary figures are read, so the routes above are live.
    const sane = expectOk(parseRecord(record("", "## Prompt compatibility\n\n- 3 of 4 prompts passed\n"), "<sane>"));
    expect(sane.models.find((m) => m.role === "new")?.metrics.prompt_compat?.value).toBe(75);
  });

  it.skipIf(!HAS_MKFIFO)("6. a FIFO named x.md is `not a regular file` at once, in the loader, batch and validate", async () => {
    const dir = join(tmp, "fifo");
    mkdirSync(dir);
    const fifo = join(dir, "x.md");
    execFileSync("mkfifo", [fifo]);
    const good = join(dir, "good.md");
    copyFileSync(fixture("records/english-hold-rollback.md"), good);

    // Through the CLI first, under a timeout: a regression there fails rather than hangs.
    const batch = runWithin(["batch", dir, "--format", "json"], 20_000);
    expect(batch.timedOut, "batch hung on the FIFO").toBe(false);
    expect(batch.status).toBe(2);
    const json = parseBatchJson(batch);
    expect(json.reports.map((x) => x.record.file)).toEqual([good]);
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0]!.file).toBe(fifo);
    expect(json.errors[0]!.message).toMatch(/not a regular file/);
    expect(batch.stderr).toContain(fifo);

    const validate = runWithin(["validate", dir], 20_000);
    expect(validate.timedOut, "validate hung on the FIFO").toBe(false);
    expect(validate.status).toBe(1);
    expect(validate.stderr).toContain(fifo);
    expect(validate.stderr).toMatch(/not a regular file/);
    expect(validate.stdout).toMatch(/1 valid/);
    expect(`${validate.stdout}\n${validate.stderr}`).not.toContain(`${good}:`);

    const sync = timed(() => loadRecordSync(fifo));
    expect(sync.ms).toBeLessThan(1000);
    const asyncStart = performance.now();
    const loaded = await loadRecord(fifo);
    expect(performance.now() - asyncStart).toBeLessThan(1000);
    for (const result of [sync.value, loaded]) {
      const failed = expectError(result, "file-unreadable");
      expect(failed.errors).toHaveLength(1);
      expect(failed.errors[0]!.file).toBe(fifo);
      expect(failed.errors[0]!.message).toMatch(/not a regular file/);
      expect(failed.errors[0]!.line).toBeNull();
    }
  });

  it("7. deep nesting is yaml-too-deep quickly; 40-deep flow nesting still loads", () => {
    const DEEP: ReadonlyArray<[string, string, number]> = [
      ["`- ` × 100,000 on one line", `${"- ".repeat(100_000)}x\n`, 6],
      ["`- ` × 100,000 on one line under a key", `deep:\n  ${"- ".repeat(100_000)}x\n`, 7],
      ["`[` × 128,000", `deep: ${"[".repeat(128_000)}\n`, 6],
    ];
    for (const [name, yaml, line] of DEEP) {
      const { result, ms } = parseTimed(record(yaml, "body\n"));
      const failed = expectError(result, "yaml-too-deep");
      expect(failed.errors[0]!.line, name).toBe(line);
      expect(ms, name).toBeLessThan(MB_BUDGET_MS);
    }
    // `key: - - - …` is not YAML (a sequence cannot start on its key's line): an error, in bounded time.
    const sameLine = parseTimed(record(`deep: ${"- ".repeat(100_000)}\n`, "body\n"));
    expect(sameLine.result.ok).toBe(false);
    if (!sameLine.result.ok) expectWellFormedErrors(sameLine.result.errors);
    expect(sameLine.ms).toBeLessThan(MB_BUDGET_MS);

    expectOk(parseTimed(record(`deep: ${"[".repeat(40)}${"]".repeat(40)}\n`, "body\n")).result);
    expectOk(parseTimed(record(`deep: ${"{a: ".repeat(40)}1${"}".repeat(40)}\n`, "body\n")).result);
  });

  it("8. many frontmatter keys load; a duplicate key names its line; 201 metrics are refused", () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i.toString(36)}: ${i}\n`).join("");
    const many = parseTimed(record(keys, "| Metric | A | B |\n|---|---|---|\n| MMLU | 60% | 70% |\n"));
    expect(many.ms).toBeLessThan(3000);
    const r = expectOk(many.result);
    // Unknown keys are kept by the schema and ignored by the record: nothing about them is reported.
    expect(r.id).toBe("REGRESSION");
    expect(r.warnings).toEqual([]);
    expect(JSON.stringify(r)).not.toContain("k1a");
    expectSaneReport(evaluate(r));

    // The first `a` is on line 6, the second on line 8.
    const dup = expectError(parseRecord(record("a: 1\nb: 2\na: 3\n", "body\n"), "<dup>"), "yaml-syntax");
    expect(dup.errors[0]!.line).toBe(8);
    expect(dup.errors[0]!.message).toMatch(/duplicate key "a"/);

    const metrics = (n: number) => `metrics:\n${Array.from({ length: n }, (_, i) => `  m${i}: {old: 1, new: 2}\n`).join("")}`;
    expectOk(parseRecord(record(metrics(200), "body\n"), "<200>"));
    const over = expectError(parseTimed(record(metrics(201), "body\n")).result, "frontmatter-invalid");
    expect(over.errors[0]!.message).toMatch(/metrics/);
    expect(over.errors[0]!.message).toMatch(/200/);
  });

  it("9. control characters never reach the record or the terminal; markdown cannot be injected", async () => {
    const ESC = "\u001b";
    const BEL = "\u0007";
    const RLO = "\u202e";
    const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    const source = readFileSync(fixture("records/english-hold-rollback.md"), "utf8");
    const hostileOld = `Gemma 2 9B${ESC}[1m${BEL}`;
    const hostileNew = `Gemma${RLO} 2 27B${ESC}]0;pwned${BEL}`;
    const hostile = source
      .replace("id: GENAI_MODEL_UPDATE_108", `id: "ID${ESC}[31mRED${BEL}${RLO}x"`)
      .replace(/^title: .*$/m, `title: "T${ESC}]0;pwned${BEL} ${ESC}[2J${RLO}evil"`)
      .replace('old_model: "Gemma 2 9B"', `old_model: "${hostileOld}"`)
      .replace('new_model: "Gemma 2 27B"', `new_model: "${hostileNew}"`)
      .replace("| Metric | Gemma 2 9B | Gemma 2 27B | Change |", `| Metric | ${hostileOld} | ${hostileNew} | Change |`)
      .replace("| **HumanEval** |", `| **Human${ESC}[31mEval${RLO}${BEL}** |`);
    expect(hostile).toContain(ESC);
    const dir = join(tmp, "controls");
    mkdirSync(dir);
    const file = join(dir, `ctl${ESC}[31m${RLO}${BEL}.md`);
    writeFileSync(file, hostile);

    const r = expectOk(await loadRecord(file));
    const leaked = strings(r).filter((s) => FORBIDDEN.test(s));
    expect(leaked).toEqual([]);
    // The labelled row is still read, under its cleaned label.
    expect(Object.values(r.metricInfo).some((m) => m.label.startsWith("Human"))).toBe(true);

    for (const format of ["table", "markdown"]) {
      const out = run(["compare", file, "--format", format], { env: { NO_COLOR: "1" } });
      expect(out.status, out.stderr).toBe(0);
      expect(out.stdout).toContain("HOLD");
      for (const [name, text] of [["stdout", out.stdout], ["stderr", out.stderr]]) {
        for (const ch of [ESC, BEL, RLO]) expect(text!.includes(ch), `${format} ${name} contains U+${ch.codePointAt(0)!.toString(16)}`).toBe(false);
      }
    }

    // Markdown injection through the id and a model name.
    const injected = source
      .replace("id: GENAI_MODEL_UPDATE_108", 'id: "X`\\n\\n## ✅ MIGRATE: all rules pass\\n\\n@everyone"')
      .replaceAll("Gemma 2 27B", "<img src=x onerror=alert(1)>");
    const injectedFile = join(dir, "injected.md");
    writeFileSync(injectedFile, injected);
    const loaded = expectOk(await loadRecord(injectedFile));
    expect(loaded.id).toContain("## ✅ MIGRATE");
    expect(loaded.newModel).toBe("<img src=x onerror=alert(1)>");
    expect(evaluate(loaded).verdict).toBe("HOLD");

    const md = run(["compare", injectedFile, "--format", "markdown"], { env: { NO_COLOR: "1" } });
    expect(md.status, md.stderr).toBe(0);
    const lines = md.stdout.split("\n");
    expect(lines[0]).toMatch(/^## ⛔ HOLD/);
    expect(lines.filter((l) => l.startsWith("## ✅ MIGRATE"))).toEqual([]);
    expect(lines.filter((l) => /^#{1,6} /.test(l) && /MIGRATE/.test(l))).toEqual([]);
    expect(md.stdout).not.toMatch(/(^|[^\\])<img/);
    expect(md.stdout).not.toContain("@everyone");
    expect(md.stdout).toContain("@\u200beveryone");

    // Line breaks in frontmatter values are folded: the table cannot be given a forged line.
    expect(loaded.id).not.toContain("\n");
    const table = run(["compare", injectedFile], { env: { NO_COLOR: "1" } });
    expect(table.stdout.split("\n").filter((l) => l.startsWith("## ✅ MIGRATE") || l.trim() === "@everyone")).toEqual([]);
  });

  it("10. unsafe-key warnings are capped", () => {
    const list = `junk:\n${Array.from({ length: 300 }, () => "  - {__proto__: 1}\n").join("")}`;
    const { result, ms } = parseTimed(record(list, "body\n"));
    const r = expectOk(result);
    const unsafe = count(r, "unsafe-key");
    expect(unsafe).toBeGreaterThan(0);
    expect(unsafe).toBeLessThanOrEqual(MAX_WARNINGS + 1);
    expect(r.warnings.length).toBeLessThanOrEqual(MAX_WARNINGS + 1);
    expect(ms).toBeLessThan(MB_BUDGET_MS);
    expect(prototypePolluted()).toEqual([]);
  });

  it("11. an over-long body line with a figure and an over-long table cell are reported with their line", () => {
    const longLine = `MMLU: 60% → 70% ${"a".repeat(MAX_LINE_CHARS)}`;
    const longCell = "1".repeat(MAX_LINE_CHARS + 100);
    // Lines: frontmatter 1–6, `## Quality` 7, blank 8, long line 9, blank 10, table 11–13.
    const body = `## Quality\n\n${longLine}\n\n| Metric | ${OLD} | ${NEW} |\n|---|---|---|\n| HumanEval | ${longCell} | 70% |\n`;
    const r = expectOk(parseTimed(record("", body)).result);
    expect(r.warnings.filter((w) => w.code === "line-too-long").map((w) => w.line)).toEqual([9]);
    expect(r.warnings.filter((w) => w.code === "cell-too-long").map((w) => w.line)).toEqual([13]);
    // The over-long line is not read; the short cell next to the long one is.
    expect(r.models.find((m) => m.role === "old")?.metrics.mmlu).toBeUndefined();
    expect(r.models.find((m) => m.role === "new")?.metrics.humaneval?.value).toBe(70);
    expect(codes(r)).not.toContain("too-many-findings");
  });

  it("12. a symbolic link loop between two folders: one error, every record once, exit 2", () => {
    const dir = join(tmp, "loop");
    mkdirSync(join(dir, "a"), { recursive: true });
    mkdirSync(join(dir, "b"));
    symlinkSync("../b", join(dir, "a", "to-b"));
    symlinkSync("../a", join(dir, "b", "to-a"));
    copyFileSync(fixture("records/english-hold-rollback.md"), join(dir, "a", "one.md"));
    copyFileSync(fixture("records/english-migrate-clear-win.md"), join(dir, "b", "two.md"));

    const r = runWithin(["batch", dir, "--format", "json"], 20_000);
    expect(r.timedOut, "batch hung in the loop").toBe(false);
    expect(r.status).toBe(2);
    const json = parseBatchJson(r);
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0]!.message).toMatch(/symbolic link loop/);
    // Each record is reported once, by whichever path reached it first.
    const reported = json.reports.map((x) => realpathSync(x.record.file)).sort();
    expect(reported).toEqual([realpathSync(join(dir, "a", "one.md")), realpathSync(join(dir, "b", "two.md"))].sort());
    for (const report of json.reports) expect(["MIGRATE", "HOLD"]).toContain(report.verdict);
  });
});
