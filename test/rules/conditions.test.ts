/** Each condition kind, bounds, significance, `any` groups and the derived metrics, on hand-built analyses. */
import { describe, expect, test } from "vitest";
import type { Analysis } from "../../src/calc/analyze.js";
import { evaluateRules } from "../../src/rules/evaluate.js";
import { metricView } from "../../src/rules/metric-view.js";
import type { PolicyInput } from "../../src/rules/schema.js";
import { analysis, policy, row } from "./stub.js";

type RuleInput = PolicyInput["rules"][number];

const A = analysis(
  [
    // 60 → 66: abs 6, pct 6 / 60 = 10 %, pp 6
    row("mmlu", { baseline: 60, candidate: 66, abs: 6, pct: 10, pp: 6, significant: true }),
    // 30 → 40: abs 10, pct 10 / 30 = 33.33 %, pp 10
    row("humaneval", { baseline: 30, candidate: 40, abs: 10, pct: 100 / 3, pp: 10, significant: true }),
    // 80 → 81: 1 point, 1.25 %, within noise
    row("hellaswag", { baseline: 80, candidate: 81, abs: 1, pct: 1.25, pp: 1, significant: false }),
    // candidate only
    row("gsm8k", { baseline: null, candidate: 80 }),
    // 70 → 78: 8 points, 8 / 70 = 11.43 %, no sample size
    row("task_success", { baseline: 70, candidate: 78, abs: 8, pct: 800 / 70, pp: 8, significant: null }),
    // 2 s → 2.5 s: abs 0.5, pct 25, no points
    row("latency_p95", { unit: "seconds", direction: "lower", baseline: 2, candidate: 2.5, abs: 0.5, pct: 25 }),
    // 3.2 → 3.9 of 5: a score, so no points
    row("quality_score", { unit: "score", baseline: 3.2, candidate: 3.9, abs: 0.7, pct: 21.875 }),
    // a 0 baseline: no percentage change
    row("error_rate", { direction: "lower", baseline: 0, candidate: 1, abs: 1, pct: null, pp: 1 }),
  ],
  {
    // 30 → 90: +60, +200 %; retry-adjusted 30 × 1.9 = 57 → 90 × 1.4 = 126: +69, 69 / 57 = +121.05 %
    baseline: { monthly: 30, attempts: 1.9, retryAdjusted: 57 },
    candidate: { monthly: 90, attempts: 1.4, retryAdjusted: 126 },
    monthlyChange: { abs: 60, pct: 200 },
    retryAdjustedChange: { abs: 69, pct: 6900 / 57 },
  },
);

function one(rule: Omit<RuleInput, "id">, a: Analysis = A) {
  const { rules } = evaluateRules(a, policy([{ id: "r", ...rule } as RuleInput]));
  return rules[0]!;
}

const status = (rule: Omit<RuleInput, "id">, a: Analysis = A) => one(rule, a).status;

describe("condition kinds, with min, max and both (bounds inclusive)", () => {
  test("change_pct reads the relative change", () => {
    expect(status({ metric: "mmlu", change_pct: { min: 10 } })).toBe("pass");
    expect(status({ metric: "mmlu", change_pct: { min: 10.01 } })).toBe("fail");
    expect(status({ metric: "mmlu", change_pct: { max: 10 } })).toBe("pass");
    expect(status({ metric: "mmlu", change_pct: { max: 9.99 } })).toBe("fail");
    expect(status({ metric: "mmlu", change_pct: { min: 5, max: 15 } })).toBe("pass");
    expect(status({ metric: "mmlu", change_pct: { min: 11, max: 15 } })).toBe("fail");
    expect(status({ metric: "mmlu", change_pct: { min: 0, max: 9 } })).toBe("fail");
    const r = one({ metric: "mmlu", change_pct: { min: 5, max: 15 } });
    expect(r).toMatchObject({ actual: 10, condition: "change_pct", metric: "mmlu", threshold: { min: 5, max: 15 } });
  });

  test("change_pp reads points, and only percentage metrics have them", () => {
    expect(one({ metric: "mmlu", change_pp: { min: 5 } })).toMatchObject({ status: "pass", actual: 6 });
    expect(status({ metric: "mmlu", change_pp: { max: 5 } })).toBe("fail");
    expect(status({ metric: "mmlu", change_pp: { min: 5, max: 6 } })).toBe("pass");
    expect(status({ metric: "mmlu", change_pp: { min: 6.5, max: 8 } })).toBe("fail");
    expect(one({ metric: "quality_score", change_pp: { min: 0 } })).toMatchObject({ status: "unknown", actual: null });
    expect(one({ metric: "latency_p95", change_pp: { max: 0 } })).toMatchObject({ status: "unknown", actual: null });
  });

  test("change_abs reads the difference in the metric's unit", () => {
    expect(one({ metric: "latency_p95", change_abs: { max: 0.5 } })).toMatchObject({ status: "pass", actual: 0.5 });
    expect(status({ metric: "latency_p95", change_abs: { max: 0 } })).toBe("fail");
    expect(status({ metric: "latency_p95", change_abs: { min: 1 } })).toBe("fail");
    expect(status({ metric: "latency_p95", change_abs: { min: 0.4, max: 0.6 } })).toBe("pass");
    expect(status({ metric: "quality_score", change_abs: { min: 0.5 } })).toBe("pass"); // 0.7 ≥ 0.5
  });

  test("candidate reads the new model's value", () => {
    expect(one({ metric: "latency_p95", candidate: { max: 3 } })).toMatchObject({ status: "pass", actual: 2.5 });
    expect(status({ metric: "latency_p95", candidate: { max: 2 } })).toBe("fail");
    expect(status({ metric: "latency_p95", candidate: { min: 2.6 } })).toBe("fail");
    expect(status({ metric: "latency_p95", candidate: { min: 2, max: 3 } })).toBe("pass");
    expect(status({ metric: "latency_p95", candidate: { min: 2.5, max: 2.5 } })).toBe("pass");
  });

  test("baseline reads the old model's value", () => {
    expect(one({ metric: "latency_p95", baseline: { min: 2 } })).toMatchObject({ status: "pass", actual: 2 });
    expect(status({ metric: "latency_p95", baseline: { max: 1.5 } })).toBe("fail");
    expect(status({ metric: "latency_p95", baseline: { min: 1, max: 3 } })).toBe("pass");
    expect(status({ metric: "latency_p95", baseline: { min: 2.1, max: 3 } })).toBe("fail");
  });

  test("one side missing: the conditions needing it are unknown, the others still judged", () => {
    expect(status({ metric: "gsm8k", candidate: { min: 75 } })).toBe("pass");
    expect(one({ metric: "gsm8k", baseline: { min: 0 } })).toMatchObject({ status: "unknown", actual: null });
    expect(one({ metric: "gsm8k", change_pct: { min: 0 } })).toMatchObject({ status: "unknown", actual: null });
    expect(one({ metric: "gsm8k", change_abs: { min: 0 } })).toMatchObject({ status: "unknown", actual: null });
  });

  test("a 0 baseline: change_pct unknown, change_pp and change_abs still judged", () => {
    expect(one({ metric: "error_rate", change_pct: { max: 0 } })).toMatchObject({ status: "unknown", actual: null });
    expect(one({ metric: "error_rate", change_pp: { max: 0.5 } })).toMatchObject({ status: "fail", actual: 1 });
    expect(status({ metric: "error_rate", change_abs: { max: 1 } })).toBe("pass");
  });

  test("a missing metric is unknown with actual null", () => {
    const r = one({ metric: "gpqa", change_pp: { min: 0 } });
    expect(r).toMatchObject({ status: "unknown", actual: null, metric: "gpqa", threshold: { min: 0, max: null } });
    expect(one({ metric: "no_such_metric", candidate: { max: 1 } })).toMatchObject({ status: "unknown", actual: null });
  });
});

describe("significant: true", () => {
  test("passes when the change is outside noise", () => {
    expect(status({ metric: "mmlu", change_pp: { min: 5 }, significant: true })).toBe("pass");
  });

  test("fails when the change is within noise, keeping the value it saw", () => {
    expect(one({ metric: "hellaswag", change_pp: { min: 0.5 }, significant: true })).toMatchObject({ status: "fail", actual: 1 });
    // without the flag the same change passes
    expect(status({ metric: "hellaswag", change_pp: { min: 0.5 } })).toBe("pass");
    expect(status({ metric: "hellaswag", change_pp: { min: 0.5 }, significant: false })).toBe("pass");
  });

  test("unknown without a sample size", () => {
    expect(one({ metric: "task_success", change_pp: { min: 5 }, significant: true })).toMatchObject({ status: "unknown", actual: 8 });
  });

  test("a value outside the bounds fails whatever the noise", () => {
    expect(status({ metric: "task_success", change_pp: { min: 10 }, significant: true })).toBe("fail");
  });
});

describe("any groups", () => {
  const pass = { metric: "mmlu", change_pp: { min: 5 } }; // 6 ≥ 5
  const fail = { metric: "humaneval", change_pp: { min: 20 } }; // 10 < 20
  const fail2 = { metric: "mmlu", change_pct: { min: 50 } }; // 10 < 50
  const unknown = { metric: "gpqa", change_pp: { min: 5 } }; // no such metric

  test("pass when any member passes, whatever the others", () => {
    const r = one({ any: [fail, pass] });
    expect(r).toMatchObject({ status: "pass", metric: "mmlu", condition: "change_pp", actual: 6 });
    expect(r.members?.map((m) => m.status)).toEqual(["fail", "pass"]);
    expect(status({ any: [unknown, pass] })).toBe("pass");
    expect(status({ any: [pass, fail, unknown] })).toBe("pass");
  });

  test("unknown when none passes and one is unknown", () => {
    const r = one({ any: [fail, unknown] });
    expect(r).toMatchObject({ status: "unknown", actual: null, metric: "gpqa" });
    expect(status({ any: [unknown] })).toBe("unknown");
  });

  test("fail otherwise", () => {
    const r = one({ any: [fail, fail2] });
    expect(r.status).toBe("fail");
    expect(r.members?.map((m) => m.status)).toEqual(["fail", "fail"]);
  });

  test("members carry the group's id with their index and its severity", () => {
    const r = one({ any: [fail, pass], severity: "warning" });
    expect(r.members?.map((m) => [m.id, m.severity])).toEqual([
      ["r[0]", "warning"],
      ["r[1]", "warning"],
    ]);
  });
});

describe("derived metrics", () => {
  test("cost.monthly: $30 → $90, +200 %", () => {
    expect(one({ metric: "cost.monthly", change_pct: { max: -20 } })).toMatchObject({ status: "fail", actual: 200 });
    expect(one({ metric: "cost.monthly", change_abs: { max: 60 } })).toMatchObject({ status: "pass", actual: 60 });
    expect(one({ metric: "cost.monthly", candidate: { max: 100 } })).toMatchObject({ status: "pass", actual: 90 });
    expect(one({ metric: "cost.monthly", baseline: { max: 20 } })).toMatchObject({ status: "fail", actual: 30 });
    expect(status({ metric: "cost.monthly", change_pp: { max: 0 } })).toBe("unknown"); // money has no points
  });

  test("cost.retry_adjusted: $57 → $126, +121.05 %", () => {
    const r = one({ metric: "cost.retry_adjusted", change_pct: { max: -20 } });
    expect(r.status).toBe("fail");
    expect(r.actual).toBeCloseTo(121.0526, 3); // 69 / 57 × 100
    expect(one({ metric: "cost.retry_adjusted", candidate: { min: 126, max: 126 } })).toMatchObject({ status: "pass", actual: 126 });
    expect(one({ metric: "cost.retry_adjusted", baseline: { min: 57 } })).toMatchObject({ status: "pass", actual: 57 });
  });

  test("cost unknown (no usage): unknown with actual null", () => {
    const noCost = analysis([]);
    expect(one({ metric: "cost.monthly", change_pct: { max: -20 } }, noCost)).toMatchObject({ status: "unknown", actual: null });
    expect(one({ metric: "cost.retry_adjusted", change_pct: { max: -20 } }, noCost)).toMatchObject({ status: "unknown", actual: null });
  });

  test("benchmarks.mean: the mean change over benchmarks both sides have", () => {
    // mmlu 60 → 66, humaneval 30 → 40, hellaswag 80 → 81 (gsm8k has no baseline, task_success is no benchmark)
    // baseline mean (60 + 30 + 80) / 3 = 56.667; candidate (66 + 40 + 81) / 3 = 62.333
    // points: (6 + 10 + 1) / 3 = 5.667; pct: 17 / 170 × 100 = 10
    const v = metricView(A, "benchmarks.mean")!;
    expect(v.baseline).toBeCloseTo(170 / 3, 10);
    expect(v.candidate).toBeCloseTo(187 / 3, 10);
    expect(v.change.pp).toBeCloseTo(17 / 3, 10);
    expect(v.change.abs).toBeCloseTo(17 / 3, 10);
    expect(v.change.pct).toBeCloseTo(10, 10);
    expect(v.significant).toBe(false); // hellaswag is within noise
    expect(one({ metric: "benchmarks.mean", change_pp: { min: 5 } }).actual).toBeCloseTo(5.6667, 3);
    expect(status({ metric: "benchmarks.mean", change_pp: { min: 5 } })).toBe("pass");
    expect(status({ metric: "benchmarks.mean", change_pp: { min: 6 } })).toBe("fail");
    expect(status({ metric: "benchmarks.mean", change_pp: { min: 5 }, significant: true })).toBe("fail");
  });

  test("benchmarks.mean is significant only when every benchmark is", () => {
    const both = analysis([
      row("mmlu", { baseline: 60, candidate: 66, abs: 6, pct: 10, pp: 6, significant: true }),
      row("gsm8k", { baseline: 50, candidate: 60, abs: 10, pct: 20, pp: 10, significant: true }),
    ]);
    // (6 + 10) / 2 = 8 points
    expect(one({ metric: "benchmarks.mean", change_pp: { min: 8 }, significant: true }, both)).toMatchObject({ status: "pass", actual: 8 });
    const unsized = analysis([
      row("mmlu", { baseline: 60, candidate: 66, abs: 6, pct: 10, pp: 6, significant: true }),
      row("gsm8k", { baseline: 50, candidate: 60, abs: 10, pct: 20, pp: 10, significant: null }),
    ]);
    expect(status({ metric: "benchmarks.mean", change_pp: { min: 5 }, significant: true }, unsized)).toBe("unknown");
  });

  test("benchmarks.mean without a benchmark on both sides is unknown", () => {
    const none = analysis([row("gsm8k", { baseline: null, candidate: 80 }), row("task_success", { baseline: 70, candidate: 78, abs: 8, pct: 800 / 70, pp: 8 })]);
    expect(metricView(none, "benchmarks.mean")).toBeNull();
    expect(one({ metric: "benchmarks.mean", change_pp: { min: 5 } }, none)).toMatchObject({ status: "unknown", actual: null });
  });

  test("derived names are not looked up on the prototype", () => {
    expect(metricView(A, "toString")).toBeNull();
    expect(metricView(A, "__proto__")).toBeNull();
  });
});
