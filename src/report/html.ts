/**
 * One self-contained HTML file: no network, no script, readable in light and dark mode and on
 * paper. The verdict and rules first, then the cost chart, the tornado, the what-if tables, the
 * metrics with their noise, the audit and the warnings. Every record string is escaped, and the
 * page's Content-Security-Policy refuses scripts and fetches even if one were not.
 */
import { fmtComputed, fmtMoney, fmtTokens, fmtValue } from "../format.js";
import type { Report } from "./schema.js";
import { notes, policyLine } from "./table.js";
import { costChart, esc, tornadoChart } from "./svg.js";
import { pricesLines } from "./prices.js";
import { CROSSOVER_HEAD, crossoverRows, FLIP_HEAD, flipRows, lineRate, selfHostSentence, sensitivityHead, sensitivityRows } from "./whatif-words.js";
import { ATTEMPTS_SOURCE, betterText, changeText, costHeading, moneyChangeText, noiseText, paybackText, STATUS_WORD, verdictReason, warningText } from "./words.js";
import { fmtNumber } from "../format.js";

const CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --line: #d0d7de; --panel: #f6f8fa;
  --good: #1a7f37; --bad: #cf222e; --warn: #9a6700; --c-baseline: #8250df; --c-candidate: #0969da; --c-self_host: #bc4c00; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --line: #30363d; --panel: #161b22;
  --good: #3fb950; --bad: #f85149; --warn: #d29922; --c-baseline: #a371f7; --c-candidate: #4493f8; --c-self_host: #f0883e; } }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Hiragino Sans", sans-serif; color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
.verdict-MIGRATE { color: var(--good); } .verdict-HOLD { color: var(--bad); }
.muted, .tick, .legend, .axis, .mark { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--panel); } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.status-pass { color: var(--good); } .status-fail { color: var(--bad); font-weight: 600; } .status-unknown { color: var(--warn); }
svg.chart { width: 100%; height: auto; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; }
svg text { fill: var(--muted); font-size: 12px; } svg .legend { fill: var(--fg); }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .series { fill: none; stroke-width: 2.5; } .s-baseline { stroke: var(--c-baseline); } .s-candidate { stroke: var(--c-candidate); } .s-self_host { stroke: var(--c-self_host); }
svg .usage { stroke: var(--fg); stroke-dasharray: 5 4; } svg .crossover { fill: var(--bg); stroke: var(--fg); stroke-width: 2; }
svg .bar-low { fill: var(--c-candidate); } svg .bar-high { fill: var(--c-self_host); } svg .flipped { stroke: var(--fg); stroke-width: 2; }
svg .base { stroke: var(--fg); stroke-width: 1.5; }
ul.warnings li { margin: .2rem 0; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; color: #000; background: #fff; }
  :root { --fg: #000; --muted: #333; --bg: #fff; --line: #999; --panel: #fff; }
  h2 { break-after: avoid; } table, svg.chart { break-inside: avoid; } }
`;

function tableHtml(head: readonly string[], rows: ReadonlyArray<readonly string[]>, numeric: readonly number[] = []): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join("");
  const trs = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ""}>${esc(c)}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

function rulesHtml(r: Report): string {
  const rows = r.rules.map((x) => `<tr><td class="status-${x.status}">${esc(STATUS_WORD[x.status])}</td><td>${esc(x.id)}</td><td>${esc(x.severity)}</td><td>${esc(x.message)}</td></tr>`);
  return `<table><thead><tr><th>Status</th><th>Rule</th><th>Severity</th><th>Why</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

function whatifHtml(r: Report): string[] {
  const w = r.whatif;
  if (!w) return [];
  const out = ["<h2>Cost against monthly volume</h2>", `<p class="muted">${esc(`In ${w.currency} at the usage's input/output mix, before retries.`)}</p>`];
  out.push(`<ul>${w.lines.map((l) => `<li>${esc(`${l.label}: ${lineRate(w, l)}`)}</li>`).join("")}</ul>`);
  const sentence = selfHostSentence(w);
  if (sentence) out.push(`<p>${esc(sentence)}</p>`);
  const chart = costChart(w);
  if (chart) out.push(chart);
  if (w.crossovers.length) out.push(tableHtml(CROSSOVER_HEAD, crossoverRows(w), [0, 2]));
  out.push("<h2>What flips each required rule</h2>", `<p class="muted">One input at a time, all else equal.</p>`);
  out.push(w.flips.length ? tableHtml(FLIP_HEAD, flipRows(w), [2, 5]) : `<p>The policy has no required rule.</p>`);
  out.push(`<h2>Sensitivity: each input ±${esc(fmtNumber(w.swing))}%</h2>`);
  const tornado = tornadoChart(w);
  if (tornado) out.push(tornado);
  out.push(w.sensitivity.length ? tableHtml(sensitivityHead(w), sensitivityRows(w), [1, 4]) : `<p>The record gives no input to move.</p>`);
  return out;
}

function metricsHtml(r: Report): string {
  if (r.metrics.length === 0) return "<p>No metrics were found for either model.</p>";
  const rows = r.metrics.map((m) => [m.label, fmtValue(m.baseline, m.units?.baseline ?? m.unit), fmtValue(m.candidate, m.units?.candidate ?? m.unit), changeText(m), betterText(m), noiseText(m), m.line === null ? "" : String(m.line)]);
  return tableHtml(["Metric", r.baseline, r.candidate, "Change", "", "Noise (95% CI, pp)", "Line"], rows, [1, 2, 3, 6]);
}

function costHtml(r: Report): string[] {
  const c = r.cost;
  const cur = c.currency;
  const side = (x: Report["cost"]["baseline"]) => [x.model, fmtMoney(x.monthly, cur), fmtMoney(x.annual, cur), `${fmtNumber(x.attempts, 2)} (${ATTEMPTS_SOURCE[x.attemptsSource]})`, fmtMoney(x.retryAdjustedMonthly, cur)];
  const out = ["<h2>Cost</h2>", `<p>${esc(costHeading(r))}</p>`];
  if (!(c.baseline.monthly === null && c.candidate.monthly === null && r.usage.source === "none")) {
    out.push(tableHtml(["", "Monthly", "Annual", "Attempts", "Retry-adjusted"], [side(c.baseline), side(c.candidate),
      ["Change", moneyChangeText(c.monthlyChange, cur), moneyChangeText(c.annualChange, cur), "", moneyChangeText(c.retryAdjustedChange, cur)]], [1, 2, 4]));
  }
  const h = r.selfHost;
  if (h) {
    out.push(`<p>${esc(`Self-hosting: fixed ${fmtMoney(h.fixedPerMonth, h.currency)}/month = opex ${fmtMoney(h.opexPerMonth, h.currency)} + capex ${fmtMoney(h.capex, h.currency)} / ${h.amortizationMonths} months; ` +
      `break-even ${fmtTokens(h.breakEvenTokensPerMonth)} tokens/month${h.stated === null ? "" : ` (the record states ${fmtTokens(h.stated)})`}; payback ${paybackText(h.paybackMonths)}.`)}</p>`);
  }
  return out;
}

/** Where the prices came from, when the price catalog was used: its version and data date. */
function pricesHtml(r: Report): string[] {
  const lines = pricesLines(r);
  if (!lines) return [];
  const [head, ...rest] = lines;
  return [`<p>${esc(head!)}</p>`, ...(rest.length ? [`<ul>${rest.map((l) => `<li>${esc(l.trim())}</li>`).join("\n")}</ul>`] : [])];
}

function auditHtml(r: Report): string[] {
  if (r.audit.length === 0) return [];
  const word = (ok: boolean | null) => (ok === true ? "holds" : ok === false ? "does not hold" : "not checked");
  const rows = r.audit.map((a) => [String(a.line ?? ""), a.claim, a.text, fmtComputed(a, r.cost.currency), word(a.ok)]);
  return ["<h2>Audit of the record's own figures</h2>", tableHtml(["Line", "Claim", "Stated", "Computed", ""], rows, [0, 3])];
}

export function renderHtml(r: Report): string {
  const title = `${r.verdict}: ${r.baseline} → ${r.candidate}`;
  const warnings = notes(r);
  const body = [
    `<h1 class="verdict-${r.verdict}">${esc(title)}</h1>`,
    `<p>${esc(`${verdictReason(r)}. Record ${r.record.id} (${r.record.file}): ${r.record.title}.`)}</p>`,
    `<p class="muted">${esc(policyLine(r))}</p>`,
    "<h2>Rules</h2>", rulesHtml(r),
    ...whatifHtml(r),
    "<h2>Metrics</h2>", metricsHtml(r),
    ...costHtml(r),
    ...pricesHtml(r),
    ...auditHtml(r),
    ...(warnings.length ? ["<h2>Warnings</h2>", `<ul class="warnings">${warnings.map((w) => `<li>${esc(warningText(w))}</li>`).join("\n")}</ul>`] : []),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`migrate-eval — ${title}`)}</title>
<style>${CSS}</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}
