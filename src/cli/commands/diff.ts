/** `migrate-eval diff BASE HEAD`: flags; the work is in run/diff.ts, loaded when used. */
import type { Command } from "commander";
import { choice, parseExtensions, parseFx, parseUsage } from "../options.js";

export const DIFF_FORMATS = ["table", "json", "markdown"] as const;

export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description("what a change to the records does to the decisions: verdict flips, rule changes, cost deltas")
    .argument("<base>", "the records before: a record, a report or batch JSON file, or a folder of records")
    .argument("<head>", "the records after, of the same kinds (folders are matched by record id)")
    .option("--policy <file>", "policy file for records (default: ./migrate-eval.policy.yaml, else built-in)")
    .option("--usage <in:out>", "tokens per month for every record, e.g. 100M:50M", parseUsage)
    .option("--fx <rates>", "USD per unit of another currency, e.g. JPY=0.0067", parseFx)
    .option("--format <format>", DIFF_FORMATS.join(", "), choice(DIFF_FORMATS), "table")
    .option("--fail-on <what>", "exit 1 when a record goes MIGRATE → HOLD or a required rule pass → fail", choice(["verdict-regression"] as const))
    .option("--ext <list>", "more extensions of record files in folders, e.g. txt,markdown (besides md)", parseExtensions)
    .option("--output <file>", "write the diff to FILE instead of standard output")
    .action(async (...args: Parameters<typeof import("../run/diff.js").diff>) => (await import("../run/diff.js")).diff(...args));
}
