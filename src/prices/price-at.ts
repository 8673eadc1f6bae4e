/**
 * A catalog model's price on a day, from its price history, and the tier a request size falls in.
 * A day before the model existed is a problem, never the first price passed off as that day's.
 */
import type { CatalogModel, CatalogPrice, MatchLogic, Tiered } from "./catalog.js";

export type PriceAt =
  | { ok: true; price: CatalogPrice; since: string | null }
  | { ok: false; kind: "before-first"; first: string; why: "history" | "snapshot" }
  | { ok: false; kind: "time-of-day"; windows: string[] };

const DATED = /(?:^|[-_@])(20\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?=$|[-_:])/;

function names(logic: MatchLogic): string[] {
  if ("or" in logic) return logic.or.flatMap(names);
  if ("and" in logic) return logic.and.flatMap(names);
  if ("equals" in logic) return [logic.equals];
  if ("starts_with" in logic) return [logic.starts_with];
  return [];
}

/**
 * The earliest dated snapshot among the ids a model answers to (`gpt-4o-mini-2024-07-18`,
 * `claude-3-haiku-20240307`): the model did not exist before it.
 */
export function firstSnapshot(model: CatalogModel): string | null {
  let first: string | null = null;
  for (const n of [model.id, ...names(model.match)]) {
    const m = DATED.exec(n);
    if (!m) continue;
    const day = `${m[1]}-${m[2]}-${m[3]}`;
    if (!Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && (first === null || day < first)) first = day;
  }
  return first;
}

/**
 * As the package reads a history: the last price whose start is on or before the day (an undated
 * price holds from the start). A model priced by the time of day has no one price for a month
 * of use, so it is a problem with its windows, not a silent pick.
 */
export function priceAt(model: CatalogModel, day: string): PriceAt {
  const daily = model.prices.filter((p) => p.timeOfDay);
  if (daily.length) return { ok: false, kind: "time-of-day", windows: daily.map((p) => `${p.timeOfDay!.start}–${p.timeOfDay!.end}`) };
  const snapshot = firstSnapshot(model);
  if (snapshot && day < snapshot) return { ok: false, kind: "before-first", first: snapshot, why: "snapshot" };
  for (let i = model.prices.length - 1; i >= 0; i--) {
    const p = model.prices[i]!;
    if (p.startDate === null || p.startDate <= day) return { ok: true, price: p, since: p.startDate };
  }
  const first = model.prices.map((p) => p.startDate).filter((d): d is string => d !== null).sort()[0] ?? day;
  return { ok: false, kind: "before-first", first, why: "history" };
}

export interface TierChoice {
  /** USD per 1M tokens. */
  price: number;
  /** Null for a flat price; else which tier: 0 is the base, and from how many input tokens a request. */
  tier: { index: number; from: number; of: number } | null;
}

/**
 * The tier a request of `requestTokens` input tokens falls in (the package's rule: more than a
 * tier's start). Without a request size the base tier is taken, and the caller says so.
 */
export function chooseTier(t: Tiered, requestTokens: number | null): TierChoice {
  if (t.tiers.length === 0) return { price: t.base, tier: null };
  let index = 0;
  let from = 0;
  let price = t.base;
  if (requestTokens !== null) {
    t.tiers.forEach((s, i) => {
      if (requestTokens > s.start) {
        index = i + 1;
        from = s.start;
        price = s.price;
      }
    });
  }
  return { price, tier: { index, from, of: t.tiers.length + 1 } };
}
