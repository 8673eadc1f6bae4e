/** `migrate-eval schema record|report|policy`: JSON Schemas for editors and CI. */
import type { Command } from "commander";
import { choice } from "../options.js";

export const SCHEMA_NAMES = ["record", "report", "policy", "backtest", "batch", "validate", "diff", "prices"] as const;

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema of a record, a report, a policy, or the JSON of backtest, batch, validate, diff or prices")
    .argument("<which>", SCHEMA_NAMES.join(", "), choice(SCHEMA_NAMES))
    .action(async (which: (typeof SCHEMA_NAMES)[number]) => (await import("../run/schema.js")).schema(which));
}
