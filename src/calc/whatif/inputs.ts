/**
 * The inputs a what-if can move, one at a time: prices, usage, attempts, task success and the
 * self-hosting figures. Moving one gives a new record and options for `analyze`, so a moved
 * input is computed by the same code as the report, never by a second formula.
 */
import { own } from "../../record/own.js";
import { defaultRegistry } from "../../record/registry/labels.js";
import type { LoadedRecord, ModelData } from "../../record/schema.js";
import type { AnalyzeOptions, Analysis } from "../analyze.js";
import { candidateOf, resolveBaseline } from "../models.js";
import type { InputRef } from "./schema.js";

export interface Input extends InputRef {
  /** The values the input can take: attempts from 1, a rate to 100 %, money from 0. */
  domain: readonly [number, number];
  apply(value: number): { record: LoadedRecord; options: AnalyzeOptions };
}

const MAX_TOKENS = 1e15;
const wide = (x: number, floor: number): [number, number] => [0, Math.max(floor, Math.abs(x) * 100)];

function withMetric(record: LoadedRecord, model: string, key: string, value: number): LoadedRecord {
  const models = record.models.map((m) => {
    if (m.name !== model) return m;
    const old = own(m.metrics, key)!;
    return { ...m, metrics: { ...m.metrics, [key]: { ...old, value } } };
  });
  return { ...record, models };
}

/** A figure moved on its model: in the record, or on the model the price catalog priced. */
function movedMetric(record: LoadedRecord, options: AnalyzeOptions, role: Side["role"], model: ModelData, key: string, value: number): { record: LoadedRecord; options: AnalyzeOptions } {
  if (options.models?.[role] !== model) return { record: withMetric(record, model.name, key, value), options };
  const old = own(model.metrics, key)!;
  const moved = { ...model, metrics: { ...model.metrics, [key]: { ...old, value } } };
  return { record, options: { ...options, models: { ...options.models, [role]: moved } } };
}

interface Side {
  role: "candidate" | "baseline";
  model: ModelData;
}

const SIDE_KEYS: ReadonlyArray<{ key: string; label: string }> = [
  { key: "price_input", label: "input price" },
  { key: "price_output", label: "output price" },
  { key: "attempts", label: "attempts per task" },
  { key: "task_success", label: "task success" },
];

function domainOf(key: string, value: number): readonly [number, number] {
  if (key === "price_input" || key === "price_output") return wide(value, 2000);
  const def = defaultRegistry().byKeyOf(key);
  if (def) return [Math.min(def.range[0], value), Math.max(def.range[1], value)];
  return value >= 0 ? wide(value, 1) : [value * 100, 0];
}

function metricInputs(record: LoadedRecord, options: AnalyzeOptions, a: Analysis, sides: Side[], keys: ReadonlyArray<{ key: string; label: string }>): Input[] {
  const inputs: Input[] = [];
  for (const { key, label } of keys) {
    const row = a.metrics.find((m) => m.key === key);
    for (const { role, model } of sides) {
      const v = own(model.metrics, key);
      if (!v) continue;
      const unit = (role === "baseline" ? row?.units?.baseline : row?.units?.candidate) ?? row?.unit ?? "number";
      inputs.push({
        input: `${role}.${key}`,
        label: `${model.name} ${label}`,
        unit,
        value: v.value,
        line: v.line,
        domain: domainOf(key, v.value),
        apply: (x) => movedMetric(record, options, role, model, key, x),
      });
    }
  }
  return inputs;
}

function usageInputs(record: LoadedRecord, options: AnalyzeOptions, a: Analysis): Input[] {
  const { inputTokens, outputTokens, source } = a.usage;
  if (inputTokens === null || outputTokens === null || source === "none") return [];
  // The usage is moved where it came from, so what else it carries (images, requests …) stays.
  const moved = (which: "inputTokens" | "outputTokens", x: number): { record: LoadedRecord; options: AnalyzeOptions } => {
    const tokens = { inputTokens, outputTokens, [which]: x };
    if (source === "flag") return { record, options: { ...options, usage: tokens } };
    if (source === "policy") return { record, options: { ...options, fallbackUsage: tokens } };
    return { record: { ...record, usage: { ...record.usage!, ...tokens } }, options };
  };
  const line = source === "record" ? (record.usage?.line ?? null) : null;
  return [
    { input: "usage.input_tokens", label: "input tokens a month", unit: "tokens", value: inputTokens, line, domain: [0, MAX_TOKENS], apply: (x) => moved("inputTokens", x) },
    { input: "usage.output_tokens", label: "output tokens a month", unit: "tokens", value: outputTokens, line, domain: [0, MAX_TOKENS], apply: (x) => moved("outputTokens", x) },
  ];
}

function selfHostInputs(record: LoadedRecord, options: AnalyzeOptions, a: Analysis): Input[] {
  const sh = record.selfHost;
  if (!sh || !a.selfHost) return [];
  const unit = a.selfHost.currency.toLowerCase();
  const inputs: Input[] = [];
  for (const [key, label] of [["capex", "self-hosting capex"], ["opexPerMonth", "self-hosting opex a month"]] as const) {
    const v = sh[key];
    if (!v) continue;
    inputs.push({
      input: key === "capex" ? "self_host.capex" : "self_host.opex_per_month",
      label, unit: (v.currency ?? a.selfHost.currency).toLowerCase() === unit ? unit : (v.currency ?? "USD").toLowerCase(),
      value: v.value, line: v.line, domain: wide(v.value, 1e9),
      apply: (x) => ({ record: { ...record, selfHost: { ...sh, [key]: { ...v, value: x } } }, options }),
    });
  }
  const months = options.amortizationMonths ?? 36;
  inputs.push({
    input: "policy.amortization_months", label: "amortisation months", unit: "months", value: months, line: null, domain: [1, 600],
    apply: (x) => ({ record, options: { ...options, amortizationMonths: x } }),
  });
  return inputs;
}

/**
 * Every input the record gives a figure for. `ruleMetrics` adds the metrics a policy's rules
 * name (latency, error rate …), on both sides.
 */
export function inputsOf(record: LoadedRecord, options: AnalyzeOptions, a: Analysis, ruleMetrics: readonly string[] = []): Input[] {
  // Models the price catalog priced are the ones analyzed, so they are the ones moved.
  const resolved = options.models?.baseline ? { model: options.models.baseline } : resolveBaseline(record, options.baseline);
  if ("error" in resolved) return [];
  const sides: Side[] = [{ role: "candidate", model: options.models?.candidate ?? candidateOf(record) }, { role: "baseline", model: resolved.model }];
  const known = new Set(SIDE_KEYS.map((k) => k.key));
  const extra = [...new Set(ruleMetrics)].filter((k) => !known.has(k) && a.metrics.some((m) => m.key === k))
    .map((key) => ({ key, label: a.metrics.find((m) => m.key === key)!.label }));
  return [
    ...metricInputs(record, options, a, sides, SIDE_KEYS),
    ...usageInputs(record, options, a),
    ...selfHostInputs(record, options, a),
    ...metricInputs(record, options, a, sides, extra),
  ];
}
