/**
 * Collects what the extractor finds while it walks one record, then hands back plain data.
 * Models are found by name, case- and punctuation-insensitively; values keep their line.
 */
import { own } from "./own.js";
import { foldLabel, withoutNotes, metricByKey, metricForLabel, slugForLabel, type MetricDef, type Unit } from "./metrics.js";
import { conform, KIND_UNIT, RANGES, type Quantity } from "./units.js";
import { finding, MAX_WARNINGS, type Finding, type FindingCode } from "./findings.js";
import type { Claim, LoadedRecord, MetricValue, ModelData } from "./schema.js";

type MetricInfo = LoadedRecord["metricInfo"][string];
type SelfHost = NonNullable<LoadedRecord["selfHost"]>;

/** Words after a model's name that do not make it another model (`Mixtral 8x7B MoE`). */
const NAME_SUFFIXES = new Set(["moe", "instruct", "chat", "api", "model", "base", "it"]);


/** More models than any real record compares: the rest are ignored with one warning. */
export const MAX_MODELS = 64;

export interface Builder {
  readonly oldModel: string;
  readonly newModel: string;
  models: ModelData[];
  /** Models by folded name, so finding one does not scan the list. */
  byName: Map<string, ModelData>;
  metricInfo: Record<string, MetricInfo>;
  samples: LoadedRecord["samples"];
  claims: Claim[];
  warnings: Finding[];
  usage: LoadedRecord["usage"];
  selfHost: SelfHost;
}

export function createBuilder(oldModel: string, newModel: string): Builder {
  const models: ModelData[] = [
    { name: oldModel, role: "old", metrics: {} },
    { name: newModel, role: "new", metrics: {} },
  ];
  return {
    oldModel,
    newModel,
    models,
    // The new model is set last: when old and new share a name, the name means the new one.
    byName: new Map(models.map((m) => [foldLabel(m.name), m])),
    metricInfo: {},
    samples: {},
    claims: [],
    warnings: [],
    usage: null,
    selfHost: { capex: null, opexPerMonth: null, gpus: null, statedBreakEvenTokensPerMonth: null },
  };
}

export function warn(b: Builder, code: FindingCode, args: Record<string, string | number | null>, line: number | null): void {
  if (b.warnings.length < MAX_WARNINGS) b.warnings.push(finding(code, args, line));
  else if (b.warnings.length === MAX_WARNINGS) b.warnings.push(finding("too-many-findings", { limit: MAX_WARNINGS }, line));
}

/** The model a name refers to, if the record already knows it (`Mixtral 8x7B MoE` is Mixtral 8x7B). */
export function findModel(b: Builder, name: string): ModelData | undefined {
  const bare = foldLabel(withoutNotes(name));
  const exact = b.byName.get(foldLabel(name)) ?? b.byName.get(bare);
  if (exact) return exact;
  for (const suffix of NAME_SUFFIXES) {
    if (bare.endsWith(suffix) && bare.length > suffix.length) {
      const hit = b.byName.get(bare.slice(0, -suffix.length));
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * Whether a name not yet known can be a model: model names carry a version or size
 * (`GPT-4o`, `Llama 3 70B`, `Claude 3 Haiku`), words like `Total` or `Users` do not.
 */
export function couldBeModel(b: Builder, name: string): boolean {
  return findModel(b, name) !== undefined || /\d/.test(name);
}

/** The model a name refers to, added as an alternative when it is new. */
export function modelFor(b: Builder, name: string): ModelData {
  const found = findModel(b, name);
  if (found) return found;
  const model: ModelData = { name: withoutNotes(name).trim() || name.trim(), role: "alternative", metrics: {} };
  if (b.models.length >= MAX_MODELS) {
    // Values for a model past the limit are read into this throwaway entry and dropped.
    if (!b.warnings.some((w) => w.code === "too-many-models")) warn(b, "too-many-models", { limit: MAX_MODELS }, null);
    return model;
  }
  b.models.push(model);
  b.byName.set(foldLabel(model.name), model);
  return model;
}

/** The registry row for a label, or a neutral metric kept under the label's own slug. */
export function metricFor(b: Builder, label: string, unitHint: Unit): MetricDef {
  const known = metricForLabel(label);
  if (known) return known;
  const key = slugForLabel(label);
  const existing = metricByKey(key);
  if (existing) return existing;
  const info = own(b.metricInfo, key) ?? { label: label.replace(/\*\*/g, "").trim(), unit: unitHint, direction: "neutral" as const };
  b.metricInfo[key] = info;
  return { key, name: info.label, aliases: [], unit: info.unit, direction: "neutral" };
}

/** Picks p95 over mean when the cell says so (`推論速度 | p95 2.4 s`). */
export function refine(metric: MetricDef, q: Quantity): MetricDef {
  if (metric.key === "latency_mean" && q.qualifiers.includes("p95")) return metricByKey("latency_p95")!;
  return metric;
}

/**
 * Records a value read from the body. The first value a record states for a model and metric
 * is kept; later repetitions (the seed repeats its table in bullet lines) are not errors.
 * Returns false when the quantity is not of the metric's unit.
 */
export function setBodyValue(
  b: Builder,
  model: ModelData,
  label: string,
  q: Quantity,
  line: number,
  text: string,
): boolean {
  const metric = refine(metricFor(b, label, KIND_UNIT[q.kind]), q);
  const value = conform(q, metric.unit);
  if (value === null) return false;
  const [min, max] = RANGES[metric.unit];
  if (value < min || value > max) {
    warn(b, "out-of-range", { label: metric.name, value, min, max }, line);
    return true;
  }
  if (!Object.hasOwn(model.metrics, metric.key)) {
    const entry: MetricValue = { value, line, source: "body", text: text.slice(0, 200) };
    model.metrics[metric.key] = entry;
  }
  return true;
}

/** Keeps a stated result for the audit; the same statement repeated later is kept once. */
export function addClaim(b: Builder, claim: Claim): void {
  const seen = b.claims.some(
    (c) => c.kind === claim.kind && c.subject === claim.subject && c.basis === claim.basis && c.value === claim.value && c.unit === claim.unit,
  );
  if (!seen && b.claims.length < 500) b.claims.push(claim);
}
