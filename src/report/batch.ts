/** A batch as a person reads it: one row per record, then a summary. */
import { fmtSigned } from "../format.js";
import { cell, MAX_COMMENT, mdTable } from "./markdown.js";
import type { Style } from "./style.js";
import { table } from "./box.js";

export interface BatchRow {
  file: string;
  id: string;
  baseline: string;
  candidate: string;
  /** Retry-adjusted monthly cost change, %. */
  costChangePct: number | null;
  /** Task success change in points, else the benchmark mean's. */
  qualityChangePp: number | null;
  verdict: "MIGRATE" | "HOLD";
  outcome: string | null;
}

export interface BatchSummary {
  total: number;
  migrate: number;
  hold: number;
  errors: number;
  /** Which policy decided (not in the JSON summary, which carries it in every report). */
  policy?: { source: string; sha256: string };
  /** The price catalog the reports used, when one was: `@pydantic/genai-prices 0.1.8 of 2026-09-23`, and the prices' source. */
  catalog?: { name: string; source: "record" | "catalog" };
}

function cells(r: BatchRow): string[] {
  return [r.id, `${r.baseline} → ${r.candidate}`, fmtSigned(r.costChangePct, 1, "%"), fmtSigned(r.qualityChangePp, 1, " pp"), r.verdict];
}

const HEAD = ["Record", "Old → new", "Cost (retry-adj.)", "Quality", "Verdict"];

function summaryLine(s: BatchSummary): string {
  const policy = s.policy ? ` · policy: ${s.policy.source} (sha256 ${s.policy.sha256})` : "";
  const catalog = s.catalog ? ` · prices ${s.catalog.source === "catalog" ? "from" : "checked against"} the catalog (${s.catalog.name})` : "";
  return `${s.total} record${s.total === 1 ? "" : "s"}: ${s.migrate} MIGRATE, ${s.hold} HOLD, ${s.errors} could not be read${policy}${catalog}`;
}

export function renderBatchTable(rows: readonly BatchRow[], s: BatchSummary, style: Style): string {
  const body = rows.map((r) => {
    const c = cells(r);
    c[4] = r.verdict === "MIGRATE" ? style.good(r.verdict) : style.bad(r.verdict);
    return c;
  });
  return `${rows.length ? `${table(HEAD, body, style.width)}\n` : ""}${summaryLine(s)}\n`;
}

/** `errors` are the files that could not be read, each named with its first problem. */
export function renderBatchMarkdown(rows: readonly BatchRow[], s: BatchSummary, errors: ReadonlyArray<{ file: string; line: number | null; message: string }> = []): string {
  const first = new Map<string, { line: number | null; message: string }>();
  for (const e of errors) if (!first.has(e.file)) first.set(e.file, e);
  const unreadable = first.size
    ? `### Could not be read\n\n${mdTable(["File", "Line", "Problem"], [...first].map(([file, e]) => [file, e.line === null ? "" : String(e.line), e.message]))}\n\n`
    : "";
  const heading = `## migrate-eval: ${s.migrate} MIGRATE, ${s.hold} HOLD${s.errors ? `, ${s.errors} unreadable` : ""}\n\n`;
  const footer = `${cell(summaryLine(s))}.\n`;
  // Rows up to a comment's limit; the rest are counted, and the JSON has them.
  let room = MAX_COMMENT - heading.length - footer.length - Math.min(unreadable.length, MAX_COMMENT / 4) - 300;
  const lines = mdTable(HEAD, rows.map(cells)).split("\n");
  const kept: string[] = [];
  for (const l of lines) {
    if (l.length + 1 > room) break;
    kept.push(l);
    room -= l.length + 1;
  }
  const cut = lines.length - kept.length;
  const table = rows.length ? `${kept.join("\n")}\n\n${cut ? `_${cut} more records are not shown, to fit a comment; \`--format json\` has them all._\n\n` : ""}` : "";
  return `${heading}${table}${unreadable.length > MAX_COMMENT / 4 ? `${unreadable.slice(0, MAX_COMMENT / 4).replace(/\n[^\n]*$/, "")}\n\n_More files could not be read; stderr lists them all._\n\n` : unreadable}${footer}`;
}
