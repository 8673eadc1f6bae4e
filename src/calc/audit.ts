/**
 * The audit: every result a record states about itself is recomputed from the record's own
 * figures (its own usage, not a flag's) and compared within the stated figure's rounding.
 * A change stated in % for a percentage metric holds when it matches either the change in
 * points or the relative change: records write both as "%". A stated result the tool does not
 * compute, or one about a model the record does not price, is listed as not checked — never as
 * a mismatch.
 */
import { own } from "../record/own.js";
import type { Registry } from "../record/registry/labels.js";
import type { Claim, LoadedRecord, ModelData } from "../record/schema.js";
import { compareCost, type Fx } from "./compare-cost.js";
import { delta } from "./delta.js";
import { candidateOf, modelNamed, valueOf } from "./models.js";
import type { AuditEntry, Cost, CostSide, SelfHost } from "./schema.js";

type Computed = { value: number | null; unit: AuditEntry["unit"]; ok?: boolean; reason?: string };

export interface AuditOptions {
  fx?: Fx;
  registry: Registry;
}

const within = (stated: number, computed: number, step: number) => Math.abs(stated - computed) <= step / 2 + 1e-9 * Math.max(1, Math.abs(stated));

function metricChange(record: LoadedRecord, claim: Claim, reg: Registry): Computed {
  const key = claim.subject ?? "";
  const def = reg.byKeyOf(key);
  const kind = def?.kind ?? own(record.metricInfo, key)?.kind ?? "number";
  const oldModel = record.models.find((m) => m.role === "old")!;
  const d = delta(valueOf(oldModel, key), valueOf(candidateOf(record), key), kind);
  if (claim.unit !== "percent") return { value: d.abs, unit: "number" };
  if (d.pp !== null && (d.pct === null || within(claim.value, d.pp, claim.step))) return { value: d.pp, unit: "points" };
  return { value: d.pct, unit: "percent" };
}

const CURRENCY_UNIT = { USD: "usd", JPY: "jpy", EUR: "eur" } as const;

/** The cost of `baseline` against the candidate at the record's own usage. */
function costBetween(record: LoadedRecord, baseline: ModelData | undefined, o: AuditOptions): Cost | null {
  if (!baseline || !record.usage) return null;
  return compareCost(baseline, candidateOf(record), record.usage, { maxAttempts: null, fx: o.fx ?? {}, currency: record.currency ?? null, units: record.usage.units ?? [] }).cost;
}

/** One model's own cost side: against the candidate, or the candidate's against old_model. */
function sideOf(record: LoadedRecord, name: string | null, o: AuditOptions): { side: CostSide; currency: Cost["currency"] } | null {
  const model = modelNamed(record, name ?? "");
  if (!model) return null;
  if (model.role === "new") {
    const cost = costBetween(record, record.models.find((m) => m.role === "old"), o);
    return cost ? { side: cost.candidate, currency: cost.currency } : null;
  }
  const cost = costBetween(record, model, o);
  return cost ? { side: cost.baseline, currency: cost.currency } : null;
}

function moneyUnit(claim: Claim, currency: Cost["currency"]): Computed | null {
  if (claim.unit === "percent" || claim.unit === CURRENCY_UNIT[currency]) return null;
  return { value: null, unit: claim.unit, reason: `stated in ${claim.unit.toUpperCase()}, while the cost is in ${currency}` };
}

function costOfModel(record: LoadedRecord, claim: Claim, o: AuditOptions, months = 1): Computed {
  const s = sideOf(record, claim.subject, o);
  const unit = claim.unit;
  if (!s) return { value: null, unit, reason: `${claim.subject} is not priced in the record, or the record states no usage` };
  const wrong = moneyUnit(claim, s.currency);
  if (wrong) return wrong;
  const base = claim.basis === "retry_adjusted" ? s.side.retryAdjustedMonthly : s.side.monthly;
  return { value: base === null ? null : base * months, unit };
}

function costChange(record: LoadedRecord, claim: Claim, o: AuditOptions): Computed {
  const cost = costBetween(record, modelNamed(record, claim.subject ?? ""), o);
  const unit = claim.unit === "percent" ? "percent" : claim.unit;
  if (!cost) return { value: null, unit, reason: `${claim.subject} is not priced in the record, or the record states no usage` };
  const wrong = moneyUnit(claim, cost.currency);
  if (wrong) return wrong;
  const change =
    claim.basis === "annual" ? cost.annualChange : claim.basis === "retry_adjusted" ? (cost.retryAdjusted ? cost.retryAdjustedChange : null) : cost.monthlyChange;
  if (!change) return { value: null, unit, reason: "attempts are not known for both models" };
  return { value: claim.unit === "percent" ? change.pct : change.abs, unit };
}

function costBreakdown(record: LoadedRecord, claim: Claim, o: AuditOptions): Computed {
  const model = modelNamed(record, claim.subject ?? "");
  const usage = record.usage;
  const total = costOfModel(record, { ...claim, basis: "monthly" }, o);
  const terms = claim.terms ?? [];
  if (!model || !usage || total.value === null || usage.inputTokens === null || usage.outputTokens === null) return total;
  const sum = terms.reduce((a, t) => a + t, 0);
  let ok = within(claim.value, sum, claim.step) && within(claim.value, total.value, claim.step);
  // Two terms are the input and the output cost, each checked on its own.
  if (terms.length === 2) {
    const side = sideOf(record, model.name, o)?.side;
    const inCost = (usage.inputTokens / 1e6) * (side?.priceInput ?? NaN);
    const outCost = (usage.outputTokens / 1e6) * (side?.priceOutput ?? NaN);
    ok &&= within(terms[0]!, inCost, claim.step) && within(terms[1]!, outCost, claim.step);
  }
  return { value: total.value, unit: claim.unit, ok };
}

const name = (c: Claim, record: LoadedRecord, reg: Registry) => reg.byKeyOf(c.subject ?? "")?.name ?? own(record.metricInfo, c.subject ?? "")?.label ?? c.subject;
const basisWord = (c: Claim) => (c.basis === "retry_adjusted" ? "retry-adjusted cost" : c.basis === "annual" ? "annual cost" : "monthly cost");

const DESCRIBE: Record<Claim["kind"], (c: Claim, record: LoadedRecord, reg: Registry) => string> = {
  metric_change: (c, r, reg) => `change in ${name(c, r, reg)}`,
  cost_breakdown: (c) => `monthly cost of ${c.subject} (input + output)`,
  monthly_cost: (c) => `${basisWord(c)} of ${c.subject}`,
  annual_cost: (c) => `annual cost of ${c.subject}`,
  cost_change: (c, r) => `${basisWord(c)} change, ${c.subject} → ${r.newModel}` + (c.assumedBaseline ? " (its list states both models' costs)" : ""),
  break_even: () => "self-hosting break-even (tokens per month)",
  payback: () => "self-hosting payback (months)",
  unchecked: (c) => `not checked: ${c.reason ?? "not a figure the tool computes"}`,
};

export function audit(record: LoadedRecord, selfHost: SelfHost | null, o: AuditOptions): AuditEntry[] {
  const compute: Record<Claim["kind"], (c: Claim) => Computed> = {
    metric_change: (c) => metricChange(record, c, o.registry),
    cost_breakdown: (c) => costBreakdown(record, c, o),
    monthly_cost: (c) => costOfModel(record, c, o),
    annual_cost: (c) => costOfModel(record, c, o, 12),
    cost_change: (c) => costChange(record, c, o),
    break_even: () => ({ value: selfHost?.breakEvenTokensPerMonth ?? null, unit: "tokens", reason: selfHost?.breakEvenTokensPerMonth == null ? "the record's break-even cannot be computed (capex, opex or the candidate's price is missing)" : undefined }),
    payback: () => ({ value: selfHost?.paybackMonths ?? null, unit: "months", reason: selfHost?.paybackMonths == null ? "payback cannot be computed at the record's usage" : undefined }),
    unchecked: (c) => ({ value: null, unit: c.unit, reason: c.reason ?? "not a figure the tool computes" }),
  };
  return record.claims.map((claim) => {
    const computed = compute[claim.kind](claim);
    const ok = computed.value === null ? null : (computed.ok ?? within(claim.value, computed.value, claim.step));
    return {
      claim: DESCRIBE[claim.kind](claim, record, o.registry),
      kind: claim.kind,
      text: claim.text,
      stated: claim.value,
      computed: computed.value,
      unit: computed.unit,
      ok,
      reason: ok === null ? (computed.reason ?? "cannot be recomputed from the record's figures") : null,
      line: claim.line,
    };
  });
}
