/**
 * One row per fixture, figures from fixtures/README.md (§2, §3, §6, §7, §8). Lines are file lines.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FindingCode } from "../../src/record/findings.js";
import { loadRecord } from "../../src/record/load.js";
import { parseRecord } from "../../src/record/parse.js";
import type { Claim, LoadedRecord } from "../../src/record/schema.js";
import { fixture } from "../helpers.js";

/** key, old value, new value (null: the record must not have one), line of both or [old, new]. */
type MetricRow = [key: string, old: number | null, new: number | null, line: number | [number, number]];
type Usage = [input: number, output: number, line: number];

interface RecordCase {
  file: string;
  id: string;
  metrics: MetricRow[];
  /** Omitted: not asserted. */
  usage?: Usage | null;
  warnings: Array<[FindingCode, number]>;
  claims: Array<Partial<Claim>>;
}

const usd = (value: number, line: number, basis: Claim["basis"] = "monthly") => ({ kind: "cost_change" as const, value, unit: "usd" as const, basis, line });
const pct = (value: number, line: number, basis: Claim["basis"] = "monthly") => ({ kind: "cost_change" as const, value, unit: "percent" as const, basis, line });

const RECORDS: RecordCase[] = [
  {
    file: "english-seed-style-cost-up.md", id: "GENAI_MODEL_UPDATE_101",
    metrics: [["mmlu", 68.4, 79.7, 17], ["price_input", 0.15, 0.3, 19], ["price_output", 0.6, 0.9, 20], ["context_window", 16000, 32000, 22],
      ["params_total", 8e9, 14e9, 23], ["task_success", 71, 79, 35], ["attempts", 1.6, 1.3, 37], ["latency_p95", 2, 2.9, [65, 66]], ["prompt_compat", null, 96, 58]],
    usage: [200e6, 40e6, 42], warnings: [],
    claims: [usd(42, 45), pct(78, 45), { kind: "break_even", value: 9e8, unit: "tokens", line: 52 }],
  },
  {
    file: "japanese-structured-frontmatter.md", id: "GENAI_MODEL_UPDATE_102",
    metrics: [["mmlu", 71.3, 79.7, 13], ["humaneval", 61, 75.6, 14], ["price_input", 0.3, 0.18, 15], ["price_output", 0.3, 0.36, 16],
      ["task_success", 70, 78, 17], ["attempts", 1.5, 1.25, 18], ["latency_p95", 2.6, 2.2, 19]],
    usage: [80e6, 20e6, 20], warnings: [],
    claims: [usd(-8.4, 44), pct(-28, 44), { kind: "monthly_cost", subject: "Claude 3 Haiku", value: 45, line: 48 }],
  },
  {
    file: "english-units-ms-per-1k.md", id: "GENAI_MODEL_UPDATE_103",
    metrics: [["mmlu", 70, 82, 17], ["price_input", 0.5, 0.15, 19], ["price_output", 1.5, 0.6, 20], ["latency_mean", 0.85, 0.72, 21],
      ["latency_p95", 1.9, 1.45, 22], ["context_window", 16385, 128000, 23], ["task_success", 66, 81, 30], ["quality_score", 3.8, 4.1, 31],
      ["attempts", 1.8, 1.3, 32], ["prompt_compat", null, 94, 45]],
    // Usage (`about 1,500M Input tokens, 400M Output tokens`, line 37: 1.5e9 / 4e8) is not read yet.
    warnings: [],
    claims: [usd(-885, 40), pct(-66, 40)],
  },
  {
    file: "rows-reordered-other-wording.md", id: "GENAI_MODEL_UPDATE_104",
    metrics: [["latency_p95", 3, 2.6, 17], ["price_output", 0.6, 0.88, 18], ["humaneval", 40.2, 80.5, 19], ["price_input", 0.6, 0.88, 20],
      ["mmlu", 70.6, 86, 21], ["context_window", 32000, 128000, 22], ["task_success", 70, 84, 27], ["attempts", 1.5, 1.2, 28]],
    usage: [120e6, 30e6, 33], warnings: [],
    claims: [usd(42, 36), pct(47, 36), { kind: "monthly_cost", subject: "Mistral Small", value: 210, line: 50 }],
  },
  {
    file: "missing-cost-sections.md", id: "GENAI_MODEL_UPDATE_105",
    metrics: [["mmlu", 64.3, 71.3, 17], ["humaneval", 32.3, 40.2, 18], ["gsm8k", 46.4, 68.6, 19], ["task_success", 64, 73, 27],
      ["price_input", null, null, 0], ["attempts", null, null, 0]],
    usage: null, warnings: [], claims: [],
  },
  {
    file: "crlf-bom-fullwidth.md", id: "GENAI_MODEL_UPDATE_106",
    metrics: [["mmlu", 66.6, 74.2, 17], ["price_input", 0.2, 0.18, 19], ["latency_mean", 0.9, 1, 21], ["context_window", 8000, 128000, 22],
      ["params_total", 8e9, 7.6e9, 23], ["task_success", 68, 75, 30], ["attempts", 1.5, 1.4, 31], ["prompt_compat", null, 92, 44],
      ["latency_p95", 1.6, 1.8, [49, 50]]],
    usage: [60e6, 20e6, 36], warnings: [],
    claims: [usd(-1.6, 39), pct(-10, 39), pct(-16, 40, "retry_adjusted")],
  },
  {
    file: "english-migrate-clear-win.md", id: "GENAI_MODEL_UPDATE_107",
    metrics: [["humaneval", 75.9, 74.3, 18], ["price_input", 0.25, 0.075, 19], ["price_output", 1.25, 0.3, 20], ["context_window", 200000, 1e6, 22],
      ["task_success", 70, 83, 29], ["error_rate", 0.8, 0.5, 31], ["attempts", 1.7, 1.2, 32], ["latency_p95", 1.4, 1.1, [50, 51]]],
    usage: [300e6, 60e6, 37], warnings: [],
    claims: [usd(-109.5, 40), pct(-73, 40)],
  },
  {
    file: "english-hold-rollback.md", id: "GENAI_MODEL_UPDATE_108",
    metrics: [["mmlu", 71.3, 72.9, 17], ["price_input", 0.3, 0.8, 19], ["latency_mean", 1.1, 2, 21], ["params_total", 9e9, 27e9, 22],
      ["task_success", 77, 78, 29], ["error_rate", 0.6, 1.4, 30], ["attempts", 1.4, 1.4, 31], ["latency_p95", 1.9, 3.4, [43, 44]]],
    usage: [100e6, 50e6, 36], warnings: [],
    claims: [usd(75, 39), pct(150, 39)],
  },
  {
    file: "stated-sample-size.md", id: "GENAI_MODEL_UPDATE_109",
    metrics: [["mmlu", 62.5, 68, 17], ["price_output", 0.25, 0.3, 20], ["context_window", 32000, 128000, 21], ["task_success", 74, 86, 28],
      ["prompt_compat", null, 90, 33], ["latency_p95", 1.5, 2.1, [45, 46]], ["attempts", null, null, 0]],
    usage: [150e6, 50e6, 38], warnings: [],
    claims: [usd(-5, 41), pct(-10, 41)],
  },
  {
    file: "unreadable-cell-warning.md", id: "GENAI_MODEL_UPDATE_110",
    metrics: [["mmlu", 68.8, 69, 17], ["humaneval", 58.5, null, 18], ["price_output", 0.52, 0.52, 20], ["task_success", 75, 77, 25], ["attempts", 1.3, 1.2, 26]],
    usage: [50e6, 10e6, 28], warnings: [["unreadable-value", 18]],
    claims: [],
  },
  {
    file: "out-of-range-mmlu.md", id: "GENAI_MODEL_UPDATE_111",
    metrics: [["mmlu", 56.1, null, 17], ["humaneval", 25, 26.8, 18], ["price_input", 0.1, 0.06, 19], ["task_success", 61, 64, 25]],
    usage: [100e6, 20e6, 27], warnings: [["out-of-range", 17]],
    claims: [usd(-4.8, 30), pct(-40, 30)],
  },
];

async function loaded(path: string): Promise<LoadedRecord> {
  const result = await loadRecord(path);
  if (!result.ok) throw new Error(`${path}: ${JSON.stringify(result.errors)}`);
  return result.record;
}

function figure(record: LoadedRecord, role: "old" | "new", key: string): [number, number | null] | null {
  const model = record.models.find((m) => m.role === role);
  const v = model && Object.hasOwn(model.metrics, key) ? model.metrics[key] : undefined;
  return v ? [v.value, v.line] : null;
}

describe("fixtures/records", () => {
  it("has a row for every file", () => {
    expect(readdirSync(fixture("records")).sort()).toEqual(RECORDS.map((c) => c.file).sort());
  });

  it.each(RECORDS.map((c) => [c.file, c] as const))("%s", async (file, c) => {
    const record = await loaded(fixture(`records/${file}`));
    expect(record.id).toBe(c.id);

    for (const [key, before, after, line] of c.metrics) {
      const [oldLine, newLine] = typeof line === "number" ? [line, line] : line;
      for (const [role, value, at] of [["old", before, oldLine], ["new", after, newLine]] as const) {
        const got = figure(record, role, key);
        if (value === null) {
          expect(got, `${key} ${role} must be absent`).toBeNull();
        } else {
          expect(got?.[0], `${key} ${role}`).toBeCloseTo(value, 9);
          expect(got?.[1], `${key} ${role} line`).toBe(at);
        }
      }
    }

    if (c.usage) {
      const [inputTokens, outputTokens, line] = c.usage;
      expect(record.usage).toMatchObject({ inputTokens, outputTokens, line });
    } else if (c.usage === null) {
      expect(record.usage).toBeNull();
    }

    expect(record.warnings.map((w) => [w.code, w.line])).toEqual(c.warnings);
    for (const claim of c.claims) expect(record.claims).toContainEqual(expect.objectContaining(claim));
  });

  it.each([
    ["japanese-structured-frontmatter.md", "Claude 3 Haiku", { price_input: 0.25, price_output: 1.25, mmlu: 75 }],
    ["rows-reordered-other-wording.md", "Mistral Small", { price_input: 1, price_output: 3, mmlu: 72.2, humaneval: 73.2, latency_p95: 1.9 }],
  ])("%s prices the alternative %s", async (file, name, values) => {
    const record = await loaded(fixture(`records/${file}`));
    const alt = record.models.find((m) => m.name === name);
    expect(alt?.role).toBe("alternative");
    const got = Object.fromEntries(Object.keys(values).map((k) => [k, alt?.metrics[k]?.value]));
    expect(got).toEqual(values);
  });

  it.each([
    ["english-seed-style-cost-up.md", { capex: [12000, 50], opexPerMonth: [300, 51], gpus: ["1x L40S", 49], statedBreakEvenTokensPerMonth: [9e8, 52] }],
    ["japanese-structured-frontmatter.md", { capex: [30000, 21], opexPerMonth: [500, 21], gpus: ["1x H100", 21], statedBreakEvenTokensPerMonth: null }],
  ])("%s states self-hosting figures", async (file, expected) => {
    const record = await loaded(fixture(`records/${file}`));
    const sh = record.selfHost;
    const pair = (v: { value: number | string; line: number | null } | null | undefined) => (v ? [v.value, v.line] : null);
    expect({
      capex: pair(sh?.capex), opexPerMonth: pair(sh?.opexPerMonth), gpus: pair(sh?.gpus),
      statedBreakEvenTokensPerMonth: pair(sh?.statedBreakEvenTokensPerMonth),
    }).toEqual(expected);
  });

  it("has no self-hosting section in the other records", async () => {
    const others = RECORDS.map((c) => c.file).filter((f) => !["english-seed-style-cost-up.md", "japanese-structured-frontmatter.md"].includes(f));
    for (const file of others) expect((await loaded(fixture(`records/${file}`))).selfHost, file).toBeNull();
  });

  it("keeps a stated sample size (n=500, line 28)", async () => {
    const record = await loaded(fixture("records/stated-sample-size.md"));
    expect(record.samples).toEqual({ task_success: { n: 500, line: 28 }, prompt_compat: { n: 50, line: 33 } });
  });
});

describe("fixtures/broken", () => {
  /** A line of `undefined` is not asserted. */
  const BROKEN: Array<[file: string, code: FindingCode, line: number | undefined]> = [
    ["bad-yaml.md", "yaml-syntax", 8],
    ["missing-new-model.md", "frontmatter-invalid", 1],
    ["js-frontmatter.md", "frontmatter-language", 1],
    // README expects line 1; the loader gives none yet.
    ["empty.md", "file-empty", undefined],
    ["wrong-outcome.md", "frontmatter-invalid", 10],
    ["not-frontmatter.md", "no-frontmatter", 1],
  ];

  it("has a row for every file", () => {
    expect(readdirSync(fixture("broken")).sort()).toEqual(BROKEN.map(([f]) => f).sort());
  });

  it.each(BROKEN)("%s fails with %s on line %j", async (file, code, line) => {
    const path = fixture(`broken/${file}`);
    const result = await loadRecord(path);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const pick = (e: { code: string; line: number | null }) => (line === undefined ? [e.code] : [e.code, e.line]);
    const expected = line === undefined ? [code] : [code, line];
    expect(result.errors.map(pick)).toEqual([expected]);
    expect(result.errors[0]?.file).toBe(path);

    const parsed = parseRecord(readFileSync(path, "utf8"), path);
    expect(parsed.ok ? [] : parsed.errors.map(pick)).toEqual([expected]);
  });

  it("never runs the JavaScript in js-frontmatter.md", async () => {
    const marker = "/tmp/migrate-eval-pwned";
    rmSync(marker, { force: true });
    await loadRecord(fixture("broken/js-frontmatter.md"));
    parseRecord(readFileSync(fixture("broken/js-frontmatter.md"), "utf8"));
    expect(existsSync(marker)).toBe(false);
  });
});
