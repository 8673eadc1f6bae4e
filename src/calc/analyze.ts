/**
 * analyze: everything a migration means, as plain data — metric deltas with noise, cost at a
 * usage, retry-adjusted cost, self-hosting break-even and the audit of the record's own sums.
 */
import { own } from "../record/own.js";
import { finding } from "../record/findings.js";
import { METRICS, metricByKey, type Direction, type Unit } from "../record/metrics.js";
import type { LoadedRecord, ModelData } from "../record/schema.js";
import { audit } from "./audit.js";
import { compareCost } from "./compare-cost.js";
import { blendedPrice, type TokenUsage } from "./cost.js";
import { better, delta } from "./delta.js";
import { candidateOf, resolveBaseline, valueOf } from "./models.js";
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

const REGISTRY_ORDER = new Map(METRICS.map((m, i) => [m.key, i]));

function metricKeys(baseline: ModelData, candidate: ModelData): string[] {
  const keys = [...new Set([...Object.keys(baseline.metrics), ...Object.keys(candidate.metrics)])];
  const rank = (k: string) => REGISTRY_ORDER.get(k) ?? Number.MAX_SAFE_INTEGER;
  return keys.sort((a, b) => rank(a) - rank(b));
}

function metricRows(record: LoadedRecord, baseline: ModelData, candidate: ModelData, warnings: Warning[]): MetricRow[] {
  const againstOld = baseline.role === "old";
  return metricKeys(baseline, candidate).map((key) => {
    const def = metricByKey(key);
    const info = own(record.metricInfo, key);
    const unit: Unit = def?.unit ?? info?.unit ?? "number";
    const direction: Direction = def?.direction ?? "neutral";
    const label = def?.name ?? info?.label ?? key;
    const b = own(baseline.metrics, key) ?? null;
    const c = own(candidate.metrics, key) ?? null;
    const change = delta(b?.value ?? null, c?.value ?? null, unit);
    if (b?.value === 0 && c) warnings.push(finding("zero-baseline", { label }, b.line));
    const n = own(record.samples, key)?.n ?? def?.items ?? null;
    const ci95 = unit === "percent" && n !== null && b && c ? differenceInterval(b.value, c.value, n) : null;
    const stated = againstOld ? record.claims.find((cl) => cl.kind === "metric_change" && cl.subject === key) : undefined;
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
    };
  });
}

function usageOf(record: LoadedRecord, options: AnalyzeOptions): { usage: Usage; tokens: TokenUsage | null } {
  const pick: Array<[Usage["source"], TokenUsage | null | undefined]> = [
    ["flag", options.usage],
    ["record", record.usage],
    ["policy", options.fallbackUsage],
  ];
  for (const [source, u] of pick) {
    if (u) return { usage: { inputTokens: u.inputTokens, outputTokens: u.outputTokens, source }, tokens: u };
  }
  return { usage: { inputTokens: null, outputTokens: null, source: "none" }, tokens: null };
}

/** Throws BaselineError when `options.baseline` names no model of the record. */
export function analyze(record: LoadedRecord, options: AnalyzeOptions = {}): Analysis {
  const resolved = resolveBaseline(record, options.baseline);
  if ("error" in resolved) throw new BaselineError(resolved.error, resolved.names);
  const baseline = resolved.model;
  const candidate = candidateOf(record);
  const warnings: Warning[] = [...record.warnings];
  const { usage, tokens } = usageOf(record, options);
  if (!tokens) warnings.push(finding("no-usage"));

  const metrics = metricRows(record, baseline, candidate, warnings);
  const { cost, warnings: costWarnings } = compareCost(baseline, candidate, tokens, options.maxAttempts ?? null);
  warnings.push(...costWarnings);

  let selfHost: SelfHost | null = null;
  if (record.selfHost) {
    selfHost = selfHosting({
      selfHost: record.selfHost,
      amortizationMonths: options.amortizationMonths ?? 36,
      blendedPricePerMTok: cost.candidate.blendedPricePerMTok,
      tokensPerMonth: tokens ? tokens.inputTokens + tokens.outputTokens : null,
    });
    if (selfHost.blendedPricePerMTok === null) warnings.push(finding("self-host-no-price"));
  }
  const entries = audit(record, selfHost === null ? null : recordSelfHost(record, options));
  for (const e of entries) {
    if (e.ok === false) warnings.push(finding("audit-mismatch", { claim: e.claim, stated: e.text, computed: fmtComputed(e) }, e.line));
  }
  return { baseline: baseline.name, candidate: candidate.name, metrics, usage, cost, selfHost, audit: entries, warnings };
}

/**
 * The audit checks the record's own arithmetic: its break-even at the price mix of its own usage,
 * never at a flag's or the policy's (without usage, only equal input and output prices blend).
 */
function recordSelfHost(record: LoadedRecord, options: AnalyzeOptions): SelfHost {
  const candidate = candidateOf(record);
  const prices = { priceInput: valueOf(candidate, "price_input"), priceOutput: valueOf(candidate, "price_output") };
  return selfHosting({
    selfHost: record.selfHost!,
    amortizationMonths: options.amortizationMonths ?? 36,
    blendedPricePerMTok: blendedPrice(prices, record.usage),
    tokensPerMonth: record.usage ? record.usage.inputTokens + record.usage.outputTokens : null,
  });
}
