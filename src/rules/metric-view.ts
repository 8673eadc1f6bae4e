/**
 * What a rule's `metric` names: a metric of the record, or a derived figure. Derived metrics
 * are one registry; a policy may name any of them or any metric key.
 */
import type { Analysis } from "../calc/analyze.js";
import type { MetricRow } from "../calc/schema.js";
import { finite } from "../calc/delta.js";
import type { MetricView } from "./conditions.js";

function money(label: string, unit: string, baseline: number | null, candidate: number | null, change: { abs: number | null; pct: number | null }): MetricView {
  return { label, unit, baseline, candidate, change: { ...change, pp: null }, significant: null };
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Mean change in points over the benchmarks both models have; significant when all are. */
function benchmarkMean(a: Analysis): MetricView | null {
  const rows = a.metrics.filter((r): r is MetricRow & { baseline: number; candidate: number } =>
    r.benchmark === true && r.baseline !== null && r.candidate !== null);
  if (rows.length === 0) return null;
  const b = mean(rows.map((r) => r.baseline));
  const c = mean(rows.map((r) => r.candidate));
  const sig = rows.every((r) => r.significant === true) ? true : rows.some((r) => r.significant === null) ? null : false;
  return {
    label: `benchmark mean (${rows.map((r) => r.label).join(", ")})`,
    unit: "percent",
    baseline: finite(b),
    candidate: finite(c),
    change: { abs: finite(c - b), pct: b === 0 ? null : finite(((c - b) / b) * 100), pp: finite(c - b) },
    significant: sig,
  };
}

export const DERIVED_METRICS: Record<string, (a: Analysis) => MetricView | null> = {
  "cost.monthly": (a) => money("monthly cost", a.cost.currency.toLowerCase(), a.cost.baseline.monthly, a.cost.candidate.monthly, a.cost.monthlyChange),
  "cost.annual": (a) => money("annual cost", a.cost.currency.toLowerCase(), a.cost.baseline.annual, a.cost.candidate.annual, a.cost.annualChange),
  "cost.retry_adjusted": (a) =>
    money("retry-adjusted monthly cost", a.cost.currency.toLowerCase(), a.cost.baseline.retryAdjustedMonthly, a.cost.candidate.retryAdjustedMonthly, a.cost.retryAdjustedChange),
  "benchmarks.mean": benchmarkMean,
};

/** Why a derived figure can be missing, for the rule's message. */
export const DERIVED_MISSING: Record<string, string> = {
  "benchmarks.mean": "no benchmark is scored for both models",
};

export function metricView(a: Analysis, key: string): MetricView | null {
  if (Object.hasOwn(DERIVED_METRICS, key)) return DERIVED_METRICS[key]!(a);
  const row = a.metrics.find((r) => r.key === key);
  if (!row) return null;
  return { label: row.label, unit: row.unit, baseline: row.baseline, candidate: row.candidate, change: row.change, significant: row.significant };
}
