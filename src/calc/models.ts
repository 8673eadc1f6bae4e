/** Finding the models a comparison is between. */
import { own } from "../record/own.js";
import { foldLabel, withoutNotes } from "../record/metrics.js";
import type { LoadedRecord, ModelData } from "../record/schema.js";

/** A model of the record by name, case- and punctuation-insensitively, notes in brackets aside. */
export function modelNamed(record: LoadedRecord, name: string): ModelData | undefined {
  const names = new Set([foldLabel(name), foldLabel(withoutNotes(name))]);
  return record.models.find((m) => names.has(foldLabel(m.name)));
}

/** The baseline: `old_model`, or another model the record prices or scores, by name. */
export function resolveBaseline(record: LoadedRecord, name?: string | null): { model: ModelData } | { error: string; names: string[] } {
  if (name === undefined || name === null || name === "") return { model: record.models.find((m) => m.role === "old")! };
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
