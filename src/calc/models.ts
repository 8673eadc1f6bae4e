/** Finding the models a comparison is between, and their figures. */
import { own } from "../record/own.js";
import type { Currency } from "../record/quantity/lexicon.js";
import { foldName } from "../record/read/names.js";
import type { LoadedRecord, ModelData } from "../record/schema.js";

/** A model of the record by name, case- and punctuation-insensitively, notes in brackets aside. */
export function modelNamed(record: LoadedRecord, name: string): ModelData | undefined {
  const folded = foldName(name);
  return record.models.find((m) => foldName(m.name) === folded);
}

/** The baseline: `old_model`, or another model the record prices or scores, by name. */
export function resolveBaseline(record: LoadedRecord, name?: string | null): { model: ModelData } | { error: string; names: string[] } {
  if (name === undefined || name === null) return { model: record.models.find((m) => m.role === "old")! };
  // `--baseline ""` is a name left out, not a request for old_model.
  if (name.trim() === "") {
    const names = record.models.filter((m) => m.role !== "new").map((m) => m.name);
    return { error: `an empty name; baselines it has: ${names.join(", ")}`, names };
  }
  const model = modelNamed(record, name);
  if (model && model.role !== "new") return { model };
  const names = record.models.filter((m) => m.role !== "new").map((m) => m.name);
  const why = model ? `"${name}" is the candidate itself` : `no model "${name}" in this record`;
  return { error: `${why}; baselines it has: ${names.join(", ")}`, names };
}

export function candidateOf(record: LoadedRecord): ModelData {
  return record.models.find((m) => m.role === "new")!;
}

export function valueOf(model: ModelData, key: string): number | null {
  return own(model.metrics, key)?.value ?? null;
}

/** A money figure with its currency (USD when the figure came without one). */
export function moneyOf(model: ModelData, key: string): { value: number; currency: Currency; line: number | null } | null {
  const v = own(model.metrics, key);
  return v ? { value: v.value, currency: v.currency ?? "USD", line: v.line } : null;
}
