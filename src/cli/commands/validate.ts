/** `migrate-eval validate PATH...`: flags; the work is in run/validate.ts. */
import type { Command } from "commander";
import { choice, parseExtensions } from "../options.js";

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check that records can be read; exit 1 when any cannot")
    .argument("<paths...>", "record files, folders (every *.md below) or globs")
    .option("--ext <list>", "more extensions of record files in folders, e.g. txt,markdown (besides md)", parseExtensions)
    .option("--follow-links", "follow symbolic links that lead out of the folders given")
    .option("--output <file>", "write the report to FILE instead of standard output")
    .option("-q, --quiet", "do not list warnings of valid records")
    .option("--format <format>", "text or json", choice(["text", "json"] as const), "text")
    .action(async (...args: Parameters<typeof import("../run/validate.js").validate>) => (await import("../run/validate.js")).validate(...args));
}
