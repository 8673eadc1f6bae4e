/** A batch as a person reads it: one row per record, then a summary. */
import { fmtSigned } from "../format.js";
import { mdTable } from "./markdown.js";
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
}

function cells(r: BatchRow): string[] {
  return [r.id, `${r.baseline} → ${r.candidate}`, fmtSigned(r.costChangePct, 1, "%"), fmtSigned(r.qualityChangePp, 1, " pp"), r.verdict];
}

const HEAD = ["Record", "Old → new", "Cost (retry-adj.)", "Quality", "Verdict"];

function summaryLine(s: BatchSummary): string {
  return `${s.total} record${s.total === 1 ? "" : "s"}: ${s.migrate} MIGRATE, ${s.hold} HOLD, ${s.errors} could not be read`;
}

export function renderBatchTable(rows: readonly BatchRow[], s: BatchSummary, style: Style): string {
  const body = rows.map((r) => {
    const c = cells(r);
    c[4] = r.verdict === "MIGRATE" ? style.good(r.verdict) : style.bad(r.verdict);
    return c;
  });
  return `${rows.length ? `${table(HEAD, body)}\n` : ""}${summaryLine(s)}\n`;
}

export function renderBatchMarkdown(rows: readonly BatchRow[], s: BatchSummary): string {
  return `## migrate-eval: ${s.migrate} MIGRATE, ${s.hold} HOLD${s.errors ? `, ${s.errors} unreadable` : ""}\n\n${rows.length ? `${mdTable(HEAD, rows.map(cells))}\n\n` : ""}${summaryLine(s)}.\n`;
}
