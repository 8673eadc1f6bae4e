/**
 * The value of one input at which a rule's status changes, all else equal. Where the rule's
 * figure moves in a straight line with the input (a price in a cost change) the answer is solved
 * from two evaluations and checked by a third at the answer; otherwise (a success rate through
 * 1/p, a rule with several members) it is bracketed and bisected to the precision of a double.
 * No status change anywhere in the input's range is an answer too.
 */
import type { Flip } from "./schema.js";

export type Status = "pass" | "fail" | "unknown";

export interface Probe {
  status: Status;
  /** The rule's figure, when the rule is one condition (not `any:`). */
  actual: number | null;
  /** Everything the rule's outcome is made of, to tell whether an input touches it. */
  signature: string;
}

export interface Bounds {
  min: number | null;
  max: number | null;
}

type Found = Pick<Flip, "at" | "direction" | "becomes" | "method">;

export const NO_FLIP: Found = { at: null, direction: null, becomes: null, method: null };

const GRID = 32;
const HALVINGS = 60;

/** Whether moving the input anywhere in its range changes anything the rule looks at. */
export function touches(f: (x: number) => Probe, x0: number, domain: readonly [number, number]): boolean {
  const base = f(x0).signature;
  const near = x0 === 0 ? [Math.min(domain[1], 0.1), Math.max(domain[0], -0.1)] : [x0 * 0.9, x0 * 1.1];
  return [...near, domain[0], domain[1]].some((x) => x >= domain[0] && x <= domain[1] && f(x).signature !== base);
}

/**
 * What counts as the other answer: a passing rule that stops passing (fails, or becomes unknown
 * — either way the verdict is HOLD), or a failing or unknown rule that passes.
 */
function flippedFrom(start: Status): (s: Status) => boolean {
  return start === "pass" ? (s) => s !== "pass" : (s) => s === "pass";
}

/** An answer a rounding error past an end of the range is that end (attempts of 0.99999999999 are 1). */
function snap(x: number, domain: readonly [number, number]): number {
  const tol = 1e-9 * Math.max(1, Math.abs(domain[0]), Math.abs(x));
  if (x < domain[0] && x > domain[0] - tol) return domain[0];
  if (x > domain[1] && x < domain[1] + tol) return domain[1];
  return x;
}

/** A straight-line answer for each bound, kept when a third evaluation confirms it. */
function closedForm(f: (x: number) => Probe, x0: number, domain: readonly [number, number], bounds: Bounds, flipped: (s: Status) => boolean): Map<"below" | "above", { at: number; becomes: Status }> {
  const found = new Map<"below" | "above", { at: number; becomes: Status }>();
  const v0 = f(x0).actual;
  if (v0 === null) return found;
  const h = Math.max(Math.abs(x0), 1e-6) * 1e-3;
  const x1 = x0 + h <= domain[1] ? x0 + h : x0 - h;
  const v1 = f(x1).actual;
  if (v1 === null || v1 === v0) return found;
  const slope = (v1 - v0) / (x1 - x0);
  for (const b of [bounds.min, bounds.max]) {
    if (b === null) continue;
    let x = snap(x0 + (b - v0) / slope, domain);
    if (!Number.isFinite(x) || x < domain[0] || x > domain[1] || x === x0) continue;
    // The figures are kept to 12 digits: a second secant across the whole distance removes the
    // error the first one's short step carries.
    let at = f(x);
    if (at.actual !== null && at.actual !== v0) {
      const refined = x0 + ((b - v0) * (x - x0)) / (at.actual - v0);
      if (Number.isFinite(refined) && snap(refined, domain) >= domain[0] && snap(refined, domain) <= domain[1] && refined !== x0) {
        x = snap(refined, domain);
        at = f(x);
      }
    }
    if (at.actual === null || Math.abs(at.actual - b) > 1e-9 * Math.max(1, Math.abs(b))) continue;
    const dir = x < x0 ? "below" : "above";
    const eps = Math.max(Math.abs(x), 1e-12) * 1e-9;
    const past = Math.min(domain[1], Math.max(domain[0], dir === "below" ? x - eps : x + eps));
    const becomes = flipped(at.status) ? at.status : f(past).status;
    if (!flipped(becomes)) continue;
    const known = found.get(dir);
    if (known === undefined || Math.abs(x - x0) < Math.abs(known.at - x0)) found.set(dir, { at: x, becomes });
  }
  return found;
}

/** The first change towards one end of the range, bracketed on a log grid then halved. */
function bisect(f: (x: number) => Probe, x0: number, edge: number, flipped: (s: Status) => boolean): { at: number; becomes: Status } | null {
  if (edge === x0) return null;
  const hit = (x: number) => flipped(f(x).status);
  let lo = x0;
  let hi: number | null = null;
  for (let k = 1; k <= GRID; k++) {
    const x = x0 + (edge - x0) * 10 ** (-6 + (6 * k) / GRID);
    if (hit(x)) {
      hi = x;
      break;
    }
    lo = x;
  }
  if (hi === null) return null;
  let h: number = hi;
  for (let i = 0; i < HALVINGS; i++) {
    // Twelve digits are all the figures keep: halving further finds nothing new.
    if (Math.abs(h - lo) <= 1e-13 * Math.max(1, Math.abs(h))) break;
    const mid: number = (lo + h) / 2;
    if (mid === lo || mid === h) break;
    if (hit(mid)) h = mid;
    else lo = mid;
  }
  return { at: h, becomes: f(h).status };
}

/** The flips of one rule under one input: the nearest in each direction that has one. */
export function flipsOf(f: (x: number) => Probe, x0: number, domain: readonly [number, number], bounds: Bounds): Found[] {
  const start = f(x0);
  const flipped = flippedFrom(start.status);
  const solved = start.actual === null ? new Map<"below" | "above", { at: number; becomes: Status }>() : closedForm(f, x0, domain, bounds, flipped);
  const found: Found[] = [];
  for (const [direction, edge] of [["below", domain[0]], ["above", domain[1]]] as const) {
    const exact = solved.get(direction);
    if (exact !== undefined) {
      found.push({ ...exact, direction, method: "closed_form" });
      continue;
    }
    const near = bisect(f, x0, edge, flipped);
    if (near !== null) found.push({ ...near, direction, method: "bisection" });
  }
  return found.length ? found : [NO_FLIP];
}
