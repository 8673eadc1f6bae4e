/**
 * The cost-against-volume chart as data, for every renderer: the volume range worth showing and
 * each line's points. The crossings themselves are solved in calc/whatif; here they are only drawn.
 */
import { costAt } from "../calc/whatif/crossover.js";
import type { CostLine, WhatIf } from "../calc/whatif/schema.js";

export interface Series {
  id: CostLine["id"];
  label: string;
  /** [tokens a month, cost a month], in order of volume; a step is two points at one volume. */
  points: Array<[number, number]>;
}

/** Steps drawn at most; past them a step line is drawn as its points at the chart's samples. */
const MAX_STEPS = 400;

/** Up to a third past the furthest of the usage and the first crossings; null when nothing to draw. */
export function chartMax(w: WhatIf): number | null {
  const drawable = w.lines.filter((l) => (l.id === "self_host" ? l.fixedPerMonth !== null : l.pricePerMTok !== null));
  if (drawable.length === 0) return null;
  const marks = [w.volume ?? 0, ...w.crossovers.slice(0, 4).map((c) => c.volume)].filter((x) => x > 0);
  if (marks.length === 0) return null;
  return Math.max(...marks) * 1.3;
}

export function series(w: WhatIf, max: number, samples = 2): Series[] {
  const out: Series[] = [];
  for (const line of w.lines) {
    if (line.id !== "self_host") {
      if (line.pricePerMTok === null) continue;
      const points = Array.from({ length: samples }, (_, i): [number, number] => {
        const x = (max * i) / (samples - 1);
        return [x, costAt(line, x)!];
      });
      out.push({ id: line.id, label: line.label, points });
      continue;
    }
    const fixed = line.fixedPerMonth;
    if (fixed === null) continue;
    const cap = line.capacityTokensPerMonth;
    const steps = cap === null ? 1 : Math.ceil(max / cap);
    if (cap === null || steps > MAX_STEPS) {
      const points = Array.from({ length: Math.max(samples, 2) }, (_, i): [number, number] => {
        const x = (max * i) / (Math.max(samples, 2) - 1);
        return [x, costAt(line, x)!];
      });
      out.push({ id: line.id, label: line.label, points });
      continue;
    }
    const points: Array<[number, number]> = [[0, fixed]];
    for (let k = 1; k <= steps; k++) {
      const end = Math.min(k * cap, max);
      points.push([end, k * fixed]);
      if (end < max) points.push([end, (k + 1) * fixed]);
    }
    out.push({ id: line.id, label: line.label, points });
  }
  return out;
}

/** A line's cost at evenly spaced volumes, for charts that take one value per column. */
export function sampled(w: WhatIf, max: number, columns: number): { xs: number[]; ys: Map<CostLine["id"], number[]> } {
  const xs = Array.from({ length: columns }, (_, i) => (max * i) / (columns - 1));
  const ys = new Map<CostLine["id"], number[]>();
  for (const line of w.lines) {
    const values = xs.map((x) => costAt(line, x));
    if (values.every((v): v is number => v !== null)) ys.set(line.id, values as number[]);
  }
  return { xs, ys };
}
