/** `migrate-eval new [--lang en|ja]`: a record template with every section the readers use. */
import type { Command } from "commander";
import { choice } from "../options.js";

export function registerNew(program: Command): void {
  program
    .command("new")
    .description("print a record template (English or Japanese) with every section migrate-eval reads")
    .option("--lang <lang>", "en or ja", choice(["en", "ja"] as const), "en")
    .option("--output <file>", "write the template to FILE instead of standard output")
    .action(async (o: { lang: "en" | "ja" }) => {
      const [{ TEMPLATES }, { out }] = await Promise.all([import("../templates.js"), import("../io.js")]);
      out(TEMPLATES[o.lang]);
    });
}
