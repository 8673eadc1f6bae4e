/** Wording shared by the human-readable renderers, keyed by the value it describes. */
import type { Report } from "./schema.js";
import type { RuleResult } from "../rules/schema.js";
import { fmtComputed, fmtNumber, fmtSigned, fmtSignedMoney, fmtTokens } from "../format.js";

type Row = Report["metrics"][number];

export const STATUS_WORD = { pass: "pass", fail: "FAIL", unknown: "unknown" } satisfies Record<RuleResult["status"], string>;
export const ATTEMPTS_SOURCE = { stated: "stated", success_rate: "from success rate", assumed: "assumed" } as const;
export const USAGE_SOURCE = { flag: "--usage", record: "the record", policy: "the policy", none: "none" } satisfies Record<Report["usage"]["source"], string>;

export function changeText(row: Row): string {
  const { abs, pct, pp } = row.change;
  if (abs === null) return "—";
  if (pp !== null) return `${fmtSigned(pp, 2, " pp")}`;
  const money = /^(usd|jpy|eur)/.exec(row.unit);
  const absText = money ? fmtSignedMoney(abs, money[1]!) : fmtSigned(abs, 2);
  return pct === null ? absText : `${fmtSigned(pct, 1, "%")}`;
}

export function betterText(row: Row): string {
  return row.better === null ? (row.change.abs === 0 ? "same" : "—") : row.better ? "better" : "worse";
}

export function noiseText(row: Row): string {
  if (!row.ci95) return "";
  const [lo, hi] = row.ci95;
  const mark = row.significant ? "significant" : "within noise";
  return `${mark} [${fmtSigned(lo, 1)}, ${fmtSigned(hi, 1)}] n=${row.sampleSize}`;
}

/** The heading of the cost section: at which usage, from where. */
export function costHeading(r: Report): string {
  const u = r.usage;
  if (u.source === "none") return "Cost: usage unknown, the record gives none (use --usage IN:OUT)";
  return `Cost in ${r.cost.currency} at ${usageText(r)}`;
}

export function usageText(r: Report): string {
  const u = r.usage;
  if (u.source === "none") return "unknown usage";
  const units = (u.units ?? []).map((x) => ` + ${fmtTokens(x.count)} ${x.unit.replace(/_/g, " ")}s`).join("");
  const tokens = u.inputTokens === null && u.totalTokens ? `${fmtTokens(u.totalTokens)} tokens` : `${fmtTokens(u.inputTokens)} input + ${fmtTokens(u.outputTokens)} output tokens`;
  return `${tokens}${units}/month (from ${USAGE_SOURCE[u.source]})`;
}

export function moneyChangeText(c: { abs: number | null; pct: number | null }, currency = "USD"): string {
  if (c.abs === null) return "—";
  return c.pct === null ? fmtSignedMoney(c.abs, currency) : `${fmtSignedMoney(c.abs, currency)} (${fmtSigned(c.pct, 2, "%")})`;
}


export function verdictReason(r: Report): string {
  const blocking = r.rules.filter((x) => x.severity === "required" && x.status !== "pass");
  if (blocking.length === 0) return "every required rule passes";
  return blocking.map((x) => `${x.id} ${x.status === "fail" ? "failed" : "is unknown"}`).join(", ");
}

export function paybackText(months: number | null): string {
  return months === null ? "never at this usage" : `${fmtNumber(months, 1)} months`;
}

/** `line 72: message`, or the message alone when it has no line. */
export function warningText(w: { line: number | null; message: string }): string {
  return `${w.line === null ? "" : `line ${w.line}: `}${w.message}`;
}

export const AUDIT_HEAD = ["Line", "Claim", "Stated", "Computed"];

/** The audit entries that do not hold, as table rows. */
export function auditRows(r: Report): string[][] {
  return r.audit.filter((a) => a.ok === false).map((a) => [String(a.line ?? ""), a.claim, a.text, fmtComputed(a, r.cost.currency)]);
}

