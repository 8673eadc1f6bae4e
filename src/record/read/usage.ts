/**
 * Usage: input and output tokens a month from any line, row or sentence that gives both —
 * `月次使用量: 100M Input tokens, 50M Output tokens`, `Traffic: 300M in / 80M out per month`,
 * `about 300 million input tokens and 80 million output tokens a month`, `1日あたり…`. A period
 * other than a month is converted; a usage label with no period means a month.
 */
import { COUNT_NOUN, PER_MONTH, type CountUnit, type Period } from "../quantity/lexicon.js";
import type { Quantity } from "../quantity/quantity.js";
import { explain, warn, type Builder } from "./builder.js";
import { fmtNumber } from "../../format.js";
import type { Item } from "./items.js";
import { clip } from "../quantity/text.js";

// Not toLocaleString: its first call loads locale data, which costs more than reading a record.
const fmt = (n: number) => fmtNumber(Number(n.toPrecision(10)), 6);

/** A figure that can be a token count: `300M tokens`, `300M`, `3億`, `1,000万`. */
function tokenCount(q: Quantity): boolean {
  if (q.range || q.bound) return false;
  if (q.dimension === "tokens") return true;
  return q.dimension === "number" && q.value >= 1000 && Number.isFinite(q.value);
}

function perMonth(q: Quantity, labelPeriod: Period | null): { value: number; steps: string[] } {
  if (q.period !== null || labelPeriod === null) return { value: q.value, steps: q.steps };
  const f = PER_MONTH[labelPeriod];
  return { value: q.value * f, steps: [...q.steps, ...(f !== 1 ? [`per ${labelPeriod} → per month (×${Number(f.toPrecision(6))})`] : [])] };
}

export interface UsageSource {
  line: number;
  text: string;
  /** The label or sentence names usage (`Traffic`, `使用量`): a figure with no period is per month. */
  named: boolean;
  labelPeriod: Period | null;
}

/** Reads usage from items; returns whether the items were usage (consumed). */
export function readUsage(b: Builder, items: readonly Item[], src: UsageSource): boolean {
  const counts = items.filter((i) => tokenCount(i.q));
  const inputs = counts.filter((i) => i.side === "input");
  const outputs = counts.filter((i) => i.side === "output");
  const hasPeriod = counts.some((i) => i.q.period !== null) || src.labelPeriod !== null;
  const ranged = items.find((i) => i.q.range && (i.q.dimension === "tokens" || i.q.dimension === "number"));
  if (!src.named && !hasPeriod && !(ranged && ranged.q.period !== null)) return counts.length === 0 ? readUnits(b, items, src) : false;
  if (inputs.length === 1 && outputs.length === 1) {
    const input = perMonth(inputs[0]!.q, src.labelPeriod);
    const output = perMonth(outputs[0]!.q, src.labelPeriod);
    setUsage(b, { inputTokens: input.value, outputTokens: output.value, totalTokens: null }, src, [...input.steps, ...output.steps]);
    readUnits(b, items, src);
    return true;
  }
  if (ranged && (src.named || ranged.q.period !== null || src.labelPeriod !== null)) {
    warn(b, "unreadable-value", { text: clip(src.text, 80), reason: "usage given as a range is not a single figure" }, src.line);
    return true;
  }
  if (inputs.length > 1 || outputs.length > 1) {
    warn(b, "unreadable-value", { text: clip(src.text, 80), reason: "more than one input or output figure: which is the usage cannot be told" }, src.line);
    return true;
  }
  // `1,00,000 input tokens a month` and no output: half a usage is not a usage.
  if (inputs.length + outputs.length === 1 && (src.named || hasPeriod)) {
    const [have, lack] = inputs.length ? ["input", "output"] : ["output", "input"];
    warn(b, "unreadable-value", { text: clip(src.text, 80), reason: `usage gives ${have} tokens but no ${lack} tokens: cost needs both` }, src.line);
    return true;
  }
  if (src.named && counts.length === 1 && inputs.length + outputs.length === 0) {
    const total = perMonth(counts[0]!.q, src.labelPeriod);
    setUsage(b, { inputTokens: null, outputTokens: null, totalTokens: total.value }, src, total.steps);
    return true;
  }
  return readUnits(b, items, src);
}

const USAGE_UNITS: readonly CountUnit[] = ["image", "request", "page", "audio_minute", "document", "conversation", "ticket"];

/** The unit a generic count (`40,000 枚の画像`) counts, from the words beside it. */
function unitIn(words: string): CountUnit | null {
  for (let i = 0; i < words.length; i++) {
    const hit = COUNT_NOUN(words, i);
    if (hit && USAGE_UNITS.includes(hit.value)) return hit.value;
  }
  return null;
}

/** `50,000 images a month`, `月間 40,000 枚の画像`: usage counted in other units. */
function readUnits(b: Builder, items: readonly Item[], src: UsageSource): boolean {
  let any = false;
  for (const it0 of items) {
    const q0 = it0.q;
    if (q0.dimension !== "count" || q0.noun === null || q0.range || q0.bound) continue;
    const noun = q0.noun === "item" ? unitIn(it0.words) : q0.noun;
    if (noun === null || !USAGE_UNITS.includes(noun)) continue;
    const q = { ...q0, noun };
    if (q.period === null && src.labelPeriod === null && !src.named) continue;
    const { value } = perMonth(q, src.labelPeriod);
    if (!b.usage) b.usage = { inputTokens: null, outputTokens: null, totalTokens: null, units: [], line: src.line, source: "body" };
    b.usage.units ??= [];
    if (!b.usage.units.some((u) => u.unit === q.noun)) b.usage.units.push({ unit: q.noun, count: value, line: src.line });
    any = true;
  }
  return any;
}

function setUsage(b: Builder, u: { inputTokens: number | null; outputTokens: number | null; totalTokens: number | null }, src: UsageSource, steps: string[]): void {
  if (b.usage && (b.usage.inputTokens !== null || b.usage.totalTokens)) {
    const same = b.usage.inputTokens === u.inputTokens && b.usage.outputTokens === u.outputTokens;
    if (!same) warn(b, "conflicting-value", { label: "usage", model: "the record", first: `${fmt(b.usage.inputTokens ?? b.usage.totalTokens ?? 0)}:${fmt(b.usage.outputTokens ?? 0)}`, firstLine: b.usage.line, text: clip(src.text, 80) }, src.line);
    return;
  }
  const units = b.usage?.units ?? [];
  b.usage = { ...u, units, line: src.line, source: "body" };
  explain(b, {
    line: src.line, text: clip(src.text, 120), target: "usage per month",
    value: u.inputTokens ?? u.totalTokens ?? 0, unit: "tokens", steps,
    why: u.totalTokens !== null ? "a usage total with no input/output split" : `input ${fmt(u.inputTokens ?? 0)} and output ${fmt(u.outputTokens ?? 0)} tokens a month`,
  });
}
