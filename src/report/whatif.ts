/** `migrate-eval whatif`: what would flip the decision, as tables (and a chart on a terminal). */
import { fmtNumber, fmtSigned } from "../format.js";
import type { Report } from "./schema.js";
import { plainStyle, type Style } from "./style.js";
import { table } from "./box.js";
import { textChart } from "./text-chart.js";
import { CROSSOVER_HEAD, crossoverRows, FLIP_HEAD, flipRows, lineRate, selfHostSentence, sensitivityHead, sensitivityRows } from "./whatif-words.js";

export function renderWhatIf(r: Report, s: Style = plainStyle, o: { chart?: boolean } = {}): string {
  const w = r.whatif;
  if (!w) return "";
  const out: string[] = [
    `${s.bold(`${r.verdict}`)} ${r.baseline} → ${r.candidate}: retry-adjusted cost change ${fmtSigned(w.retryAdjustedChangePct, 2, "%")}`,
    "",
    s.bold(`Monthly cost against tokens a month (${w.currency}, at the usage's input/output mix, before retries)`),
    ...w.lines.map((l) => `  ${l.label}: ${lineRate(w, l)}`),
  ];
  const sentence = selfHostSentence(w);
  if (sentence) out.push(`  ${sentence}`);
  out.push(w.crossovers.length ? table(CROSSOVER_HEAD, crossoverRows(w), s.width) : s.dim("  No lines cross: the API lines both start at zero, and nothing else is priced."));
  if (o.chart) {
    const chart = textChart(w, s, Math.min(80, (s.width ?? 100) - 16));
    if (chart) out.push("", chart);
  }
  out.push("", s.bold("What flips each required rule (one input at a time, all else equal)"));
  out.push(w.flips.length ? table(FLIP_HEAD, flipRows(w), s.width) : s.dim("  The policy has no required rule."));
  out.push("", s.bold(`Each input moved by ±${fmtNumber(w.swing)}%: retry-adjusted cost change and verdict, largest effect first`));
  out.push(w.sensitivity.length ? table(sensitivityHead(w), sensitivityRows(w), s.width) : s.dim("  The record gives no input to move."));
  return `${out.join("\n")}\n`;
}
