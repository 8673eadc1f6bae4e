/** `migrate-eval backtest PATH...`: flags; the work is in run/backtest.ts. */
import type { Command } from "commander";
import { choice, positiveInt, parseFx, parseExtensions } from "../options.js";

export function registerBacktest(program: Command): void {
  program
    .command("backtest")
    .description("score the policy against records whose outcome is known")
    .argument("<paths...>", "record files, folders (every *.md below) or globs")
    .option("--policy <file>", "policy file (default: ./migrate-eval.policy.yaml, else built-in)")
    .option("--fx <rates>", "USD per unit of another currency, e.g. JPY=0.0067 (wins over the policy's fx:)", parseFx)
    .option("--format <format>", "table or json", choice(["table", "json"] as const), "table")
    .option("--ext <list>", "more extensions of record files in folders, e.g. txt,markdown (besides md)", parseExtensions)
    .option("--follow-links", "follow symbolic links that lead out of the folders given")
    .option("--jobs <n>", "threads (default: one per core for large batches, else one)", positiveInt)
    .option("--output <file>", "write the report to FILE instead of standard output")
    .option("--no-color", "no colour (also NO_COLOR=1)")
    .action(async (...args: Parameters<typeof import("../run/backtest.js").backtest>) => (await import("../run/backtest.js")).backtest(...args));
}
