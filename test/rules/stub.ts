import { METRICS } from "../../src/record/registry/metrics.js";
/** Small hand-built analyses for rule tests: each figure is written out, nothing is computed. */
import type { Analysis } from "../../src/calc/analyze.js";
import type { CostSide, MetricRow } from "../../src/calc/schema.js";
import { PolicySchema, type PolicyInput, type Policy } from "../../src/rules/schema.js";

export interface RowSpec {
  unit?: string;
  direction?: MetricRow["direction"];
  baseline: number | null;
  candidate: number | null;
  abs?: number | null;
  pct?: number | null;
  pp?: number | null;
  significant?: boolean | null;
}

export function row(key: string, spec: RowSpec): MetricRow {
  return {
    key,
    label: key,
    unit: spec.unit ?? "percent",
    direction: spec.direction ?? "higher",
    baseline: spec.baseline,
    candidate: spec.candidate,
    change: { abs: spec.abs ?? null, pct: spec.pct ?? null, pp: spec.pp ?? null },
    better: null,
    significant: spec.significant ?? null,
    ci95: null,
    sampleSize: null,
    stated: null,
    line: null,
    lines: { baseline: null, candidate: null },
    // As analyze marks them: the registry's percentage benchmarks are part of benchmarks.mean.
    benchmark: METRICS.some((m) => m.key === key && m.benchmark === true && m.kind === "percent"),
  };
}

function side(model: string, monthly: number | null, attempts: number, retryAdjustedMonthly: number | null): CostSide {
  return {
    model,
    priceInput: null,
    priceOutput: null,
    priceCurrency: null,
    blendedPricePerMTok: null,
    monthly,
    annual: monthly === null ? null : monthly * 12,
    attempts,
    attemptsSource: attempts === 1 ? "assumed" : "stated",
    retryAdjustedMonthly,
  };
}

export interface CostSpec {
  baseline: { monthly: number | null; attempts: number; retryAdjusted: number | null };
  candidate: { monthly: number | null; attempts: number; retryAdjusted: number | null };
  monthlyChange: { abs: number | null; pct: number | null };
  retryAdjustedChange: { abs: number | null; pct: number | null };
}

const NO_COST: CostSpec = {
  baseline: { monthly: null, attempts: 1, retryAdjusted: null },
  candidate: { monthly: null, attempts: 1, retryAdjusted: null },
  monthlyChange: { abs: null, pct: null },
  retryAdjustedChange: { abs: null, pct: null },
};

export function analysis(metrics: MetricRow[], cost: CostSpec = NO_COST): Analysis {
  return {
    baseline: "Old",
    candidate: "New",
    metrics,
    usage: { inputTokens: null, outputTokens: null, source: "none" },
    cost: {
      currency: "USD",
      baseline: side("Old", cost.baseline.monthly, cost.baseline.attempts, cost.baseline.retryAdjusted),
      candidate: side("New", cost.candidate.monthly, cost.candidate.attempts, cost.candidate.retryAdjusted),
      monthlyChange: cost.monthlyChange,
      annualChange: { abs: null, pct: null },
      retryAdjustedChange: cost.retryAdjustedChange,
      retryAdjusted: cost.baseline.attempts !== 1 || cost.candidate.attempts !== 1,
    },
    selfHost: null,
    audit: [],
    warnings: [],
  };
}

/** A policy through its schema, so defaults (severity, amortization) apply as they do for a file. */
export function policy(rules: PolicyInput["rules"], extra: Partial<PolicyInput> = {}): Policy {
  return PolicySchema.parse({ version: 1, ...extra, rules });
}
