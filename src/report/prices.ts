/** Where a report's prices came from, when the price catalog was used: a few lines for people. */
import { fmtValue } from "../format.js";
import type { Report } from "./schema.js";
import { plainStyle, type Style } from "./style.js";

const usd = (n: number | null) => fmtValue(n, "usd_per_mtok");

export function pricesLines(r: Report, s: Style = plainStyle): string[] | null {
  const p = r.prices;
  if (!p) return null;
  const when = p.asOfSource === "given" ? `prices on ${p.asOf}` : "prices of today";
  const from = p.source === "catalog" ? "from the catalog" : p.models.length ? "from the record, and from the catalog for the baseline" : "from the record, checked against the catalog";
  const head = `${s.bold("Prices")} ${s.dim(`${from}: ${p.catalog.package} ${p.catalog.version}, data of ${p.catalog.dataDate}, ${when}`)}`;
  const lines = [head];
  for (const m of p.models) {
    const tier = m.tier ? `, ${m.tier.index === 0 ? "base tier" : `tier ${m.tier.index + 1} of ${m.tier.of} (over ${m.tier.from.toLocaleString("en-US")} input tokens a request)`}` : "";
    lines.push(`  ${m.role} ${m.name}: source catalog, ${m.provider}:${m.model}, input ${usd(m.priceInput)}, output ${usd(m.priceOutput)}${m.since ? ` since ${m.since}` : ""}${tier}`);
  }
  const compared = p.check.filter((c) => c.ok !== null);
  const off = compared.filter((c) => c.ok === false);
  if (p.check.length) {
    const at = [...new Set(off.map((c) => c.line).filter((l): l is number => l !== null))];
    lines.push(`  price check: ${compared.length - off.length} of ${compared.length} record prices within 5% of the catalog's` +
      (off.length ? `; ${off.length} not${at.length ? ` (line${at.length === 1 ? "" : "s"} ${at.join(", ")})` : ""}` : "") +
      (p.check.length > compared.length ? `; ${p.check.length - compared.length} not compared` : ""));
  }
  return lines;
}
