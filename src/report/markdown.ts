/** A pull-request comment: the verdict first, then the figures behind it. */
import { fmtMoney, fmtTokens, fmtValue } from "../format.js";
import type { Report } from "./schema.js";
import { notes, policyLine } from "./table.js";
import { mermaidChart } from "./mermaid.js";
import { FLIP_HEAD, flipRows, selfHostSentence } from "./whatif-words.js";
import { pricesLines } from "./prices.js";
import { AUDIT_HEAD, auditRows, betterText, changeText, costHeading, moneyChangeText, noiseText, paybackText, STATUS_WORD, verdictReason, warningText } from "./words.js";

/**
 * Text that stays text in a pull-request comment: markdown and HTML punctuation escaped (`&` too,
 * so `&#64;everyone` is not a mention), line breaks folded, and nothing that GitHub links — a
 * mention (`@team`), an issue (`#123`, `GH-1`), a URL (`https://…`, `www.…`) — left linkable: a
 * word joiner (U+2060) or zero-width space breaks each. Record fields are untrusted.
 */
export function cell(s: string): string {
  return s
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/@/g, "@\u200b")
    .replace(/#(?=\d)/g, "#\u2060")
    .replace(/\b(GH)-(?=\d)/gi, "$1\u2060-")
    .replace(/:\/\//g, ":\u2060//")
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\u2060.`);
}

export function mdTable(head: string[], rows: string[][]): string {
  return [head, head.map(() => "---"), ...rows].map((r) => `| ${r.map(cell).join(" | ")} |`).join("\n");
}

/** Well under GitHub's 65,536-character limit for a comment, leaving room for what a workflow adds. */
export const MAX_COMMENT = 60_000;
/** Metric rows shown in a comment; the JSON report has them all. */
const MAX_METRIC_ROWS = 100;

/** A table longer than this folds into `<details>`, so that a comment opens on the verdict. */
const FOLD_ROWS = 30;

function fold(summary: string, rows: number, body: string): string {
  return rows > FOLD_ROWS ? `<details><summary>${summary}</summary>\n\n${body}\n\n</details>` : body;
}

export function renderMarkdown(r: Report): string {
  const icon = r.verdict === "MIGRATE" ? "✅" : "⛔";
  const shown = r.metrics.slice(0, MAX_METRIC_ROWS);
  const hidden = r.metrics.length - shown.length;
  const out = [
    `## ${icon} ${r.verdict}: ${cell(r.baseline)} → ${cell(r.candidate)}`,
    "",
    `${cell(verdictReason(r))}. Record ${cell(r.record.id)} (${cell(r.record.file)}). ${cell(policyLine(r))}.`,
    "",
    mdTable(["Rule", "Severity", "Status", "Why"], r.rules.map((x) => [x.id, x.severity, STATUS_WORD[x.status], x.message])),
    "",
    "### Metrics",
    "",
    r.metrics.length
      ? fold(`Metrics (${r.metrics.length})`, shown.length, mdTable(["Metric", r.baseline, r.candidate, "Change", "", "Noise", "Line"], shown.map((m) => [
          m.label, fmtValue(m.baseline, m.units?.baseline ?? m.unit), fmtValue(m.candidate, m.units?.candidate ?? m.unit), changeText(m), betterText(m), noiseText(m), String(m.line ?? ""),
        ])) + (hidden > 0 ? `\n\n_${hidden} more metrics are in the JSON report (\`--format json\`)._` : ""))
      : "_No metrics were found._",
    "",
    "### Cost",
    "",
    `${costHeading(r)}.`,
    "",
    mdTable(["", "Monthly", "Retry-adjusted"], [
      [r.cost.baseline.model, fmtMoney(r.cost.baseline.monthly, r.cost.currency), fmtMoney(r.cost.baseline.retryAdjustedMonthly, r.cost.currency)],
      [r.cost.candidate.model, fmtMoney(r.cost.candidate.monthly, r.cost.currency), fmtMoney(r.cost.candidate.retryAdjustedMonthly, r.cost.currency)],
      ["Change", moneyChangeText(r.cost.monthlyChange, r.cost.currency), moneyChangeText(r.cost.retryAdjustedChange, r.cost.currency)],
    ]),
  ];
  const prices = pricesLines(r);
  if (prices) out.push("", ...prices.map((l, i) => (i === 0 ? cell(l) : `- ${cell(l.trim())}`)));
  if (r.selfHost) {
    const h = r.selfHost;
    out.push("", "### Self-hosting", "", `Fixed ${fmtMoney(h.fixedPerMonth, h.currency)}/month; break-even ${fmtTokens(h.breakEvenTokensPerMonth)} tokens/month` +
      `${h.stated === null ? "" : ` (record states ${fmtTokens(h.stated)})`}; payback ${paybackText(h.paybackMonths)}.`);
  }
  out.push(...whatifMarkdown(r));
  const wrong = r.audit.filter((a) => a.ok === false);
  if (wrong.length) {
    out.push("", "### Audit: stated figures that do not hold", "", fold(`${wrong.length} stated figures`, wrong.length, mdTable(AUDIT_HEAD, auditRows(r))));
  }
  const warnings = notes(r).map((w) => `- ${cell(warningText(w))}`);
  if (warnings.length) {
    // Warnings fold away, and are cut (with a count) before the comment reaches its limit.
    let room = MAX_COMMENT - out.join("\n").length - 200;
    const kept: string[] = [];
    for (const w of warnings) {
      if (w.length + 1 > room) break;
      kept.push(w);
      room -= w.length + 1;
    }
    const cut = warnings.length - kept.length;
    out.push("", "<details><summary>Warnings</summary>", "", ...kept, ...(cut ? [`- … ${cut} more; the JSON report (\`--format json\`) has them all`] : []), "", "</details>");
  }
  const text = `${out.join("\n")}\n`;
  // Long ids, many rules or audit rows: never past the limit, and saying so when cut.
  if (text.length <= MAX_COMMENT) return text;
  // Cut at a line's end, with the folds left open closed.
  const cut = text.slice(0, MAX_COMMENT - 200).replace(/\n[^\n]*$/, "");
  const open = (cut.match(/<details>/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
  return `${cut}${"\n\n</details>".repeat(Math.max(0, open))}\n\n_The report is cut here to fit a comment; \`--format json\` has all of it._\n`;
}

/** The cost chart (where there is something to chart) and what flips each required rule. */
function whatifMarkdown(r: Report): string[] {
  const w = r.whatif;
  if (!w) return [];
  const out: string[] = [];
  const chart = mermaidChart(w);
  if (chart) {
    const sentence = selfHostSentence(w);
    out.push("", "### Cost against monthly volume", "", chart.block, "", `Lines, in order: ${chart.order.map(cell).join("; ")}.${sentence ? ` ${cell(sentence)}` : ""}`);
  }
  if (w.flips.some((f) => f.flips.length)) out.push("", "### What flips each required rule", "", mdTable(FLIP_HEAD, flipRows(w)));
  return out;
}
