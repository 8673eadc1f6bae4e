/**
 * Collects what the readers find while they walk one record, then hands back plain data.
 * Every figure goes through `setFigure`: conformed to its metric, checked for range and
 * plausibility, kept once (the first statement wins, a different later one is a warning) and
 * explained for `show`.
 */
import { own } from "../own.js";
import { finding, MAX_WARNINGS, type Finding, type FindingCode } from "../findings.js";
import type { Currency } from "../quantity/lexicon.js";
import type { Quantity } from "../quantity/quantity.js";
import { readLabel, slugOf, withoutNotes, type Registry } from "../registry/labels.js";
import type { MetricDef } from "../registry/metrics.js";
import type { Claim, LoadedRecord, MetricValue, ModelData, Reading } from "../schema.js";
import { conform, unitOf, unknownDef, withHint, type ConformOptions } from "./conform.js";
import { ModelNames } from "./model-names.js";
import type { Items } from "./items.js";
import type { GrammarContext } from "../quantity/quantity.js";
import { foldName } from "./names.js";
import { clip } from "../quantity/text.js";

type MetricInfo = LoadedRecord["metricInfo"][string];
type SelfHost = NonNullable<LoadedRecord["selfHost"]>;

/** More models than any real record compares: the rest are ignored with one warning. */
export const MAX_MODELS = 64;
const MAX_READINGS = 2000;
/** Metrics one model may have, and stated results one record may have: far beyond any real record. */
export const MAX_METRICS = 500;
const MAX_CLAIMS = 500;

export interface Builder {
  readonly oldModel: string;
  readonly newModel: string;
  readonly registry: Registry;
  readonly grammar: GrammarContext;
  readonly names: ModelNames;
  models: ModelData[];
  byName: Map<string, ModelData>;
  metricInfo: Record<string, MetricInfo>;
  samples: LoadedRecord["samples"];
  claims: Claim[];
  warnings: Finding[];
  usage: LoadedRecord["usage"];
  selfHost: SelfHost;
  ranges: LoadedRecord["ranges"];
  readings: Reading[];
  /** Lines already warned about, so one line gets one warning per reason. */
  warned: Set<string>;
  /** Texts already scanned in this record, with the version of the model names they were scanned with (see tokensOf). */
  scanned: { version: number; plain: Map<string, Items>; notes: Map<string, Items> };
}

export function createBuilder(oldModel: string, newModel: string, registry: Registry, grammar: GrammarContext): Builder {
  const models: ModelData[] = [
    { name: oldModel, role: "old", metrics: {} },
    { name: newModel, role: "new", metrics: {} },
  ];
  return {
    oldModel,
    newModel,
    registry,
    grammar,
    names: new ModelNames([oldModel, newModel]),
    models,
    // The new model is set last: when old and new share a name, the name means the new one.
    byName: new Map(models.map((m) => [foldName(m.name), m])),
    metricInfo: {},
    samples: {},
    claims: [],
    warnings: [],
    usage: null,
    selfHost: { capex: null, opexPerMonth: null, gpus: null, statedBreakEvenTokensPerMonth: null, statedPaybackMonths: null, capacityTokensPerMonth: null },
    ranges: [],
    readings: [],
    warned: new Set(),
    scanned: { version: -1, plain: new Map(), notes: new Map() },
  };
}

export function warn(b: Builder, code: FindingCode, args: Record<string, string | number | null>, line: number | null): void {
  const key = `${code}\u0000${line}\u0000${args.label ?? ""}\u0000${args.text ?? ""}`;
  if (b.warned.has(key)) return;
  b.warned.add(key);
  if (b.warnings.length < MAX_WARNINGS) b.warnings.push(finding(code, args, line));
  else if (b.warnings.length === MAX_WARNINGS) b.warnings.push(finding("too-many-findings", { limit: MAX_WARNINGS }, line));
}

export function explain(b: Builder, r: Reading): void {
  if (b.readings.length < MAX_READINGS) b.readings.push(r);
}

/** The model a name refers to, if the record already knows it. */
export function findModel(b: Builder, name: string): ModelData | undefined {
  return b.byName.get(foldName(name));
}

export function roleModel(b: Builder, role: "old" | "new"): ModelData {
  return b.models.find((m) => m.role === role)!;
}

/** The model a name refers to, added as another model of the record when it is new. */
export function modelFor(b: Builder, name: string): ModelData {
  const found = findModel(b, name);
  if (found) return found;
  const model: ModelData = { name: name.trim(), role: "alternative", metrics: {} };
  if (b.models.length >= MAX_MODELS) {
    // Values for a model past the limit are read into this throwaway entry and dropped.
    if (!b.warnings.some((w) => w.code === "too-many-models")) warn(b, "too-many-models", { limit: MAX_MODELS }, null);
    return model;
  }
  b.models.push(model);
  b.byName.set(foldName(model.name), model);
  b.names.add(model.name);
  return model;
}

/** The registry row for a label, or a neutral metric kept under the label's own slug. */
export function unknownMetric(b: Builder, label: string, q: Quantity): MetricDef {
  const parsed = readLabel(label);
  const key = slugOf(parsed);
  const known = b.registry.byKeyOf(key);
  if (known) return known;
  const existing = own(b.metricInfo, key);
  const def = unknownDef(key, existing?.label ?? withoutNotes(label.replace(/\*+/g, "")).trim(), q);
  if (existing) return { ...def, kind: existing.kind as MetricDef["kind"], ...(existing.scale ? { scale: existing.scale } : {}) };
  // Past the cap a label's metric is not remembered: its figures meet the cap on metrics anyway.
  if (Object.keys(b.metricInfo).length >= MAX_METRICS) return def;
  b.metricInfo[key] = { label: def.name, unit: unitOf(def, q.currency), direction: "neutral", kind: def.kind, ...(def.scale ? { scale: def.scale } : {}) };
  return def;
}

export interface FigureSource {
  line: number;
  /** The text the figure was read from, as written. */
  text: string;
  /** Why this figure is this metric of this model, for `show`. */
  why: string;
  hint?: Quantity | null;
  options?: ConformOptions;
}

/**
 * Records one figure of a model. Returns "ok", "refused" (a warning was given) or "skipped" (a
 * bound, a target: not a measurement).
 */
export function setFigure(b: Builder, model: ModelData, def: MetricDef, raw: Quantity, src: FigureSource): "ok" | "refused" | "skipped" {
  if (raw.bound !== null) return "skipped";
  const q = withHint(raw, src.hint ?? null);
  const c = conform(q, def, src.options);
  if (!c.ok) {
    if (c.range) {
      if (b.ranges.length < 200) b.ranges.push({ model: model.name, key: def.key, range: c.range, line: src.line, text: clip(src.text, 120) });
      warn(b, "range-value", { label: def.name, model: model.name, text: clip(src.text, 80) }, src.line);
    } else if (c.implausible) {
      warn(b, "out-of-range", { label: `${def.name} of ${model.name}`, value: c.reason, min: null, max: null }, src.line);
    } else {
      warn(b, "refused-value", { label: def.name, model: model.name, text: clip(src.text, 80), reason: c.reason }, src.line);
    }
    return "refused";
  }
  const existing = own(model.metrics, def.key);
  if (existing) {
    const same = Math.abs(existing.value - c.value) <= 1e-9 * Math.max(1, Math.abs(c.value)) && (existing.currency ?? null) === c.currency;
    if (!same && existing.source === "body") {
      warn(b, "conflicting-value", { label: def.name, model: model.name, first: existing.value, firstLine: existing.line, text: clip(src.text, 80) }, src.line);
    }
    return "ok";
  }
  // What one record may produce is bounded, so a batch's memory is bounded by the number of records.
  if (Object.keys(model.metrics).length >= MAX_METRICS) {
    warn(b, "too-many-metrics", { model: model.name, label: model.name, limit: MAX_METRICS }, null);
    return "refused";
  }
  const entry: MetricValue = { value: c.value, line: src.line, source: "body", text: clip(src.text, 200), currency: c.currency };
  model.metrics[def.key] = entry;
  if (c.sample !== null && !Object.hasOwn(b.samples, def.key)) b.samples[def.key] = { n: c.sample, line: src.line };
  explain(b, { line: src.line, text: clip(src.text, 120), target: `${def.name} of ${model.name}`, value: c.value, unit: c.unit, steps: c.steps, why: src.why });
  return "ok";
}

/** Keeps a stated result for the audit; the same statement repeated later is kept once. */
export function addClaim(b: Builder, claim: Claim): void {
  const seen = b.claims.some(
    (c) => c.kind === claim.kind && c.subject === claim.subject && c.basis === claim.basis && c.value === claim.value && c.unit === claim.unit,
  );
  if (seen) return;
  if (b.claims.length < MAX_CLAIMS) b.claims.push(claim);
  else warn(b, "too-many-claims", { limit: MAX_CLAIMS }, null);
}

export type { Currency };
