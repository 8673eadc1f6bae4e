import { describe, expect, test } from "vitest";
import { selfHosting, type SelfHostInput } from "../../src/calc/self-host.js";

const SEED_SELF_HOST: SelfHostInput["selfHost"] = {
  capex: { value: 50_000, line: 82, currency: "USD" },
  opexPerMonth: { value: 800, line: 83, currency: "USD" },
  gpus: { value: "2x A100 80GB", line: 81 },
  statedBreakEvenTokensPerMonth: { value: 140e6, line: 84 },
};

function run(overrides: Partial<SelfHostInput> = {}) {
  return selfHosting({ selfHost: SEED_SELF_HOST, amortizationMonths: 36, blendedPricePerMTok: 0.6, tokensPerMonth: 150e6, currency: "USD", ...overrides }).selfHost;
}

describe("selfHosting", () => {
  test("the seed: fixed cost, break-even, payback never at 150M tokens", () => {
    const s = run();
    // F = 800 + 50,000 / 36 = 800 + 1,388.888… = 2,188.888…
    expect(s.fixedPerMonth).toBeCloseTo(2188.888889, 5);
    // F / P = 2,188.888… / 0.60 per 1M = 3,648.148… M tokens = 3,648,148,148 tokens
    expect(s.breakEvenTokensPerMonth).toBeCloseTo(3_648_148_148.15, 1);
    // API at 150M × $0.60/1M = $90 a month, below the $800 opex: capex never pays back
    expect(s.apiMonthly).toBeCloseTo(90, 10);
    expect(s.paybackMonths).toBeNull();
    expect(s.cheaperAtCurrentUsage).toBe(false);
    expect(s).toMatchObject({
      capex: 50_000,
      opexPerMonth: 800,
      amortizationMonths: 36,
      blendedPricePerMTok: 0.6,
      gpus: "2x A100 80GB",
      stated: 140e6,
      lines: { capex: 82, opexPerMonth: 83, stated: 84 },
    });
  });

  test("payback is finite once the API bill exceeds opex", () => {
    // 3B tokens × $0.60/1M = $1,800 a month; saving 1,800 − 800 = 1,000; 50,000 / 1,000 = 50 months
    const s = run({ tokensPerMonth: 3e9 });
    expect(s.apiMonthly).toBeCloseTo(1800, 8);
    expect(s.paybackMonths).toBeCloseTo(50, 8);
    // but 2,188.89 fixed > 1,800 API: not yet cheaper over a 36-month amortization
    expect(s.cheaperAtCurrentUsage).toBe(false);
  });

  test("above break-even self-hosting is cheaper", () => {
    // 5B × 0.6 = $3,000; saving 3,000 − 800 = 2,200; 50,000 / 2,200 = 22.7272… months
    const s = run({ tokensPerMonth: 5e9 });
    expect(s.paybackMonths).toBeCloseTo(22.727272727, 6);
    expect(s.cheaperAtCurrentUsage).toBe(true); // 2,188.89 < 3,000
  });

  test("amortization months change the fixed cost", () => {
    // 800 + 50,000 / 24 = 800 + 2,083.333… = 2,883.333…
    expect(run({ amortizationMonths: 24 }).fixedPerMonth).toBeCloseTo(2883.333333, 5);
    expect(run({ amortizationMonths: 0 }).fixedPerMonth).toBeNull();
  });

  test("capex only: no fixed cost, so no break-even or payback (opex is not known to be 0)", () => {
    const s = run({ selfHost: { ...SEED_SELF_HOST, opexPerMonth: null } });
    expect(s.capex).toBe(50_000);
    expect(s.fixedPerMonth).toBeNull();
    expect(s.breakEvenTokensPerMonth).toBeNull();
    expect(s.paybackMonths).toBeNull();
  });

  test("opex only: no fixed cost either (capex is not known to be 0)", () => {
    const s = run({ selfHost: { ...SEED_SELF_HOST, capex: null }, tokensPerMonth: 3e9 });
    expect(s.opexPerMonth).toBe(800);
    expect(s.fixedPerMonth).toBeNull();
    expect(s.breakEvenTokensPerMonth).toBeNull();
  });

  test("capex stated as none: fixed = opex, break-even = opex / price", () => {
    const s = run({ selfHost: { ...SEED_SELF_HOST, capex: { value: 0, line: 80, currency: null } }, tokensPerMonth: 3e9 });
    expect(s.fixedPerMonth).toBe(800);
    expect(s.breakEvenTokensPerMonth).toBeCloseTo(1_333_333_333.33, 1); // 800 / 0.6 × 1e6
    expect(s.paybackMonths).toBeCloseTo(0, 9); // nothing to pay back
  });

  test("capex in yen and a cost in dollars: converted at a rate, unknown without one", () => {
    const yen = { ...SEED_SELF_HOST, capex: { value: 7_500_000, line: 82, currency: "JPY" as const } };
    const without = selfHosting({ selfHost: yen, amortizationMonths: 36, blendedPricePerMTok: 0.6, tokensPerMonth: 150e6, currency: "USD" });
    expect(without.selfHost.capex).toBeNull();
    expect(without.selfHost.fixedPerMonth).toBeNull();
    expect(without.unconverted).toEqual([{ what: "capex", currency: "JPY", line: 82 }]);
    // ¥7,500,000 × 0.0067 = $50,250; fixed = 800 + 50,250 / 36 = 2,195.8333…
    const at = selfHosting({ selfHost: yen, amortizationMonths: 36, blendedPricePerMTok: 0.6, tokensPerMonth: 150e6, currency: "USD", fx: { JPY: 0.0067 } });
    expect(at.selfHost.capex).toBeCloseTo(50_250, 6);
    expect(at.selfHost.fixedPerMonth).toBeCloseTo(2195.833333, 5);
  });

  test("no price or a 0 price: no break-even, never Infinity", () => {
    const none = run({ blendedPricePerMTok: null });
    expect(none.breakEvenTokensPerMonth).toBeNull();
    expect(none.apiMonthly).toBeNull();
    expect(none.paybackMonths).toBeNull();
    expect(none.cheaperAtCurrentUsage).toBeNull();
    const zero = run({ blendedPricePerMTok: 0 });
    expect(zero.breakEvenTokensPerMonth).toBeNull();
    expect(zero.paybackMonths).toBeNull(); // API $0, saving −800
  });

  test("no usage: break-even still known, payback not", () => {
    const s = run({ tokensPerMonth: null });
    expect(s.breakEvenTokensPerMonth).toBeCloseTo(3_648_148_148.15, 1);
    expect(s.apiMonthly).toBeNull();
    expect(s.paybackMonths).toBeNull();
  });

  test("no capex and no opex: nothing to compute", () => {
    const s = run({ selfHost: { capex: null, opexPerMonth: null, gpus: null, statedBreakEvenTokensPerMonth: null } });
    expect(s.fixedPerMonth).toBeNull();
    expect(s.breakEvenTokensPerMonth).toBeNull();
    expect(s.stated).toBeNull();
  });
});
