import { describe, expect, test } from "vitest";
import { better, delta, finite } from "../../src/calc/delta.js";

describe("finite", () => {
  test("keeps finite numbers, turns NaN and ±Infinity into null", () => {
    expect(finite(1.5)).toBe(1.5);
    expect(finite(0)).toBe(0);
    expect(finite(Number.NaN)).toBeNull();
    expect(finite(Number.POSITIVE_INFINITY)).toBeNull();
    expect(finite(Number.NEGATIVE_INFINITY)).toBeNull();
  });
});

describe("delta", () => {
  test("percent metric: abs, pct and pp", () => {
    // 60 → 66: abs = 6, pct = 6 / 60 × 100 = 10, pp = abs = 6
    expect(delta(60, 66, "percent")).toEqual({ abs: 6, pct: 10, pp: 6 });
  });

  test("MMLU 62.5 → 70.6: 8.1 points, 12.96 % relative", () => {
    const d = delta(62.5, 70.6, "percent");
    expect(d.abs).toBeCloseTo(8.1, 10); // 70.6 − 62.5
    expect(d.pp).toBeCloseTo(8.1, 10);
    expect(d.pct).toBeCloseTo(12.96, 10); // 8.1 / 62.5 × 100 = 12.96
  });

  test("pp only for percent metrics", () => {
    // 2 s → 3 s: abs 1, pct 1 / 2 × 100 = 50, no points
    expect(delta(2, 3, "seconds")).toEqual({ abs: 1, pct: 50, pp: null });
    // price 0.2 → 0.6: abs 0.4, pct 0.4 / 0.2 × 100 = 200
    const price = delta(0.2, 0.6, "usd_per_mtok");
    expect(price.pp).toBeNull();
    expect(price.abs).toBeCloseTo(0.4, 12);
    expect(price.pct).toBeCloseTo(200, 10);
    expect(delta(3.2, 3.9, "score").pp).toBeNull();
  });

  test("0 baseline: abs is kept, pct is null (never Infinity)", () => {
    // 0 → 5: abs 5, pct undefined (division by 0), pp 5 for a percent metric
    expect(delta(0, 5, "percent")).toEqual({ abs: 5, pct: null, pp: 5 });
    expect(delta(0, 0, "number")).toEqual({ abs: 0, pct: null, pp: null });
  });

  test("negative baseline: pct is relative to |baseline|", () => {
    // −4 → −2: abs +2, pct 2 / |−4| × 100 = +50
    expect(delta(-4, -2, "number")).toEqual({ abs: 2, pct: 50, pp: null });
  });

  test("a missing side gives no change at all", () => {
    expect(delta(null, 5, "percent")).toEqual({ abs: null, pct: null, pp: null });
    expect(delta(5, null, "percent")).toEqual({ abs: null, pct: null, pp: null });
  });

  test("a decrease", () => {
    // 9 → 5 (%): abs −4, pct −4 / 9 × 100 = −44.444…, pp −4
    const d = delta(9, 5, "percent");
    expect(d.abs).toBe(-4);
    expect(d.pp).toBe(-4);
    expect(d.pct).toBeCloseTo(-44.4444444, 6);
  });
});

describe("better", () => {
  test.each([
    ["higher", 1, true],
    ["higher", -1, false],
    ["lower", -1, true],
    ["lower", 1, false],
    ["neutral", 1, null],
    ["neutral", -1, null],
    ["higher", 0, null],
    ["lower", 0, null],
    ["higher", null, null],
  ] as const)("%s with change %s → %s", (direction, abs, expected) => {
    expect(better(direction, abs)).toBe(expected);
  });
});
