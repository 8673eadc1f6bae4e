/**
 * What the catalog changes in one evaluation: a baseline the record does not price, both sides'
 * prices under `--prices catalog`, and the tier a request size picks; the record's own prices are
 * checked against the catalog's in check.ts. Pure: the catalog and the day come in as values.
 */
import { BaselineError } from "../calc/analyze.js";
import type { Fx } from "../calc/compare-cost.js";
import { candidateOf, moneyOf, resolveBaseline } from "../calc/models.js";
import type { Warning } from "../calc/schema.js";
import { fmtValue } from "../format.js";
import type { LoadedRecord, MetricValue, ModelData } from "../record/schema.js";
import type { Catalog } from "./catalog.js";
import { priceWarning } from "./messages.js";
import { chooseTier, priceAt } from "./price-at.js";
import { resolveModel, resolutionProblem, type Resolved } from "./resolve.js";
import type { ReportPrices } from "./schema.js";
import { checkPrices } from "./check.js";
import { requestSize, type RequestSize } from "./request-size.js";

export interface PriceOptions {
  baseline?: string | null;
  /** `catalog`: price old and new from the catalog instead of the record. */
  source?: "record" | "catalog";
  /** The day catalog prices are taken at (YYYY-MM-DD); else `today`. */
  asOf?: string | null;
  today: string;
  /** Input tokens of one request, for tiered prices; else from the record's usage when it states requests. */
  requestTokens?: number | null;
  fx?: Fx;
}

/** A catalog option that cannot be met: an unknown or ambiguous model, a day with no price. */
export class CatalogError extends Error {}

export interface PricePlan {
  baseline: ModelData | null;
  candidate: ModelData | null;
  prices: ReportPrices;
  warnings: Warning[];
}

const DAY = 86_400_000;
const usd = (n: number) => fmtValue(n, "usd_per_mtok");

export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

interface Priced {
  entry: ReportPrices["models"][number];
  metrics: Record<string, MetricValue>;
  warnings: Warning[];
}

/** A model's catalog prices on a day, at the tier of the request size; a day with no price is an error. */
function priceModel(c: Catalog, r: Resolved, role: "baseline" | "candidate", name: string, day: string, size: RequestSize, history: boolean): Priced {
  const at = priceAt(r.model, day);
  const id = `${r.provider.id}:${r.model.id}`;
  if (!at.ok && at.kind === "time-of-day") throw new CatalogError(`${id} is priced by the time of day (${at.windows.join(", ")}), so no one price holds for a month of use`);
  if (!at.ok) throw new CatalogError(`${id} has no price on ${day}: ${at.why === "snapshot" ? `its first dated snapshot is ${at.first}` : `its first price starts on ${at.first}`}`);
  const warnings: Warning[] = [];
  const input = at.price.input ? chooseTier(at.price.input, size.tokens) : null;
  const output = at.price.output ? chooseTier(at.price.output, size.tokens) : null;
  const tier = input?.tier ?? output?.tier ?? null;
  if (tier) warnings.push(priceWarning("catalog-tier", { model: name, tier: tierText(tier, size) }));
  // A past day on an undated first price: the catalog cannot say the price held then.
  if (history && day < c.dataDate && at.since === null && at.price === r.model.prices[0]) warnings.push(priceWarning("catalog-undated", { model: name, date: day }));
  const text = `${c.package} ${c.version} ${id}`;
  const metrics: Record<string, MetricValue> = {};
  if (input) metrics.price_input = { value: input.price, line: null, source: "catalog", text, currency: "USD" };
  if (output) metrics.price_output = { value: output.price, line: null, source: "catalog", text, currency: "USD" };
  return {
    entry: {
      role, name, provider: r.provider.id, providerName: r.provider.name, model: r.model.id, modelName: r.model.name, via: r.via,
      priceInput: input?.price ?? null, priceOutput: output?.price ?? null, since: at.since,
      tier: tier ? { ...tier, requestTokens: size.tokens, requestTokensSource: size.source } : null,
    },
    metrics,
    warnings,
  };
}

function tierText(t: { index: number; from: number; of: number }, size: RequestSize): string {
  const which = t.index === 0 ? `the base tier (1 of ${t.of})` : `tier ${t.index + 1} of ${t.of} (over ${t.from.toLocaleString("en-US")})`;
  if (size.source === "none") return `${which}: no request size is known (--request-tokens N, or requests in the record's usage)`;
  const from = size.source === "flag" ? "--request-tokens" : "from the record's usage";
  return `${which}, for ${size.tokens?.toLocaleString("en-US")} input tokens a request (${from})`;
}

function resolveOrThrow(c: Catalog, name: string, hint: string | null, what: string): Resolved {
  const r = resolveModel(c, name, hint);
  if (!r.ok) throw new CatalogError(`${what}: ${resolutionProblem(r)}`);
  return r.resolved;
}

/** A model the record gives no token price at all. */
export function unpriced(m: ModelData): boolean {
  return moneyOf(m, "price_input") === null && moneyOf(m, "price_output") === null;
}

const withPrices = (m: ModelData, metrics: Record<string, MetricValue>): ModelData => {
  const rest = Object.fromEntries(Object.entries(m.metrics).filter(([k]) => k !== "price_input" && k !== "price_output"));
  return { ...m, metrics: { ...rest, ...metrics } };
};

/** Throws BaselineError for a baseline neither the record nor the catalog has, CatalogError for the rest. */
export function planPrices(record: LoadedRecord, c: Catalog, o: PriceOptions): PricePlan {
  const day = o.asOf ?? o.today;
  const history = o.asOf !== undefined && o.asOf !== null;
  const size = requestSize(record, o);
  const warnings: Warning[] = [];
  const models: ReportPrices["models"] = [];
  const note = (p: Priced, name: string, unknowns: boolean) => {
    models.push(p.entry);
    warnings.push(priceWarning("catalog-prices", {
      model: name, provider: p.entry.provider, catalogModel: p.entry.model, package: c.package, version: c.version, dataDate: c.dataDate,
      what: `input ${p.entry.priceInput === null ? "—" : usd(p.entry.priceInput)}, output ${p.entry.priceOutput === null ? "—" : usd(p.entry.priceOutput)}`,
      on: history ? day : null, unknowns: unknowns ? "; its other figures are unknown" : "",
    }));
    warnings.push(...p.warnings);
  };

  let baseline: ModelData | null = null;
  const inRecord = o.baseline === undefined || o.baseline === null ? resolveBaseline(record, null) : resolveBaseline(record, o.baseline);
  if ("error" in inRecord) {
    const name = o.baseline!;
    // An empty name is a name left out, not one to look up.
    if (name.trim() === "") throw new BaselineError(inRecord.error, inRecord.names);
    const r = resolveModel(c, name, record.provider);
    if (!r.ok) throw new BaselineError(`${inRecord.error}; ${resolutionProblem(r)}`, inRecord.names);
    const id = `${r.resolved.provider.id}:${r.resolved.model.id}`;
    const self = resolveModel(c, candidateOf(record).name, record.provider, { near: false });
    if (self.ok && self.resolved.model === r.resolved.model) {
      throw new BaselineError(`"${name}" is the candidate itself (${id} in the price catalog); baselines it has: ${inRecord.names.join(", ")}`, inRecord.names);
    }
    const priced = priceModel(c, r.resolved, "baseline", id, day, size, history);
    baseline = { name: id, role: "alternative", metrics: priced.metrics };
    note(priced, id, true);
  } else if (o.source === "catalog") {
    const m = inRecord.model;
    const priced = priceModel(c, resolveOrThrow(c, m.name, record.provider, "--prices catalog"), "baseline", m.name, day, size, history);
    baseline = withPrices(m, priced.metrics);
    note(priced, m.name, false);
  } else if (o.baseline !== undefined && o.baseline !== null && unpriced(inRecord.model)) {
    // A baseline the record scores but does not price: its prices from the catalog, its scores the record's.
    const m = inRecord.model;
    const r = resolveModel(c, m.name, record.provider);
    if (r.ok) {
      const priced = priceModel(c, r.resolved, "baseline", m.name, day, size, history);
      baseline = withPrices(m, priced.metrics);
      note(priced, m.name, false);
    } else {
      warnings.push(priceWarning("catalog-no-match", { model: m.name, problem: resolutionProblem(r) }));
    }
  }

  let candidate: ModelData | null = null;
  if (o.source === "catalog") {
    const m = candidateOf(record);
    const priced = priceModel(c, resolveOrThrow(c, m.name, record.provider, "--prices catalog"), "candidate", m.name, day, size, history);
    candidate = withPrices(m, priced.metrics);
    note(priced, m.name, false);
  }

  // A day for catalog prices when none is used would be a flag that silently does nothing.
  if (history && models.length === 0) throw new CatalogError(`prices as of ${day} are catalog prices, and none is used: add --prices catalog, or a --baseline the record does not price`);
  const checked = checkPrices(record, c, o);
  warnings.push(...checked.warnings);
  return {
    baseline,
    candidate,
    prices: {
      source: o.source ?? "record",
      catalog: { package: c.package, version: c.version, dataDate: c.dataDate, ageDays: daysBetween(c.dataDate, o.today) },
      asOf: day,
      asOfSource: history ? "given" : "today",
      models,
      check: checked.check,
    },
    warnings,
  };
}

