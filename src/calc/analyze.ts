/**
 * analyze: everything a migration means, as plain data — metric deltas with noise, cost at a
 * usage, retry-adjusted cost, self-hosting break-even and the audit of the record's own sums.
 */
import { own } from "../record/own.js";
import { finding } from "../record/findings.js";
import { defaultRegistry, type Registry } from "../record/registry/labels.js";
import type { Direction } from "../record/registry/metrics.js";
import { unitOf } from "../record/read/conform.js";
import type { LoadedRecord, ModelData } from "../record/schema.js";
import { audit } from "./audit.js";
import { compareCost, type Fx } from "./compare-cost.js";
import { blendedPrice, totalTokens, type TokenUsage } from "./cost.js";
import { better, delta } from "./delta.js";
import { candidateOf, moneyOf, resolveBaseline } from "./models.js";
import { differenceInterval, significant } from "./noise.js";
import type { AuditEntry, Cost, MetricRow, SelfHost, Usage, Warning } from "./schema.js";
import { selfHosting } from "./self-host.js";
import { fmtComputed } from "../format.js";

export interface AnalyzeOptions {
  /** Another model of the record to compare against, instead of `old_model`. */
  baseline?: string | null;
  /** Usage from a flag: wins over the record's. */
  usage?: TokenUsage | null;
  /** Usage to fall back on when neither the flag nor the record gives one. */
  fallbackUsage?: TokenUsage | null;
  amortizationMonths?: number;
  maxAttempts?: number | null;
  /** Exchange rates, USD per unit: `{ JPY: 0.0067 }`. */
  fx?: Fx;
  /** The metrics the record was read with (a policy may add its own). */
  registry?: Registry;
  /** The models to compare, when the price catalog priced them: win over `baseline` and `new_model`. */
  models?: { baseline?: ModelData | null; candidate?: ModelData | null };
}

export interface Analysis {
  baseline: string;
  candidate: string;
  metrics: MetricRow[];
  usage: Usage;
  cost: Cost;
  selfHost: SelfHost | null;
  audit: AuditEntry[];
  warnings: Warning[];
}

export class BaselineError extends Error {
  constructor(message: string, readonly names: string[]) {
    super(message);
  }
}

function metricKeys(record: LoadedRecord, reg: Registry, baseline: ModelData, candidate: ModelData): string[] {
  const ranged = record.ranges.filter((r) => r.model === baseline.name || r.model === candidate.name).map((r) => r.key);
  const keys = [...new Set([...Object.keys(baseline.metrics), ...Object.keys(candidate.metrics), ...ranged])];
  const order = new Map(reg.metrics.map((m, i) => [m.key, i]));
  const rank = (k: string) => order.get(k) ?? Number.MAX_SAFE_INTEGER;
  return keys.sort((a, b) => rank(a) - rank(b));
}

function metricRows(record: LoadedRecord, reg: Registry, baseline: ModelData, candidate: ModelData, warnings: Warning[]): MetricRow[] {
  const againstOld = baseline.role === "old";
  const rangeOf = (model: ModelData, key: string) => record.ranges.find((r) => r.model === model.name && r.key === key)?.range ?? null;
  return metricKeys(record, reg, baseline, candidate).map((key) => {
    const def = reg.byKeyOf(key);
    const info = own(record.metricInfo, key);
    const b = own(baseline.metrics, key) ?? null;
    const c = own(candidate.metrics, key) ?? null;
    const currency = c?.currency ?? b?.currency ?? null;
    const unit = def ? unitOf(def, currency) : (info?.unit ?? "number");
    // `$2.50/1M` beside `¥150/1M`: each value keeps its own currency.
    const sideUnits = def && b?.currency && c?.currency && b.currency !== c.currency ? { baseline: unitOf(def, b.currency), candidate: unitOf(def, c.currency) } : null;
    const kind = def?.kind ?? info?.kind ?? "number";
    const direction: Direction = def?.direction ?? "neutral";
    const label = def?.name ?? info?.label ?? key;
    // Two currencies are no change: the prices are shown, the change is not computed.
    const comparable = (b?.currency ?? null) === (c?.currency ?? null);
    const change = comparable ? delta(b?.value ?? null, c?.value ?? null, kind) : delta(null, null, kind);
    if (b?.value === 0 && c) warnings.push(finding("zero-baseline", { label }, b.line));
    const n = own(record.samples, key)?.n ?? def?.items ?? null;
    const ci95 = kind === "percent" && n !== null && b && c ? differenceInterval(b.value, c.value, n) : null;
    const stated = againstOld ? record.claims.find((cl) => cl.kind === "metric_change" && cl.subject === key) : undefined;
    const rb = rangeOf(baseline, key);
    const rc = rangeOf(candidate, key);
    return {
      key,
      label,
      unit,
      direction,
      baseline: b?.value ?? null,
      candidate: c?.value ?? null,
      change,
      better: better(direction, change.abs),
      significant: significant(ci95),
      ci95,
      sampleSize: ci95 ? n : null,
      stated: stated?.text ?? null,
      line: c?.line ?? b?.line ?? null,
      lines: { baseline: b?.line ?? null, candidate: c?.line ?? null },
      benchmark: def?.benchmark === true && def.kind === "percent",
      ...(rb || rc ? { ranges: { baseline: rb, candidate: rc } } : {}),
      ...(sideUnits ? { units: sideUnits } : {}),
    };
  });
}

function usageOf(record: LoadedRecord, options: AnalyzeOptions): { usage: Usage; tokens: TokenUsage | null; units: NonNullable<NonNullable<LoadedRecord["usage"]>["units"]> } {
  if (options.usage) return { usage: { inputTokens: options.usage.inputTokens, outputTokens: options.usage.outputTokens, source: "flag" }, tokens: options.usage, units: [] };
  const r = record.usage;
  if (r && (r.inputTokens !== null || (r.totalTokens ?? null) !== null || (r.units ?? []).length)) {
    const units = r.units ?? [];
    const hasTokens = r.inputTokens !== null || (r.totalTokens ?? null) !== null;
    return {
      usage: {
        inputTokens: r.inputTokens, outputTokens: r.outputTokens, source: "record",
        ...(r.totalTokens ? { totalTokens: r.totalTokens } : {}),
        ...(units.length ? { units: units.map((u) => ({ unit: u.unit, count: u.count })) } : {}),
      },
      tokens: hasTokens ? r : null,
      units,
    };
  }
  if (options.fallbackUsage) return { usage: { inputTokens: options.fallbackUsage.inputTokens, outputTokens: options.fallbackUsage.outputTokens, source: "policy" }, tokens: options.fallbackUsage, units: [] };
  return { usage: { inputTokens: null, outputTokens: null, source: "none" }, tokens: null, units: [] };
}

/** Throws BaselineError when `options.baseline` names no model of the record. */
export function analyze(record: LoadedRecord, options: AnalyzeOptions = {}): Analysis {
  const reg = options.registry ?? defaultRegistry();
  const resolved = options.models?.baseline ? { model: options.models.baseline } : resolveBaseline(record, options.baseline);
  if ("error" in resolved) throw new BaselineError(resolved.error, resolved.names);
  const baseline = resolved.model;
  const candidate = options.models?.candidate ?? candidateOf(record);
  const warnings: Warning[] = [...record.warnings];
  const { usage, tokens, units } = usageOf(record, options);
  if (!tokens) warnings.push(finding("no-usage"));

  const metrics = metricRows(record, reg, baseline, candidate, warnings);
  const fx = options.fx ?? {};
  const { cost, warnings: costWarnings } = compareCost(baseline, candidate, tokens, { maxAttempts: options.maxAttempts ?? null, fx, currency: record.currency ?? null, units });
  warnings.push(...costWarnings);

  let selfHost: SelfHost | null = null;
  if (record.selfHost) {
    const result = selfHosting({
      selfHost: record.selfHost,
      amortizationMonths: options.amortizationMonths ?? 36,
      blendedPricePerMTok: cost.candidate.blendedPricePerMTok,
      tokensPerMonth: totalTokens(tokens),
      currency: cost.currency,
      fx,
    });
    selfHost = result.selfHost;
    for (const u of result.unconverted) {
      warnings.push(finding("currency-mismatch", { what: `self-hosting ${u.what} is`, a: cost.currency, lineA: null, b: u.currency, lineB: u.line, consequence: "the break-even is unknown" }, u.line));
    }
    if (selfHost.fixedPerMonth !== null && selfHost.blendedPricePerMTok === null) warnings.push(finding("self-host-no-price"));
  }
  const entries = audit(record, selfHost === null ? null : recordSelfHost(record, options, cost.currency), { fx, registry: reg });
  for (const e of entries) {
    if (e.ok === false) warnings.push(finding("audit-mismatch", { claim: e.claim, stated: e.text, computed: fmtComputed(e, cost.currency) }, e.line));
  }
  return { baseline: baseline.name, candidate: candidate.name, metrics, usage, cost, selfHost, audit: entries, warnings };
}

/**
 * The audit checks the record's own arithmetic: its break-even at the price mix of its own usage,
 * never at a flag's or the policy's (without usage, only equal input and output prices blend).
 */
function recordSelfHost(record: LoadedRecord, options: AnalyzeOptions, currency: Cost["currency"]): SelfHost {
  const candidate = candidateOf(record);
  const pi = moneyOf(candidate, "price_input");
  const po = moneyOf(candidate, "price_output");
  const same = pi && po && pi.currency === po.currency && pi.currency === currency;
  const prices = same ? { priceInput: pi.value, priceOutput: po.value } : { priceInput: null, priceOutput: null };
  return selfHosting({
    selfHost: record.selfHost!,
    amortizationMonths: options.amortizationMonths ?? 36,
    blendedPricePerMTok: blendedPrice(prices, record.usage),
    tokensPerMonth: totalTokens(record.usage),
    currency,
    fx: options.fx ?? {},
  }).selfHost;
}
