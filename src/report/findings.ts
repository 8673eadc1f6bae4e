/**
 * What a report finds on a record's lines, for formats that place findings in a file: SARIF and
 * GitHub's workflow annotations. One finding per failed or unknown rule, per stated figure that
 * does not hold, and per extraction warning; each with a stable id and the line behind it.
 */
import { createHash } from "node:crypto";
import { fmtComputed } from "../format.js";
import type { Report } from "./schema.js";
import { notes } from "./table.js";

export type FindingLevel = "error" | "warning" | "note";

export interface ReportFinding {
  /** `rule/<id>`, `audit/<kind>`, `extract/<code>`, or `record/unreadable`. */
  ruleId: string;
  level: FindingLevel;
  message: string;
  file: string;
  /** The record's line of the figure behind the finding; null when no one line is. */
  line: number | null;
  /** The same finding on the next push has the same fingerprint; a changed one does not. */
  fingerprint: string;
}

type RuleResult = Report["rules"][number];

/** Derived costs are figures of the candidate's prices: its input price's line stands for them. */
const PRICE_KEYS = ["price_input", "price_output"];

/** The line of the figure a rule judged: the metric's row, as JUnit names it, or what a derived figure is made of. */
export function ruleLine(r: Report, rule: RuleResult): number | null {
  const key = rule.metric;
  if (key === null) return null;
  const row = r.metrics.find((m) => m.key === key);
  if (row) return row.lines.candidate ?? row.line;
  if (key.startsWith("cost.")) {
    for (const k of PRICE_KEYS) {
      const price = r.metrics.find((m) => m.key === k);
      const line = price?.lines.candidate ?? price?.line ?? null;
      if (line !== null) return line;
    }
    return null;
  }
  if (key === "benchmarks.mean") return r.metrics.find((m) => m.benchmark === true && m.line !== null)?.line ?? null;
  return null;
}

/**
 * A fingerprint of what a finding says, not where: line numbers move when a record is edited above
 * the finding, so they are left out (also those inside messages, such as "keeping line 22").
 */
export function fingerprint(parts: readonly string[]): string {
  const text = parts.map((p) => p.replace(/\blines? \d+/g, "line")).join("\u0000");
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

/** Warnings of the price check: the record's figures against the catalog's, not how they were read. */
const PRICE_CHECKS = new Set(["price-mismatch"]);

const RULE_LEVEL = { required: "error", warning: "warning" } satisfies Record<RuleResult["severity"], FindingLevel>;

export function reportFindings(r: Report): ReportFinding[] {
  const file = r.record.file;
  const id = r.record.id;
  const found: ReportFinding[] = [];
  for (const rule of r.rules) {
    if (rule.status === "pass") continue;
    const ruleId = `rule/${rule.id}`;
    const message = `${rule.id} ${rule.status === "fail" ? "failed" : "is unknown"} (${rule.severity}): ${rule.message}`;
    found.push({ ruleId, level: RULE_LEVEL[rule.severity], message, file, line: ruleLine(r, rule), fingerprint: fingerprint([id, ruleId, rule.status, rule.message]) });
  }
  for (const a of r.audit) {
    if (a.ok !== false) continue;
    const ruleId = `audit/${a.kind}`;
    const message = `stated figure does not hold: ${a.claim}: the record states ${a.text}, the figures give ${fmtComputed(a, r.cost.currency)}`;
    found.push({ ruleId, level: "warning", message, file, line: a.line, fingerprint: fingerprint([id, ruleId, a.claim, a.text, String(a.computed)]) });
  }
  for (const w of notes(r)) {
    // A stated price the catalog contradicts is a figure to look at, as a stated result that does not hold is.
    const checked = PRICE_CHECKS.has(w.code);
    const ruleId = `${checked ? "prices" : "extract"}/${w.code}`;
    found.push({ ruleId, level: checked ? "warning" : "note", message: w.message, file, line: w.line, fingerprint: fingerprint([id, ruleId, w.message]) });
  }
  return found;
}

/** A record that could not be read: one finding per problem, at its line. */
export function errorFindings(errors: ReadonlyArray<{ file: string; line: number | null; message: string; code?: string }>): ReportFinding[] {
  return errors.map((e) => ({
    ruleId: "record/unreadable",
    level: "error",
    message: e.message,
    file: e.file,
    line: e.line,
    fingerprint: fingerprint([e.file, "record/unreadable", e.message]),
  }));
}
