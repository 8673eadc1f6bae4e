/**
 * The cost-against-volume chart as a Mermaid `xychart-beta` block, which GitHub draws in a
 * pull-request comment. Nothing from the record goes inside the block (the axis labels are
 * figures the tool wrote); the lines are named below it, in the markdown's escaping.
 */
import { fmtTokens, round } from "../format.js";
import type { WhatIf } from "../calc/whatif/schema.js";
import { chartMax, sampled } from "./cost-chart.js";

const COLUMNS = 11;

export function mermaidChart(w: WhatIf): { block: string; order: string[] } | null {
  const max = chartMax(w);
  if (max === null) return null;
  const { xs, ys } = sampled(w, max, COLUMNS);
  if (ys.size === 0) return null;
  const top = Math.max(...[...ys.values()].flat());
  const block = [
    "```mermaid",
    "xychart-beta",
    `    title "Monthly cost (${w.currency}) against tokens a month, before retries"`,
    `    x-axis "tokens a month" [${xs.map((x) => `"${fmtTokens(x)}"`).join(", ")}]`,
    `    y-axis "${w.currency} a month" 0 --> ${Math.ceil(top * 1.05)}`,
    ...[...ys.values()].map((v) => `    line [${v.map((y) => round(y, 2)).join(", ")}]`),
    "```",
  ].join("\n");
  return { block, order: [...ys.keys()].map((id) => w.lines.find((l) => l.id === id)!.label) };
}
