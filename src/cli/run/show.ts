/** `migrate-eval show RECORD`: everything extracted, with the line each value came from. */
import { BaselineError } from "../../calc/analyze.js";
import { evaluate } from "../../evaluate.js";
import { loadRecord } from "../../record/load.js";
import { renderShow } from "../../report/show.js";
import { LoadErrors } from "../errors.js";
import { colorEnabled, makeStyle, out } from "../io.js";
import { choosePolicy } from "../policy-source.js";

export async function show(file: string, o: { format: "table" | "json"; color: boolean }): Promise<void> {
  const loaded = await loadRecord(file);
  if (!loaded.ok) throw new LoadErrors(loaded.errors);
  if (o.format === "json") {
    let report = null;
    try {
      report = evaluate(loaded.record, { policy: choosePolicy(undefined).policy });
    } catch (e) {
      if (!(e instanceof BaselineError)) throw e;
    }
    out(`${JSON.stringify({ schemaVersion: 1, record: loaded.record, analysis: report }, null, 2)}\n`);
    return;
  }
  out(renderShow(loaded.record, await makeStyle(colorEnabled(o.color))));
}

