/** The catalog's warnings: codes with their arguments; all wording here. */
import { cleanInline } from "../record/quantity/text.js";
import type { Warning } from "../calc/schema.js";

type Args = Record<string, string | number | null | undefined>;

const MESSAGES = {
  "price-mismatch": (a: Args) =>
    `${a.model}'s ${a.side} price ${a.stated} is ${a.diff} off the catalog's ${a.catalog} (${a.provider}:${a.catalogModel}, ${a.package} ${a.version} of ${a.dataDate}, ${a.since})`,
  "price-check-currency": (a: Args) =>
    `${a.model}'s prices are in ${a.currency} and the catalog's in USD: not compared without a rate (--fx ${a.currency}=…)`,
  "price-check-no-price": (a: Args) => `${a.model}: the catalog has no price for ${a.provider}:${a.catalogModel} on ${a.date} (${a.reason}); not compared`,
  "catalog-tier": (a: Args) => `${a.model} is priced by request size: ${a.tier}`,
  "catalog-no-match": (a: Args) => `${a.model} has no price in the record, and the catalog cannot say which model it is: ${a.problem}`,
  "catalog-undated": (a: Args) => `${a.model}: the catalog gives its first price no start date; taken as the price on ${a.date}`,
  "catalog-stale": (a: Args) => `the price catalog's data is ${a.age} days old (${a.dataDate}); the policy allows ${a.max} (max_catalog_age_days)`,
  "catalog-prices": (a: Args) =>
    `${a.model} is priced from the catalog${a.model === `${a.provider}:${a.catalogModel}` ? "" : ` as ${a.provider}:${a.catalogModel}`}: ${a.what} (${a.package} ${a.version} of ${a.dataDate}${a.on ? `, prices on ${a.on}` : ""})${a.unknowns}`,
} as const;

export type PriceCode = keyof typeof MESSAGES;

export function priceWarning(code: PriceCode, args: Args, line: number | null = null): Warning {
  return { code, message: cleanInline(MESSAGES[code](args)), line };
}
