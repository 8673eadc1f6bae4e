/**
 * Condition kinds, as one registry: what value each reads from a metric and how it reads in a
 * message. Adding a kind is one row here; the policy schema takes its keys from this table.
 */
export const CONDITION_KINDS = ["change_pct", "change_pp", "change_abs", "candidate", "baseline"] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

/** What a rule sees of a metric, plain or derived (`cost.retry_adjusted`). */
export interface MetricView {
  label: string;
  unit: string;
  baseline: number | null;
  candidate: number | null;
  change: { abs: number | null; pct: number | null; pp: number | null };
  significant: boolean | null;
}

export const CONDITIONS = {
  change_pct: { read: (m: MetricView) => m.change.pct, describe: "change", unit: "percent", missing: "no percentage change (a side is missing or the baseline is 0)" },
  change_pp: { read: (m: MetricView) => m.change.pp, describe: "change", unit: "points", missing: "no change in points (a side is missing, or the metric is not a percentage)" },
  change_abs: { read: (m: MetricView) => m.change.abs, describe: "change", unit: "same", missing: "no change (a side is missing)" },
  candidate: { read: (m: MetricView) => m.candidate, describe: "candidate", unit: "same", missing: "the candidate has no value" },
  baseline: { read: (m: MetricView) => m.baseline, describe: "baseline", unit: "same", missing: "the baseline has no value" },
} satisfies Record<ConditionKind, { read: (m: MetricView) => number | null; describe: string; unit: "percent" | "points" | "same"; missing: string }>;
