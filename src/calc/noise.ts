/**
 * Whether a change in a proportion is outside sampling noise: the 95 % interval of the
 * difference of two independent proportions by Newcombe's hybrid score method (his method 10),
 * built from Wilson score intervals. Independent samples make the interval a little wide for
 * two models scored on the same items, so "significant" here errs on the side of caution.
 */
const Z95 = 1.959963984540054;

export function wilson(p: number, n: number, z = Z95): [number, number] {
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Interval of p2 − p1 (candidate minus baseline), both proportions in [0, 1]. */
export function newcombe(p1: number, n1: number, p2: number, n2: number, z = Z95): [number, number] {
  const [l1, u1] = wilson(p1, n1, z);
  const [l2, u2] = wilson(p2, n2, z);
  const d = p2 - p1;
  const lower = d - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2);
  const upper = d + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2);
  return [lower, upper];
}

/** The interval in percentage points, or null when the inputs are not proportions of a sample. */
export function differenceInterval(baselinePct: number, candidatePct: number, n: number): [number, number] | null {
  if (!(n >= 1) || !Number.isFinite(n)) return null;
  const p1 = baselinePct / 100;
  const p2 = candidatePct / 100;
  if (p1 < 0 || p1 > 1 || p2 < 0 || p2 > 1) return null;
  const [lo, hi] = newcombe(p1, n, p2, n);
  return [Number((lo * 100).toPrecision(12)), Number((hi * 100).toPrecision(12))];
}

export function significant(interval: [number, number] | null): boolean | null {
  if (!interval) return null;
  return interval[0] > 0 || interval[1] < 0;
}
