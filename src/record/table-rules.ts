/**
 * Reads tables: one metric per row and one model per column (the summary table and any
 * "A vs B" table), or one model per row when the first header says "Model".
 */
import type { Table } from "./blocks.js";
import { addClaim, findModel, metricFor, modelFor, refine, setBodyValue, warn, type Builder } from "./builder.js";
import { metricForLabel } from "./metrics.js";
import { KIND_UNIT, parseQuantity } from "./units.js";
import { MAX_LINE_CHARS, MAX_TABLE_COLUMNS } from "./blocks.js";
import type { ModelData } from "./schema.js";

const CHANGE_HEADER = /^(変化|変化率|差分|差|change|δ|delta|diff|difference)$/i;
const NOTE_HEADER = /^(効率化|判定|評価|備考|コメント|verdict|winner|notes?|comments?|remarks?|assessment)$/i;
const OLD_HEADER = /^(before|old|旧|旧モデル|現行|現行モデル|baseline|current|移行前)$/i;
const NEW_HEADER = /^(after|new|新|新モデル|candidate|proposed|移行後)$/i;
const MODEL_FIRST = /^(model|models|モデル|モデル名)$/i;
const NO_VALUE = /^(|-|—|–|n\/a|na|none|なし|不明|unknown|tbd|\?)$/i;

function knownModel(b: Builder, header: string): ModelData | undefined {
  if (OLD_HEADER.test(header)) return findModel(b, b.oldModel);
  if (NEW_HEADER.test(header)) return findModel(b, b.newModel);
  return findModel(b, header);
}

function readCell(b: Builder, model: ModelData, label: string, cell: string, line: number): "ok" | "empty" | "unreadable" {
  if (NO_VALUE.test(cell.trim())) return "empty";
  const q = parseQuantity(cell);
  if (!q) return "unreadable";
  return setBodyValue(b, model, label, q, line, cell) ? "ok" : "unreadable";
}

function metricPerRow(b: Builder, t: Table): void {
  const header = t.header;
  const last = header.length - 1;
  const changeColumn = last >= 2 && CHANGE_HEADER.test(header[last]!) ? last : -1;
  const noteColumn = last >= 2 && NOTE_HEADER.test(header[last]!) ? last : -1;
  const modelColumns = header.map((_, i) => i).filter((i) => i > 0 && i !== changeColumn && i !== noteColumn);
  if (modelColumns.length < 2) return;
  // A table compares models when a column names one the record knows (`| Week | Users |` does
  // not); its other columns are then models too (`Mixtral 8x7B | Llama 3 70B`).
  if (!modelColumns.some((i) => knownModel(b, header[i]!))) return;
  const models = modelColumns.map((i) => knownModel(b, header[i]!) ?? modelFor(b, header[i]!));
  const oldNew = models.length === 2 && models[0]!.role === "old" && models[1]!.role === "new";

  for (const row of t.rows) {
    const label = row.cells[0] ?? "";
    if (label === "") continue;
    const known = metricForLabel(label) !== undefined;
    const outcomes = modelColumns.map((col, k) => readCell(b, models[k]!, label, row.cells[col] ?? "", row.line));
    const unreadable = outcomes.filter((o) => o === "unreadable").length;
    // A row of words under an unknown label is a note, not a metric: one warning, not one per cell.
    if (unreadable > 0 && (known || unreadable < outcomes.length)) {
      modelColumns.forEach((col, k) => {
        if (outcomes[k] === "unreadable") warn(b, "unreadable-value", { label, text: (row.cells[col] ?? "").slice(0, 80) }, row.line);
      });
    } else if (unreadable > 0) {
      warn(b, "unreadable-value", { label, text: (row.cells[modelColumns[0]!] ?? "").slice(0, 80) }, row.line);
    }
    if (oldNew && changeColumn !== -1 && outcomes.every((o) => o === "ok")) {
      const text = row.cells[changeColumn] ?? "";
      const change = parseQuantity(text);
      if (change && change.signed) {
        const newValue = parseQuantity(row.cells[modelColumns[1]!] ?? "")!;
        const metric = refine(metricFor(b, label, KIND_UNIT[newValue.kind]), newValue);
        addClaim(b, {
          kind: "metric_change", subject: metric.key, basis: null, text: text.slice(0, change.length).trim(),
          value: change.value, unit: change.kind === "percent" ? "percent" : "number", step: change.step, terms: null, line: row.line,
        });
      }
    }
  }
}

function modelPerRow(b: Builder, t: Table): void {
  for (const row of t.rows) {
    const name = row.cells[0] ?? "";
    if (name === "") continue;
    const model = modelFor(b, name);
    t.header.forEach((label, col) => {
      if (col === 0 || label === "") return;
      if (readCell(b, model, label, row.cells[col] ?? "", row.line) === "unreadable") {
        warn(b, "unreadable-value", { label, text: (row.cells[col] ?? "").slice(0, 80) }, row.line);
      }
    });
  }
}

export function readTable(b: Builder, t: Table): void {
  if (t.droppedColumns > 0) {
    warn(b, "truncated-table", { columns: t.header.length + t.droppedColumns, limit: MAX_TABLE_COLUMNS }, t.line);
  }
  for (const line of new Set(t.longCells)) warn(b, "cell-too-long", { limit: MAX_LINE_CHARS }, line);
  if (t.header.length < 2) return;
  if (MODEL_FIRST.test(t.header[0]!)) modelPerRow(b, t);
  else metricPerRow(b, t);
}
