/**
 * The price check: each price a record states, for a model the catalog has, against the
 * catalog's on the record's date, after the reader's normalisation; more than 5 % apart is a
 * warning with both figures, the line and the catalog's date. Another currency needs a rate.
 */
import { convert } from "../calc/compare-cost.js";
import { moneyOf } from "../calc/models.js";
import type { Warning } from "../calc/schema.js";
import { fmtSigned, fmtValue } from "../format.js";
import type { LoadedRecord, ModelData } from "../record/schema.js";
import type { Catalog } from "./catalog.js";
import { priceWarning } from "./messages.js";
import type { PriceOptions } from "./plan.js";
import { chooseTier, priceAt } from "./price-at.js";
import { requestSize } from "./request-size.js";
import { resolveModel } from "./resolve.js";
import type { PriceCheck } from "./schema.js";

/** A record price within this share of the catalog's agrees with it. */
export const PRICE_TOLERANCE_PCT = 5;

const usd = (n: number) => fmtValue(n, "usd_per_mtok");

/** The record's prices against the catalog's, on the record's date (else today), model by model. */
export function checkPrices(record: LoadedRecord, c: Catalog, o: PriceOptions): { check: PriceCheck[]; warnings: Warning[] } {
  const check: PriceCheck[] = [];
  const warnings: Warning[] = [];
  const date = record.updateDate ?? o.today;
  const size = requestSize(record, o);
  for (const m of record.models) {
    const sides = (["input", "output"] as const).map((side) => ({ side, price: moneyOf(m, `price_${side}`) })).filter((s) => s.price && own(m, s.side));
    if (!sides.length) continue;
    const r = resolveModel(c, m.name, record.provider, { near: false });
    if (!r.ok) continue;
    const { provider, model } = r.resolved;
    const at = priceAt(model, date);
    const base = { model: m.name, provider: provider.id, catalogModel: model.id, date };
    if (!at.ok) {
      const reason = at.kind === "time-of-day" ? `priced by the time of day` : `no price before ${at.first}`;
      warnings.push(priceWarning("price-check-no-price", { ...base, reason }, sides[0]!.price!.line));
      for (const s of sides) check.push({ ...base, side: s.side, line: s.price!.line, stated: s.price!.value, statedCurrency: s.price!.currency, statedUsd: null, catalog: null, since: null, tier: null, diffPct: null, ok: null, reason });
      continue;
    }
    let warnedCurrency = false;
    for (const s of sides) {
      const p = s.price!;
      const t = at.price[s.side] ? chooseTier(at.price[s.side]!, size.tokens) : null;
      const statedUsd = convert(p.value, p.currency, "USD", o.fx ?? {});
      const entry = { ...base, side: s.side, line: p.line, stated: p.value, statedCurrency: p.currency, statedUsd, catalog: t?.price ?? null, since: at.since, tier: t?.tier?.index ?? null };
      if (t === null) {
        check.push({ ...entry, diffPct: null, ok: null, reason: `the catalog has no ${s.side} price` });
        continue;
      }
      if (statedUsd === null) {
        if (!warnedCurrency) warnings.push(priceWarning("price-check-currency", { model: m.name, currency: p.currency }, p.line));
        warnedCurrency = true;
        check.push({ ...entry, diffPct: null, ok: null, reason: `in ${p.currency}, no rate` });
        continue;
      }
      const diffPct = t.price === 0 ? (statedUsd === 0 ? 0 : null) : ((statedUsd - t.price) / t.price) * 100;
      const ok = diffPct === null ? false : Math.abs(diffPct) <= PRICE_TOLERANCE_PCT + 1e-9;
      check.push({ ...entry, diffPct, ok, reason: null });
      if (!ok) {
        const stated = p.currency === "USD" ? usd(p.value) : `${fmtValue(p.value, `${p.currency.toLowerCase()}_per_mtok`)} (${usd(statedUsd)})`;
        const tierNote = t.tier ? `, tier ${t.tier.index + 1} of ${t.tier.of}` : "";
        warnings.push(priceWarning("price-mismatch", {
          model: m.name, side: s.side, stated, catalog: `${usd(t.price)}${tierNote}`, provider: provider.id, catalogModel: model.id,
          diff: diffPct === null ? "an unknown share" : fmtSigned(diffPct, 1, "%"), package: c.package, version: c.version, dataDate: c.dataDate, date,
          since: at.since === null ? "undated" : `since ${at.since}`,
        }, p.line));
      }
    }
  }
  return { check, warnings };
}

/** A price the record itself states for the model (not one put there from the catalog). */
function own(m: ModelData, side: "input" | "output"): boolean {
  const v = m.metrics[`price_${side}`];
  return v !== undefined && v.source !== "catalog";
}
