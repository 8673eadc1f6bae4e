/**
 * The offline price catalog (`@pydantic/genai-prices`, pinned): its providers and models as our
 * own plain data, in USD per 1M tokens. Loaded only when asked for, since the package's bundled
 * data is large: `compare` without a catalog option never imports it.
 */

/** A price per 1M tokens, flat or by the size of the request (input tokens of one request). */
export interface Tiered {
  base: number;
  /** Sorted by `start`: from more than `start` input tokens in a request, `price` applies to the whole request. */
  tiers: Array<{ start: number; price: number }>;
}

/** One of a model's prices: in force from `startDate` (null: from the start), or in a daily window. */
export interface CatalogPrice {
  startDate: string | null;
  timeOfDay: { start: string; end: string } | null;
  input: Tiered | null;
  output: Tiered | null;
}

/** How the catalog tells a model id: its own match rules, in its own grammar. */
export type MatchLogic =
  | { and: MatchLogic[] }
  | { or: MatchLogic[] }
  | { equals: string }
  | { starts_with: string }
  | { ends_with: string }
  | { contains: string }
  | { regex: string };

export interface CatalogModel {
  id: string;
  name: string;
  match: MatchLogic;
  prices: CatalogPrice[];
  contextWindow: number | null;
  deprecated: boolean;
}

export interface CatalogProvider {
  id: string;
  name: string;
  /** Model ids this provider is the home of (`gpt-…` for openai): how a bare name picks a provider. */
  claims: MatchLogic | null;
  models: CatalogModel[];
}

export interface CatalogInfo {
  package: string;
  version: string;
  /** When the catalog's data was published: the date its prices are as of. */
  dataDate: string;
}

export interface Catalog extends CatalogInfo {
  providers: CatalogProvider[];
}

/**
 * The pinned package and the day that version was published (the registry's time for 0.1.8).
 * The package does not carry its own date; test/prices/catalog.test.ts checks the version
 * installed is this one, so a version bump has to update the date too.
 */
export const CATALOG_INFO: CatalogInfo = { package: "@pydantic/genai-prices", version: "0.1.8", dataDate: "2026-09-23" };

interface RawProvider {
  id: string;
  name: string;
  model_match?: unknown;
  models: Array<{ id: string; name?: string; match: unknown; prices: unknown; context_window?: number; deprecated?: boolean }>;
}

const num = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x >= 0;

function tiered(x: unknown): Tiered | null {
  if (num(x)) return { base: x, tiers: [] };
  if (typeof x !== "object" || x === null) return null;
  const t = x as { base?: unknown; tiers?: unknown };
  if (!num(t.base) || !Array.isArray(t.tiers)) return null;
  const tiers = t.tiers.filter((s): s is { start: number; price: number } => num(s?.start) && num(s?.price));
  return { base: t.base, tiers: [...tiers].sort((a, b) => a.start - b.start).map((s) => ({ start: s.start, price: s.price })) };
}

function priceOf(entry: unknown): CatalogPrice {
  const e = (entry ?? {}) as { constraint?: { type?: string; start_date?: string; start_time?: string; end_time?: string }; prices?: Record<string, unknown> };
  const c = e.constraint;
  const prices = e.prices ?? {};
  return {
    startDate: c && (c.type === "start_date" || c.type === undefined) && typeof c.start_date === "string" ? c.start_date : null,
    timeOfDay: c?.type === "time_of_date" && c.start_time && c.end_time ? { start: c.start_time, end: c.end_time } : null,
    input: tiered(prices.input_mtok),
    output: tiered(prices.output_mtok),
  };
}

/** The package's providers as plain data (a flat price list is one price from the start). */
export function catalogFrom(raw: readonly RawProvider[], info: CatalogInfo = CATALOG_INFO): Catalog {
  const providers = raw.map((p) => ({
    id: p.id,
    name: p.name,
    claims: (p.model_match as MatchLogic | undefined) ?? null,
    models: p.models.map((m) => ({
      id: m.id,
      name: m.name ?? m.id,
      match: m.match as MatchLogic,
      prices: Array.isArray(m.prices) ? m.prices.map(priceOf) : [priceOf({ prices: m.prices })],
      contextWindow: num(m.context_window) ? m.context_window : null,
      deprecated: m.deprecated === true,
    })),
  }));
  return { ...info, providers };
}

let loading: Promise<Catalog> | null = null;

/**
 * The pinned catalog, imported on first call (`load` lets the CLI bundle require it instead). The package's `waitForUpdate()` resolves to its
 * bundled data when no update source was set up (none is: nothing here fetches anything).
 */
export function loadCatalog(load: () => Promise<PackageApi> = () => import("@pydantic/genai-prices")): Promise<Catalog> {
  loading ??= load()
    .then(async (m) => catalogFrom(((await m.waitForUpdate()) ?? []) as unknown as RawProvider[]))
    .catch((e: unknown) => {
      // A failed load is not remembered: the next call tries again.
      loading = null;
      throw e;
    });
  return loading;
}

/** The one function of the package used: its bundled data. */
export interface PackageApi {
  waitForUpdate(): Promise<unknown>;
}
