/** `migrate-eval backtest PATH...`: the policy's verdicts against what happened. */
import type { Command } from "commander";
import { formatError } from "../../record/findings.js";
import { renderBacktestTable, scoreBacktest } from "../../report/backtest.js";
import type { BatchRow } from "../../report/batch.js";
import { EXIT } from "../errors.js";
import { colorEnabled, err, makeStyle, out } from "../io.js";
import { choice, positiveInt } from "../options.js";
import { choosePolicy } from "../policy-source.js";
import { collectFiles, progress } from "../collect.js";
import { defaultJobs, runInOrder } from "../pool.js";

async function backtest(paths: string[], o: { policy?: string; format: "table" | "json"; jobs?: number; color: boolean }): Promise<void> {
  const { policy } = choosePolicy(o.policy);
  const { files, errors } = await collectFiles(paths);
  for (const e of errors) err(formatError(e));
  const rows: BatchRow[] = [];
  const tick = progress(files.length);
  for await (const r of runInOrder(files, { policy, usage: null, withReport: false }, o.jobs ?? defaultJobs())) {
    tick();
    for (const e of r.errors) {
      errors.push(e);
      err(formatError(e));
    }
    if (r.row) rows.push(r.row);
  }
  tick.done();
  const result = scoreBacktest(rows, errors);
  out(o.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderBacktestTable(result, makeStyle(colorEnabled(o.color))));
  process.exitCode = errors.length ? EXIT.cannotRun : EXIT.ok;
}

export function registerBacktest(program: Command): void {
  program
    .command("backtest")
    .description("score the policy against records whose outcome is known")
    .argument("<paths...>", "record files, folders (every *.md below) or globs")
    .option("--policy <file>", "policy file (default: ./migrate-eval.policy.yaml, else built-in)")
    .option("--format <format>", "table or json", choice(["table", "json"] as const), "table")
    .option("--jobs <n>", "worker threads (default: the number of cores)", positiveInt)
    .option("--no-color", "no colour (also NO_COLOR=1)")
    .action(backtest);
}
