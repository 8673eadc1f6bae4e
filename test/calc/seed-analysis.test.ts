/** analyze() and evaluate() on the real seed record, read by the real loader. Every figure by hand. */
import { describe, expect, test } from "vitest";
import { analyze, BaselineError } from "../../src/calc/analyze.js";
import { evaluate } from "../../src/evaluate.js";
import { PolicySchema } from "../../src/rules/schema.js";
import { HAS_SEED, load, SEED } from "../helpers.js";

const seed = HAS_SEED ? load(SEED) : (null as never);

function auditOf(a: { audit: Array<{ text: string; line: number | null; ok: boolean | null; computed: number | null; unit: string; kind: string }> }, text: string, line: number) {
  const entry = a.audit.find((e) => e.text === text && e.line === line);
  if (!entry) throw new Error(`no audit entry "${text}" at line ${line}`);
  return entry;
}

/** Every number anywhere in a value, with its path, that is NaN or ±Infinity. */
function nonFinite(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
  return [];
}

describe.skipIf(!HAS_SEED)("the seed against old_model (Mistral 7B → Mixtral 8x7B)", () => {
  const a = HAS_SEED ? analyze(seed) : (null as never);

  test("models and usage from the record", () => {
    expect(a.baseline).toBe("Mistral 7B");
    expect(a.candidate).toBe("Mixtral 8x7B");
    expect(a.usage).toEqual({ inputTokens: 100e6, outputTokens: 50e6, source: "record" });
  });

  test("monthly cost $30 → $90 (+200 %)", () => {
    // Mistral: 100 × 0.20 + 50 × 0.20 = 20 + 10 = 30; Mixtral: 100 × 0.60 + 50 × 0.60 = 60 + 30 = 90
    expect(a.cost.baseline.monthly).toBeCloseTo(30, 10);
    expect(a.cost.candidate.monthly).toBeCloseTo(90, 10);
    expect(a.cost.monthlyChange.abs).toBeCloseTo(60, 10); // 90 − 30
    expect(a.cost.monthlyChange.pct).toBeCloseTo(200, 8); // 60 / 30 × 100
    // annual: 12 × 30 = 360 → 12 × 90 = 1,080, +720
    expect(a.cost.baseline.annual).toBeCloseTo(360, 8);
    expect(a.cost.candidate.annual).toBeCloseTo(1080, 8);
    expect(a.cost.annualChange.abs).toBeCloseTo(720, 8);
  });

  test("retry-adjusted (1.9 → 1.4 attempts, stated) $57 → $126 (+121.05 %)", () => {
    expect(a.cost.retryAdjusted).toBe(true);
    expect(a.cost.baseline).toMatchObject({ attempts: 1.9, attemptsSource: "stated" });
    expect(a.cost.candidate).toMatchObject({ attempts: 1.4, attemptsSource: "stated" });
    expect(a.cost.baseline.retryAdjustedMonthly).toBeCloseTo(57, 8); // 30 × 1.9
    expect(a.cost.candidate.retryAdjustedMonthly).toBeCloseTo(126, 8); // 90 × 1.4
    expect(a.cost.retryAdjustedChange.abs).toBeCloseTo(69, 8); // 126 − 57
    expect(a.cost.retryAdjustedChange.pct).toBeCloseTo(121.0526, 3); // 69 / 57 × 100 = 121.0526…
  });

  test("self-hosting: fixed $2,188.89, break-even ≈ 3.648e9 tokens at $0.60, payback never", () => {
    const s = a.selfHost!;
    expect(s).not.toBeNull();
    expect(s.capex).toBe(50_000);
    expect(s.opexPerMonth).toBe(800);
    expect(s.amortizationMonths).toBe(36);
    expect(s.fixedPerMonth).toBeCloseTo(2188.89, 2); // 800 + 50,000 / 36
    expect(s.blendedPricePerMTok).toBeCloseTo(0.6, 12); // input and output both $0.60
    expect(s.breakEvenTokensPerMonth).toBeCloseTo(3_648_148_148.15, 1); // 2,188.888… / 0.6 × 1e6
    expect(s.apiMonthly).toBeCloseTo(90, 8); // 150M × $0.60/1M
    expect(s.paybackMonths).toBeNull(); // 90 − 800 < 0
    expect(s.stated).toBe(140e6);
  });

  test("the audit flags the stated 140M break-even and the stated +120 % retry-adjusted change", () => {
    const breakEven = a.audit.find((e) => e.kind === "break_even")!;
    expect(breakEven).toMatchObject({ stated: 140e6, ok: false, line: 84, unit: "tokens" });
    expect(breakEven.computed).toBeCloseTo(3_648_148_148.15, 1);
    const retry = auditOf(a, "+120%", 72);
    expect(retry.kind).toBe("cost_change");
    expect(retry.ok).toBe(false); // 121.05 is not 120 within ±0.5
    expect(retry.computed).toBeCloseTo(121.0526, 3);
    const lines = a.warnings.filter((w) => w.code === "audit-mismatch").map((w) => w.line);
    expect(lines).toEqual(expect.arrayContaining([72, 84]));
  });

  test("claims that hold: +8.1 % MMLU read as points, $20 + $10 = $30, +200 %, −26 % attempts", () => {
    const mmlu = auditOf(a, "+8.1%", 17);
    expect(mmlu).toMatchObject({ ok: true, unit: "points" });
    expect(mmlu.computed).toBeCloseTo(8.1, 10); // 70.6 − 62.5
    const breakdown = auditOf(a, "$20 + $10 = $30", 69);
    expect(breakdown.ok).toBe(true);
    expect(breakdown.computed).toBeCloseTo(30, 10);
    expect(auditOf(a, "$60 + $30 = $90", 70).ok).toBe(true);
    expect(auditOf(a, "+$60", 71).ok).toBe(true); // 90 − 30
    const pct = a.audit.find((e) => e.text === "+200%" && e.line === 71)!;
    expect(pct.ok).toBe(true); // 60 / 30 = +200 %
    const attempts = auditOf(a, "-26%", 203);
    expect(attempts.ok).toBe(true);
    expect(attempts.computed).toBeCloseTo(-26.3158, 3); // (1.4 − 1.9) / 1.9 × 100
  });

  test("claims against GPT-3.5 Turbo are audited at the record's usage", () => {
    expect(auditOf(a, "月次$125", 75).ok).toBe(true); // 100 × 0.5 + 50 × 1.5
    expect(auditOf(a, "-28%", 77).ok).toBe(true); // (90 − 125) / 125
    expect(auditOf(a, "-$35", 197).ok).toBe(true);
    expect(auditOf(a, "-$420", 198).ok).toBe(true); // 12 × −35
  });

  test("benchmark noise: HumanEval (n = 164) and MMLU (n = 14,042) significant", () => {
    const humaneval = a.metrics.find((m) => m.key === "humaneval")!;
    expect(humaneval.change.pp).toBeCloseTo(14, 10); // 40.2 − 26.2
    expect(humaneval.sampleSize).toBe(164);
    expect(humaneval.significant).toBe(true);
    // Newcombe by hand (see noise.test.ts): [3.806, 23.799] points
    expect(humaneval.ci95![0]).toBeGreaterThan(0);
    expect(humaneval.ci95![0]).toBeCloseTo(3.806, 2);
    expect(humaneval.ci95![1]).toBeCloseTo(23.799, 2);

    const mmlu = a.metrics.find((m) => m.key === "mmlu")!;
    expect(mmlu.sampleSize).toBe(14042);
    expect(mmlu.significant).toBe(true);
    // ≈ 8.1 ± 1.96 × √((0.625 × 0.375 + 0.706 × 0.294) / 14,042) = 8.1 ± 1.0996 points
    expect(mmlu.ci95![0]).toBeCloseTo(7.0, 1);
    expect(mmlu.ci95![1]).toBeCloseTo(9.2, 1);
  });

  test("task success has no sample size: noise unknown", () => {
    const t = a.metrics.find((m) => m.key === "task_success")!;
    expect(t.change).toEqual({ abs: 14, pct: expect.closeTo(20.588235, 5), pp: 14 }); // 82 − 68; 14 / 68 × 100
    expect(t.better).toBe(true);
    expect(t.significant).toBeNull();
    expect(t.ci95).toBeNull();
  });

  test("directions: latency worse, hallucinations better, params neutral", () => {
    const row = (k: string) => a.metrics.find((m) => m.key === k)!;
    expect(row("latency_mean").better).toBe(false); // 1.5 → 2.1 s
    expect(row("hallucination_rate").better).toBe(true); // 9 → 5 %
    expect(row("params_total").better).toBeNull();
    expect(row("price_input").change.pp).toBeNull();
  });
});

describe.skipIf(!HAS_SEED)("the seed against --baseline gpt-3.5-turbo", () => {
  const a = HAS_SEED ? analyze(seed, { baseline: "gpt-3.5-turbo" }) : (null as never);

  test("the name resolves case- and punctuation-insensitively", () => {
    expect(a.baseline).toBe("GPT-3.5 Turbo");
    expect(a.cost.baseline).toMatchObject({ priceInput: 0.5, priceOutput: 1.5 });
  });

  test("$125 → $90 (−28 %), −$420 a year", () => {
    expect(a.cost.baseline.monthly).toBe(125); // 100 × 0.50 + 50 × 1.50 = 50 + 75
    expect(a.cost.candidate.monthly).toBeCloseTo(90, 10);
    expect(a.cost.monthlyChange.abs).toBeCloseTo(-35, 10); // 90 − 125
    expect(a.cost.monthlyChange.pct).toBeCloseTo(-28, 10); // −35 / 125 × 100
    expect(a.cost.annualChange.abs).toBeCloseTo(-420, 8); // 12 × 90 − 12 × 125 = 1,080 − 1,500
  });

  test("no retry adjustment: attempts are known only for the candidate", () => {
    expect(a.cost.retryAdjusted).toBe(false);
    expect(a.warnings.map((w) => w.code)).toContain("retry-one-sided");
    expect(a.cost.baseline.attempts).toBe(1);
    expect(a.cost.candidate.attempts).toBe(1);
    expect(a.cost.baseline.retryAdjustedMonthly).toBe(125); // 125 × 1
    expect(a.cost.retryAdjustedChange.pct).toBeCloseTo(-28, 10);
  });

  test("the self-hosting figures do not depend on the baseline", () => {
    expect(a.selfHost!.fixedPerMonth).toBeCloseTo(2188.89, 2);
    expect(a.selfHost!.breakEvenTokensPerMonth).toBeCloseTo(3_648_148_148.15, 1);
  });
});

describe.skipIf(!HAS_SEED)("baseline errors", () => {
  test("an unknown baseline throws BaselineError listing the names the record has", () => {
    let error: unknown;
    try {
      analyze(seed, { baseline: "Claude 9" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BaselineError);
    const names = (error as BaselineError).names;
    expect(names).toEqual(expect.arrayContaining(["Mistral 7B", "GPT-3.5 Turbo", "Llama 3 70B"]));
    expect(names).not.toContain("Mixtral 8x7B");
    expect(() => evaluate(seed, { baseline: "Claude 9" })).toThrow(BaselineError);
  });

  test("the candidate cannot be its own baseline", () => {
    expect(() => analyze(seed, { baseline: "mixtral-8x7b" })).toThrow(BaselineError);
  });
});

describe.skipIf(!HAS_SEED)("usage precedence", () => {
  test("a usage given as an option overrides the record (source flag)", () => {
    // 2B input + 1B output: Mistral 2,000 × 0.2 + 1,000 × 0.2 = 600; Mixtral 2,000 × 0.6 + 1,000 × 0.6 = 1,800
    const a = analyze(seed, { usage: { inputTokens: 2e9, outputTokens: 1e9 } });
    expect(a.usage).toEqual({ inputTokens: 2e9, outputTokens: 1e9, source: "flag" });
    expect(a.cost.baseline.monthly).toBeCloseTo(600, 8);
    expect(a.cost.candidate.monthly).toBeCloseTo(1800, 8);
    // 3B tokens × 0.6 = $1,800 API; saving 1,800 − 800 = 1,000; 50,000 / 1,000 = 50 months
    expect(a.selfHost!.paybackMonths).toBeCloseTo(50, 8);
    // the audit still checks the record's own sums at its own usage
    expect(auditOf(a, "$20 + $10 = $30", 69).ok).toBe(true);
    expect(a.audit.find((e) => e.kind === "break_even")!.ok).toBe(false);
  });

  test("evaluate: the option wins over the record and the policy", () => {
    const policy = PolicySchema.parse({ version: 1, usage: { input_tokens: "1M", output_tokens: "1M" }, rules: [{ id: "c", metric: "cost.monthly", change_pct: { max: -20 } }] });
    const r = evaluate(seed, { usage: { inputTokens: 10e6, outputTokens: 10e6 }, policy });
    expect(r.usage.source).toBe("flag");
    expect(r.cost.baseline.monthly).toBeCloseTo(4, 10); // 10 × 0.2 + 10 × 0.2
    expect(evaluate(seed, { policy }).usage.source).toBe("record");
  });
});

describe.skipIf(!HAS_SEED)("the policy's self-hosting and retry settings", () => {
  test("amortization_months spreads the capex", () => {
    const policy = PolicySchema.parse({ version: 1, amortization_months: 24, rules: [{ id: "c", metric: "cost.monthly", change_pct: { max: -20 } }] });
    const s = evaluate(seed, { policy }).selfHost!;
    expect(s.amortizationMonths).toBe(24);
    expect(s.fixedPerMonth).toBeCloseTo(2883.333333, 5); // 800 + 50,000 / 24 = 800 + 2,083.333…
    expect(s.breakEvenTokensPerMonth).toBeCloseTo(4_805_555_555.56, 1); // 2,883.333… / 0.6 × 1e6
  });

  test("max_attempts does not touch attempts the record states", () => {
    const policy = PolicySchema.parse({ version: 1, max_attempts: 2, rules: [{ id: "c", metric: "cost.monthly", change_pct: { max: -20 } }] });
    const r = evaluate(seed, { policy });
    expect(r.cost.baseline.attempts).toBe(1.9);
    expect(r.cost.candidate.attempts).toBe(1.4);
  });
});

describe.skipIf(!HAS_SEED)("evaluate on the seed", () => {
  test("the report has no NaN or Infinity anywhere", () => {
    for (const r of [evaluate(seed), evaluate(seed, { baseline: "gpt-3.5-turbo" }), evaluate(seed, { usage: { inputTokens: 0, outputTokens: 0 } })]) {
      expect(nonFinite(r)).toEqual([]);
      expect(nonFinite(JSON.parse(JSON.stringify(r)))).toEqual([]);
    }
  });

  test("a zero usage: monthly 0 → 0, no percentage change", () => {
    const r = evaluate(seed, { usage: { inputTokens: 0, outputTokens: 0 } });
    expect(r.cost.baseline.monthly).toBe(0);
    expect(r.cost.monthlyChange).toEqual({ abs: 0, pct: null });
  });

  test("the report carries the record and the analysis", () => {
    const r = evaluate(seed);
    expect(r.schemaVersion).toBe(1);
    expect(r.record).toMatchObject({ id: "GENAI_MODEL_UPDATE_010", oldModel: "Mistral 7B", newModel: "Mixtral 8x7B", updateDate: "2024-01-08", tier: 2, outcome: "success" });
    expect(r.cost.retryAdjustedChange.pct).toBeCloseTo(121.0526, 3);
  });
});
