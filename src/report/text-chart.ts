/**
 * The cost-against-volume chart in a terminal, drawn by hand in characters: one letter per line,
 * `X` where lines meet, `|` at the usage. Only for a terminal; a pipe gets the tables alone.
 */
import { fmtMoney, fmtTokens } from "../format.js";
import type { WhatIf } from "../calc/whatif/schema.js";
import { chartMax, sampled } from "./cost-chart.js";
import { plainStyle, type Style } from "./style.js";

const GLYPH = { baseline: "b", candidate: "c", self_host: "s" } as const;
const HEIGHT = 12;

export function textChart(w: WhatIf, s: Style = plainStyle, width = 60): string | null {
  const max = chartMax(w);
  if (max === null) return null;
  const columns = Math.max(20, Math.min(100, width));
  const { xs, ys } = sampled(w, max, columns);
  if (ys.size === 0) return null;
  const top = Math.max(...[...ys.values()].flat()) || 1;
  const grid = Array.from({ length: HEIGHT }, () => new Array<string>(columns).fill(" "));
  const rowOf = (v: number) => HEIGHT - 1 - Math.round((v / top) * (HEIGHT - 1));
  if (w.volume !== null && w.volume <= max) {
    const col = Math.round((w.volume / max) * (columns - 1));
    for (const row of grid) row[col] = s.dim("|");
  }
  for (const [id, values] of ys) values.forEach((v, i) => (grid[rowOf(v)]![i] = GLYPH[id]));
  // The crossings are marked where they are solved, not wherever two lines share a cell.
  for (const c of w.crossovers) {
    if (c.volume > max) continue;
    grid[rowOf(c.cost)]![Math.round((c.volume / max) * (columns - 1))] = "X";
  }
  const label = (v: number) => fmtMoney(v, w.currency);
  const pad = Math.max(label(top).length, label(0).length);
  const lines = grid.map((row, r) => {
    const y = r === 0 ? label(top) : r === HEIGHT - 1 ? label(0) : "";
    return `${y.padStart(pad)} ┤${row.join("")}`;
  });
  const axis = `${" ".repeat(pad)} └${"─".repeat(columns)}`;
  const left = "0";
  const right = `${fmtTokens(xs[xs.length - 1]!)} tokens/month`;
  const ticks = `${" ".repeat(pad + 2)}${left}${" ".repeat(Math.max(1, columns - left.length - right.length))}${right}`;
  const legend = [...ys.keys()].map((id) => `${GLYPH[id]} ${w.lines.find((l) => l.id === id)!.label}`).join("   ");
  const usage = w.volume !== null && w.volume <= max ? `   | usage ${fmtTokens(w.volume)}` : "";
  return [...lines, axis, ticks, s.dim(`${legend}${usage}   X lines cross`)].join("\n");
}
