/** `migrate-eval compare [RECORD]`: flags; the work is in run/compare.ts, loaded when used. */
import type { Command } from "commander";
import { REPORT_FORMAT_NAMES } from "../../report/formats.js";
import { choice, parseDay, parseRequestTokens, parseUsage, parseFx, parseSwing, parseCapacity } from "../options.js";

export function registerCompare(program: Command): void {
  program
    .command("compare")
    .description("compare the old and new model of one record and print MIGRATE or HOLD")
    .argument("[record]", "a model-update record (markdown); without one, the bundled example")
    .option("--baseline <model>", "compare against this model instead of old_model: one the record prices, or provider:model from the price catalog")
    .option("--prices <source>", "where old and new are priced from: record (default) or catalog", choice(["record", "catalog"] as const))
    .option("--prices-as-of <date>", "catalog prices on this day (YYYY-MM-DD), from its price history", parseDay)
    .option("--request-tokens <n>", "input tokens of one request, for catalog prices tiered by request size", parseRequestTokens)
    .option("--check-prices", "check the record's prices against the price catalog")
    .option("--usage <in:out>", "tokens per month, e.g. 100M:50M (K, M, B)", parseUsage)
    .option("--policy <file>", `policy file (default: ./migrate-eval.policy.yaml, else built-in)`)
    .option("--fx <rates>", "USD per unit of another currency, e.g. JPY=0.0067 (wins over the policy's fx:)", parseFx)
    .option("--format <format>", REPORT_FORMAT_NAMES.join(", "), choice(REPORT_FORMAT_NAMES), "table")
    .option("--whatif", "add what would flip the decision to the report (html and markdown always have it)")
    .option("--swing <percent>", "with --whatif: move each input by ± this percent (default 20)", parseSwing)
    .option("--capacity <tokens>", "with --whatif: tokens a month one self-hosting installation serves, e.g. 5B", parseCapacity)
    .option("--fail-on <verdict>", "exit 1 when the verdict is HOLD", choice(["hold"] as const))
    .option("--output <file>", "write the report to FILE instead of standard output")
    .option("--no-color", "no colour (also NO_COLOR=1)")
    .action(async (...args: Parameters<typeof import("../run/compare.js").compare>) => (await import("../run/compare.js")).compare(...args));
}
