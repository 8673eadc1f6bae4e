/** `migrate-eval show RECORD`: everything extracted, with the line each value came from. */
import type { Command } from "commander";
import { BaselineError } from "../../calc/analyze.js";
import { evaluate } from "../../evaluate.js";
import { loadRecord } from "../../record/load.js";
import { renderShow } from "../../report/show.js";
import { LoadErrors } from "../errors.js";
import { colorEnabled, makeStyle, out } from "../io.js";
import { choice } from "../options.js";
import { choosePolicy } from "../policy-source.js";

async function show(file: string, o: { format: "table" | "json"; color: boolean }): Promise<void> {
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
  out(renderShow(loaded.record, makeStyle(colorEnabled(o.color))));
}

export function registerShow(program: Command): void {
  program
    .command("show")
    .description("show what was extracted from a record, with the line of every value")
    .argument("<record>", "a model-update record")
    .option("--format <format>", "table or json (json adds the analysis)", choice(["table", "json"] as const), "table")
    .option("--no-color", "no colour (also NO_COLOR=1)")
    .action(show);
}
