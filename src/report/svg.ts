/**
 * The HTML report's charts, as inline SVG written by hand: cost against monthly volume (each
 * line, the crossings and the usage marked) and the tornado of the ±swing sensitivity. Every
 * text is escaped; colours come from the page's CSS, so dark mode and print follow it.
 */
import { fmtMoney, fmtNumber, fmtSigned, fmtTokens } from "../format.js";
import type { WhatIf } from "../calc/whatif/schema.js";
import { chartMax, series } from "./cost-chart.js";
import { lineName } from "./whatif-words.js";

/** Text and attribute values that stay text: `<`, `&` and quotes escaped, control characters dropped. */
export function esc(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const n2 = (x: number) => Number(x.toFixed(2));

/** Round numbers for an axis: 0, and four more steps of 1, 2 or 5 × 10^k up to `max`. */
function ticks(max: number): number[] {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max * 1.0001; v += step) out.push(v);
  return out;
}

const W = 720;
const H = 360;
const M = { left: 84, right: 20, top: 40, bottom: 56 };

export function costChart(w: WhatIf): string | null {
  const max = chartMax(w);
  if (max === null) return null;
  const lines = series(w, max);
  if (lines.length === 0) return null;
  const top = Math.max(...lines.flatMap((l) => l.points.map((p) => p[1]))) * 1.08 || 1;
  const x = (v: number) => n2(M.left + (v / max) * (W - M.left - M.right));
  const y = (v: number) => n2(H - M.bottom - (v / top) * (H - M.top - M.bottom));
  const parts: string[] = [];
  for (const t of ticks(max)) parts.push(`<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${M.top}" y2="${H - M.bottom}"/><text class="tick" x="${x(t)}" y="${H - M.bottom + 16}" text-anchor="middle">${esc(fmtTokens(t))}</text>`);
  for (const t of ticks(top)) parts.push(`<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${y(t)}" y2="${y(t)}"/><text class="tick" x="${M.left - 6}" y="${y(t) + 4}" text-anchor="end">${esc(fmtMoney(t, w.currency))}</text>`);
  parts.push(`<text class="axis" x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">tokens a month</text>`);
  for (const l of lines) {
    const d = l.points.map(([px, py], i) => `${i === 0 ? "M" : "L"}${x(px)},${y(py)}`).join(" ");
    parts.push(`<path class="series s-${l.id}" data-series="${l.id}" d="${d}"><title>${esc(l.label)}</title></path>`);
  }
  if (w.volume !== null && w.volume <= max) {
    parts.push(`<line class="usage" data-mark="usage" x1="${x(w.volume)}" x2="${x(w.volume)}" y1="${M.top}" y2="${H - M.bottom}"><title>${esc(`usage: ${fmtTokens(w.volume)} tokens a month`)}</title></line>`);
    parts.push(`<text class="mark" x="${x(w.volume) + 4}" y="${M.top + 12}">usage ${esc(fmtTokens(w.volume))}</text>`);
  }
  for (const c of w.crossovers.filter((c) => c.volume <= max)) {
    const label = `${lineName(w, c.between[0])} = ${lineName(w, c.between[1])} at ${fmtTokens(c.volume)} tokens, ${fmtMoney(c.cost, w.currency)}/month`;
    parts.push(`<circle class="crossover" data-mark="crossover" cx="${x(c.volume)}" cy="${y(c.cost)}" r="5"><title>${esc(label)}</title></circle>`);
    parts.push(`<text class="mark" x="${x(c.volume) + 7}" y="${y(c.cost) - 7}">${esc(fmtTokens(c.volume))}</text>`);
  }
  const legend = lines.map((l, i) => `<g transform="translate(${M.left + i * 210},8)"><line class="series s-${l.id}" x1="0" x2="22" y1="6" y2="6"/><text class="legend" x="28" y="10">${esc(l.label.length > 28 ? `${l.label.slice(0, 27)}…` : l.label)}</text></g>`);
  const title = `Monthly cost against tokens a month, in ${w.currency}, before retries`;
  return `<svg class="chart" id="cost-chart" role="img" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${parts.join("")}<g class="legend-box">${legend.join("")}</g></svg>`;
}

const ROW = 26;
const ROWS = 12;

export function tornadoChart(w: WhatIf): string | null {
  const rows = w.sensitivity.filter((s) => s.effect !== null && s.effect > 0).slice(0, ROWS);
  const base = w.retryAdjustedChangePct;
  if (rows.length === 0 || base === null) return null;
  const ends = rows.flatMap((s) => [s.low.retryAdjustedChangePct!, s.high.retryAdjustedChangePct!]);
  let lo = Math.min(base, ...ends);
  let hi = Math.max(base, ...ends);
  const pad = (hi - lo) * 0.08 || 1;
  lo -= pad;
  hi += pad;
  const left = 230;
  const right = 20;
  const plotBottom = 24 + rows.length * ROW;
  const height = plotBottom + 52;
  const x = (v: number) => n2(left + ((v - lo) / (hi - lo)) * (W - left - right));
  const parts: string[] = [];
  // Round percentages along the bottom, the same steps as the cost chart's axes.
  const span = hi - lo;
  for (const t of ticks(span)) {
    const v = Math.ceil(lo / (ticks(span)[1] ?? span)) * (ticks(span)[1] ?? span) + t;
    if (v > hi) break;
    parts.push(`<line class="grid" x1="${x(v)}" x2="${x(v)}" y1="22" y2="${plotBottom}"/><text class="tick" x="${x(v)}" y="${plotBottom + 14}" text-anchor="middle">${esc(fmtSigned(v, 2, "%"))}</text>`);
  }
  parts.push(`<text class="axis" x="${left - 8}" y="${plotBottom + 14}" text-anchor="end">retry-adjusted cost change</text>`);
  rows.forEach((s, i) => {
    const a = s.low.retryAdjustedChangePct!;
    const b = s.high.retryAdjustedChangePct!;
    const ty = 28 + i * ROW;
    const name = s.label.length > 34 ? `${s.label.slice(0, 33)}…` : s.label;
    parts.push(`<text class="tick" x="${left - 8}" y="${ty + 13}" text-anchor="end">${esc(name)}</text>`);
    for (const [v, end, side] of [[a, s.low, "low"], [b, s.high, "high"]] as const) {
      const x0 = Math.min(x(base), x(v));
      const flipped = end.verdict !== w.verdict ? " flipped" : "";
      const tip = `${s.label} ${side === "low" ? "−" : "+"}${fmtNumber(w.swing)}%: ${fmtSigned(v, 2, "%")}, ${end.verdict}`;
      parts.push(`<rect class="bar bar-${side}${flipped}" data-input="${esc(s.input)}" x="${x0}" y="${ty}" width="${n2(Math.abs(x(v) - x(base)))}" height="${ROW - 8}"><title>${esc(tip)}</title></rect>`);
    }
  });
  parts.push(`<line class="base" x1="${x(base)}" x2="${x(base)}" y1="18" y2="${plotBottom}"/>`);
  const legendY = plotBottom + 30;
  parts.push(`<rect class="bar bar-low" x="${left}" y="${legendY}" width="14" height="10"/><text class="legend" x="${left + 20}" y="${legendY + 9}">${esc(`input −${fmtNumber(w.swing)}%`)}</text>`);
  parts.push(`<rect class="bar bar-high" x="${left + 130}" y="${legendY}" width="14" height="10"/><text class="legend" x="${left + 150}" y="${legendY + 9}">${esc(`input +${fmtNumber(w.swing)}%`)}</text>`);
  parts.push(`<rect class="bar flipped" x="${left + 260}" y="${legendY}" width="14" height="10" fill="none"/><text class="legend" x="${left + 280}" y="${legendY + 9}">outlined: the verdict changes</text>`);
  parts.push(`<text class="axis" x="${x(base)}" y="14" text-anchor="middle">${esc(`now ${fmtSigned(base, 2, "%")}`)}</text>`);
  const title = `Retry-adjusted cost change with each input moved by ±${fmtNumber(w.swing)}%`;
  return `<svg class="chart" id="tornado-chart" role="img" viewBox="0 0 ${W} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${parts.join("")}</svg>`;
}

