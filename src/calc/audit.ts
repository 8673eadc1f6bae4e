/**
 * The audit: every result a record states about itself is recomputed from the record's own
 * figures (its own usage, not a flag's) and compared within the stated figure's rounding.
 * A change stated in % for a percentage metric holds when it matches either the change in
 * points or the relative change: records write both as "%".
 */
import { own } from "../record/own.js";
import { metricByKey } from "../record/metrics.js";
import type { Claim, LoadedRecord, ModelData } from "../record/schema.js";
import { compareCost } from "./compare-cost.js";
import { delta } from "./delta.js";
import { candidateOf, modelNamed, valueOf } from "./models.js";
import type { AuditEntry, Cost, SelfHost } from "./schema.js";

type Computed = { value: number | null; unit: AuditEntry["unit"]; ok?: boolean };

const within = (stated: number, computed: number, step: number) => Math.abs(stated - computed) <= step / 2 + 1e-9 * Math.max(1, Math.abs(stated));

function metricChange(record: LoadedRecord, claim: Claim): Computed {
  const key = claim.subject ?? "";
  const unit = metricByKey(key)?.unit ?? own(record.metricInfo, key)?.unit ?? "number";
  const oldModel = record.models.find((m) => m.role === "old")!;
  const d = delta(valueOf(oldModel, key), valueOf(candidateOf(record), key), unit);
  if (claim.unit !== "percent") return { value: d.abs, unit: "number" };
  if (d.pp !== null && (d.pct === null || within(claim.value, d.pp, claim.step))) return { value: d.pp, unit: "points" };
  return { value: d.pct, unit: "percent" };
}

function costBetween(record: LoadedRecord, baseline: ModelData | undefined): Cost | null {
  if (!baseline || !record.usage) return null;
  return compareCost(baseline, candidateOf(record), record.usage, null).cost;
}

function costChange(record: LoadedRecord, claim: Claim): Computed {
  const cost = costBetween(record, modelNamed(record, claim.subject ?? ""));
  const unit = claim.unit === "usd" ? "usd" : "percent";
  if (!cost) return { value: null, unit };
  const change =
    claim.basis === "annual" ? cost.annualChange : claim.basis === "retry_adjusted" ? (cost.retryAdjusted ? cost.retryAdjustedChange : null) : cost.monthlyChange;
  if (!change) return { value: null, unit };
  return { value: claim.unit === "usd" ? change.abs : change.pct, unit };
}

function monthlyOf(record: LoadedRecord, name: string | null): number | null {
  const model = modelNamed(record, name ?? "");
  if (!model) return null;
  return costBetween(record, model)?.baseline.monthly ?? null;
}

function costBreakdown(record: LoadedRecord, claim: Claim): Computed {
  const model = modelNamed(record, claim.subject ?? "");
  const usage = record.usage;
  const total = monthlyOf(record, claim.subject);
  const [input = NaN, output = NaN] = claim.terms ?? [];
  if (!model || !usage || total === null) return { value: total, unit: "usd" };
  const inCost = (usage.inputTokens / 1e6) * (valueOf(model, "price_input") ?? NaN);
  const outCost = (usage.outputTokens / 1e6) * (valueOf(model, "price_output") ?? NaN);
  const ok =
    within(input, inCost, claim.step) && within(output, outCost, claim.step) &&
    within(claim.value, input + output, claim.step) && within(claim.value, total, claim.step);
  return { value: total, unit: "usd", ok };
}

const DESCRIBE: Record<Claim["kind"], (c: Claim, record: LoadedRecord) => string> = {
  metric_change: (c, r) => `change in ${metricByKey(c.subject ?? "")?.name ?? own(r.metricInfo, c.subject ?? "")?.label ?? c.subject}`,
  cost_breakdown: (c) => `monthly cost of ${c.subject} (input + output)`,
  monthly_cost: (c) => `monthly cost of ${c.subject}`,
  cost_change: (c, r) =>
    `${c.basis === "retry_adjusted" ? "retry-adjusted cost" : c.basis === "annual" ? "annual cost" : "monthly cost"} change, ${c.subject} → ${r.newModel}` +
    (c.assumedBaseline ? " (no \"vs\" on the line: old model assumed)" : ""),
  break_even: () => "self-hosting break-even (tokens per month)",
};

export function audit(record: LoadedRecord, selfHost: SelfHost | null): AuditEntry[] {
  const compute: Record<Claim["kind"], (c: Claim) => Computed> = {
    metric_change: (c) => metricChange(record, c),
    cost_breakdown: (c) => costBreakdown(record, c),
    monthly_cost: (c) => ({ value: monthlyOf(record, c.subject), unit: "usd" }),
    cost_change: (c) => costChange(record, c),
    break_even: () => ({ value: selfHost?.breakEvenTokensPerMonth ?? null, unit: "tokens" }),
  };
  return record.claims.map((claim) => {
    const computed = compute[claim.kind](claim);
    const ok = computed.value === null ? null : (computed.ok ?? within(claim.value, computed.value, claim.step));
    return {
      claim: DESCRIBE[claim.kind](claim, record),
      kind: claim.kind,
      text: claim.text,
      stated: claim.value,
      computed: computed.value,
      unit: computed.unit,
      ok,
      line: claim.line,
    };
  });
}
