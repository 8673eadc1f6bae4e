/** `migrate-eval prices`: catalog prices of the models named, or the models a search finds. */
import { listModels, searchModels } from "../../prices/listing.js";
import { cleanInline } from "../../record/quantity/text.js";
import { renderPriceList } from "../../report/price-list.js";
import { cliCatalog } from "../catalog.js";
import { EXIT, UserError } from "../errors.js";
import { colorEnabled, err, makeStyle, out } from "../io.js";

interface PricesOptions {
  search?: string;
  asOf?: string;
  format: "table" | "json";
  color: boolean;
}

export async function prices(models: string[], o: PricesOptions): Promise<void> {
  if (models.length === 0 && o.search === undefined) throw new UserError("prices: name a model (provider:model) or give --search TEXT");
  if (models.length > 0 && o.search !== undefined) throw new UserError("prices: give models or --search, not both");
  if (o.search !== undefined && o.search.trim() === "") throw new UserError("prices: --search needs some text");
  const catalog = await cliCatalog();
  const date = o.asOf ?? new Date().toISOString().slice(0, 10);
  const listing = o.search !== undefined ? searchModels(catalog, o.search, date) : listModels(catalog, models, date);
  for (const e of listing.errors) err(cleanInline(`prices: ${e.message}`));
  if (o.format === "json") out(`${JSON.stringify(listing, null, 2)}\n`);
  else if (listing.models.length || o.search !== undefined) out(renderPriceList(listing, await makeStyle(colorEnabled(o.color))));
  process.exitCode = listing.errors.length ? EXIT.cannotRun : EXIT.ok;
}
