/**
 * The seed record (Mistral 7B → Mixtral 8x7B), every figure with the file line it is read from.
 * Line 1 is the opening `---`.
 */
import { describe, expect, it } from "vitest";
import type { ModelData } from "../../src/record/schema.js";
import { HAS_SEED, load, SEED } from "../helpers.js";

const seed = HAS_SEED ? load(SEED) : (null as never);

function model(name: string): ModelData {
  const found = seed.models.find((m) => m.name === name);
  if (!found) throw new Error(`no model ${name}: ${seed.models.map((m) => m.name).join(", ")}`);
  return found;
}
const OLD = "Mistral 7B";
const NEW = "Mixtral 8x7B";
const GPT35 = "GPT-3.5 Turbo";

/** Value and line of a metric for a model, or null when the record gives none. */
function figure(name: string, key: string): [number, number | null] | null {
  const m = model(name);
  const v = Object.hasOwn(m.metrics, key) ? m.metrics[key] : undefined;
  return v ? [v.value, v.line] : null;
}

describe.skipIf(!HAS_SEED)("seed frontmatter", () => {
  it("reads every field", () => {
    expect(seed).toMatchObject({
      id: "GENAI_MODEL_UPDATE_010",
      title: "Mixtral 8x7B登場 - MoE効率化、GPT-3.5超え性能",
      oldModel: OLD,
      newModel: NEW,
      updateDate: "2024-01-08",
      provider: "Mistral AI",
      tags: ["Model Update", "Mixtral", "MoE", "効率化", "OSS"],
      tier: 2,
      outcome: "success",
    });
  });

  it("has the old, new and alternative models in that order", () => {
    expect(seed.models.slice(0, 2).map((m) => [m.name, m.role])).toEqual([
      [OLD, "old"],
      [NEW, "new"],
    ]);
    expect(model(GPT35).role).toBe("alternative");
  });
});

describe.skipIf(!HAS_SEED)("seed summary table (lines 17–25)", () => {
  it.each<[string, number, number, number]>([
    ["mmlu", 62.5, 70.6, 17],
    ["humaneval", 26.2, 40.2, 18],
    ["gsm8k", 52.2, 74.4, 19],
    ["price_input", 0.2, 0.6, 20],
    ["price_output", 0.2, 0.6, 21],
    ["latency_mean", 1.5, 2.1, 22],
    ["context_window", 8000, 32000, 23],
    ["params_total", 7e9, 47e9, 24],
    ["params_active", 7e9, 13e9, 25],
  ])("%s: %d → %d on line %d", (key, before, after, line) => {
    expect(figure(OLD, key)).toEqual([before, line]);
    expect(figure(NEW, key)).toEqual([after, line]);
    expect(model(OLD).metrics[key]?.source).toBe("body");
  });

  it.each<[string, number, number]>([
    ["mmlu", 8.1, 17],
    ["humaneval", 14, 18],
    ["gsm8k", 22.2, 19],
    ["price_input", 200, 20],
    ["price_output", 200, 21],
    ["latency_mean", 40, 22],
    ["context_window", 300, 23],
    ["params_total", 571, 24],
    ["params_active", 86, 25],
  ])("keeps the stated change of %s (+%d %%) as a claim on line %d", (key, value, line) => {
    expect(seed.claims).toContainEqual(
      expect.objectContaining({ kind: "metric_change", subject: key, value, unit: "percent", line }),
    );
  });
});

describe.skipIf(!HAS_SEED)("seed body lines", () => {
  it.each<[string, number, number, number]>([
    ["hellaswag", 83.4, 86, 35],
    ["task_success", 68, 82, 39],
    ["quality_score", 3.2, 3.9, 40],
    ["hallucination_rate", 9, 5, 41],
    ["attempts", 1.9, 1.4, 203],
  ])("%s: %d → %d on line %d", (key, before, after, line) => {
    expect(figure(OLD, key)).toEqual([before, line]);
    expect(figure(NEW, key)).toEqual([after, line]);
  });

  it.each<[string, number, number]>([
    ["hellaswag", 2.6, 35],
    ["task_success", 14, 39],
    ["hallucination_rate", -4, 41],
    ["attempts", -26, 203],
  ])("keeps the stated change of %s (%d %%) on line %d", (key, value, line) => {
    expect(seed.claims).toContainEqual(
      expect.objectContaining({ kind: "metric_change", subject: key, value, unit: "percent", line }),
    );
  });

  it("keeps the quality change +0.7 as a plain number on line 40", () => {
    expect(seed.claims).toContainEqual(
      expect.objectContaining({ kind: "metric_change", subject: "quality_score", value: 0.7, unit: "number", line: 40 }),
    );
  });

  it("reads p95 latency per model (lines 120–121); mean latency stays from the table", () => {
    expect(figure(OLD, "latency_p95")).toEqual([2.2, 120]);
    expect(figure(NEW, "latency_p95")).toEqual([3.0, 121]);
    expect(figure(OLD, "latency_mean")).toEqual([1.5, 22]);
    expect(figure(NEW, "latency_mean")).toEqual([2.1, 22]);
  });

  it("reads prompt compatibility 47 of 50 as 94 % for the new model (line 108)", () => {
    expect(figure(NEW, "prompt_compat")).toEqual([94, 108]);
    expect(figure(OLD, "prompt_compat")).toBeNull();
    expect(seed.samples.prompt_compat).toEqual({ n: 50, line: 108 });
  });

  it("reads the error rate 0.7 % for the new model (line 158)", () => {
    expect(figure(NEW, "error_rate")).toEqual([0.7, 158]);
  });

  it("reads monthly usage 100M / 50M (line 68)", () => {
    // Stated in a note of the line's label: `コスト試算（月次使用量: 100M Input tokens, 50M Output tokens）:`.
    expect(seed.usage).toMatchObject({ inputTokens: 100e6, outputTokens: 50e6, totalTokens: null, line: 68, source: "body" });
  });

  it("reads GPT-3.5 Turbo prices $0.50 / $1.50 per 1M (line 75)", () => {
    expect(figure(GPT35, "price_input")).toEqual([0.5, 75]);
    expect(figure(GPT35, "price_output")).toEqual([1.5, 75]);
  });

  it("reads the self-hosting figures (lines 81–84)", () => {
    expect(seed.selfHost).toMatchObject({
      capex: { value: 50000, line: 82, currency: "USD" },
      opexPerMonth: { value: 800, line: 83, currency: "USD" },
      gpus: { value: expect.stringContaining("2x A100 80GB"), count: 2, line: 81 },
      statedBreakEvenTokensPerMonth: { value: 1.4e8, line: 84 },
    });
  });

  it("reads the second table's third model (Llama 3 70B, lines 299–300)", () => {
    expect(figure("Llama 3 70B", "mmlu")).toEqual([82, 299]);
    expect(figure("Llama 3 70B", "humaneval")).toEqual([81.7, 300]);
  });

  it("warns about the rollout's mean latency that differs from the summary's, and the row of words it cannot read", () => {
    // Line 159 `応答速度: 平均 2.2秒` (week 1 of the rollout) against 2.1 s on line 22: the first is kept.
    expect(seed.warnings.map((w) => [w.code, w.line])).toEqual([["conflicting-value", 159], ["unreadable-value", 304]]);
    expect(figure(NEW, "latency_mean")).toEqual([2.1, 22]);
  });
});

describe.skipIf(!HAS_SEED)("seed claims", () => {
  it.each([
    ["Mistral 7B costs $20 + $10 = $30", { kind: "cost_breakdown", subject: OLD, basis: "monthly", value: 30, unit: "usd", terms: [20, 10], line: 69 }],
    ["Mixtral costs $60 + $30 = $90", { kind: "cost_breakdown", subject: NEW, basis: "monthly", value: 90, unit: "usd", terms: [60, 30], line: 70 }],
    ["cost up +$60 vs Mistral 7B", { kind: "cost_change", subject: OLD, basis: "monthly", value: 60, unit: "usd", line: 71 }],
    ["cost up +200 % vs Mistral 7B", { kind: "cost_change", subject: OLD, basis: "monthly", value: 200, unit: "percent", line: 71 }],
    ["retry-adjusted cost up +120 %", { kind: "cost_change", subject: OLD, basis: "retry_adjusted", value: 120, unit: "percent", line: 72 }],
    ["GPT-3.5 Turbo at $125 a month", { kind: "monthly_cost", subject: GPT35, basis: "monthly", value: 125, unit: "usd", line: 75 }],
    ["Mixtral at $90 a month", { kind: "monthly_cost", subject: NEW, basis: "monthly", value: 90, unit: "usd", line: 76 }],
    ["cost down -28 % vs GPT-3.5 Turbo", { kind: "cost_change", subject: GPT35, basis: "monthly", value: -28, unit: "percent", line: 77 }],
    ["break-even at 140M tokens a month", { kind: "break_even", subject: null, value: 1.4e8, unit: "tokens", step: 1e6, line: 84 }],
    ["monthly saving -$35 vs GPT-3.5 Turbo", { kind: "cost_change", subject: GPT35, basis: "monthly", value: -35, unit: "usd", line: 197 }],
    ["annual saving -$420 vs GPT-3.5 Turbo", { kind: "cost_change", subject: GPT35, basis: "annual", value: -420, unit: "usd", line: 198 }],
  ])("%s", (_name, claim) => {
    expect(seed.claims).toContainEqual(expect.objectContaining(claim));
  });

  it("keeps a statement repeated later only once (-28 % vs GPT-3.5 Turbo)", () => {
    const repeats = seed.claims.filter((c) => c.kind === "cost_change" && c.subject === GPT35 && c.value === -28);
    expect(repeats.map((c) => c.line)).toEqual([77]);
  });
});
