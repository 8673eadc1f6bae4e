/** `migrate-eval show RECORD`: everything extracted, with the line each value came from. */
import { evaluate } from "../../evaluate.js";
import { loadRecord } from "../../record/load.js";
import { renderShow } from "../../report/show.js";
import { LoadErrors } from "../errors.js";
import { colorEnabled, makeStyle, out } from "../io.js";
import { choosePolicy } from "../policy-source.js";
import { registryFor } from "../../rules/policy-registry.js";

export async function show(file: string, o: { format: "table" | "json"; color: boolean }): Promise<void> {
  const loaded = await loadRecord(file, undefined, { registry: registryFor(choosePolicy(undefined).policy) });
  if (!loaded.ok) throw new LoadErrors(loaded.errors);
  if (o.format === "json") {
    const analysis = evaluate(loaded.record, { policy: choosePolicy(undefined).policy });
    out(`${JSON.stringify({ schemaVersion: 1, record: loaded.record, analysis }, null, 2)}\n`);
    return;
  }
  out(renderShow(loaded.record, await makeStyle(colorEnabled(o.color))));
}

