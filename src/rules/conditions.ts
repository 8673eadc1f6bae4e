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

/** Which sides a condition needs, to say which one is missing. */
type Needs = "both" | "candidate" | "baseline";

export const CONDITIONS = {
  change_pct: { read: (m: MetricView) => m.change.pct, describe: "change", unit: "percent", needs: "both" },
  change_pp: { read: (m: MetricView) => m.change.pp, describe: "change", unit: "points", needs: "both" },
  change_abs: { read: (m: MetricView) => m.change.abs, describe: "change", unit: "same", needs: "both" },
  candidate: { read: (m: MetricView) => m.candidate, describe: "candidate", unit: "same", needs: "candidate" },
  baseline: { read: (m: MetricView) => m.baseline, describe: "baseline", unit: "same", needs: "baseline" },
} satisfies Record<ConditionKind, { read: (m: MetricView) => number | null; describe: string; unit: "percent" | "points" | "same"; needs: Needs }>;
