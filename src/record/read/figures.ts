/**
 * Placing figures on metrics: a family label (`Latency`, `API price`) resolved by the side or
 * statistic its figure carries, old → new pairs with their stated change, and items told apart by
 * model, old/new word, side or statistic. Shared by lines, prose and tables.
 */
import type { Side, Stat } from "../quantity/lexicon.js";
import type { Quantity } from "../quantity/quantity.js";
import type { Label, Meaning, Registry } from "../registry/labels.js";
import type { MetricDef } from "../registry/metrics.js";
import type { ModelData } from "../schema.js";
import { addClaim, modelFor, roleModel, setFigure, unknownMetric, type Builder } from "./builder.js";
import { hintSuits } from "./conform.js";
import type { Item } from "./items.js";

const STAT_KEY: Readonly<Record<Stat, string>> = { mean: "latency_mean", p50: "latency_p50", p90: "latency_p90", p95: "latency_p95", p99: "latency_p99" };

/** The metrics a family label means for one figure: `Latency (p95)` → p95; a price `both` → two. */
export function resolveFamily(reg: Registry, family: "price" | "latency", side: Side | null, stat: Stat | null): MetricDef[] {
  if (family === "latency") return [reg.byKeyOf(STAT_KEY[stat ?? "mean"])!];
  if (side === "input") return [reg.byKeyOf("price_input")!];
  if (side === "output") return [reg.byKeyOf("price_output")!];
  if (side === "both") return [reg.byKeyOf("price_input")!, reg.byKeyOf("price_output")!];
  return [];
}

/**
 * The metrics a label and an item mean together: the label's metric, or its family resolved by
 * the item's side or statistic (then the label's), or — for a label that names nothing — what the
 * item's own words name.
 */
/**
 * `Decode speed (tok/s)`: a unit in the label that the metrics it names cannot take, and only one
 * registry metric takes, names that metric.
 */
function byHint(b: Builder, defs: readonly MetricDef[], label: Label): MetricDef[] | null {
  const hint = label.hint;
  if (!hint || defs.some((d) => hintSuits(d, hint))) return null;
  const only = b.registry.metrics.filter((d) => hintSuits(d, hint));
  return only.length === 1 ? [only[0]!] : null;
}

const ACTIVE = /\bactive\b|アクティブ/i;

export function metricsFor(b: Builder, meaning: Meaning, label: Label, it: Item): MetricDef[] | "unknown" | "unresolved" {
  const side = it.side ?? (label.sides.length === 1 ? label.sides[0]! : null);
  const stat = it.stat ?? (label.stats.length === 1 ? label.stats[0]! : null);
  if (meaning.kind === "metric") {
    const m = meaning.metric;
    // `Parameters: 671B total, 37B active`: the active part by its own word.
    if (m.key === "params_total" && ACTIVE.test(it.words)) return [b.registry.byKeyOf("params_active") ?? m];
    const only = byHint(b, [m], label);
    if (only) return only;
    // `平均 1.5秒` under `推論速度`: a latency metric picked by the figure's own statistic.
    if (m.family === "latency" && it.stat) return resolveFamily(b.registry, "latency", null, it.stat);
    return [m];
  }
  if (meaning.kind === "family") {
    const defs = resolveFamily(b.registry, meaning.family, side, stat);
    const only = byHint(b, defs.length ? defs : b.registry.metrics.filter((d) => d.family === meaning.family), label);
    if (only) return only;
    return defs.length ? defs : "unresolved";
  }
  const own = b.registry.meaningOf(it.label);
  if (own.kind === "metric") return [own.metric];
  if (own.kind === "family") {
    const defs = resolveFamily(b.registry, own.family, side, stat);
    return defs.length ? defs : "unresolved";
  }
  // No metric word: the dimension of a figure with a side or statistic says which family.
  if (it.q.dimension === "money" && it.q.per === "token" && side) return resolveFamily(b.registry, "price", side, null);
  if (it.q.dimension === "duration" && stat) return resolveFamily(b.registry, "latency", null, stat);
  // `1.4 attempts per issue`, `avg 1.6 tries`: a count of attempts is attempts per task.
  if (it.q.dimension === "count" && (it.q.noun === "attempt" || it.q.noun === "retry")) return [b.registry.byKeyOf("attempts")!];
  // `$0.0035/image`: a price per unit the registry prices.
  if (it.q.dimension === "money" && it.q.per !== null && it.q.per !== "token") {
    const unitPrice = b.registry.metrics.find((m) => m.kind === "unit_price" && m.per === it.q.per);
    if (unitPrice) return [unitPrice];
  }
  // `38 tok/s`: tokens per second are throughput.
  if (it.q.dimension === "throughput") {
    const t = b.registry.metrics.find((m) => m.kind === "throughput");
    if (t) return [t];
  }
  // `46.7B parameters`: a parameter count is a model's size, or its active part when it says so.
  if (it.q.dimension === "params") return [b.registry.byKeyOf(ACTIVE.test(it.words) ? "params_active" : "params_total")!];
  return "unknown";
}

/** Stores one figure on every metric it means; the text and reason explain it in `show`. */
export function place(b: Builder, model: ModelData, defs: readonly MetricDef[], q: Quantity, line: number, text: string, why: string, extra: { hint?: Quantity | null; siblings?: readonly Quantity[]; retries?: boolean } = {}): boolean {
  let ok = false;
  for (const def of defs) {
    const r = setFigure(b, model, def, q, {
      line, text, why, hint: extra.hint ?? null,
      options: { ...(extra.siblings ? { siblings: extra.siblings } : {}), ...(extra.retries ? { retries: true } : {}) },
    });
    ok ||= r === "ok";
  }
  return ok;
}

/** Whether a label speaks of retries (so values below 1 are retries, not attempts). */
export function isRetries(label: Label): boolean {
  return /retr|リトライ|再試行|re-?ask/i.test(label.raw);
}

/** A stated change beside an old → new pair: `（+14%）`, `(-7 pp)`. */
export function stateChange(b: Builder, key: string, change: Item["change"], line: number): void {
  if (!change) return;
  addClaim(b, {
    kind: "metric_change", subject: key, basis: null, text: change.text.trim() || String(change.q.value),
    value: change.q.value, unit: change.q.dimension === "percent" ? "percent" : "number", step: change.q.step, terms: null, line,
  });
}

/** An item's model when it names one or an old/new word. */
export function itemModel(b: Builder, it: Item): ModelData | null {
  const names = [...new Set(it.models)];
  if (names.length === 1) return modelFor(b, names[0]!);
  if (names.length > 1) return null;
  return it.role ? roleModel(b, it.role) : null;
}

export { unknownMetric };
