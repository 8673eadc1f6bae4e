/** `migrate-eval diff` for people (a table) and for a pull request (markdown, folded and bounded). */
import { fmtMoney, fmtNumber, fmtSigned, fmtSignedMoney, fmtTokens, fmtValue } from "../format.js";
import { cleanInline } from "../record/quantity/text.js";
import { table } from "./box.js";
import type { Diff, RecordDiff } from "./diff-schema.js";
import { cell, MAX_COMMENT, mdTable } from "./markdown.js";

type Figure = RecordDiff["figures"][number];

const MONEY = /^(usd|jpy|eur)$/;

export function figureText(unit: string, v: number | null): string {
  if (v === null) return "—";
  if (MONEY.test(unit)) return fmtMoney(v, unit.toUpperCase());
  if (unit === "percent") return fmtSigned(v, 2, "%");
  if (unit === "tokens") return fmtTokens(v);
  return `${fmtNumber(v, 1)} ${unit}`;
}

/** head − base in the figure's unit: a change of a percentage change is in points. */
export function deltaText(f: Figure): string {
  const d = f.delta;
  if (d === null) return "—";
  if (MONEY.test(f.unit)) return fmtSignedMoney(d, f.unit.toUpperCase());
  if (f.unit === "percent") return fmtSigned(d, 2, " pp");
  if (f.unit === "tokens") return `${d > 0 ? "+" : d < 0 ? "−" : "±"}${fmtTokens(Math.abs(d))}`;
  return fmtSigned(d, 1, ` ${f.unit}`);
}

const HOLDS = (ok: boolean | null) => (ok === null ? "—" : ok ? "holds" : "does not hold");
const sides = (s: { baseline: number | null; candidate: number | null } | null, unit: string) => (s ? `${fmtValue(s.baseline, unit)} → ${fmtValue(s.candidate, unit)}` : "—");
const verdictText = (d: RecordDiff) => `${d.verdict.base ?? "—"} → ${d.verdict.head ?? "—"}`;

/** The tables of one record's changes: [title, head, rows], in the order they are shown. */
function sections(d: RecordDiff): Array<[string, string[], string[][]]> {
  return [
    ["Cost and break-even", ["Figure", "Base", "Head", "Change"], d.figures.map((f) => [f.label, figureText(f.unit, f.base), figureText(f.unit, f.head), deltaText(f)])],
    ["Rules", ["Rule", "Severity", "Base", "Head", "Why (head)"], d.rules.map((r) => [r.id + (r.regression ? " (regression)" : ""), r.severity, r.base ?? "—", r.head ?? "—", r.message])],
    ["Metrics", ["Metric", "Line", "Base (old → new)", "Head (old → new)"], d.metrics.map((m) => [`${m.label}${m.change === "changed" ? "" : ` (${m.change})`}`, String(m.line ?? ""), sides(m.base, m.unit), sides(m.head, m.unit)])],
    ["Stated figures", ["Line", "Claim", "Stated", "Base", "Head"], d.audit.map((a) => [String(a.line ?? ""), a.claim, a.text, HOLDS(a.base), HOLDS(a.head)])],
  ];
}

function headline(d: RecordDiff): string {
  if (d.status === "added") return `${d.id}: only in HEAD (${d.verdict.head})`;
  if (d.status === "removed") return `${d.id}: only in BASE (${d.verdict.base})`;
  const flip = d.verdict.flipped ? ` — verdict ${d.regression ? "regressed" : "flipped"}` : d.regression ? " — a required rule regressed" : "";
  return `${d.id}: ${d.baseline} → ${d.candidate}, verdict ${verdictText(d)}${flip}${d.status === "unchanged" ? " (no change)" : ""}`;
}

export function summaryText(diff: Diff): string {
  const s = diff.summary;
  return `${s.records} record${s.records === 1 ? "" : "s"}: ${s.changed} changed, ${s.unchanged} unchanged, ${s.added} only in HEAD, ${s.removed} only in BASE; ${s.verdictFlips} verdict flip${s.verdictFlips === 1 ? "" : "s"}, ${s.regressions} regression${s.regressions === 1 ? "" : "s"}`;
}

export function renderDiffTable(diff: Diff, width = 100): string {
  const clean = (rows: string[][]) => rows.map((r) => r.map(cleanInline));
  const out: string[] = [`diff ${cleanInline(diff.base)} → ${cleanInline(diff.head)}`, ""];
  for (const d of diff.records) {
    out.push(cleanInline(headline(d)));
    if (d.policyChanged) out.push("  the two sides were decided by different policies");
    for (const [title, head, rows] of sections(d)) if (rows.length) out.push("", title, table(head, clean(rows), width));
    out.push("");
  }
  out.push(summaryText(diff));
  return `${out.join("\n")}\n`;
}

export function renderDiffJson(diff: Diff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}

/** Sections longer than this fold into `<details>`. */
const FOLD_ROWS = 8;
/** Rows of one section in a comment; the JSON diff has them all. */
const MAX_ROWS = 100;

function recordMarkdown(d: RecordDiff): string {
  const icon = d.regression ? "⛔" : d.verdict.flipped ? "✅" : d.status === "unchanged" ? "·" : "↔";
  const out = [`### ${icon} ${cell(headline(d))}`, ""];
  if (d.policyChanged) out.push("_The two sides were decided by different policies._", "");
  for (const [title, head, all] of sections(d)) {
    if (!all.length) continue;
    const rows = all.slice(0, MAX_ROWS);
    const more = all.length - rows.length;
    const body = mdTable(head, rows) + (more ? `\n\n_${more} more rows: \`--format json\` has them all._` : "");
    // Metrics and stated figures can run long: they fold away, and so does any long section.
    if (all.length > FOLD_ROWS || title === "Metrics" || title === "Stated figures") out.push(`<details><summary>${title} (${all.length})</summary>`, "", body, "", "</details>", "");
    else out.push(`**${title}**`, "", body, "");
  }
  return out.join("\n");
}

/**
 * A pull-request comment: the summary first, then each record that changed, regressions first.
 * Never past the comment limit: records that do not fit are counted, and the note says where
 * the whole diff is.
 */
export function renderDiffMarkdown(diff: Diff, limit = MAX_COMMENT): string {
  const s = diff.summary;
  const head = [
    `## migrate-eval diff: ${s.verdictFlips} verdict flip${s.verdictFlips === 1 ? "" : "s"}, ${s.regressions} regression${s.regressions === 1 ? "" : "s"}`,
    "",
    `${cell(summaryText(diff))}.`,
    "",
    "",
  ].join("\n");
  const shown = [...diff.records].filter((d) => d.status !== "unchanged").sort((a, b) => Number(b.regression) - Number(a.regression) || Number(b.verdict.flipped) - Number(a.verdict.flipped));
  const unchanged = diff.records.filter((d) => d.status === "unchanged");
  const tail = unchanged.length ? `<details><summary>Unchanged (${unchanged.length})</summary>\n\n${unchanged.map((d) => `- ${cell(d.id)}: ${d.verdict.head}`).join("\n")}\n\n</details>\n` : "";
  const note = (n: number) => `\n_${n} more record${n === 1 ? " is" : "s are"} not shown, to fit a comment; \`migrate-eval diff --format json\` has the whole diff._\n`;
  let text = head;
  let i = 0;
  for (; i < shown.length; i++) {
    const part = `${recordMarkdown(shown[i]!)}\n`;
    if (text.length + part.length + note(shown.length).length + 200 > limit) break;
    text += part;
  }
  if (i < shown.length) return text + note(shown.length - i);
  return text.length + tail.length <= limit ? text + tail : text;
}
