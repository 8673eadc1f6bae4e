/** The catalog's part of `evaluate`: the price plan, and the policy's limit on the catalog's age. */
import type { Warning } from "../calc/schema.js";
import type { LoadedRecord } from "../record/schema.js";
import type { Policy, RuleResult } from "../rules/schema.js";
import type { Verdict } from "../rules/evaluate.js";
import type { Catalog } from "./catalog.js";
import { priceWarning } from "./messages.js";
import { CatalogError, planPrices, type PricePlan } from "./plan.js";
import type { ReportPrices } from "./schema.js";

interface Options {
  baseline?: string | null;
  catalog?: Catalog | null;
  prices?: "record" | "catalog";
  pricesAsOf?: string | null;
  requestTokens?: number | null;
  today?: string;
  fx?: Partial<Record<"USD" | "JPY" | "EUR", number>>;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkedDay(day: string, what: string): string {
  if (!ISO_DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
    throw new TypeError(`invalid ${what}: expected a date YYYY-MM-DD, got ${JSON.stringify(day).slice(0, 40)}`);
  }
  return day;
}

/** Null without a catalog; a catalog option without one is a mistake, refused as one. */
export function pricePlan(record: LoadedRecord, policy: Policy, o: Options): PricePlan | null {
  if (!o.catalog) {
    if (o.prices === "catalog" || (o.pricesAsOf ?? null) !== null) throw new CatalogError("prices from the catalog need the catalog: pass { catalog: await loadCatalog() }");
    return null;
  }
  const today = checkedDay(o.today ?? new Date().toISOString().slice(0, 10), "today");
  const asOf = o.pricesAsOf === undefined || o.pricesAsOf === null ? null : checkedDay(o.pricesAsOf, "prices as of");
  const rt = o.requestTokens ?? null;
  if (rt !== null && !(Number.isInteger(rt) && rt >= 0 && rt <= 1e9)) throw new TypeError(`invalid request tokens: a whole number from 0 to 1e9, got ${rt}`);
  return planPrices(record, o.catalog, {
    baseline: o.baseline ?? null,
    source: o.prices ?? "record",
    asOf,
    today,
    requestTokens: rt,
    fx: { ...policy.fx, ...o.fx },
  });
}

const verdictOf = (rules: RuleResult[]): Verdict => (rules.every((r) => r.severity !== "required" || r.status === "pass") ? "MIGRATE" : "HOLD");

/**
 * `max_catalog_age_days`: a report priced or checked by an older catalog carries a warning; under
 * `catalog_age_severity: required` it is also a failed required rule, so the verdict is HOLD.
 */
export function withCatalogAge(rules: RuleResult[], prices: ReportPrices, policy: Policy, warnings: Warning[]): { rules: RuleResult[]; verdict: Verdict } {
  const max = policy.max_catalog_age_days;
  if (max === undefined) return { rules, verdict: verdictOf(rules) };
  const age = prices.catalog.ageDays;
  const stale = age > max;
  if (stale) warnings.push(priceWarning("catalog-stale", { age, dataDate: prices.catalog.dataDate, max }));
  const rule: RuleResult = {
    id: "catalog-age",
    severity: policy.catalog_age_severity ?? "warning",
    status: stale ? "fail" : "pass",
    metric: "catalog.age_days",
    condition: "candidate",
    actual: age,
    threshold: { min: null, max },
    message: `price catalog data ${age} days old, of ${prices.catalog.dataDate} (needs ≤ ${max} days)`,
  };
  const all = [...rules, rule];
  return { rules: all, verdict: verdictOf(all) };
}
