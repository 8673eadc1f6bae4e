/**
 * What a change to the records does to the decisions: two sets of reports in, matched by record
 * id, the differences out — verdict flips, rule status changes, cost and break-even deltas, and
 * the metrics and stated figures that appeared, vanished or changed. Pure: no files, no process.
 */
import { finite } from "../calc/delta.js";
import type { Diff, RecordDiff } from "./diff-schema.js";
import type { Report } from "./schema.js";

type Figure = RecordDiff["figures"][number];

interface FigureDef {
  key: string;
  label: (r: Report) => string;
  unit: (r: Report) => string;
  value: (r: Report) => number | null;
  /** Money in the report's currency: no delta across two currencies. */
  money?: boolean;
}

const cur = (r: Report) => r.cost.currency.toLowerCase();

/** The cost and self-hosting figures a diff compares, in the order it shows them. */
const FIGURES: readonly FigureDef[] = [
  { key: "cost.baseline.monthly", label: (r) => `monthly cost of ${r.cost.baseline.model}`, unit: cur, value: (r) => r.cost.baseline.monthly, money: true },
  { key: "cost.candidate.monthly", label: (r) => `monthly cost of ${r.cost.candidate.model}`, unit: cur, value: (r) => r.cost.candidate.monthly, money: true },
  { key: "cost.monthlyChange.pct", label: () => "monthly cost change", unit: () => "percent", value: (r) => r.cost.monthlyChange.pct },
  { key: "cost.baseline.retryAdjustedMonthly", label: (r) => `retry-adjusted monthly cost of ${r.cost.baseline.model}`, unit: cur, value: (r) => r.cost.baseline.retryAdjustedMonthly, money: true },
  { key: "cost.candidate.retryAdjustedMonthly", label: (r) => `retry-adjusted monthly cost of ${r.cost.candidate.model}`, unit: cur, value: (r) => r.cost.candidate.retryAdjustedMonthly, money: true },
  { key: "cost.retryAdjustedChange.pct", label: () => "retry-adjusted monthly cost change", unit: () => "percent", value: (r) => r.cost.retryAdjustedChange.pct },
  { key: "selfHost.fixedPerMonth", label: () => "self-hosting fixed cost a month", unit: (r) => (r.selfHost ?? r.cost).currency.toLowerCase(), value: (r) => r.selfHost?.fixedPerMonth ?? null, money: true },
  { key: "selfHost.breakEvenTokensPerMonth", label: () => "self-hosting break-even (tokens a month)", unit: () => "tokens", value: (r) => r.selfHost?.breakEvenTokensPerMonth ?? null },
  { key: "selfHost.paybackMonths", label: () => "self-hosting payback (months)", unit: () => "months", value: (r) => r.selfHost?.paybackMonths ?? null },
];

/** Differences below this are the last bits of a double, not a change. */
const same = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

function figures(base: Report, head: Report): Figure[] {
  const out: Figure[] = [];
  for (const f of FIGURES) {
    const b = f.value(base);
    const h = f.value(head);
    if (same(b, h)) continue;
    const unit = f.unit(head);
    const comparable = !f.money || f.unit(base) === unit;
    out.push({ key: f.key, label: f.label(head), unit, base: b, head: h, delta: b === null || h === null || !comparable ? null : finite(Number((h - b).toPrecision(12))) });
  }
  return out;
}

function rules(base: Report, head: Report): RecordDiff["rules"] {
  const before = new Map(base.rules.map((r) => [r.id, r]));
  const after = new Map(head.rules.map((r) => [r.id, r]));
  const ids = [...new Set([...after.keys(), ...before.keys()])];
  return ids.flatMap((id) => {
    const b = before.get(id);
    const h = after.get(id);
    if (b && h && b.status === h.status) return [];
    const rule = (h ?? b)!;
    const regression = rule.severity === "required" && b?.status === "pass" && h?.status === "fail";
    return [{ id, severity: rule.severity, base: b?.status ?? null, head: h?.status ?? null, message: rule.message, regression }];
  });
}

function metrics(base: Report, head: Report): RecordDiff["metrics"] {
  const before = new Map(base.metrics.map((m) => [m.key, m]));
  const after = new Map(head.metrics.map((m) => [m.key, m]));
  const keys = [...new Set([...after.keys(), ...before.keys()])];
  const sides = (m: Report["metrics"][number] | undefined) => (m ? { baseline: m.baseline, candidate: m.candidate } : null);
  return keys.flatMap((key) => {
    const b = before.get(key);
    const h = after.get(key);
    if (b && h && same(b.baseline, h.baseline) && same(b.candidate, h.candidate) && b.unit === h.unit) return [];
    const m = (h ?? b)!;
    return [{ key, label: m.label, unit: m.unit, change: !b ? "added" : !h ? "removed" : "changed", base: sides(b), head: sides(h), line: m.line } as const];
  });
}

/** Stated figures matched by what they claim (the n-th claim of its kind and wording). */
function audit(base: Report, head: Report): RecordDiff["audit"] {
  const keyed = (r: Report) => {
    const seen = new Map<string, number>();
    return new Map(r.audit.map((a) => {
      const k = `${a.kind}\u0000${a.claim}`;
      const n = (seen.get(k) ?? 0) + 1;
      seen.set(k, n);
      return [`${k}\u0000${n}`, a];
    }));
  };
  const before = keyed(base);
  const after = keyed(head);
  const keys = [...new Set([...after.keys(), ...before.keys()])];
  return keys.flatMap((k) => {
    const b = before.get(k);
    const h = after.get(k);
    if (b && h && b.ok === h.ok) return [];
    const a = (h ?? b)!;
    return [{ claim: a.claim, kind: a.kind, text: a.text, base: b?.ok ?? null, head: h?.ok ?? null, line: a.line }];
  });
}

/** One record on both sides, or on one (`added`: only in HEAD; `removed`: only in BASE). */
export function diffRecord(base: Report | null, head: Report | null): RecordDiff {
  const r = (head ?? base)!;
  const both = base && head;
  const changes = both
    ? { rules: rules(base, head), figures: figures(base, head), metrics: metrics(base, head), audit: audit(base, head) }
    : { rules: [], figures: [], metrics: [], audit: [] };
  const flipped = Boolean(both && base.verdict !== head.verdict);
  const regression = Boolean(both && ((base.verdict === "MIGRATE" && head.verdict === "HOLD") || changes.rules.some((x) => x.regression)));
  const changed = flipped || changes.rules.length + changes.figures.length + changes.metrics.length + changes.audit.length > 0;
  return {
    id: r.record.id,
    status: !base ? "added" : !head ? "removed" : changed ? "changed" : "unchanged",
    baseFile: base?.record.file ?? null,
    headFile: head?.record.file ?? null,
    baseline: r.baseline,
    candidate: r.candidate,
    verdict: { base: base?.verdict ?? null, head: head?.verdict ?? null, flipped },
    regression,
    policyChanged: Boolean(both && base.policy.sha256 !== head.policy.sha256),
    ...changes,
  };
}

/** Reports keyed by record id; a second record with the same id is told apart by its place (`ID#2`). */
function byId(reports: readonly Report[]): Map<string, Report> {
  const out = new Map<string, Report>();
  for (const r of reports) {
    let key = r.record.id;
    for (let n = 2; out.has(key); n++) key = `${r.record.id}#${n}`;
    out.set(key, r);
  }
  return out;
}

/**
 * Two sets of reports, matched by record id: HEAD's order first, then what only BASE has. `one`:
 * BASE and HEAD each name one record (two files), which are compared whatever their ids.
 */
export function diffReports(base: readonly Report[], head: readonly Report[], o: { base: string; head: string; one?: boolean }): Diff {
  const before = byId(base);
  const after = byId(head);
  const pairs: Array<[Report | null, Report | null]> = o.one && base.length === 1 && head.length === 1
    ? [[base[0]!, head[0]!]]
    : [...new Set([...after.keys(), ...before.keys()])].map((k) => [before.get(k) ?? null, after.get(k) ?? null]);
  const records = pairs.map(([b, h]) => diffRecord(b, h));
  const count = (s: RecordDiff["status"]) => records.filter((r) => r.status === s).length;
  return {
    schemaVersion: 1,
    base: o.base,
    head: o.head,
    records,
    summary: {
      records: records.length,
      changed: count("changed"),
      unchanged: count("unchanged"),
      added: count("added"),
      removed: count("removed"),
      verdictFlips: records.filter((r) => r.verdict.flipped).length,
      regressions: records.filter((r) => r.regression).length,
    },
  };
}
