/** `migrate-eval prices`: catalog entries as data — one model's price history, or a search. */
import type { Catalog, Tiered } from "./catalog.js";
import type { ListedModel, PriceList } from "./schema.js";
import { priceAt } from "./price-at.js";
import { resolveModel, resolutionProblem, slugOf } from "./resolve.js";

export type Listing = PriceList;

export const MAX_SEARCH_RESULTS = 50;

function listed(c: Catalog, query: string, providerId: string, modelId: string, date: string): ListedModel {
  const provider = c.providers.find((p) => p.id === providerId)!;
  const model = provider.models.find((m) => m.id === modelId)!;
  const at = priceAt(model, date);
  const problem = at.ok ? null : at.kind === "time-of-day" ? `priced by the time of day (${at.windows.join(", ")})` : `no price before ${at.first}`;
  return {
    query, provider: provider.id, providerName: provider.name, model: model.id, name: model.name,
    contextWindow: model.contextWindow, deprecated: model.deprecated, prices: model.prices,
    current: at.ok ? model.prices.indexOf(at.price) : null, problem,
  };
}

const info = (c: Catalog) => ({ package: c.package, version: c.version, dataDate: c.dataDate });

/** Each name resolved as `--baseline` resolves one; an unknown or ambiguous name is an error entry. */
export function listModels(c: Catalog, names: readonly string[], date: string): Listing {
  const models: ListedModel[] = [];
  const errors: Listing["errors"] = [];
  for (const q of names) {
    const r = resolveModel(c, q);
    if (r.ok) models.push(listed(c, q, r.resolved.provider.id, r.resolved.model.id, date));
    else errors.push({ query: q, message: resolutionProblem(r) });
  }
  return { schemaVersion: 1, catalog: info(c), date, models, errors };
}

/** Models whose `provider:model` id or name contains the text, case and spacing aside. */
export function searchModels(c: Catalog, text: string, date: string): Listing {
  const want = slugOf(text).replace(/-/g, "");
  const fold = (s: string) => slugOf(s).replace(/-/g, "");
  const models: ListedModel[] = [];
  let truncated = false;
  for (const p of c.providers) {
    for (const m of p.models) {
      if (!fold(`${p.id}:${m.id}`).includes(want) && !fold(m.name).includes(want)) continue;
      if (models.length === MAX_SEARCH_RESULTS) {
        truncated = true;
        break;
      }
      models.push(listed(c, text, p.id, m.id, date));
    }
  }
  return { schemaVersion: 1, catalog: info(c), date, models, errors: [], truncated };
}

export type { Tiered };
