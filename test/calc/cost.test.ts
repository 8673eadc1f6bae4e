import { describe, expect, test } from "vitest";
import { blendedPrice, moneyChange, monthlyCost } from "../../src/calc/cost.js";

const SEED_USAGE = { inputTokens: 100e6, outputTokens: 50e6 };

describe("monthlyCost", () => {
  test("input and output priced per 1M tokens", () => {
    // 100M × $0.20 + 50M × $0.20 = 20 + 10 = 30
    expect(monthlyCost({ priceInput: 0.2, priceOutput: 0.2 }, SEED_USAGE)).toBeCloseTo(30, 10);
    // 100 × 0.60 + 50 × 0.60 = 60 + 30 = 90
    expect(monthlyCost({ priceInput: 0.6, priceOutput: 0.6 }, SEED_USAGE)).toBeCloseTo(90, 10);
    // 100 × 0.50 + 50 × 1.50 = 50 + 75 = 125
    expect(monthlyCost({ priceInput: 0.5, priceOutput: 1.5 }, SEED_USAGE)).toBe(125);
  });

  test("a missing price or no usage gives no cost, never 0", () => {
    expect(monthlyCost({ priceInput: null, priceOutput: 1 }, SEED_USAGE)).toBeNull();
    expect(monthlyCost({ priceInput: 1, priceOutput: null }, SEED_USAGE)).toBeNull();
    expect(monthlyCost({ priceInput: 1, priceOutput: 1 }, null)).toBeNull();
  });

  test("zero usage costs 0", () => {
    expect(monthlyCost({ priceInput: 1, priceOutput: 2 }, { inputTokens: 0, outputTokens: 0 })).toBe(0);
  });
});

describe("blendedPrice", () => {
  test("the usage-weighted price per 1M tokens", () => {
    // (100 × 0.50 + 50 × 1.50) / 150 = 125 / 150 = 0.8333…
    expect(blendedPrice({ priceInput: 0.5, priceOutput: 1.5 }, SEED_USAGE)).toBeCloseTo(0.833333333, 8);
    // (1M × 1 + 3M × 3) / 4M = 10 / 4 = 2.5
    expect(blendedPrice({ priceInput: 1, priceOutput: 3 }, { inputTokens: 1e6, outputTokens: 3e6 })).toBe(2.5);
  });

  test("equal prices need no usage", () => {
    expect(blendedPrice({ priceInput: 0.6, priceOutput: 0.6 }, null)).toBe(0.6);
    expect(blendedPrice({ priceInput: 0.6, priceOutput: 0.6 }, SEED_USAGE)).toBe(0.6);
  });

  test("different prices without a usage mix, no tokens, or a missing price → null", () => {
    expect(blendedPrice({ priceInput: 0.5, priceOutput: 1.5 }, null)).toBeNull();
    expect(blendedPrice({ priceInput: 0.5, priceOutput: 1.5 }, { inputTokens: 0, outputTokens: 0 })).toBeNull();
    expect(blendedPrice({ priceInput: null, priceOutput: 1.5 }, SEED_USAGE)).toBeNull();
    expect(blendedPrice({ priceInput: 0.5, priceOutput: null }, SEED_USAGE)).toBeNull();
  });
});

describe("moneyChange", () => {
  test("abs and pct", () => {
    // 125 → 90: −35, −35 / 125 × 100 = −28
    const c = moneyChange(125, 90);
    expect(c.abs).toBe(-35);
    expect(c.pct).toBeCloseTo(-28, 10);
    // 30 → 90: +60, 60 / 30 × 100 = +200
    expect(moneyChange(30, 90)).toEqual({ abs: 60, pct: 200 });
  });

  test("a 0 baseline has an abs change but no pct", () => {
    expect(moneyChange(0, 10)).toEqual({ abs: 10, pct: null });
    expect(moneyChange(0, 0)).toEqual({ abs: 0, pct: null });
  });

  test("a missing side gives nothing", () => {
    expect(moneyChange(null, 10)).toEqual({ abs: null, pct: null });
    expect(moneyChange(10, null)).toEqual({ abs: null, pct: null });
  });
});
