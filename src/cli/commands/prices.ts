/** `migrate-eval prices MODEL… | --search TEXT`: flags; the work is in run/prices.ts. */
import type { Command } from "commander";
import { choice, parseDay } from "../options.js";

export function registerPrices(program: Command): void {
  program
    .command("prices")
    .description("print prices from the offline price catalog, or find model ids in it")
    .argument("[model...]", "provider:model or a model id, e.g. openai:gpt-4o-mini")
    .option("--search <text>", "list the catalog's models whose id or name contains TEXT")
    .option("--as-of <date>", "mark the price in force on this day (YYYY-MM-DD); default today", parseDay)
    .option("--format <format>", "table or json", choice(["table", "json"] as const), "table")
    .option("--output <file>", "write to FILE instead of standard output")
    .option("--no-color", "no colour (also NO_COLOR=1)")
    .action(async (...args: Parameters<typeof import("../run/prices.js").prices>) => (await import("../run/prices.js")).prices(...args));
}
