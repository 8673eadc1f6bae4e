/** `migrate-eval backtest PATH...`: the policy's verdicts against what happened. */
import type { Fx } from "../../calc/compare-cost.js";
import { formatError } from "../../record/findings.js";
import { renderBacktestTable, scoreBacktest } from "../../report/backtest.js";
import type { BatchRow } from "../../report/batch.js";
import { EXIT } from "../errors.js";
import { colorEnabled, err, makeStyle, out } from "../io.js";
import { choosePolicy } from "../policy-source.js";
import { gather, progress } from "../collect.js";
import { policyInfo } from "../../evaluate.js";
import { cleanPath } from "../../record/quantity/text.js";
import { jobsFor, runInOrder } from "../pool.js";

export async function backtest(paths: string[], o: { policy?: string; fx?: Fx; format: "table" | "json"; jobs?: number; color: boolean; followLinks?: boolean; ext?: string[] }): Promise<void> {
  const { policy, source } = choosePolicy(o.policy);
  const found = await gather(paths, { followLinks: o.followLinks, extensions: o.ext ?? [] });
  if (!found) return;
  const { files, errors, missing } = found;
  const rows: BatchRow[] = [];
  const tick = progress(files.length);
  for await (const r of runInOrder(files, { policy, usage: null, ...(o.fx ? { fx: o.fx } : {}), withReport: false }, jobsFor(o.jobs, files.length))) {
    tick();
    for (const e of r.errors) {
      errors.push(e);
      err(formatError(e));
    }
    if (r.row) rows.push(r.row);
  }
  tick.done();
  const result = { ...scoreBacktest(rows, errors), policy: policyInfo(policy, cleanPath(source)) };
  out(o.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderBacktestTable(result, await makeStyle(colorEnabled(o.color))));
  process.exitCode = errors.length || missing.length ? EXIT.cannotRun : EXIT.ok;
}

