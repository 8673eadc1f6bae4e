import { describe, expect, test } from "vitest";
import { differenceInterval, newcombe, significant, wilson } from "../../src/calc/noise.js";

describe("wilson", () => {
  test("p = 0.5, n = 100: about [0.4038, 0.5962]", () => {
    // z² = 3.841459; denom = 1.0384146; centre = 0.5;
    // half = 1.959964 × √(0.0025 + 3.841459/40000) / 1.0384146 = 0.0998628 / 1.0384146 = 0.0961685
    const [lo, hi] = wilson(0.5, 100);
    expect(lo).toBeCloseTo(0.403832, 5);
    expect(hi).toBeCloseTo(0.596168, 5);
  });

  test("Newcombe 1998's single-proportion intervals: 56/70 and 48/80", () => {
    // 56/70: centre 0.827439 / 1.054878 = 0.784393, half 0.0976391 / 1.054878 = 0.0925597
    const a = wilson(56 / 70, 70);
    expect(a[0]).toBeCloseTo(0.691833, 5); // 0.784393 − 0.0925597
    expect(a[1]).toBeCloseTo(0.876953, 5); // 0.784393 + 0.0925597
    // 48/80: centre 0.6240091 / 1.0480182 = 0.595418, half 0.110004 / 1.0480182 = 0.104964
    const b = wilson(48 / 80, 80);
    expect(b[0]).toBeCloseTo(0.490454, 5); // 0.595418 − 0.104964
    expect(b[1]).toBeCloseTo(0.700382, 5); // 0.595418 + 0.104964
  });

  test("stays inside [0, 1] at the edges", () => {
    // p = 0, n = 10: z²/2n = 0.1920730, denom = 1.3841459; centre = half = 0.1920730 / 1.3841459 = 0.1387665
    // → [0, 0.277533]
    const [lo, hi] = wilson(0, 10);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.277533, 5);
    const [lo1, hi1] = wilson(1, 10);
    expect(hi1).toBeLessThanOrEqual(1);
    expect(hi1).toBeCloseTo(1, 12); // centre + half = (1 + z²/2n + z²/2n) / (1 + z²/n) = 1
    expect(lo1).toBeCloseTo(1 - 0.277533, 5);
  });
});

describe("newcombe (method 10)", () => {
  test("Newcombe 1998 worked example: 56/70 − 48/80 = 0.2, 95 % CI 0.0524 to 0.3339", () => {
    // candidate 56/70 = 0.8, baseline 48/80 = 0.6
    // lower = 0.2 − √((0.8 − 0.691833)² + (0.700382 − 0.6)²) = 0.2 − √0.0217767 = 0.052431
    // upper = 0.2 + √((0.876953 − 0.8)² + (0.6 − 0.490454)²) = 0.2 + √0.0179221 = 0.333873
    const [lo, hi] = newcombe(48 / 80, 80, 56 / 70, 70);
    expect(lo).toBeCloseTo(0.0524, 4);
    expect(hi).toBeCloseTo(0.3339, 4);
  });

  test("swapping the sides mirrors the interval", () => {
    const [lo, hi] = newcombe(56 / 70, 70, 48 / 80, 80);
    expect(lo).toBeCloseTo(-0.3339, 4);
    expect(hi).toBeCloseTo(-0.0524, 4);
  });

  test("equal proportions: an interval symmetric around 0", () => {
    const [lo, hi] = newcombe(0.5, 100, 0.5, 100);
    // ± √(2 × 0.0961685²) = ± 0.136002
    expect(lo).toBeCloseTo(-0.136002, 5);
    expect(hi).toBeCloseTo(0.136002, 5);
  });
});

describe("differenceInterval", () => {
  test("in percentage points, same n on both sides", () => {
    // HumanEval 26.2 % → 40.2 %, n = 164 (by hand, Wilson limits [0.200700, 0.334194] and [0.330033, 0.478453]):
    // lower = 0.14 − √(0.072194² + 0.071967²) = 0.038063; upper = 0.14 + √(0.076453² + 0.0613²) = 0.237994
    const ci = differenceInterval(26.2, 40.2, 164);
    expect(ci).not.toBeNull();
    expect(ci![0]).toBeCloseTo(3.806, 2);
    expect(ci![1]).toBeCloseTo(23.799, 2);
    expect(significant(ci)).toBe(true);
  });

  test("a small change on a small sample is within noise", () => {
    // 47/50 vs 45/50: 4 points on n = 50 spans 0
    const ci = differenceInterval(90, 94, 50);
    expect(ci![0]).toBeLessThan(0);
    expect(ci![1]).toBeGreaterThan(0);
    expect(significant(ci)).toBe(false);
  });

  test("null for n < 1, a non-finite n, or values outside 0–100", () => {
    expect(differenceInterval(50, 60, 0)).toBeNull();
    expect(differenceInterval(50, 60, 0.5)).toBeNull();
    expect(differenceInterval(50, 60, -10)).toBeNull();
    expect(differenceInterval(50, 60, Number.NaN)).toBeNull();
    expect(differenceInterval(50, 60, Number.POSITIVE_INFINITY)).toBeNull();
    expect(differenceInterval(-1, 60, 100)).toBeNull();
    expect(differenceInterval(50, 101, 100)).toBeNull();
    expect(differenceInterval(50, 60, 1)).not.toBeNull();
  });
});

describe("significant", () => {
  test("excludes 0 on either side", () => {
    expect(significant([0.5, 2])).toBe(true);
    expect(significant([-2, -0.5])).toBe(true);
    expect(significant([-1, 1])).toBe(false);
    expect(significant([0, 1])).toBe(false);
    expect(significant(null)).toBeNull();
  });
});
