/**
 * whatIf: how far a record is from the other answer. The cost lines against monthly volume and
 * their crossings, each required rule's flip points, and each input moved by ±swing one at a
 * time. Every moved figure goes through `analyze` and the policy's judge, as the report does.
 */
import { defaultRegistry } from "../../record/registry/labels.js";
import type { LoadedRecord } from "../../record/schema.js";
import { analyze, type Analysis, type AnalyzeOptions } from "../analyze.js";
import { totalTokens } from "../cost.js";
import { crossovers } from "./crossover.js";
import { flipsOf, touches, type Probe, type Status } from "./flip.js";
import { inputsOf, type Input } from "./inputs.js";
import type { CostLine, Sensitivity, WhatIf } from "./schema.js";

/** What the rules engine says of an analysis; injected, so the calculations do not import the rules. */
export interface Judged {
  rules: ReadonlyArray<JudgedRule>;
  verdict: "MIGRATE" | "HOLD";
}
interface JudgedRule {
  id: string;
  severity: "required" | "warning";
  status: Status;
  actual: number | null;
  threshold: { min: number | null; max: number | null } | null;
  members?: ReadonlyArray<JudgedRule> | undefined;
}
export type Judge = (a: Analysis) => Judged;

export interface WhatIfOptions {
  /** Percent each input is moved by, up and down (20 = ±20 %). */
  swing?: number;
  /** Tokens a month one self-hosting installation serves; wins over the record's. */
  capacityTokensPerMonth?: number | null;
  /** Metrics the policy's rules name, moved as inputs too. */
  ruleMetrics?: readonly string[];
}

export const DEFAULT_SWING = 20;

function costLines(record: LoadedRecord, a: Analysis, capacity: number | null): CostLine[] {
  const lines: CostLine[] = [
    { id: "baseline", label: `${a.baseline} API`, pricePerMTok: a.cost.baseline.blendedPricePerMTok, fixedPerMonth: null, capacityTokensPerMonth: null },
    { id: "candidate", label: `${a.candidate} API`, pricePerMTok: a.cost.candidate.blendedPricePerMTok, fixedPerMonth: null, capacityTokensPerMonth: null },
  ];
  if (a.selfHost) {
    const cap = capacity ?? record.selfHost?.capacityTokensPerMonth?.value ?? null;
    lines.push({ id: "self_host", label: `${a.candidate} self-hosted`, pricePerMTok: null, fixedPerMonth: a.selfHost.fixedPerMonth, capacityTokensPerMonth: cap });
  }
  return lines;
}

function probeOf(rule: JudgedRule | undefined): Probe {
  if (!rule) return { status: "unknown", actual: null, signature: "" };
  const sig = (r: JudgedRule): string => `${r.status}:${r.actual}${r.members ? `[${r.members.map(sig).join(",")}]` : ""}`;
  return { status: rule.status, actual: rule.members ? null : rule.actual, signature: sig(rule) };
}

type At = (x: number) => { a: Analysis; j: Judged };

/** The record evaluated with one input at a value; each value once, whichever rule asks. */
function evaluator(input: Input, judge: Judge): At {
  const seen = new Map<number, { a: Analysis; j: Judged }>();
  return (x) => {
    const known = seen.get(x);
    if (known) return known;
    const moved = input.apply(x);
    const a = analyze(moved.record, moved.options);
    const result = { a, j: judge(a) };
    seen.set(x, result);
    return result;
  };
}

function flipsFor(inputs: Input[], at: Map<Input, At>, base: Judged): WhatIf["flips"] {
  return base.rules.filter((r) => r.severity === "required").map((rule) => {
    const flips: WhatIf["flips"][number]["flips"] = [];
    for (const input of inputs) {
      const f = (x: number): Probe => probeOf(at.get(input)!(x).j.rules.find((r) => r.id === rule.id));
      if (!touches(f, input.value, input.domain)) continue;
      const { domain: _d, apply: _a, ...ref } = input;
      const bounds = rule.threshold ?? { min: null, max: null };
      for (const found of flipsOf(f, input.value, input.domain, bounds)) flips.push({ ...ref, ...found });
    }
    return { rule: rule.id, status: rule.status, flips };
  });
}

function sensitivityFor(inputs: Input[], at: Map<Input, At>, swing: number): Sensitivity[] {
  const rows = inputs.map((input): Sensitivity => {
    const end = (factor: number) => {
      const raw = input.value * factor;
      const value = Math.min(input.domain[1], Math.max(input.domain[0], raw));
      const { a, j } = at.get(input)!(value);
      return { value, clamped: value !== raw, retryAdjustedChangePct: a.cost.retryAdjustedChange.pct, retryAdjustedChangeAbs: a.cost.retryAdjustedChange.abs, verdict: j.verdict, breakEvenTokensPerMonth: a.selfHost?.breakEvenTokensPerMonth ?? null };
    };
    const low = end(1 - swing / 100);
    const high = end(1 + swing / 100);
    const effect = low.retryAdjustedChangePct === null || high.retryAdjustedChangePct === null ? null : Math.abs(high.retryAdjustedChangePct - low.retryAdjustedChangePct);
    const { domain: _d, apply: _a, ...ref } = input;
    return { ...ref, low, high, effect };
  });
  // Largest effect first; an input that flips the verdict at an end before one that does not; unknown last.
  const flips = (s: Sensitivity) => (s.low.verdict !== s.high.verdict ? 1 : 0);
  return rows.sort((x, y) => (y.effect ?? -1) - (x.effect ?? -1) || flips(y) - flips(x));
}

/**
 * `options` are the options the report was analysed with; `judge` runs the policy's rules.
 * Throws BaselineError as `analyze` does.
 */
/**
 * The record with only what the verdict can depend on: prices, attempts, task success, the
 * benchmarks of `benchmarks.mean` and the metrics required rules name — no stated claims, whose
 * audit decides nothing. A what-if evaluates it hundreds of times; a record of 500 metrics
 * would otherwise pay for all of them each time.
 */
function decisive(record: LoadedRecord, options: AnalyzeOptions, ruleMetrics: readonly string[]): LoadedRecord {
  const reg = options.registry ?? defaultRegistry();
  const named = new Set(ruleMetrics);
  const keep = (key: string) => key.startsWith("price_") || key === "attempts" || key === "task_success" || named.has(key) || reg.byKeyOf(key)?.benchmark === true;
  const models = record.models.map((m) => ({ ...m, metrics: Object.fromEntries(Object.entries(m.metrics).filter(([k]) => keep(k))) }));
  return { ...record, models, ranges: record.ranges.filter((r) => keep(r.key)), claims: [], readings: [] };
}

export function whatIf(full: LoadedRecord, options: AnalyzeOptions, judge: Judge, o: WhatIfOptions = {}): WhatIf {
  const swing = o.swing ?? DEFAULT_SWING;
  const record = decisive(full, options, o.ruleMetrics ?? []);
  const a = analyze(record, options);
  const base = judge(a);
  const lines = costLines(record, a, o.capacityTokensPerMonth ?? null);
  const crossings = crossovers(lines);
  const inputs = inputsOf(record, options, a, o.ruleMetrics ?? []);
  const at = new Map(inputs.map((input) => [input, evaluator(input, judge)]));
  return {
    currency: a.cost.currency,
    volume: totalTokens(a.usage.source === "none" ? null : a.usage),
    lines,
    crossovers: crossings,
    selfHostCheaperFrom: crossings.find((c) => c.between.includes("candidate") && c.cheaperAbove === "self_host")?.volume ?? null,
    flips: flipsFor(inputs, at, base),
    swing,
    sensitivity: sensitivityFor(inputs, at, swing),
    retryAdjustedChangePct: a.cost.retryAdjustedChange.pct,
    verdict: base.verdict,
  };
}

