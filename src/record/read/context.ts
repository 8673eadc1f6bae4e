/**
 * Whose figure it is, when the figure itself does not say: the model or old/new word of its
 * label, then of the list items it is nested in, then of its headings, nearest first. A figure
 * whose context names no model is the new model's: records report the candidate's measurements
 * that way (`エラー率: 0.7%` in a rollout list).
 */
import type { TextLine } from "../blocks.js";
import { normalizeText } from "../quantity/text.js";
import { readLabel } from "../registry/labels.js";
import type { ModelData } from "../schema.js";
import { modelFor, roleModel, type Builder } from "./builder.js";

export interface Place {
  model: ModelData;
  why: string;
  /** Where the model was named: a figure placed by `default` had no model named anywhere near it. */
  from: "label" | "parent" | "heading" | "default";
}

/** The one model a text names, or its old/new word; null when it names none or several. */
export function modelNamedIn(b: Builder, text: string): ModelData | null {
  const spans = b.names.find(normalizeText(text));
  const names = [...new Set(spans.map((s) => s.name))];
  if (names.length === 1) return modelFor(b, names[0]!);
  if (names.length > 1) return null;
  const role = readLabel(text).role;
  return role ? roleModel(b, role) : null;
}

export function contextModel(b: Builder, l: Pick<TextLine, "parents" | "headings">, label: string | null): Place {
  if (label) {
    const m = modelNamedIn(b, label);
    if (m) return { model: m, why: `the label names ${m.name}`, from: "label" };
  }
  for (let i = l.parents.length - 1; i >= 0; i--) {
    const m = modelNamedIn(b, l.parents[i]!);
    if (m) return { model: m, why: `the list item above names ${m.name}`, from: "parent" };
  }
  for (let i = l.headings.length - 1; i >= 0; i--) {
    const m = modelNamedIn(b, l.headings[i]!);
    if (m) return { model: m, why: `the heading "${l.headings[i]!.slice(0, 40)}" names ${m.name}`, from: "heading" };
  }
  const m = roleModel(b, "new");
  return { model: m, why: "no model named on the line, its list or headings: the new model's", from: "default" };
}

/** A unit the nearest list item or heading gives: `## Pricing (USD per 1M tokens)`. Only a price-like one counts. */
export function headingHint(l: TextLine) {
  // `- API単価（100万トークンあたり）` over `  - GPT-4.1：入力 $2.00`: the items a line sits in first.
  const around = [...l.headings, ...l.parents];
  for (let i = around.length - 1; i >= 0; i--) {
    const h = readLabel(around[i]!).hint;
    // `(USD per 1M tokens)`, `(list, per 1M tokens)`: a denominator, with or without its currency.
    if (h && h.per !== null && (h.dimension === "money" || h.per === "token")) return h;
  }
  return null;
}
