/** The change from baseline to candidate, and whether it is for the better. */
import type { Direction } from "../record/registry/metrics.js";
import type { Change } from "./schema.js";

/**
 * A finite number or null: calculations never hand out NaN or Infinity. Results are kept to 12
 * significant digits so binary rounding noise (125.99999999999999) does not reach reports.
 */
export function finite(n: number): number | null {
  if (!Number.isFinite(n)) return null;
  return Number.isInteger(n) ? n : Number(n.toPrecision(12));
}

export function delta(baseline: number | null, candidate: number | null, unit: string): Change {
  if (baseline === null || candidate === null) return { abs: null, pct: null, pp: null };
  const abs = finite(candidate - baseline);
  const pct = baseline === 0 ? null : finite(((candidate - baseline) / Math.abs(baseline)) * 100);
  return { abs, pct, pp: unit === "percent" ? abs : null };
}

export function better(direction: Direction, abs: number | null): boolean | null {
  if (abs === null || abs === 0 || direction === "neutral") return null;
  return direction === "higher" ? abs > 0 : abs < 0;
}
