/** `migrate-eval policy`: flags; the work is in run/policy.ts. */
import type { Command } from "commander";

export function registerPolicy(program: Command): void {
  program
    .command("policy")
    .description("print the built-in policy as YAML, or check a policy file")
    .option("--default", "print the built-in policy")
    .option("--check <file>", "validate a policy file")
    .action(async (...args: Parameters<typeof import("../run/policy.js").policy>) => (await import("../run/policy.js")).policy(...args));
}
