/**
 * The hostile corpus: every file in fixtures/hostile/ with the outcome the loader must give it,
 * plus inputs too big to commit, generated here. Records come from pull requests; none of these
 * may execute anything, pollute a prototype, throw, hang or expand without bound.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

/**
 * Counts the bytes loadRecord pulls out of each file it opens, through node:fs or
 * node:fs/promises, so the size-limit test can prove that an oversized file is refused from its
 * size alone, before it is read whole. The wrappers are transparent: every call goes to the real
 * module. A sanity test checks that a normal read is seen, so the spy cannot pass vacuously.
 */
const io = vi.hoisted(() => ({ bytesRead: new Map<string, number>(), fdPath: new Map<number, string>() }));
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  const count = (path: string | undefined, n: number) => {
    if (path !== undefined) io.bytesRead.set(path, (io.bytesRead.get(path) ?? 0) + n);
  };
  const size = (data: unknown) => (typeof data === "string" ? Buffer.byteLength(data) : (data as Uint8Array).length);
  const pathOf = (p: unknown) => (typeof p === "number" ? io.fdPath.get(p) : String(p));
  const wrapped = {
    openSync: (...args: unknown[]) => {
      const fd = (real.openSync as (...a: unknown[]) => number)(...args);
      io.fdPath.set(fd, String(args[0]));
      return fd;
    },
    readSync: (...args: unknown[]) => {
      const n = (real.readSync as (...a: unknown[]) => number)(...args);
      count(pathOf(args[0]), n);
      return n;
    },
    readFileSync: (...args: unknown[]) => {
      const data = (real.readFileSync as (...a: unknown[]) => unknown)(...args);
      count(pathOf(args[0]), size(data));
      return data;
    },
  };
  const mod = { ...real, ...wrapped };
  return { ...mod, default: mod };
});
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const count = (path: unknown, n: number) => io.bytesRead.set(String(path), (io.bytesRead.get(String(path)) ?? 0) + n);
  const size = (data: unknown) => (typeof data === "string" ? Buffer.byteLength(data) : (data as Uint8Array).length);
  const open = async (...args: unknown[]) => {
    const handle = await (real.open as (...a: unknown[]) => Promise<import("node:fs/promises").FileHandle>)(...args);
    const readFile = handle.readFile.bind(handle) as (...a: unknown[]) => Promise<unknown>;
    const read = handle.read.bind(handle) as (...a: unknown[]) => Promise<{ bytesRead: number }>;
    Object.assign(handle, {
      readFile: async (...a: unknown[]) => {
        const data = await readFile(...a);
        count(args[0], size(data));
        return data;
      },
      read: async (...a: unknown[]) => {
        const r = await read(...a);
        count(args[0], r.bytesRead);
        return r;
      },
    });
    return handle;
  };
  const readFile = async (...args: unknown[]) => {
    const data = await (real.readFile as (...a: unknown[]) => Promise<unknown>)(...args);
    count(args[0], size(data));
    return data;
  };
  const mod = { ...real, open, readFile };
  return { ...mod, default: mod };
});

import { evaluate } from "../../src/evaluate.js";
import type { FindingCode } from "../../src/record/findings.js";
import { loadRecord } from "../../src/record/load.js";
import { MAX_RECORD_BYTES, parseRecord, type LoadResult } from "../../src/record/parse.js";
import { MAX_LINE_CHARS } from "../../src/record/blocks.js";
import { createBuilder } from "../../src/record/read/builder.js";
import { readLine } from "../../src/record/read/lines.js";
import { lineState } from "../../src/record/read/state.js";
import { defaultRegistry } from "../../src/record/registry/labels.js";
import { readQuantity } from "../../src/record/quantity/quantity.js";
import { parseTokenCount } from "../../src/record/quantity/token-count.js";
import { normalizeText } from "../../src/record/quantity/text.js";
import { fixture, run } from "../helpers.js";
import { BUDGET_MS, expectSaneReport, expectWellFormedErrors, prototypePolluted, timed, timedAsync } from "./shared.js";

const DIR = fixture("hostile");
const MARKER_PREFIX = "/tmp/migrate-eval-hostile-marker-";

type Expected =
  | { error: FindingCode; line?: number | null; count?: number }
  | { ok: true; warning?: FindingCode; reportWarning?: FindingCode };

/** File → what loadRecord must make of it. */
const CORPUS: ReadonlyArray<[file: string, expected: Expected]> = [
  // Frontmatter languages other than YAML: gray-matter would eval JavaScript and CoffeeScript.
  ["frontmatter-js-writes-marker.txt", { error: "frontmatter-language", line: 1 }],
  ["frontmatter-javascript-writes-marker.txt", { error: "frontmatter-language", line: 1 }],
  ["frontmatter-js-after-bom-writes-marker.txt", { error: "frontmatter-language", line: 1 }],
  ["frontmatter-js-crlf-writes-marker.txt", { error: "frontmatter-language", line: 1 }],
  ["frontmatter-space-js-writes-marker.txt", { error: "frontmatter-language", line: 1 }],
  ["frontmatter-coffee-writes-marker.txt", { error: "frontmatter-language", line: 1 }],
  ["frontmatter-json.txt", { error: "frontmatter-language", line: 1 }],
  ["frontmatter-toml.txt", { error: "frontmatter-language", line: 1 }],
  ["frontmatter-yaml-then-js.txt", { error: "frontmatter-language", line: 1 }],
  // Spellings of YAML itself are read.
  ["frontmatter-space-yaml.txt", { ok: true }],
  ["frontmatter-uppercase-yaml.txt", { ok: true }],
  ["frontmatter-yml.txt", { ok: true }],
  ["frontmatter-four-dashes.txt", { error: "no-frontmatter", line: 1 }],
  ["no-frontmatter.txt", { error: "no-frontmatter", line: 1 }],
  // YAML tags: only the core ones (str, int, …); language and custom tags are refused.
  ["yaml-tag-js-function.txt", { error: "yaml-tag", line: 6 }],
  ["yaml-tag-js-undefined.txt", { error: "yaml-tag", line: 6 }],
  ["yaml-tag-js-regexp.txt", { error: "yaml-tag", line: 6 }],
  ["yaml-tag-python-object.txt", { error: "yaml-tag", line: 6 }],
  ["yaml-tag-local.txt", { error: "yaml-tag", line: 6 }],
  ["yaml-tag-verbatim-js.txt", { error: "yaml-tag", line: 6 }],
  ["yaml-tag-binary.txt", { error: "yaml-tag", line: 6 }],
  ["yaml-core-tags-allowed.txt", { ok: true }],
  // Expansion and shape.
  ["yaml-billion-laughs.txt", { error: "yaml-aliases" }],
  ["yaml-deep-block-nesting.txt", { error: "yaml-too-deep" }],
  ["yaml-duplicate-keys.txt", { error: "yaml-syntax", line: 6 }],
  ["yaml-proto-keys.txt", { ok: true, warning: "unsafe-key" }],
  ["yaml-merge-key-proto.txt", { ok: true, warning: "unsafe-key" }],
  ["frontmatter-list.txt", { error: "frontmatter-not-map" }],
  ["frontmatter-scalar.txt", { error: "frontmatter-not-map" }],
  ["frontmatter-empty.txt", { error: "frontmatter-invalid" }],
  ["frontmatter-unclosed.txt", { error: "frontmatter-unclosed", line: 1 }],
  // Numbers.
  ["number-overflow-1e400-metric.txt", { error: "frontmatter-invalid", line: 7, count: 1 }],
  ["number-overflow-1e400-usage.txt", { error: "frontmatter-invalid", line: 6, count: 1 }],
  ["number-overflow-1e400-tier.txt", { error: "frontmatter-invalid", line: 6, count: 1 }],
  ["number-overflow-body-cell.txt", { ok: true, warning: "unreadable-value" }],
  ["zero-prices.txt", { ok: true, reportWarning: "zero-baseline" }],
  ["zero-success-rate.txt", { ok: true, reportWarning: "zero-success-rate" }],
  ["zero-baseline.txt", { ok: true, reportWarning: "zero-baseline" }],
  // Bytes.
  ["random-binary.txt", { error: "file-binary", line: null }],
  ["random-binary-no-nul.txt", { error: "invalid-utf8", line: null }],
  ["invalid-utf8-c3-28.txt", { error: "invalid-utf8", line: null }],
  ["invalid-utf8-in-body.txt", { error: "invalid-utf8", line: null }],
  ["utf8-overlong-slash.txt", { error: "invalid-utf8", line: null }],
  ["utf8-encoded-surrogate.txt", { error: "invalid-utf8", line: null }],
  ["utf16le-with-bom.txt", { error: "file-binary", line: null }],
  ["nul-in-body.txt", { error: "file-binary", line: null }],
  ["empty.txt", { error: "file-empty", line: null }],
  ["whitespace-only.txt", { error: "file-empty", line: null }],
  ["bom-only.txt", { error: "file-empty", line: null }],
  ["cr-only-line-endings.txt", { ok: true }],
  // Numbers that lie: leading digits are never the figure (test/hostile/numbers.test.ts reads them line by line).
  ["numbers-that-lie.txt", { ok: true, warning: "unreadable-value" }],
  ["numbers-european-decimal-prices.txt", { ok: true }],
  ["frontmatter-amounts-that-lie.txt", { error: "frontmatter-invalid", line: 7, count: 4 }],
];

const MARKER_FILES = CORPUS.map(([f]) => f).filter((f) => f.includes("writes-marker"));
const markers = () => readdirSync("/tmp").filter((f) => `/tmp/${f}`.startsWith(MARKER_PREFIX));
const removeMarkers = () => markers().forEach((f) => rmSync(`/tmp/${f}`, { force: true }));

function expectOutcome(result: LoadResult, file: string, expected: Expected): void {
  if ("error" in expected) {
    expect(result.ok, JSON.stringify(result.ok ? result.record.warnings : null)).toBe(false);
    if (result.ok) return;
    expectWellFormedErrors(result.errors);
    expect(result.errors.map((e) => e.code)).toContain(expected.error);
    expect(result.errors[0]!.code).toBe(expected.error);
    for (const e of result.errors) expect(e.file).toBe(file);
    if (expected.line !== undefined) expect(result.errors[0]!.line).toBe(expected.line);
    if (expected.count !== undefined) expect(result.errors).toHaveLength(expected.count);
    return;
  }
  expect(result.ok, JSON.stringify(result.ok ? null : result.errors)).toBe(true);
  if (!result.ok) return;
  if (expected.warning) expect(result.record.warnings.map((w) => w.code)).toContain(expected.warning);
  for (const w of result.record.warnings) expect(w.line === null || (Number.isInteger(w.line) && w.line > 0)).toBe(true);
  const report = evaluate(result.record);
  expectSaneReport(report);
  if (expected.reportWarning) expect(report.warnings.map((w) => w.code)).toContain(expected.reportWarning);
}

describe("fixtures/hostile corpus", () => {
  beforeAll(removeMarkers);
  afterAll(() => {
    // Nothing in the corpus, by any path through the code, ever ran frontmatter code.
    expect(markers()).toEqual([]);
    expect(prototypePolluted()).toEqual([]);
  });

  it("has an entry for every file, and a file for every entry", () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort();
    expect(files).toEqual(CORPUS.map(([f]) => f).sort());
  });

  it.each(CORPUS)("%s → %j", async (name, expected) => {
    const file = join(DIR, name);
    const { value: result, ms } = await timedAsync(() => loadRecord(file));
    expectOutcome(result, file, expected);
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(prototypePolluted()).toEqual([]);
  });

  it.each(MARKER_FILES)("%s: frontmatter code never runs (loadRecord, parseRecord, validate, batch)", async (name) => {
    removeMarkers();
    const file = join(DIR, name);
    await loadRecord(file);
    parseRecord(readFileSync(file, "utf8"), file);
    const validate = run(["validate", file]);
    expect(validate.status).toBe(1);
    expect(validate.stderr).toMatch(/frontmatter language .* is refused/);
    const batch = run(["batch", file, "--format", "json"]);
    expect(batch.status).toBe(2);
    expect(markers()).toEqual([]);
  });

  it("__proto__ / constructor / prototype keys are dropped with a warning each, and pollute nothing", async () => {
    const result = await loadRecord(join(DIR, "yaml-proto-keys.txt"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const record = result.record as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(record.polluted).toBeUndefined();
    expect(JSON.stringify(record)).not.toContain("polluted");
    const unsafe = result.record.warnings.filter((w) => w.code === "unsafe-key");
    // __proto__, constructor, prototype at the top; metrics.__proto__; self_host.constructor.
    expect(unsafe).toHaveLength(5);
    expect(unsafe.every((w) => w.line !== null && w.line > 1)).toBe(true);
    // The real metric next to the hostile key is still read.
    const llama = result.record.models.find((m) => m.role === "old");
    expect(llama?.metrics.mmlu?.value).toBe(68.4);
    expect(prototypePolluted()).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("generated hostile inputs", () => {
  let tmp = "";
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), "migrate-eval-hostile-"));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  beforeEach(() => io.bytesRead.clear());

  const FM = "---\nid: HOSTILE_GEN\ntitle: generated\nold_model: Llama 3.1 8B\nnew_model: Qwen2.5 14B\n";
  const record = (frontmatterExtra: string, body: string) => `${FM}${frontmatterExtra}---\n${body}`;

  function parseTimed(text: string): { result: LoadResult; ms: number } {
    const { value, ms } = timed(() => parseRecord(text, "<generated>"));
    return { result: value, ms };
  }

  it("10,000-deep nested flow sequences [[[…]]] are refused on their line, without a crash", () => {
    const { result, ms } = parseTimed(record(`deep: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`, "body\n"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expectWellFormedErrors(result.errors);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: "yaml-too-deep", line: 6 });
    expect(ms).toBeLessThan(2 * BUDGET_MS);
  });

  it("10,000-deep nested flow maps {a: {a: …}} are refused, without a crash", () => {
    const { result, ms } = parseTimed(record(`deep: ${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}\n`, "body\n"));
    expect(result.ok).toBe(false);
    if (!result.ok) expectWellFormedErrors(result.errors);
    expect(ms).toBeLessThan(2 * BUDGET_MS);
  });

  it.each([40, 100, 1000])("%i-deep nesting is read within the depth limit and refused beyond it", (depth) => {
    const { result } = parseTimed(record(`deep: ${"[".repeat(depth)}${"]".repeat(depth)}\n`, "body\n"));
    if (depth <= 40) expect(result.ok).toBe(true);
    else if (depth === 100) expect(result.ok ? null : result.errors[0]!.code).toBe("yaml-too-deep");
    else expect(result.ok).toBe(false);
  });

  it("a table with 10,000 columns loads with a truncated-table warning", () => {
    const cols = 10_000;
    const header = `| Metric | Llama 3.1 8B | Qwen2.5 14B |${Array.from({ length: cols - 3 }, (_, i) => ` M${i} |`).join("")}`;
    const rule = `|${"---|".repeat(cols)}`;
    const row = `| MMLU | 60% | 70% |${" 1% |".repeat(cols - 3)}`;
    const { result, ms } = parseTimed(record("", `${header}\n${rule}\n${row}\n${row}\n`));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.warnings.map((w) => w.code)).toContain("truncated-table");
    // The columns within the limit are still read.
    expect(result.record.models.find((m) => m.role === "new")?.metrics.mmlu?.value).toBe(70);
    expectSaneReport(evaluate(result.record));
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  const MB = 1024 * 1024;
  it.each([
    ["letters", "a"],
    ["digits", "1"],
    ["pipes", "|"],
    ["brackets", "["],
    ["emphasis", "*a"],
    ["backticks", "`"],
    ["blockquote markers", ">"],
    ["Japanese", "件中"],
    ["arrows", "→"],
  ])("a single 1 MB line of %s loads in bounded time", (_name, unit) => {
    const line = unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
    const { result, ms } = parseTimed(record("", `| Metric | Llama 3.1 8B | Qwen2.5 14B |\n|---|---|---|\n| MMLU | 60% | 70% |\n\n${line}\n`));
    expect(result.ok).toBe(true);
    if (result.ok) expectSaneReport(evaluate(result.record));
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("a 1 MB single line in the frontmatter is refused as frontmatter-too-large", () => {
    const { result, ms } = parseTimed(record(`note: ${"a".repeat(MB)}\n`, "body\n"));
    expect(result.ok ? null : result.errors[0]!.code).toBe("frontmatter-too-large");
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("a file one byte over the 5 MB limit is refused by loadRecord from its size, before it is read", async () => {
    const file = join(tmp, "just-over-limit.md");
    const head = record("", "| Metric | A | B |\n|---|---|---|\n| MMLU | 60% | 70% |\n\n");
    writeFileSync(file, head + "a".repeat(MAX_RECORD_BYTES + 1 - Buffer.byteLength(head)));
    const { value: result, ms } = await timedAsync(() => loadRecord(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.code).toBe("file-too-large");
    expect(result.errors[0]!.file).toBe(file);
    expect(result.errors[0]!.message).toContain(String(MAX_RECORD_BYTES + 1));
    // Not a byte of it was read: the size came from the open handle's stat.
    expect(io.bytesRead.get(file) ?? 0).toBe(0);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("a file of exactly 5 MB is not refused for its size (the limit is inclusive)", async () => {
    const file = join(tmp, "at-limit.md");
    const head = record("", "| Metric | A | B |\n|---|---|---|\n| MMLU | 60% | 70% |\n\n");
    writeFileSync(file, head + "a".repeat(MAX_RECORD_BYTES - Buffer.byteLength(head)));
    const result = await loadRecord(file);
    expect(result.ok, JSON.stringify(result.ok ? null : result.errors)).toBe(true);
    // Sanity check of the spy above: a file that is read is seen being read, in full.
    expect(io.bytesRead.get(file)).toBe(MAX_RECORD_BYTES);
  });

  it("a sparse 8 GiB file is refused at once, its size read from stat (reading it would take minutes)", async () => {
    const file = join(tmp, "sparse-8g.md");
    writeFileSync(file, "");
    truncateSync(file, 8 * 1024 ** 3);
    const { value: result, ms } = await timedAsync(() => loadRecord(file));
    expect(result.ok ? null : result.errors[0]!.code).toBe("file-too-large");
    expect(io.bytesRead.get(file) ?? 0).toBe(0);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("parseRecord on a string over 5 MB (in UTF-8 bytes) is refused as file-too-large", () => {
    // 1.8M three-byte characters: under the limit in characters, over it in bytes.
    const text = record("", `${"件".repeat(1_800_000)}\n`);
    expect(text.length).toBeLessThan(MAX_RECORD_BYTES);
    const { result, ms } = parseTimed(text);
    expect(result.ok ? null : result.errors[0]!.code).toBe("file-too-large");
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("a NUL byte after the first 8 KB of valid UTF-8 is still refused as binary", async () => {
    const file = join(tmp, "late-nul.md");
    writeFileSync(file, record("", `${"x".repeat(9000)}\n\u0000\n`));
    const result = await loadRecord(file);
    expect(result.ok ? null : result.errors[0]!.code).toBe("file-binary");
  });

  it("a missing file, a folder and /dev/zero are errors, not throws", async () => {
    const missing = await loadRecord(join(tmp, "missing.md"));
    expect(missing.ok ? null : missing.errors[0]!.code).toBe("file-unreadable");
    const folder = await loadRecord(tmp);
    expect(folder.ok ? null : folder.errors[0]!.code).toBe("file-unreadable");
    if (existsSync("/dev/zero")) {
      const { value: zero, ms } = await timedAsync(() => loadRecord("/dev/zero"));
      expect(zero.ok ? null : zero.errors[0]!.code).toBe("file-unreadable");
      expect(ms).toBeLessThan(BUDGET_MS);
    }
  });
});

/**
 * Long hostile lines aimed at each pattern of line-rules.ts and units.ts: 100,000 repetitions of
 * the fragment that would make the pattern backtrack, if it could. Through parseRecord (the real
 * path) and, because blocks.ts drops lines over MAX_LINE_CHARS before any pattern sees them,
 * also straight into the line reader at the longest length it is ever given.
 */
describe("long hostile lines, for every pattern", () => {
  const REPS = 100_000;
  const FM = "---\nid: HOSTILE_LINES\ntitle: lines\nold_model: Llama 3.1 8B\nnew_model: Qwen2.5 14B\n---\n";
  // [pattern under attack, prefix that routes the line to it, fragment repeated]
  const ATTACKS: ReadonlyArray<[string, string, string]> = [
    ["line-rules USAGE", "Monthly usage: ", "1,"],
    ["line-rules USAGE", "usage", " "],
    ["line-rules USAGE", "月次使用量: ", "1."],
    ["line-rules USAGE", "Monthly usage: 1 input, ", "1"],
    ["line-rules DOLLARS", "Llama 3.1 8B: ", "$1 + "],
    ["line-rules DOLLARS", "Llama 3.1 8B: $", "1,"],
    ["line-rules PRICE", "GPT-3.5 Turbo: ", "$1/1M input, "],
    ["line-rules PRICE", "GPT-3.5 Turbo: $", "1,"],
    ["line-rules MONTHLY_TAIL", "GPT-3.5 Turbo: $0.50/1M Input, $1.50/1M Output ", "→ "],
    ["line-rules MONTHLY_TAIL", "GPT-3.5 Turbo: $0.50/1M Input, $1.50/1M Output → ", " "],
    ["line-rules MONTHLY_TAIL", "GPT-3.5 Turbo: $0.50/1M Input, $1.50/1M Output → $", "1,"],
    ["line-rules MEAN / P95", "Mixtral 8x7B: ", "平均"],
    ["line-rules MEAN / P95", "Mixtral 8x7B: 平均 ", "p95 "],
    ["line-rules MEAN / P95", "Mixtral 8x7B: mean ", " "],
    ["line-rules COMPAT_JA", "", "1"],
    ["line-rules COMPAT_JA", "", "1,"],
    ["line-rules COMPAT_JA", "互換性: ", "件中"],
    ["line-rules COMPAT_JA", "互換性: ", "1件中"],
    ["line-rules COMPAT_EN", "compat: ", "1 of "],
    ["line-rules COMPAT_EN", "compat: ", "1 "],
    ["line-rules SELF_HOST", "初期投資: ", "$"],
    ["line-rules SELF_HOST", "損益分岐点: ", "1,"],
    ["line-rules COST_CHANGE", "", "コスト"],
    ["line-rules COST_CHANGE", "", "effective "],
    ["line-rules COST_CHANGE / THRESHOLD_AFTER", "コスト削減: -20%", " "],
    ["line-rules VERSUS", "Cost reduction ", "vs "],
    ["line-rules ARROW", "Task success rate: 1", " "],
    ["line-rules ARROW", "Task success rate: ", "→"],
    ["line-rules ARROW", "Task success rate: ", "->"],
    ["line-rules ARROW / stated change", "Task success rate: 1% → 2% ", "(+"],
    ["line-rules SAMPLE", "Task success rate: 1% → 2% ", "n="],
    ["line-rules splitLabel", "", ": "],
    ["units NUMBER", "MMLU: ", "1,"],
    ["units NUMBER", "MMLU: +$", "1"],
    ["units NUMBER", "MMLU: 1", ".1"],
    ["units MAGNITUDE / UNIT", "MMLU: 1", "K"],
    ["units UNIT", "MMLU: 1", "/1M"],
    ["units QUALIFIERS", "MMLU: ", "約"],
    ["units QUALIFIERS", "MMLU: ", "about "],
    ["units normalizeText", "MMLU: ", "**"],
    ["units normalizeText", "MMLU: ", "－１"],
  ];

  it.each(ATTACKS)("%s: %j + %j × 100,000 through parseRecord", (_pattern, prefix, fragment) => {
    const long = prefix + fragment.repeat(REPS);
    const text = `${FM}${long}\n\n- ${long}\n\n| Metric | Llama 3.1 8B | Qwen2.5 14B |\n|---|---|---|\n| MMLU | ${long} | 70% |\n`;
    const { value: result, ms } = timed(() => parseRecord(text, "<long line>"));
    expect(result.ok).toBe(true);
    if (result.ok) expectSaneReport(evaluate(result.record));
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it.each(ATTACKS)("%s: %j + %j at MAX_LINE_CHARS straight into the line reader", (_pattern, prefix, fragment) => {
    const text = (prefix + fragment.repeat(MAX_LINE_CHARS)).slice(0, MAX_LINE_CHARS);
    const b = createBuilder("Llama 3.1 8B", "Qwen2.5 14B", defaultRegistry(), { decimal: null });
    const { ms } = timed(() => readLine(b, lineState(), { kind: "line", text: normalizeText(text), line: 7, heading: "", headings: [], parents: [], group: 1 }));
    expect(ms).toBeLessThan(BUDGET_MS / 4);
  });

  it.each(ATTACKS)("%s: %j + %j × 100,000 straight into parseQuantity / parseTokenCount", (_pattern, prefix, fragment) => {
    const text = prefix.replace(/^[^:]*:\s*/, "") + fragment.repeat(REPS);
    const { ms } = timed(() => {
      const normal = normalizeText(text);
      readQuantity(normal, 0, { decimal: null });
      readQuantity(normal, 1, { decimal: null });
      parseTokenCount(text);
    });
    expect(ms).toBeLessThan(BUDGET_MS);
  });
});
