/** The verdict: MIGRATE only when every required rule passes; warnings never change it. */
import { describe, expect, test } from "vitest";
import { analyze } from "../../src/calc/analyze.js";
import { evaluate } from "../../src/evaluate.js";
import { parseRecord } from "../../src/record/parse.js";
import type { LoadedRecord } from "../../src/record/schema.js";
import { defaultPolicy } from "../../src/rules/default-policy.js";
import { evaluateRules } from "../../src/rules/evaluate.js";
import { HAS_SEED, load, SEED } from "../helpers.js";
import { analysis, policy, row } from "./stub.js";

function record(text: string): LoadedRecord {
  const r = parseRecord(text, "inline.md");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.record;
}

// Prices halve, task success 70 % → 80 %, 10M input + 10M output tokens a month.
const CLEAR_WIN = `---
id: clear-win
title: Clear win
old_model: Old LM
new_model: New LM
metrics:
  price_input: { old: 1.0, new: 0.5 }
  price_output: { old: 2.0, new: 1.0 }
  task_success: { old: 70, new: 80 }
usage: { input_tokens: 10M, output_tokens: 10M }
---

# Clear win
`;

const NO_USAGE = `---
id: no-usage
title: No usage
old_model: Old LM
new_model: New LM
metrics:
  price_input: { old: 1.0, new: 0.5 }
  price_output: { old: 2.0, new: 1.0 }
  task_success: { old: 70, new: 80 }
---
`;

const statuses = (rules: Array<{ id: string; status: string }>) => Object.fromEntries(rules.map((r) => [r.id, r.status]));

describe("evaluateRules verdict", () => {
  const a = analysis([
    row("mmlu", { baseline: 60, candidate: 66, abs: 6, pct: 10, pp: 6, significant: true }),
    row("latency_p95", { unit: "seconds", direction: "lower", baseline: 2, candidate: 4, abs: 2, pct: 100 }),
  ]);
  const pass = { id: "gain", metric: "mmlu", change_pp: { min: 5 } };

  test("MIGRATE when every required rule passes", () => {
    expect(evaluateRules(a, policy([pass])).verdict).toBe("MIGRATE");
  });

  test("a failed or unknown required rule makes it HOLD", () => {
    expect(evaluateRules(a, policy([pass, { id: "big", metric: "mmlu", change_pp: { min: 10 } }])).verdict).toBe("HOLD");
    expect(evaluateRules(a, policy([pass, { id: "missing", metric: "gpqa", change_pp: { min: 0 } }])).verdict).toBe("HOLD");
  });

  test("severity defaults to required", () => {
    const { rules } = evaluateRules(a, policy([pass]));
    expect(rules[0]!.severity).toBe("required");
  });

  test("warnings never change the verdict, failed or unknown", () => {
    const { rules, verdict } = evaluateRules(
      a,
      policy([
        pass,
        { id: "slow", metric: "latency_p95", candidate: { max: 3 }, severity: "warning" }, // 4 > 3
        { id: "missing", metric: "gpqa", change_pp: { min: 0 }, severity: "warning" },
      ]),
    );
    expect(statuses(rules)).toEqual({ gain: "pass", slow: "fail", missing: "unknown" });
    expect(verdict).toBe("MIGRATE");
    // and a passing warning does not rescue a failed required rule
    expect(
      evaluateRules(a, policy([{ id: "big", metric: "mmlu", change_pp: { min: 10 } }, { id: "ok", metric: "mmlu", candidate: { min: 50 }, severity: "warning" }])).verdict,
    ).toBe("HOLD");
  });

  test("a policy with only warnings: nothing required, MIGRATE", () => {
    expect(evaluateRules(a, policy([{ id: "slow", metric: "latency_p95", candidate: { max: 3 }, severity: "warning" }])).verdict).toBe("MIGRATE");
  });

  test("rules keep the policy's order", () => {
    const { rules } = evaluateRules(a, policy([{ id: "b", metric: "mmlu", candidate: { min: 0 } }, pass, { id: "a", metric: "mmlu", baseline: { min: 0 } }]));
    expect(rules.map((r) => r.id)).toEqual(["b", "gain", "a"]);
  });
});

describe("tiny records under the default policy", () => {
  test("a clear win: MIGRATE", () => {
    const r = evaluate(record(CLEAR_WIN));
    // monthly: 10 × 1.0 + 10 × 2.0 = 30 → 10 × 0.5 + 10 × 1.0 = 15
    expect(r.cost.baseline.monthly).toBe(30);
    expect(r.cost.candidate.monthly).toBe(15);
    // attempts 1 / 0.7 = 1.428571 → 1 / 0.8 = 1.25; retry-adjusted 42.857 → 18.75
    expect(r.cost.baseline.attemptsSource).toBe("success_rate");
    expect(r.cost.baseline.retryAdjustedMonthly).toBeCloseTo(42.857143, 5); // 30 / 0.7
    expect(r.cost.candidate.retryAdjustedMonthly).toBeCloseTo(18.75, 10); // 15 × 1.25
    const cost = r.rules.find((x) => x.id === "cost-reduction")!;
    expect(cost.status).toBe("pass");
    expect(cost.actual).toBeCloseTo(-56.25, 8); // 18.75 / 42.857 − 1 = 0.4375 − 1
    const quality = r.rules.find((x) => x.id === "quality-gain")!;
    expect(quality.status).toBe("pass");
    expect(quality.actual).toBe(10); // 80 − 70 points
    expect(statuses(r.rules)).toMatchObject({
      "p95-latency": "unknown",
      "error-rate": "unknown",
      "task-success-floor": "pass", // 80 ≥ 80
      "prompt-compatibility": "unknown",
    });
    expect(r.verdict).toBe("MIGRATE");
  });

  test("the policy's max_attempts caps the attempts from the success rate", () => {
    const capped = policy(defaultPolicy.rules, { max_attempts: 2 });
    const r = evaluate(record(CLEAR_WIN), { policy: capped });
    // k = 2: (1 − 0.3²) / 0.7 = 1.3 and (1 − 0.2²) / 0.8 = 1.2; 30 × 1.3 = 39 → 15 × 1.2 = 18; −21 / 39 = −53.846 %
    expect(r.cost.baseline.attempts).toBeCloseTo(1.3, 12);
    expect(r.cost.candidate.attempts).toBeCloseTo(1.2, 12);
    expect(r.rules.find((x) => x.id === "cost-reduction")!.actual).toBeCloseTo(-53.846154, 5);
    expect(r.verdict).toBe("MIGRATE");
  });

  test("no usage anywhere: the cost rule is unknown, so HOLD", () => {
    const r = evaluate(record(NO_USAGE));
    expect(r.usage.source).toBe("none");
    expect(r.warnings.map((w) => w.code)).toContain("no-usage");
    expect(r.rules.find((x) => x.id === "cost-reduction")).toMatchObject({ status: "unknown", actual: null });
    expect(r.verdict).toBe("HOLD");
  });

  test("the policy's usage is the fallback", () => {
    const withUsage = policy(defaultPolicy.rules, { usage: { input_tokens: "10M", output_tokens: "10M" } });
    const r = evaluate(record(NO_USAGE), { policy: withUsage });
    expect(r.usage).toEqual({ inputTokens: 10e6, outputTokens: 10e6, source: "policy" });
    expect(r.rules.find((x) => x.id === "cost-reduction")!.actual).toBeCloseTo(-56.25, 8);
    expect(r.verdict).toBe("MIGRATE");
  });

  test("cheaper but quality within 5 points: HOLD", () => {
    const r = evaluate(record(CLEAR_WIN.replace("task_success: { old: 70, new: 80 }", "task_success: { old: 78, new: 80 }")));
    // attempts 1 / 0.78 → 1 / 0.8: 30 / 0.78 = 38.4615 → 15 / 0.8 = 18.75; 18.75 / 38.4615 − 1 = −51.25 %
    expect(r.rules.find((x) => x.id === "cost-reduction")!.actual).toBeCloseTo(-51.25, 8);
    const quality = r.rules.find((x) => x.id === "quality-gain")!;
    // task success 2 points fails; benchmarks.mean has no benchmark to read, so the group is unknown
    expect(quality.members!.map((m) => m.status)).toEqual(["fail", "unknown"]);
    expect(quality.members![0]!.actual).toBeCloseTo(2, 10); // 80 − 78
    expect(quality.status).toBe("unknown");
    expect(r.verdict).toBe("HOLD");
  });
});

test("cheaper but both quality measures under 5 points: quality fails, HOLD", () => {
  const text = CLEAR_WIN.replace("task_success: { old: 70, new: 80 }", "task_success: { old: 78, new: 80 }\n  mmlu: { old: 60, new: 63 }");
  const r = evaluate(record(text));
  const quality = r.rules.find((x) => x.id === "quality-gain")!;
  expect(quality.members!.map((m) => m.status)).toEqual(["fail", "fail"]); // 2 points, 3 points
  expect(quality.members![1]!.actual).toBeCloseTo(3, 10); // benchmark mean: mmlu only, 63 − 60
  expect(quality.status).toBe("fail");
  expect(r.verdict).toBe("HOLD");
});

describe.skipIf(!HAS_SEED)("the seed under the default policy", () => {
  const seed = HAS_SEED ? load(SEED) : (null as never);

  test("against Mistral 7B: HOLD, the retry-adjusted cost rises 121.05 %", () => {
    const r = evaluate(seed);
    const cost = r.rules.find((x) => x.id === "cost-reduction")!;
    expect(cost.status).toBe("fail");
    expect(cost.actual).toBeCloseTo(121.0526, 3); // (90 × 1.4 − 30 × 1.9) / (30 × 1.9) = 69 / 57
    expect(cost.threshold).toEqual({ min: null, max: -20 });
    const quality = r.rules.find((x) => x.id === "quality-gain")!;
    expect(quality.status).toBe("pass");
    expect(quality.actual).toBe(14); // task success 82 − 68
    // benchmarks.mean, the second member: (8.1 + 14.0 + 22.2 + 2.6) / 4 = 46.9 / 4 = 11.725 points
    expect(quality.members![1]!.status).toBe("pass");
    expect(quality.members![1]!.actual).toBeCloseTo(11.725, 8);
    expect(statuses(r.rules)).toMatchObject({
      "p95-latency": "pass", // 3.0 ≤ 3
      "error-rate": "pass", // 0.7 ≤ 1
      "task-success-floor": "pass", // 82 ≥ 80
      "prompt-compatibility": "pass", // 47 / 50 = 94 ≥ 90
    });
    expect(r.verdict).toBe("HOLD");
  });

  test("against gpt-3.5-turbo: HOLD, the cost rule passes at −28 % but quality is unknown", () => {
    const r = evaluate(seed, { baseline: "gpt-3.5-turbo" });
    expect(r.baseline).toBe("GPT-3.5 Turbo");
    const cost = r.rules.find((x) => x.id === "cost-reduction")!;
    expect(cost.status).toBe("pass");
    expect(cost.actual).toBeCloseTo(-28, 8); // no retry adjustment: (90 − 125) / 125
    const quality = r.rules.find((x) => x.id === "quality-gain")!;
    expect(quality.status).toBe("unknown"); // GPT-3.5 Turbo has no task success and no benchmarks
    expect(quality.members!.map((m) => m.status)).toEqual(["unknown", "unknown"]);
    expect(r.verdict).toBe("HOLD");
  });

  test("the analysis the verdict rests on is the one analyze() returns", () => {
    const a = analyze(seed);
    expect(evaluateRules(a, defaultPolicy).verdict).toBe("HOLD");
    // with the cost rule dropped, the seed would migrate
    const qualityOnly = { ...defaultPolicy, rules: defaultPolicy.rules.filter((r) => r.id !== "cost-reduction") };
    expect(evaluateRules(a, qualityOnly).verdict).toBe("MIGRATE");
  });
});
