/**
 * The migrate-eval command line: argv → read files → core → render → write once → exit code.
 * User errors print one line each and exit 2; anything else is a bug and says so.
 */
import { Command, CommanderError } from "commander";
import { registerCompare } from "./commands/compare.js";
import { registerPolicy } from "./commands/policy.js";
import { registerSchema } from "./commands/schema.js";
import { registerNew } from "./commands/new.js";
import { registerShow } from "./commands/show.js";
import { registerValidate } from "./commands/validate.js";
import { registerBatch } from "./commands/batch.js";
import { registerBacktest } from "./commands/backtest.js";
import { registerDiff } from "./commands/diff.js";
import { registerWhatIf } from "./commands/whatif.js";
import { registerPrices } from "./commands/prices.js";
import { EXIT, UserError } from "./errors.js";
import { err, out, setOutput } from "./io.js";
import { VERSION } from "../version.js";


function program(): Command {
  const p = new Command("migrate-eval")
    .description("Decide whether to move a product from one LLM to another, from model-update records.")
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => void out(s), writeErr: (s) => err(s.replace(/\n$/, "")) });
  for (const register of [registerCompare, registerWhatIf, registerBatch, registerBacktest, registerDiff, registerValidate, registerShow, registerNew, registerPolicy, registerSchema, registerPrices]) {
    register(p);
  }
  p.commands.forEach((c) => c.exitOverride());
  // `--output FILE`: the report to a file, opened before the command runs (and refused at once if it cannot be).
  p.hook("preAction", (_program, command) => {
    const file = (command.opts() as { output?: string }).output;
    if (file !== undefined) setOutput(file);
  });
  return p;
}

async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; help shown because no command was given is a usage error.
      process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.cannotRun;
      return;
    }
    if (e instanceof UserError) {
      err(e.message);
      process.exitCode = e.exitCode;
      return;
    }
    err(`migrate-eval: unexpected error — this is a bug, please report it with the input that caused it.`);
    err(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = EXIT.cannotRun;
  }
}

void main(process.argv);
