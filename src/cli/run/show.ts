/** `migrate-eval show RECORD`: everything extracted, with the line each value came from. */
import { evaluate } from "../../evaluate.js";
import { loadRecord, loadStdinSync } from "../../record/load.js";
import { renderShow } from "../../report/show.js";
import { LoadErrors } from "../errors.js";
import { colorEnabled, makeStyle, out } from "../io.js";
import { choosePolicy } from "../policy-source.js";
import { registryFor } from "../../rules/policy-registry.js";
import { checkPrices } from "../../prices/check.js";
import { renderPriceCheck } from "../../report/price-list.js";
import { cliCatalog } from "../catalog.js";

export async function show(file: string, o: { format: "table" | "json"; color: boolean }): Promise<void> {
  const { policy } = choosePolicy(undefined);
  const registry = registryFor(policy);
  // `-`: the record on standard input.
  const loaded = file === "-" ? loadStdinSync(undefined, { registry }) : await loadRecord(file, undefined, { registry });
  if (!loaded.ok) throw new LoadErrors(loaded.errors);
  // `show` always sets the record's prices beside the catalog's.
  const catalog = await cliCatalog();
  const prices = checkPrices(loaded.record, catalog, { today: new Date().toISOString().slice(0, 10), fx: policy.fx ?? {} });
  const info = { package: catalog.package, version: catalog.version, dataDate: catalog.dataDate };
  if (o.format === "json") {
    const analysis = evaluate(loaded.record, { policy });
    out(`${JSON.stringify({ schemaVersion: 1, record: loaded.record, analysis, priceCheck: { catalog: info, check: prices.check, warnings: prices.warnings } }, null, 2)}\n`);
    return;
  }
  const style = await makeStyle(colorEnabled(o.color));
  out(`${renderShow(loaded.record, style)}\n${renderPriceCheck(prices.check, info, style)}`);
}

