/** `migrate-eval show RECORD`: flags; the work is in run/show.ts. */
import type { Command } from "commander";
import { choice } from "../options.js";

export function registerShow(program: Command): void {
  program
    .command("show")
    .description("show what was extracted from a record, with the line of every value")
    .argument("<record>", "a model-update record")
    .option("--format <format>", "table or json (json adds the analysis)", choice(["table", "json"] as const), "table")
    .option("--output <file>", "write the report to FILE instead of standard output")
    .option("--no-color", "no colour (also NO_COLOR=1)")
    .action(async (...args: Parameters<typeof import("../run/show.js").show>) => (await import("../run/show.js")).show(...args));
}
