import { describe, expect, test } from "vitest";
import { attemptsFor, attemptsFromSuccessRate } from "../../src/calc/retry.js";
import type { ModelData } from "../../src/record/schema.js";

function model(metrics: Record<string, number>): ModelData {
  return {
    name: "M",
    role: "old",
    metrics: Object.fromEntries(Object.entries(metrics).map(([k, value]) => [k, { value, line: 1, source: "body", text: null }])),
  };
}

describe("attemptsFromSuccessRate", () => {
  test("uncapped: 1/p", () => {
    expect(attemptsFromSuccessRate(0.8, null)).toBeCloseTo(1.25, 12); // 1 / 0.8
    expect(attemptsFromSuccessRate(0.5, null)).toBe(2); // 1 / 0.5
    expect(attemptsFromSuccessRate(0.68, null)).toBeCloseTo(1.470588235, 8); // 1 / 0.68
    expect(attemptsFromSuccessRate(1, null)).toBe(1);
  });

  test("capped at k attempts: (1 − (1 − p)^k) / p", () => {
    expect(attemptsFromSuccessRate(0.8, 3)).toBeCloseTo(1.24, 12); // (1 − 0.2³) / 0.8 = 0.992 / 0.8
    expect(attemptsFromSuccessRate(0.5, 2)).toBeCloseTo(1.5, 12); // (1 − 0.25) / 0.5
    expect(attemptsFromSuccessRate(0.5, 1)).toBeCloseTo(1, 12); // (1 − 0.5) / 0.5: one try only
    expect(attemptsFromSuccessRate(0.7, 2)).toBeCloseTo(1.3, 12); // (1 − 0.09) / 0.7 = 0.91 / 0.7
  });

  test("no figure for p = 0, p < 0, p > 1 or NaN", () => {
    expect(attemptsFromSuccessRate(0, null)).toBeNull();
    expect(attemptsFromSuccessRate(0, 3)).toBeNull();
    expect(attemptsFromSuccessRate(-0.1, null)).toBeNull();
    expect(attemptsFromSuccessRate(1.2, null)).toBeNull();
    expect(attemptsFromSuccessRate(Number.NaN, null)).toBeNull();
  });
});

describe("attemptsFor", () => {
  test("stated attempts come first", () => {
    expect(attemptsFor(model({ attempts: 1.9, task_success: 68 }), null)).toEqual({ attempts: 1.9, source: "stated" });
  });

  test("else from the task success rate (in %)", () => {
    const a = attemptsFor(model({ task_success: 80 }), null);
    expect(a?.source).toBe("success_rate");
    expect(a?.attempts).toBeCloseTo(1.25, 12); // 1 / 0.80
    expect(attemptsFor(model({ task_success: 80 }), 3)?.attempts).toBeCloseTo(1.24, 12); // (1 − 0.2³) / 0.8
  });

  test("neither, or a 0 % success rate → null", () => {
    expect(attemptsFor(model({ mmlu: 70 }), null)).toBeNull();
    expect(attemptsFor(model({ task_success: 0 }), null)).toBeNull();
  });

  test("inherited properties are not metrics", () => {
    const inherited = Object.create({ attempts: { value: 9, line: 1, source: "body", text: null } }) as ModelData["metrics"];
    expect(attemptsFor({ name: "M", role: "old", metrics: inherited }, null)).toBeNull();
  });
});
