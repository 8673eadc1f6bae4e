/** `migrate-eval prices` as a table: each model's price history, the one in force on the day marked. */
import { fmtSigned, fmtValue } from "../format.js";
import type { PriceCheck } from "../prices/schema.js";
import { cleanInline } from "../record/quantity/text.js";
import type { Listing, Tiered } from "../prices/listing.js";
import { table } from "./box.js";
import { plainStyle, type Style } from "./style.js";

function tierText(t: Tiered | null): string {
  if (!t) return "—";
  const base = fmtValue(t.base, "usd_per_mtok");
  return t.tiers.length ? [base, ...t.tiers.map((x) => `over ${x.start.toLocaleString("en-US")}: ${fmtValue(x.price, "usd_per_mtok")}`)].join("\n") : base;
}

export function renderPriceList(l: Listing, s: Style = plainStyle): string {
  const rows: string[][] = [];
  for (const m of l.models) {
    m.prices.forEach((p, i) => {
      const since = p.timeOfDay ? `daily ${p.timeOfDay.start}–${p.timeOfDay.end}` : (p.startDate ?? "—");
      const mark = i === m.current ? "✓" : "";
      rows.push([i === 0 ? `${m.provider}:${m.model}` : "", i === 0 ? cleanInline(m.name) : "", since, tierText(p.input), tierText(p.output), mark]);
    });
    if (m.problem) rows.push(["", "", m.problem, "", "", ""]);
  }
  const parts = [
    rows.length ? table(["Model", "Name", "Since", "Input", "Output", "In force"], rows, s.width) : s.dim("No models found."),
    s.dim(`USD per 1M tokens. ✓ marks the price in force on ${l.date}. A tier applies to a whole request whose input tokens exceed its start.`),
    s.dim(`Catalog ${l.catalog.package} ${l.catalog.version}, data of ${l.catalog.dataDate}.`) + (l.truncated ? s.dim(` First ${l.models.length} matches shown; search for more of the name.`) : ""),
  ];
  return `${parts.join("\n")}\n`;
}

/** `show`: each price the record states beside the catalog's, with the difference. */
export function renderPriceCheck(check: readonly PriceCheck[], c: { package: string; version: string; dataDate: string }, s: Style = plainStyle): string {
  const head = s.bold("Prices against the catalog") + s.dim(` (${c.package} ${c.version}, data of ${c.dataDate}; a difference beyond 5% is a warning)`);
  if (check.length === 0) return `${head}\n${s.dim("  No price of the record names a model the catalog has.")}\n`;
  const rows = check.map((x) => [
    x.line === null ? "" : String(x.line), cleanInline(x.model), x.side,
    fmtValue(x.stated, `${x.statedCurrency.toLowerCase()}_per_mtok`), fmtValue(x.catalog, "usd_per_mtok"),
    x.diffPct === null ? (x.reason ?? "—") : fmtSigned(x.diffPct, 1, "%") + (x.ok ? "" : " ✗"),
    `${x.provider}:${x.catalogModel}`, x.since ?? "undated",
  ]);
  return `${head}\n${table(["Line", "Model", "Side", "Record", "Catalog", "Difference", "Catalog id", "Since"], rows, s.width)}\n`;
}
