/** The catalog's warnings: codes with their arguments; all wording here. */
import { cleanInline } from "../record/quantity/text.js";
import type { Warning } from "../calc/schema.js";

type Args = Record<string, string | number | null | undefined>;

const MESSAGES = {
  "price-mismatch": (a: Args) =>
    `${a.model}'s ${a.side} price ${a.stated} differs from the catalog's ${a.catalog} for ${a.provider}:${a.catalogModel} by ${a.diff} (catalog ${a.package} ${a.version}, data of ${a.dataDate}; its price on ${a.date}: ${a.since})`,
  "price-check-currency": (a: Args) =>
    `${a.model}'s prices are in ${a.currency} and the catalog's in USD: not compared without a rate (--fx ${a.currency}=…)`,
  "price-check-no-price": (a: Args) => `${a.model}: the catalog has no price for ${a.provider}:${a.catalogModel} on ${a.date} (${a.reason}); not compared`,
  "catalog-tier": (a: Args) => `${a.model} is priced by request size in the catalog: ${a.tier}`,
  "catalog-undated": (a: Args) => `${a.model}: the catalog gives its first price no start date; taken as the price on ${a.date}`,
  "catalog-stale": (a: Args) => `the price catalog's data is ${a.age} days old (${a.dataDate}); the policy allows ${a.max} (max_catalog_age_days)`,
  "catalog-prices": (a: Args) => `${a.model} is priced from the catalog (${a.provider}:${a.catalogModel}, ${a.package} ${a.version}, data of ${a.dataDate}): ${a.what}`,
} as const;

export type PriceCode = keyof typeof MESSAGES;

export function priceWarning(code: PriceCode, args: Args, line: number | null = null): Warning {
  return { code, message: cleanInline(MESSAGES[code](args)), line };
}
