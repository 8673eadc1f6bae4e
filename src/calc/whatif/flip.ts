/**
 * The value of one input at which a rule's status changes, all else equal. The answer is solved
 * from a line through two evaluations, then a ratio of lines through three — exact where the
 * rule's figure is one (a candidate's price in a cost change; the baseline's price or attempts,
 * which divide; attempts of 1/p), refitted at most four times otherwise — and kept only when an
 * evaluation at it gives the threshold. Where that fails, or a rule of several members has no
 * single figure, the change is bracketed and bisected to the figures' precision. No status
 * change anywhere in the input's range is an answer too.
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

/** Where the line through two points reaches t. */
function lineRoot([x0, v0]: Point, [x1, v1]: Point, t: number): number | null {
  return v1 === v0 ? null : x0 + ((t - v0) * (x1 - x0)) / (v1 - v0);
}

/**
 * Where v(x) = (a + bx) / (c + dx) through three points reaches t. A change against a baseline
 * that moves (its price, its attempts) or attempts of 1/p are of this form: three evaluations
 * fix it exactly, as two fix a line.
 */
function ratioRoot(p: readonly Point[], t: number): number | null {
  const rows = p.map(([x, v]) => [1, x, -v, -x * v]);
  const minor = (skip: number) => {
    const m = rows.map((r) => r.filter((_, j) => j !== skip));
    const [[a, b, c], [d, e, f], [g, h, i]] = m as [[number, number, number], [number, number, number], [number, number, number]];
    return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  };
  const [a, b, c, d] = [minor(0), -minor(1), minor(2), -minor(3)];
  const den = b - t * d;
  return den === 0 ? null : (t * c - a) / den;
}

type Point = [number, number];

/**
 * The answer for each bound, solved: as a line through two evaluations, else as a ratio of lines
 * through three, refitted at most twice for the figures' 12-digit rounding. Kept only when an
 * evaluation at the answer gives the bound, the rule has its other status there (or just past),
 * and halfway there it still has its first.
 */
function closedForm(f: (x: number) => Probe, x0: number, domain: readonly [number, number], bounds: Bounds, flipped: (s: Status) => boolean): Map<"below" | "above", { at: number; becomes: Status }> {
  const found = new Map<"below" | "above", { at: number; becomes: Status }>();
  const start = f(x0);
  const v0 = start.actual;
  if (v0 === null) return found;
  const h = Math.max(Math.abs(x0), 1e-6) * 1e-3;
  const x1 = x0 + h <= domain[1] ? x0 + h : x0 - h;
  const v1 = f(x1).actual;
  if (v1 === null || v1 === v0) return found;
  const inside = (x: number | null): x is number => x !== null && Number.isFinite(x) && x >= domain[0] && x <= domain[1] && x !== x0;
  for (const b of [bounds.min, bounds.max]) {
    if (b === null) continue;
    const tol = 1e-9 * Math.max(1, Math.abs(b));
    const points: Point[] = [[x0, v0], [x1, v1]];
    let x: number | null = lineRoot(points[0]!, points[1]!, b);
    let at: Probe | null = null;
    for (let fit = 0; fit < 4; fit++) {
      x = x === null ? null : snap(x, domain);
      if (!inside(x)) break;
      at = f(x);
      if (at.actual === null || Math.abs(at.actual - b) <= tol) break;
      // The two points nearest the answer and this one: the short first step's rounding drops out.
      points.push([x, at.actual]);
      points.sort((p, q) => Math.abs(p[0] - x!) - Math.abs(q[0] - x!));
      x = fit === 0 ? lineRoot([x0, v0], [x, at.actual], b) : ratioRoot(points.slice(0, 3), b);
      at = null;
    }
    if (!inside(x) || at === null || at.actual === null || Math.abs(at.actual - b) > tol) continue;
    const dir = x < x0 ? "below" : "above";
    const eps = Math.max(Math.abs(x), 1e-12) * 1e-9;
    const past = Math.min(domain[1], Math.max(domain[0], dir === "below" ? x - eps : x + eps));
    const becomes = flipped(at.status) ? at.status : f(past).status;
    if (!flipped(becomes) || flipped(f((x0 + x) / 2).status)) continue;
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
