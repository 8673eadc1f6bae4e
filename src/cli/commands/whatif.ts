/** `migrate-eval whatif RECORD`: flags; the work is in run/whatif.ts, loaded when used. */
import type { Command } from "commander";
import { choice, parseCapacity, parseFx, parseSwing, parseUsage } from "../options.js";

export const WHATIF_FORMATS = ["table", "json", "html", "markdown"] as const;

export function registerWhatIf(program: Command): void {
  program
    .command("whatif")
    .description("what would flip the decision: cost crossovers, each rule's flip points, and each input moved by ±swing")
    .argument("[record]", "a model-update record (markdown); without one, the bundled example")
    .option("--swing <percent>", "move each input by ± this percent", parseSwing, 20)
    .option("--capacity <tokens>", "tokens a month one self-hosting installation serves, e.g. 5B (wins over the record's)", parseCapacity)
    .option("--baseline <model>", "compare against this model of the record instead of old_model")
    .option("--usage <in:out>", "tokens per month, e.g. 100M:50M (K, M, B)", parseUsage)
    .option("--policy <file>", `policy file (default: ./migrate-eval.policy.yaml, else built-in)`)
    .option("--fx <rates>", "USD per unit of another currency, e.g. JPY=0.0067", parseFx)
    .option("--format <format>", "table, json, html or markdown", choice(WHATIF_FORMATS), "table")
    .option("--output <file>", "write the report to FILE instead of standard output")
    .option("--no-color", "no colour (also NO_COLOR=1)")
    .action(async (...args: Parameters<typeof import("../run/whatif.js").whatif>) => (await import("../run/whatif.js")).whatif(...args));
}
