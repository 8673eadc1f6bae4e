/**
 * Backtest: how the policy's verdicts match what happened. MIGRATE is right when the
 * migration succeeded; HOLD is right when it failed or was rolled back.
 */
import { fmtNumber } from "../format.js";
import type { Backtest } from "./backtest-schema.js";
import type { BatchRow } from "./batch.js";
import type { Style } from "./style.js";
import { table } from "./box.js";


const KNOWN: Record<string, "success" | "failure" | undefined> = { success: "success", failure: "failure", rollback: "failure" };

export function scoreBacktest(rows: readonly BatchRow[], errors: Backtest["errors"]): Backtest {
  const matrix = { migrateSuccess: 0, migrateFailure: 0, holdSuccess: 0, holdFailure: 0 };
  const disagreements: Backtest["disagreements"] = [];
  let evaluated = 0;
  for (const r of rows) {
    const happened = KNOWN[r.outcome ?? ""];
    if (!happened) continue;
    evaluated++;
    const key = `${r.verdict === "MIGRATE" ? "migrate" : "hold"}${happened === "success" ? "Success" : "Failure"}` as keyof typeof matrix;
    matrix[key]++;
    const agrees = (r.verdict === "MIGRATE") === (happened === "success");
    if (!agrees) disagreements.push({ file: r.file, id: r.id, verdict: r.verdict, outcome: r.outcome! });
  }
  const right = matrix.migrateSuccess + matrix.holdFailure;
  const migrated = matrix.migrateSuccess + matrix.migrateFailure;
  return {
    schemaVersion: 1,
    evaluated,
    skipped: rows.length - evaluated,
    matrix,
    accuracy: evaluated ? right / evaluated : null,
    precision: migrated ? matrix.migrateSuccess / migrated : null,
    disagreements,
    errors,
  };
}

const pct = (x: number | null) => (x === null ? "—" : `${fmtNumber(x * 100, 1)}%`);

export function renderBacktestTable(b: Backtest, s: Style): string {
  const m = b.matrix;
  const parts = [
    `${s.bold("Backtest")}: ${b.evaluated} record${b.evaluated === 1 ? "" : "s"} with a known outcome, ${b.skipped} skipped (no outcome, partial or pending)`,
    table(["Verdict \\ outcome", "success", "failure or rollback"], [
      ["MIGRATE", String(m.migrateSuccess), String(m.migrateFailure)],
      ["HOLD", String(m.holdSuccess), String(m.holdFailure)],
    ]),
    `Accuracy ${pct(b.accuracy)} · MIGRATE verdicts that succeeded ${pct(b.precision)}`,
  ];
  if (b.disagreements.length) {
    parts.push(`${s.bold("Disagreements")}\n${table(["Record", "Verdict", "Outcome", "File"], b.disagreements.map((d) => [d.id, d.verdict, d.outcome, d.file]), s.width)}`);
  }
  if (b.policy) parts.push(s.dim(`Policy: ${b.policy.source} (sha256 ${b.policy.sha256})`));
  return `${parts.join("\n\n")}\n`;
}
