/** `migrate-eval batch PATH...`: flags; the work is in run/batch.ts. */
import type { Command } from "commander";
import { choice, parseDay, parseRequestTokens, parseUsage, positiveInt, parseFx, parseExtensions } from "../options.js";
import { BATCH_FORMATS } from "../run/batch-formats.js";

export function registerBatch(program: Command): void {
  program
    .command("batch")
    .description("evaluate every record under the given paths, in parallel, streaming results")
    .argument("<paths...>", "record files, folders (every *.md below) or globs")
    .option("--policy <file>", "policy file (default: ./migrate-eval.policy.yaml, else built-in)")
    .option("--usage <in:out>", "tokens per month for every record, e.g. 100M:50M", parseUsage)
    .option("--fx <rates>", "USD per unit of another currency, e.g. JPY=0.0067 (wins over the policy's fx:)", parseFx)
    .option("--prices <source>", "where old and new are priced from: record (default) or catalog", choice(["record", "catalog"] as const))
    .option("--prices-as-of <date>", "catalog prices on this day (YYYY-MM-DD), from its price history", parseDay)
    .option("--request-tokens <n>", "input tokens of one request, for catalog prices tiered by request size", parseRequestTokens)
    .option("--check-prices", "check each record's prices against the price catalog")
    .option("--format <format>", BATCH_FORMATS.join(", "), choice(BATCH_FORMATS), "table")
    .option("--fail-on <verdict>", "exit 1 when any verdict is HOLD", choice(["hold"] as const))
    .option("--ext <list>", "more extensions of record files in folders, e.g. txt,markdown (besides md)", parseExtensions)
    .option("--follow-links", "follow symbolic links that lead out of the folders given")
    .option("--jobs <n>", "threads (default: one per core for large batches, else one)", positiveInt)
    .option("--cache", "reuse results of records, policy and options unchanged since the last run (kept in node_modules/.cache/migrate-eval)")
    .option("--cache-location <dir>", "keep the cache in DIR instead (implies --cache)")
    .option("--cache-strategy <how>", "how an unchanged record is known: metadata (default: its file's size, times and inode, else its bytes) or content (always its bytes); implies --cache", choice(["metadata", "content"] as const))
    .option("--output <file>", "write the report to FILE instead of standard output")
    .option("--no-color", "no colour (also NO_COLOR=1)")
    .action(async (...args: Parameters<typeof import("../run/batch.js").batch>) => (await import("../run/batch.js")).batch(...args));
}
