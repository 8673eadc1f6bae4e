/** `migrate-eval show RECORD`: everything extracted, with the line each value came from. */
import { evaluate } from "../../evaluate.js";
import { loadRecord, loadStdinSync } from "../../record/load.js";
import { renderShow } from "../../report/show.js";
import { LoadErrors } from "../errors.js";
import { colorEnabled, makeStyle, out } from "../io.js";
import { choosePolicy } from "../policy-source.js";
import { registryFor } from "../../rules/policy-registry.js";

export async function show(file: string, o: { format: "table" | "json"; color: boolean }): Promise<void> {
  const registry = registryFor(choosePolicy(undefined).policy);
  // `-`: the record on standard input.
  const loaded = file === "-" ? loadStdinSync(undefined, { registry }) : await loadRecord(file, undefined, { registry });
  if (!loaded.ok) throw new LoadErrors(loaded.errors);
  if (o.format === "json") {
    const analysis = evaluate(loaded.record, { policy: choosePolicy(undefined).policy });
    out(`${JSON.stringify({ schemaVersion: 1, record: loaded.record, analysis }, null, 2)}\n`);
    return;
  }
  out(renderShow(loaded.record, await makeStyle(colorEnabled(o.color))));
}

