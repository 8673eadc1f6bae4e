/**
 * Cost against monthly volume, and where the lines cross — solved, not sampled. An API line is
 * volume × price; self-hosting is a step function: one installation's fixed cost up to its
 * capacity, two past it, and so on. Per step the crossing with a line is kF / p when it falls
 * inside the step, and at a step's edge the order can change by the jump itself.
 */
import { monthlyCost } from "../cost.js";
import type { CostLine, Crossover } from "./schema.js";

/** Crossings listed at most: past them the order keeps alternating at every step. */
export const MAX_CROSSOVERS = 20;
/** Volumes considered, tokens a month (the bound `--usage` has). */
export const MAX_VOLUME = 1e15;

/** The monthly cost of a line at a volume; null when the line has no figure. */
export function costAt(line: CostLine, volume: number): number | null {
  // The blended price is the price of every token at the usage's mix: the cost module prices a total at it.
  if (line.id !== "self_host") return line.pricePerMTok === null ? null : monthlyCost({ priceInput: line.pricePerMTok, priceOutput: line.pricePerMTok }, { inputTokens: null, outputTokens: null, totalTokens: volume });
  if (line.fixedPerMonth === null) return null;
  return line.fixedPerMonth * installations(line.capacityTokensPerMonth, volume);
}

/** Installations needed for a volume: one at least, another past each multiple of the capacity. */
export function installations(capacity: number | null, volume: number): number {
  if (capacity === null || !(capacity > 0) || volume <= capacity) return 1;
  return Math.ceil(volume / capacity);
}

/** Where an API line (price p per token) crosses self-hosting (F per installation of C tokens). */
export function selfHostCrossings(api: CostLine, self: CostLine): Crossover[] {
  const price = api.pricePerMTok;
  const fixed = self.fixedPerMonth;
  if (price === null || fixed === null || !(price > 0) || !(fixed > 0)) return [];
  const p = price / 1e6;
  const cap = self.capacityTokensPerMonth !== null && self.capacityTokensPerMonth > 0 ? self.capacityTokensPerMonth : null;
  const between: [string, string] = [api.id, self.id];
  const found: Crossover[] = [];
  const cross = (volume: number, cheaperAbove: string) => found.push({ between, volume, cost: p * volume, cheaperAbove });
  if (cap === null) {
    if (fixed / p <= MAX_VOLUME) cross(fixed / p, self.id);
    return found;
  }
  // One installation serves C tokens for F: when C tokens on the API cost no more than F, the API is never dearer.
  if (p * cap <= fixed) return found;
  for (let k = 1; found.length < MAX_CROSSOVERS; k++) {
    const start = (k - 1) * cap;
    if (start >= MAX_VOLUME) break;
    // Just past the step's start the API is cheaper when p·start < kF; it crosses back at kF / p.
    if (k > 1 && p * start >= (k - 1) * fixed && p * start < k * fixed) cross(start, api.id);
    const v = (k * fixed) / p;
    if (v > start && v < k * cap && v <= MAX_VOLUME) cross(v, self.id);
    // From here on each step starts with self-hosting already cheaper: no more crossings.
    if (p * k * cap >= (k + 1) * fixed) break;
  }
  return found;
}

export function crossovers(lines: readonly CostLine[]): Crossover[] {
  const byId = (id: CostLine["id"]) => lines.find((l) => l.id === id);
  const s = byId("self_host");
  if (!s) return [];
  // The two API lines both start at the origin, so they never cross: one is cheaper at every volume.
  const apis = [byId("baseline"), byId("candidate")].filter((l): l is CostLine => l !== undefined);
  const all = apis.flatMap((api) => selfHostCrossings(api, s));
  return all.sort((x, y) => x.volume - y.volume);
}
