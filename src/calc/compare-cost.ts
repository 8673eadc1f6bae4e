/** API cost of baseline and candidate at a usage, plain and adjusted for retries. */
import { finding, type Finding } from "../record/findings.js";
import type { ModelData } from "../record/schema.js";
import { blendedPrice, moneyChange, monthlyCost, type TokenUsage } from "./cost.js";
import { finite } from "./delta.js";
import { valueOf } from "./models.js";
import { attemptsFor, type Attempts } from "./retry.js";
import type { Cost, CostSide } from "./schema.js";

function side(model: ModelData, usage: TokenUsage | null, attempts: Attempts | null): CostSide {
  const prices = { priceInput: valueOf(model, "price_input"), priceOutput: valueOf(model, "price_output") };
  const monthly = monthlyCost(prices, usage);
  const a = attempts?.attempts ?? 1;
  return {
    model: model.name,
    ...prices,
    blendedPricePerMTok: blendedPrice(prices, usage),
    monthly,
    annual: monthly === null ? null : finite(monthly * 12),
    attempts: a,
    attemptsSource: attempts?.source ?? "assumed",
    retryAdjustedMonthly: monthly === null ? null : finite(monthly * a),
  };
}

export function compareCost(
  baseline: ModelData,
  candidate: ModelData,
  usage: TokenUsage | null,
  maxAttempts: number | null,
): { cost: Cost; warnings: Finding[] } {
  const warnings: Finding[] = [];
  let a = attemptsFor(baseline, maxAttempts);
  let c = attemptsFor(candidate, maxAttempts);
  for (const [m, at] of [[baseline, a], [candidate, c]] as const) {
    const rate = valueOf(m, "task_success");
    if (!at && rate === 0) warnings.push(finding("zero-success-rate", { model: m.name }));
  }
  if ((a === null) !== (c === null)) {
    warnings.push(finding("retry-one-sided", { model: a !== null ? baseline.name : candidate.name }));
    a = null;
    c = null;
  } else if (a === null && c === null) {
    warnings.push(finding("retry-assumed"));
  }
  const b = side(baseline, usage, a);
  const k = side(candidate, usage, c);
  if (usage) {
    for (const s of [b, k]) {
      if (s.priceInput === null) warnings.push(finding("missing-price", { side: "input", model: s.model }));
      if (s.priceOutput === null) warnings.push(finding("missing-price", { side: "output", model: s.model }));
    }
  }
  return {
    cost: {
      currency: "USD",
      baseline: b,
      candidate: k,
      monthlyChange: moneyChange(b.monthly, k.monthly),
      annualChange: moneyChange(b.annual, k.annual),
      retryAdjustedChange: moneyChange(b.retryAdjustedMonthly, k.retryAdjustedMonthly),
      retryAdjusted: a !== null && c !== null,
    },
    warnings,
  };
}
