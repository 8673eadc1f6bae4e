/** `migrate-eval compare [RECORD]`: the verdict for one record. */
import type { Command } from "commander";
import { fileURLToPath } from "node:url";
import { BaselineError } from "../../calc/analyze.js";
import { evaluate } from "../../evaluate.js";
import { loadRecord } from "../../record/load.js";
import { REPORT_FORMATS, type ReportFormat } from "../../report/index.js";
import { LoadErrors, UserError, EXIT } from "../errors.js";
import { colorEnabled, err, makeStyle, out } from "../io.js";
import { choice, parseUsage } from "../options.js";
import { choosePolicy } from "../policy-source.js";
import type { TokenUsage } from "../../calc/cost.js";

export const EXAMPLE_RECORD = "examples/qwen-replaces-llama.md";

interface CompareOptions {
  baseline?: string;
  usage?: TokenUsage;
  policy?: string;
  format: ReportFormat;
  failOn?: "hold";
  color: boolean;
}

export function exampleRecordPath(): string {
  // The bundle lives in dist/; the example ships beside it in the package.
  return fileURLToPath(new URL(`../${EXAMPLE_RECORD}`, import.meta.url));
}

async function compare(record: string | undefined, o: CompareOptions): Promise<void> {
  const file = record ?? exampleRecordPath();
  if (!record) err(`migrate-eval: no RECORD given; comparing the bundled example ${EXAMPLE_RECORD}`);
  const { policy } = choosePolicy(o.policy);
  const loaded = await loadRecord(file);
  if (!loaded.ok) throw new LoadErrors(loaded.errors);
  let report;
  try {
    report = evaluate(loaded.record, { baseline: o.baseline ?? null, usage: o.usage ?? null, policy });
  } catch (e) {
    if (e instanceof BaselineError) throw new UserError(`${file}: --baseline: ${e.message}`);
    throw e;
  }
  const style = makeStyle(colorEnabled(o.color));
  out(REPORT_FORMATS[o.format](report, style));
  process.exitCode = o.failOn === "hold" && report.verdict === "HOLD" ? EXIT.gate : EXIT.ok;
}

export function registerCompare(program: Command): void {
  program
    .command("compare")
    .description("compare the old and new model of one record and print MIGRATE or HOLD")
    .argument("[record]", "a model-update record (markdown); without one, the bundled example")
    .option("--baseline <model>", "compare against this model of the record instead of old_model")
    .option("--usage <in:out>", "tokens per month, e.g. 100M:50M (K, M, B)", parseUsage)
    .option("--policy <file>", `policy file (default: ./migrate-eval.policy.yaml, else built-in)`)
    .option("--format <format>", "table, json, markdown or junit", choice(Object.keys(REPORT_FORMATS) as ReportFormat[]), "table")
    .option("--fail-on <verdict>", "exit 1 when the verdict is HOLD", choice(["hold"] as const))
    .option("--no-color", "no colour (also NO_COLOR=1)")
    .action(compare);
}
