/**
 * Runs a policy over an analysis. Each rule ends pass, fail or unknown (its figure is missing),
 * with the value it saw and the threshold; the verdict is MIGRATE only when every required
 * rule passes.
 */
import type { Analysis } from "../calc/analyze.js";
import { fmtSigned, fmtValue } from "../format.js";
import { defaultRegistry } from "../record/registry/labels.js";
import { unitOf } from "../record/read/conform.js";
import { CONDITIONS, CONDITION_KINDS, type ConditionKind, type MetricView } from "./conditions.js";
import { DERIVED_MISSING, metricView } from "./metric-view.js";
import type { Bounds, Check, Policy, Rule, RuleResult } from "./schema.js";

export type Verdict = "MIGRATE" | "HOLD";

function conditionOf(check: Check | Rule): [ConditionKind, Bounds] | null {
  for (const kind of CONDITION_KINDS) {
    const bounds = check[kind];
    if (bounds) return [kind, bounds];
  }
  return null;
}

/** A value as the condition reads it: changes in % or points, levels in the metric's unit. */
function show(kind: ConditionKind, metricUnit: string, n: number): string {
  const unit = CONDITIONS[kind].unit;
  // A threshold of zero is `≤ 0%`, not `≤ ±0%`: the sign a change carries says nothing here.
  if (unit === "percent") return n === 0 ? "0%" : fmtSigned(n, 2, "%");
  if (unit === "points") return n === 0 ? "0 pp" : fmtSigned(n, 2, " pp");
  const text = fmtValue(n, metricUnit);
  return kind === "change_abs" && n > 0 ? `+${text}` : text;
}

function thresholdText(kind: ConditionKind, metricUnit: string, b: Bounds): string {
  const parts = [];
  if (b.min !== undefined) parts.push(`≥ ${show(kind, metricUnit, b.min)}`);
  if (b.max !== undefined) parts.push(`≤ ${show(kind, metricUnit, b.max)}`);
  return parts.join(" and ");
}

function whyMissing(a: Analysis, view: MetricView, kind: ConditionKind): string {
  const needs = CONDITIONS[kind].needs;
  const missing = [
    needs !== "baseline" && view.candidate === null ? a.candidate : null,
    needs !== "candidate" && view.baseline === null ? a.baseline : null,
  ].filter((x): x is string => x !== null);
  const money = /^(?:usd|jpy|eur)$/.test(view.unit);
  if (missing.length && money && a.usage.source === "none") return "no usage given (flag, record or policy), so cost is unknown";
  if (missing.length && money) return `no API price for ${missing.join(" or ")}`;
  if (missing.length) return `no value for ${missing.join(" or ")}`;
  if (kind === "change_pct") return "the baseline is 0, so there is no percentage change";
  if (kind === "change_pp") return "not a percentage metric, so there is no change in points";
  return "no value";
}

function checkOne(a: Analysis, check: Check | Rule, id: string, severity: RuleResult["severity"]): RuleResult {
  const metric = check.metric ?? "";
  const [kind, bounds] = conditionOf(check)!;
  const view = metricView(a, metric);
  const threshold = { min: bounds.min ?? null, max: bounds.max ?? null };
  // Written out, not spread from a shared base: a rule's result is made for every rule of every record.
  const result = (status: RuleResult["status"], actual: number | null, message: string): RuleResult => ({ id, severity, metric, condition: kind, threshold, status, actual, message });
  const def = defaultRegistry().byKeyOf(metric);
  const needs = thresholdText(kind, view?.unit ?? (def ? unitOf(def, null) : "number"), bounds);
  if (!view) {
    const why = DERIVED_MISSING[metric] ?? `neither ${a.candidate} nor ${a.baseline} has this figure`;
    return result("unknown", null, `${def?.name ?? metric}: ${why} (needs ${needs})`);
  }
  const value = CONDITIONS[kind].read(view);
  const what = `${view.label} ${CONDITIONS[kind].describe}`;
  if (value === null) return result("unknown", null, `${view.label}: ${whyMissing(a, view, kind)} (needs ${needs})`);
  const inside = (bounds.min === undefined || value >= bounds.min) && (bounds.max === undefined || value <= bounds.max);
  const seen = `${what} ${show(kind, view.unit, value)} (needs ${needs})`;
  if (!inside) return result("fail", value, seen);
  if (check.significant === true && view.significant !== true) {
    return view.significant === null
      ? result("unknown", value, `${seen}, but its noise cannot be judged (no sample size)`)
      : result("fail", value, `${seen}, but within noise`);
  }
  return result("pass", value, seen);
}

function checkAny(a: Analysis, rule: Rule): RuleResult {
  const members = rule.any!.map((c, i) => checkOne(a, c, `${rule.id}[${i}]`, rule.severity));
  const decided = members.find((m) => m.status === "pass") ?? members.find((m) => m.status === "unknown") ?? members[0]!;
  const status = decided.status;
  const glue = status === "pass" ? "passes: " : status === "unknown" ? "unknown, none passes: " : "fails: ";
  const detail = status === "pass" ? decided.message : members.map((m) => m.message).join("; ");
  return {
    id: rule.id,
    severity: rule.severity,
    status,
    metric: decided.metric,
    condition: decided.condition,
    actual: decided.actual,
    threshold: decided.threshold,
    message: `any of ${members.length} ${glue}${detail}`,
    members,
  };
}

export function evaluateRules(a: Analysis, policy: Policy): { rules: RuleResult[]; verdict: Verdict } {
  const rules = policy.rules.map((r) => (r.any ? checkAny(a, r) : checkOne(a, r, r.id, r.severity)));
  const verdict = rules.every((r) => r.severity !== "required" || r.status === "pass") ? "MIGRATE" : "HOLD";
  return { rules, verdict };
}
