/**
 * `migrate-eval batch PATH...`: every record, spread over the cores, streamed in input order.
 * A record that cannot be read is reported with its file and line and the rest go on.
 */
import type { Command } from "commander";
import type { TokenUsage } from "../../calc/cost.js";
import { formatError } from "../../record/findings.js";
import { renderBatchMarkdown, renderBatchTable, type BatchRow } from "../../report/batch.js";
import { EXIT } from "../errors.js";
import { colorEnabled, drained, err, makeStyle, out } from "../io.js";
import { choice, parseUsage, positiveInt } from "../options.js";
import { choosePolicy } from "../policy-source.js";
import { collectFiles, progress } from "../collect.js";
import { defaultJobs, runInOrder } from "../pool.js";

const FORMATS = ["table", "json", "ndjson", "markdown"] as const;

interface BatchOptions {
  policy?: string;
  usage?: TokenUsage;
  format: (typeof FORMATS)[number];
  failOn?: "hold";
  jobs?: number;
  color: boolean;
}

/** JSON written piece by piece: reports are never held in memory together. */
function jsonStream() {
  let first = true;
  return {
    open: () => out('{"schemaVersion":1,"reports":[\n'),
    report: (text: string) => {
      const ok = out(`${first ? "" : ",\n"}${text}`);
      first = false;
      return ok;
    },
    close: (errors: unknown[], summary: unknown) => out(`\n],"errors":${JSON.stringify(errors)},"summary":${JSON.stringify(summary)}}\n`),
  };
}

async function batch(paths: string[], o: BatchOptions): Promise<void> {
  const { policy } = choosePolicy(o.policy);
  const { files, errors } = await collectFiles(paths);
  for (const e of errors) err(formatError(e));
  const total = files.length + errors.length;
  const rows: BatchRow[] = [];
  const tally = { migrate: 0, hold: 0 };
  const json = o.format === "json" ? jsonStream() : null;
  json?.open();
  const tick = progress(files.length);
  const settings = { policy, usage: o.usage ?? null, withReport: o.format === "json" || o.format === "ndjson" };
  for await (const r of runInOrder(files, settings, o.jobs ?? defaultJobs())) {
    tick();
    for (const e of r.errors) {
      errors.push(e);
      err(formatError(e));
    }
    if (!r.row) continue;
    tally[r.row.verdict === "MIGRATE" ? "migrate" : "hold"]++;
    let ok = true;
    if (o.format === "ndjson") ok = out(`${r.report}\n`);
    else if (json) ok = json.report(r.report!);
    else rows.push(r.row);
    if (!ok) await drained();
  }
  tick.done();
  const summary = { total, ...tally, errors: errors.length };
  if (o.format === "table") out(renderBatchTable(rows, summary, makeStyle(colorEnabled(o.color))));
  else if (o.format === "markdown") out(renderBatchMarkdown(rows, summary));
  else if (json) json.close(errors, summary);
  process.exitCode = errors.length ? EXIT.cannotRun : o.failOn === "hold" && tally.hold > 0 ? EXIT.gate : EXIT.ok;
}

export function registerBatch(program: Command): void {
  program
    .command("batch")
    .description("evaluate every record under the given paths, in parallel, streaming results")
    .argument("<paths...>", "record files, folders (every *.md below) or globs")
    .option("--policy <file>", "policy file (default: ./migrate-eval.policy.yaml, else built-in)")
    .option("--usage <in:out>", "tokens per month for every record, e.g. 100M:50M", parseUsage)
    .option("--format <format>", FORMATS.join(", "), choice(FORMATS), "table")
    .option("--fail-on <verdict>", "exit 1 when any verdict is HOLD", choice(["hold"] as const))
    .option("--jobs <n>", "worker threads (default: the number of cores)", positiveInt)
    .option("--no-color", "no colour (also NO_COLOR=1)")
    .action(batch);
}
