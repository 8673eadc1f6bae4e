/** Monthly API cost at a usage, and the blended price per 1M tokens at its mix. */
import { finite } from "./delta.js";

export interface Prices {
  priceInput: number | null;
  priceOutput: number | null;
}

/** Tokens a month. A record may give only a total; a flag always gives both. */
export interface TokenUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens?: number | null;
}

/** Input and output tokens, or a total when input and output are priced alike. */
export function monthlyCost(prices: Prices, usage: TokenUsage | null): number | null {
  if (!usage || prices.priceInput === null || prices.priceOutput === null) return null;
  if (usage.inputTokens !== null && usage.outputTokens !== null) {
    return finite((usage.inputTokens / 1e6) * prices.priceInput + (usage.outputTokens / 1e6) * prices.priceOutput);
  }
  const total = usage.totalTokens ?? null;
  if (total !== null && prices.priceInput === prices.priceOutput) return finite((total / 1e6) * prices.priceInput);
  return null;
}

/** Price per 1M tokens at the usage's mix of input and output. */
export function blendedPrice(prices: Prices, usage: TokenUsage | null): number | null {
  if (prices.priceInput === null || prices.priceOutput === null) return null;
  if (prices.priceInput === prices.priceOutput) return prices.priceInput;
  if (!usage || usage.inputTokens === null || usage.outputTokens === null) return null;
  const total = usage.inputTokens + usage.outputTokens;
  if (total <= 0) return null;
  return finite((usage.inputTokens * prices.priceInput + usage.outputTokens * prices.priceOutput) / total);
}

export function totalTokens(usage: TokenUsage | null): number | null {
  if (!usage) return null;
  if (usage.inputTokens !== null && usage.outputTokens !== null) return usage.inputTokens + usage.outputTokens;
  return usage.totalTokens ?? null;
}

export function moneyChange(baseline: number | null, candidate: number | null): { abs: number | null; pct: number | null } {
  if (baseline === null || candidate === null) return { abs: null, pct: null };
  return {
    abs: finite(candidate - baseline),
    pct: baseline === 0 ? null : finite(((candidate - baseline) / Math.abs(baseline)) * 100),
  };
}
