/**
 * API cost of baseline and candidate at a usage, plain and adjusted for retries, in one currency:
 * the baseline's. A candidate priced in another currency is converted only at a rate given
 * (`--fx JPY=0.0067`, `fx:` in the policy); without one its cost is unknown and a warning names
 * both lines — never yen printed as dollars.
 */
import { finding, type Finding } from "../record/findings.js";
import type { Currency } from "../record/quantity/lexicon.js";
import type { ModelData } from "../record/schema.js";
import { blendedPrice, moneyChange, monthlyCost, totalTokens, type TokenUsage } from "./cost.js";
import { finite } from "./delta.js";
import { moneyOf, valueOf } from "./models.js";
import { attemptsFor, type Attempts } from "./retry.js";
import type { Cost, CostSide } from "./schema.js";

/** USD per one unit of a currency; USD itself is 1. */
export type Fx = Partial<Record<Currency, number>>;

export interface CostOptions {
  maxAttempts: number | null;
  fx?: Fx;
  /** The record's own currency, when neither model is priced. */
  currency?: Currency | null;
  /** Other things the usage counts, a month: priced where both models price that unit. */
  units?: ReadonlyArray<{ unit: string; count: number; line: number | null }>;
}

/** `amount` in `from` as `to`, at the rates given; null without a rate. */
export function convert(amount: number, from: Currency, to: Currency, fx: Fx): number | null {
  if (from === to) return amount;
  const rate = (c: Currency) => (c === "USD" ? 1 : fx[c]);
  const a = rate(from);
  const b = rate(to);
  if (a === undefined || b === undefined || !(a > 0) || !(b > 0)) return null;
  return finite((amount * a) / b);
}

interface SidePrices {
  priceInput: number | null;
  priceOutput: number | null;
  currency: Currency | null;
  line: number | null;
  /** Every line the prices were read from. */
  lines: number[];
}

function pricesOf(m: ModelData): SidePrices {
  const i = moneyOf(m, "price_input");
  const o = moneyOf(m, "price_output");
  const lines = [...new Set([i?.line, o?.line].filter((x): x is number => typeof x === "number"))];
  return { priceInput: i?.value ?? null, priceOutput: o?.value ?? null, currency: i?.currency ?? o?.currency ?? null, line: i?.line ?? o?.line ?? null, lines };
}

function inCurrency(m: ModelData, p: SidePrices, to: Currency, fx: Fx, other: { currency: Currency; line: number | null; name: string; lines: number[] }, warnings: Finding[]): SidePrices | null {
  if (p.currency === null || p.currency === to) return p;
  const pi = p.priceInput === null ? null : convert(p.priceInput, p.currency, to, fx);
  const po = p.priceOutput === null ? null : convert(p.priceOutput, p.currency, to, fx);
  if ((p.priceInput !== null && pi === null) || (p.priceOutput !== null && po === null)) {
    const args = { what: `${other.name} is priced`, a: other.currency, lineA: other.line, b: p.currency, lineB: p.line, consequence: `the cost of ${m.name} is unknown` };
    // On every price line of both: a reviewer sees it beside any of the prices.
    const lines = [...new Set([...p.lines, ...other.lines])];
    if (lines.length === 0) warnings.push(finding("currency-mismatch", args, null));
    for (const line of lines) warnings.push(finding("currency-mismatch", args, line));
    return null;
  }
  // A conversion changes every figure of the side: the report says which rate made it.
  const rates = [p.currency, to].filter((c) => c !== "USD").map((c) => `${c} ${fx[c]}`).join(", ");
  warnings.push(finding("currency-converted", { model: m.name, from: p.currency, to, rate: `${fmtRate(convert(1, p.currency, to, fx))} ${to} per ${p.currency}`, rates }, p.line));
  return { ...p, priceInput: pi, priceOutput: po, currency: to };
}

const fmtRate = (x: number | null) => (x === null ? "?" : String(Number(x.toPrecision(6))));

function side(model: ModelData, prices: SidePrices | null, original: SidePrices, usage: TokenUsage | null, extra: number | null, attempts: Attempts | null): CostSide {
  const p = prices ?? { priceInput: null, priceOutput: null, currency: null, line: null, lines: [] };
  const tokens = monthlyCost(p, usage);
  const monthly = tokens === null ? null : extra === null ? tokens : finite(tokens + extra);
  const a = attempts?.attempts ?? 1;
  return {
    model: model.name,
    priceInput: p.priceInput,
    priceOutput: p.priceOutput,
    priceCurrency: original.currency,
    blendedPricePerMTok: blendedPrice(p, usage),
    monthly,
    annual: monthly === null ? null : finite(monthly * 12),
    attempts: a,
    attemptsSource: attempts?.source ?? "assumed",
    retryAdjustedMonthly: monthly === null ? null : finite(monthly * a),
  };
}

export function compareCost(baseline: ModelData, candidate: ModelData, usage: TokenUsage | null, o: CostOptions): { cost: Cost; warnings: Finding[] } {
  const warnings: Finding[] = [];
  const fx = o.fx ?? {};
  let a = attemptsFor(baseline, o.maxAttempts);
  let c = attemptsFor(candidate, o.maxAttempts);
  for (const [m, at] of [[baseline, a], [candidate, c]] as const) {
    if (!at && valueOf(m, "task_success") === 0) warnings.push(finding("zero-success-rate", { model: m.name }));
  }
  if ((a === null) !== (c === null)) {
    warnings.push(finding("retry-one-sided", { model: a !== null ? baseline.name : candidate.name }));
    a = null;
    c = null;
  } else if (a === null && c === null) {
    warnings.push(finding("retry-assumed"));
  }
  const pb = pricesOf(baseline);
  const pc = pricesOf(candidate);
  const currency: Currency = pb.currency ?? pc.currency ?? o.currency ?? "USD";
  const refOf = (p: SidePrices, name: string) => ({ currency: p.currency ?? currency, line: p.line, name, lines: p.lines });
  const b = inCurrency(baseline, pb, currency, fx, refOf(pc, candidate.name), warnings);
  const k = inCurrency(candidate, pc, currency, fx, refOf(pb, baseline.name), warnings);

  // Non-token usage: priced only where both models price the unit.
  let extraB: number | null = 0;
  let extraC: number | null = 0;
  for (const u of o.units ?? []) {
    const key = `price_${u.unit}`;
    const mb = moneyOf(baseline, key);
    const mc = moneyOf(candidate, key);
    const vb = mb ? convert(mb.value, mb.currency, currency, fx) : null;
    const vc = mc ? convert(mc.value, mc.currency, currency, fx) : null;
    if (vb === null || vc === null) {
      warnings.push(finding("usage-unpriced", { count: u.count, unit: u.unit.replace(/_/g, " "), reason: `${vb === null ? baseline.name : candidate.name} has no price per ${u.unit.replace(/_/g, " ")}` }, u.line));
      continue;
    }
    extraB = (extraB ?? 0) + u.count * vb;
    extraC = (extraC ?? 0) + u.count * vc;
  }
  const sb = side(baseline, b, pb, usage, extraB, a);
  const sc = side(candidate, k, pc, usage, extraC, c);
  if (usage) {
    for (const [s, p] of [[sb, b], [sc, k]] as const) {
      if (!p) continue;
      if (p.priceInput === null) warnings.push(finding("missing-price", { side: "input", model: s.model }));
      if (p.priceOutput === null) warnings.push(finding("missing-price", { side: "output", model: s.model }));
      if (p.priceInput !== null && p.priceOutput !== null && s.monthly === null && usage.inputTokens === null) {
        warnings.push(finding("usage-total-only", { total: totalTokens(usage), model: s.model }));
      }
    }
  }
  return {
    cost: {
      currency,
      baseline: sb,
      candidate: sc,
      monthlyChange: moneyChange(sb.monthly, sc.monthly),
      annualChange: moneyChange(sb.annual, sc.annual),
      retryAdjustedChange: moneyChange(sb.retryAdjustedMonthly, sc.retryAdjustedMonthly),
      retryAdjusted: a !== null && c !== null,
    },
    warnings,
  };
}
