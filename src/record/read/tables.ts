/**
 * Tables as grids: each cell means what its row's first cell and its column's header mean
 * together. Columns of models (or Before / After, 旧 / 新) with metrics in rows; models in rows with
 * metrics, prices (`Input $/1M`) or latencies (`p95 (s)`) in columns; `| | Input | Output |` with
 * usage or prices in rows; and two-column tables of labelled figures.
 */
import type { Table, TableRow } from "../blocks.js";
import type { Quantity } from "../quantity/quantity.js";
import { fold, readHint, readLabel, type Label, type Meaning } from "../registry/labels.js";
import { clip, normalizeText } from "../quantity/text.js";
import { hintSuits, withHint } from "./conform.js";
import type { ModelData } from "../schema.js";
import { addClaim, MAX_METRICS, modelFor, roleModel, warn, type Builder } from "./builder.js";
import { readCostChanges, readModelCost, type ClaimLine } from "./claims.js";
import { isRetries, metricsFor, place, unknownMetric } from "./figures.js";
import type { Item } from "./items.js";
import type { MetricDef } from "../registry/metrics.js";
import { nameOf } from "./model-names.js";
import { readSelfHost } from "./self-host.js";
import { tokensOf, type LineState } from "./state.js";
import { readUsage } from "./usage.js";
import { MAX_LINE_CHARS, MAX_TABLE_COLUMNS } from "../blocks.js";

const CHANGE = /^(?:変化|変化率|差分|差|増減|change|changes|δ|delta|diff|difference|improvement|改善|改善幅|効果)$/;
const NOTE = /^(?:効率化|判定|評価|備考|コメント|notes?|comments?|remarks?|verdict|winner|assessment|source|sources|basis|based on|出典|根拠|memo|メモ|理由|reason|status|結果|判断|所感|補足|詳細|details?|why|ok|pass)$/;
const UNIT = /^(?:単位|units?)$/;
const UNCERTAINTY = /(?:^|\s)(?:ci|confidence|interval|intervals|margin|p value|pvalue|p|std|stdev|stderr|standard error|±|信頼区間|誤差|標準偏差)(?:\s|$)/;
const MODEL_HEAD = /^(?:model|models|モデル|モデル名|llm|name|名前|候補|candidate models?|provider)$/;
const VALUE_HEAD = /^(?:value|values|値|金額|数値|figure|amount|result|results|結果|実績|measured|実測)$/;
const NO_VALUE = /^(?:|-|—|–|‐|－|n\/a|na|none|なし|不明|unknown|tbd|未測定|未計測|未評価|\?|—\s*|n\/m|not measured|not run|skipped|x)$/i;

type Head =
  | { kind: "model"; model: ModelData }
  | { kind: "change" }
  | { kind: "note" }
  | { kind: "side"; label: Label }
  | { kind: "meaning"; label: Label; meaning: Meaning; raw: string }
  | { kind: "other"; raw: string };

function headOf(b: Builder, raw: string): Head {
  const text = raw.replace(/\*+/g, "").trim();
  const folded = fold(text);
  // `Δ 72B vs 70B`, `Change (pp)`, `差（新−旧）`: a column of changes, whatever else it says.
  if (CHANGE.test(folded) || /^(?:δ|Δ|delta|change|diff|差|増減|変化)(?:\s|$|\()/i.test(text)) return { kind: "change" };
  // `95% CI`, `p-value`, `± (pp)`: the uncertainty of the figures beside it, not figures of its own.
  if (NOTE.test(folded) || UNIT.test(folded) || UNCERTAINTY.test(folded)) return { kind: "note" };
  const label = readLabel(text);
  const name = nameOf(b.names, text);
  if (name) return { kind: "model", model: modelFor(b, name.name) };
  // `Before: GPT-4o`, `GPT-4o mini（新）`, `現行 GPT-4o`: one model named, with old/new words around it.
  const spans = b.names.find(normalizeText(text));
  if (spans.length === 1) {
    const s = spans[0]!;
    const t = normalizeText(text);
    const rest = readLabel(`${t.slice(0, s.start)} ${t.slice(s.end)}`);
    if (rest.text === "" || (rest.role !== null && rest.text.split(" ").length <= 2)) return { kind: "model", model: modelFor(b, s.name) };
  }
  // `旧（Command R+）`, `Current (GPT-4o)`, `Before`, `移行後`: old and new by word, or the model a note names.
  const noted = label.notes.map((n) => nameOf(b.names, n)).find((n) => n !== null);
  if (label.role && label.text.split(" ").length <= 2) return { kind: "model", model: noted ? modelFor(b, noted.name) : roleModel(b, label.role) };
  if (noted && label.text.split(" ").length <= 2 && b.registry.meaningOf(label).kind === "unknown") return { kind: "model", model: modelFor(b, noted.name) };
  const meaning = b.registry.meaningOf(label);
  if (meaning.kind === "unknown" && label.sides.length === 1 && folded.split(" ").length <= 3) return { kind: "side", label };
  if (meaning.kind !== "unknown") return { kind: "meaning", label, meaning, raw: text };
  return { kind: "other", raw: text };
}

/** Whether a header that is not a known model still reads as one (`Dense 47B（仮想）`). */
function modelLike(raw: string): boolean {
  const t = raw.replace(/[（(][^)）]*[)）]/g, "").trim();
  return /\d/.test(t) && t.length <= 40 && !/[:：]/.test(t);
}

/** Words a cell may carry beside its figure: annotations and qualifiers, not other text. */
const CELL_WORDS = /^(?:est|est\.|estimated|approx|approx\.|measured|avg|mean|median|p\d{2}|per|in|out|input|output|tokens?|params?|total|active|dense|moe|x|vs|or|and|[A-Z]\d{2,4}[A-Z]?|RTX|\d+GB|GB)$/i;

/** A cell's figures. A cell is one value: Latin words the grammar did not read beside it refuse it. */
function cellItems(b: Builder, cell: string): { items: Item[]; refused: Array<{ text: string; reason: string }> } | "empty" {
  const text = cell.replace(/\*+/g, "").trim();
  // `n/a (fixed cost)`, `— (not measured)`: no value, with a note.
  if (NO_VALUE.test(text) || NO_VALUE.test(text.replace(/\s*[（(][^)）]*[)）]$/, ""))) return "empty";
  const parsed = tokensOf(b, text);
  const stray = parsed.words.filter((w) => !CELL_WORDS.test(w));
  if (parsed.items.length > 0 && stray.length > 0 && parsed.models.length === 0) {
    return { items: [], refused: [...parsed.refused, { text: clip(text, 60), reason: `"${stray.join(" ")}" beside the figure is not a unit or note` }] };
  }
  return { items: parsed.items, refused: parsed.refused };
}

interface Context {
  /** A unit the whole table gives its figures: its first header cell or its heading. */
  hint: Quantity | null;
  state: LineState;
  table: Table;
}

/**
 * `| | Option A | Option B |` over `| Model | GPT-4o | Llama 3.3 70B |`: a row that names the models
 * of its columns, under a header that names none, is the table's header.
 */
function modelHeaderRow(b: Builder, t: Table): Table {
  if (t.header.slice(1).some((h) => nameOf(b.names, h) !== null)) return t;
  const k = t.rows.slice(0, 3).findIndex((r) => MODEL_HEAD.test(fold((r.cells[0] ?? "").replace(/\*+/g, "").trim())));
  if (k === -1) return t;
  const row = t.rows[k]!;
  const named = row.cells.slice(1).filter((c) => nameOf(b.names, c) !== null || modelLike(c)).length;
  if (named === 0 || named * 2 < row.cells.length - 1) return t;
  return { ...t, header: ["", ...row.cells.slice(1)], rows: t.rows.filter((_, i) => i !== k) };
}

export function readTable(b: Builder, state: LineState, t0: Table): void {
  if (t0.droppedColumns > 0) warn(b, "truncated-table", { columns: t0.header.length + t0.droppedColumns, limit: MAX_TABLE_COLUMNS }, t0.line);
  for (const line of new Set(t0.longCells)) warn(b, "cell-too-long", { limit: MAX_LINE_CHARS }, line);
  if (t0.header.length < 2) return;
  const t = modelHeaderRow(b, t0);
  const heads = t.header.map((h, i) => (i === 0 ? null : headOf(b, h)));
  const first = t.header[0]!.replace(/\*+/g, "").trim();
  const heading = t.headings[t.headings.length - 1] ?? "";
  const ctx: Context = {
    hint: readLabel(first).hint ?? readLabel(heading).hint ?? null,
    state,
    table: t,
  };
  const modelCols = heads.map((h, i) => (h?.kind === "model" ? i : -1)).filter((i) => i > 0);
  if (modelCols.length > 0) {
    // Other columns that are not metrics, changes or notes are models too (`Dense 47B（仮想）`).
    heads.forEach((h, i) => {
      if (h?.kind === "other" && modelLike(h.raw)) heads[i] = { kind: "model", model: modelFor(b, h.raw.replace(/[（(][^)）]*[)）]/g, "").trim()) };
    });
    metricRows(b, ctx, heads);
    return;
  }
  const rowModels = t.rows.filter((r) => nameOf(b.names, r.cells[0] ?? "") !== null).length;
  if (MODEL_HEAD.test(fold(first)) || (t.rows.length > 0 && rowModels * 2 >= t.rows.length && rowModels > 0)) {
    modelRows(b, ctx, heads);
    return;
  }
  if (heads.some((h) => h?.kind === "side")) {
    sideColumns(b, ctx, heads);
    return;
  }
  // Two columns of label and figure (others only notes): rows read as `label: value`.
  const figureColumns = heads.filter((h) => h !== null && h.kind !== "note" && h.kind !== "change").length;
  if (figureColumns === 1) keyValueRows(b, ctx, heads);
}

/** Rows of metrics, columns of models: the summary table and any "A vs B" table. */
function metricRows(b: Builder, ctx: Context, heads: Array<Head | null>): void {
  const modelCols = heads.map((h, i) => (h?.kind === "model" ? i : -1)).filter((i) => i > 0);
  const changeCol = heads.findIndex((h) => h?.kind === "change");
  const oldNew = modelCols.length === 2 && (heads[modelCols[0]!] as { model: ModelData }).model.role !== "alternative" && (heads[modelCols[1]!] as { model: ModelData }).model.role !== "alternative";
  const full = () => modelCols.every((j) => Object.keys((heads[j] as { model: ModelData }).model.metrics).length >= MAX_METRICS);
  for (const [r, row] of ctx.table.rows.entries()) {
    // Every model's metrics at the cap (warned where it was reached): the rest of the table is left.
    if (r % 64 === 0 && modelCols.length > 0 && full()) break;
    const raw = (row.cells[0] ?? "").replace(/\*+/g, "").trim();
    if (raw === "") continue;
    const label = readLabel(raw);
    if (label.target) continue;
    let meaning = b.registry.meaningOf(label);
    if (meaning.kind === "tie") {
      warn(b, "ambiguous-label", { label: clip(raw, 60), names: meaning.names.join(" and ") }, row.line);
      continue;
    }
    // A model's cost a month (`月額コスト`, `Retry-adjusted`) is a stated result, not a metric.
    if (costRow(b, ctx, label, raw, row, modelCols.map((j) => ({ j, model: (heads[j] as { model: ModelData }).model })), changeCol)) continue;
    // GPUs, a price-like inference cost and the like are figures of each model, kept under their label.
    if (meaning.kind === "concept") meaning = { kind: "unknown" };
    const cells = modelCols.map((j) => ({ j, model: (heads[j] as { model: ModelData }).model, parsed: cellItems(b, row.cells[j] ?? "") }));
    const figures: Quantity[] = [];
    for (const c of cells) if (c.parsed !== "empty" && c.parsed.items.length === 1) figures.push(c.parsed.items[0]!.q);
    const readable = cells.filter((c) => c.parsed !== "empty" && c.parsed.items.length > 0).length;
    if (meaning.kind === "unknown" && readable === 0) {
      // A row of words under a label the registry does not know is a note: one warning, not one per cell.
      const bad = cells.find((c) => c.parsed !== "empty");
      if (bad) warn(b, "unreadable-value", { label: clip(raw, 40), text: (row.cells[bad.j] ?? "").slice(0, 60) }, row.line);
      continue;
    }
    const placed = new Map<ModelData, boolean>();
    for (const c of cells) {
      if (c.parsed === "empty") continue;
      const cellText = row.cells[c.j] ?? "";
      for (const r of c.parsed.refused) warn(b, "unreadable-value", { text: clip(r.text, 60), reason: r.reason }, row.line);
      if (c.parsed.items.length === 0) {
        if (c.parsed.refused.length === 0 && meaning.kind !== "unknown") warn(b, "unreadable-value", { text: clip(cellText, 60), reason: `not a figure of ${clip(raw, 40)}` }, row.line);
        continue;
      }
      const why = `row "${clip(raw, 40)}", column "${(ctx.table.header[c.j] ?? "").slice(0, 30)}"`;
      placed.set(c.model, placeCell(b, ctx, c.model, meaning, label, raw, c.parsed.items, figures, row, cellText, why));
    }
    if (oldNew && changeCol > 0 && [...placed.values()].every(Boolean) && placed.size === 2) {
      const change = cellItems(b, row.cells[changeCol] ?? "");
      const q = change !== "empty" ? change.items[0]?.q : undefined;
      const newCell = cells[1]!.parsed;
      const key = keyOf(b, meaning, label, raw, newCell);
      if (q && q.signed && key) {
        addClaim(b, {
          kind: "metric_change", subject: key, basis: null, text: change !== "empty" ? change.items[0]!.raw : "",
          value: q.value, unit: q.dimension === "percent" ? "percent" : "number", step: q.step, terms: null, line: row.line,
        });
      }
    }
  }
}

const RETRY_ROW = /retry|リトライ|実質|effective|attempt/i;
const SELF_HOSTED_ROW = /self-?host|セルフホスト|オンプレ|on-?prem|初期|capex|up-?front/i;

/** A row of each model's cost a month: its cells are stated results for the audit. */
function costRow(b: Builder, ctx: Context, label: Label, raw: string, row: TableRow, cols: ReadonlyArray<{ j: number; model: ModelData }>, changeCol: number): boolean {
  const meaning = b.registry.meaningOf(label);
  const costly = (meaning.kind === "concept" && (meaning.concept === "cost" || meaning.concept === "total" || meaning.concept === "saving")) || RETRY_ROW.test(raw);
  // A cost a month or retry-adjusted: one-time or self-hosting costs are figures of their own.
  // A month said by the row, or by the heading over the table (`## Cost at current volume (monthly)`).
  const heading = readLabel(ctx.table.headings[ctx.table.headings.length - 1] ?? "").period;
  if (!costly || SELF_HOSTED_ROW.test(raw) || (label.period !== "month" && heading !== "month" && !RETRY_ROW.test(raw) && !/monthly|月/i.test(raw))) return false;
  const cells = cols.map((c) => ({ ...c, parsed: cellItems(b, row.cells[c.j] ?? "") }));
  const monies = cells.filter((c) => c.parsed !== "empty" && c.parsed.items.length === 1 && c.parsed.items[0]!.q.dimension === "money" && c.parsed.items[0]!.q.per === null);
  if (monies.length === 0) return false;
  const line: ClaimLine = { line: row.line, text: `${raw}: ${row.cells.slice(1).join(" | ")}`, group: ctx.table.group };
  const scope = `${raw} ${RETRY_ROW.test(raw) ? "retry-adjusted" : ""} ${label.period === "year" ? "annual" : ""}`;
  for (const c of monies) {
    const it = (c.parsed as { items: Item[] }).items[0]!;
    if (it.q.signed) continue;
    readModelCost(b, ctx.state.claims, line, it, c.model.name, scope);
  }
  if (changeCol > 0) {
    const change = cellItems(b, row.cells[changeCol] ?? "");
    if (change !== "empty" && change.items.length) readCostChanges(b, ctx.state.claims, line, change.items, scope);
  }
  return true;
}

/** The key a row's figures were kept under, for its stated change. */
function keyOf(b: Builder, meaning: Meaning, label: Label, raw: string, cell: ReturnType<typeof cellItems>): string | null {
  if (cell === "empty" || cell.items.length === 0) return null;
  const defs = metricsFor(b, meaning, label, cell.items[0]!);
  if (Array.isArray(defs)) return defs.length === 1 ? defs[0]!.key : null;
  if (defs === "unknown") return unknownMetric(b, raw, cell.items[0]!.q).key;
  return null;
}

function placeCell(
  b: Builder, ctx: Context, model: ModelData, meaning: Meaning, label: Label, raw: string, items: readonly Item[],
  siblings: readonly Quantity[], row: TableRow, cellText: string, why: string, columnHint: Quantity | null = null,
): boolean {
  // The row's own unit first; the column's or table's only where it can be the row metric's.
  const wide = columnHint ?? ctx.hint;
  const hint = label.hint ?? (wide && meaning.kind === "metric" && !hintSuits(meaning.metric, wide) ? null : wide);
  const retries = isRetries(label);
  // `$3 / $15`, `0.15 / 0.60` under a price row with both sides: zip with the label's sides.
  if (items.length > 1) {
    const sides = label.sides.filter((s) => s !== "both");
    const spread = items.every((i) => i.side !== null) || (sides.length === items.length);
    if (meaning.kind === "family" && meaning.family === "price" && spread) {
      let ok = true;
      items.forEach((it, k) => {
        const side = it.side ?? sides[k]!;
        const defs = metricsFor(b, { kind: "family", family: "price" }, label, { ...it, side });
        if (Array.isArray(defs)) ok = place(b, model, defs, it.q, row.line, cellText, why, { hint }) && ok;
      });
      return ok;
    }
    // `671B total, 37B active`: figures of different metrics the label's family or words tell apart.
    const each = items.map((it) => metricsFor(b, meaning, label, it));
    const keys = each.map((d) => (Array.isArray(d) && d.length === 1 ? d[0]!.key : null));
    if (keys.every((k) => k !== null) && new Set(keys).size === items.length) {
      let ok = true;
      items.forEach((it, k) => {
        ok = place(b, model, each[k] as MetricDef[], withHint(it.q, hint), row.line, cellText, why, {}) && ok;
      });
      return ok;
    }
    const signedRest = items.slice(1).every((i) => i.q.signed);
    if (!signedRest) {
      warn(b, "unreadable-value", { text: clip(cellText, 60), reason: "several figures in one cell" }, row.line);
      return false;
    }
  }
  const first = items[0]!;
  // The unit the label or header gives, applied first: `p95 (s)` with `2.4` is a latency.
  const it = { ...first, q: withHint(first.q, hint) };
  let defs = metricsFor(b, meaning, label, it);
  if (defs === "unknown") defs = [unknownMetric(b, raw, it.q)];
  if (defs === "unresolved") {
    warn(b, "unreadable-value", { text: clip(cellText, 60), reason: "no side (input or output) or statistic says which metric this is" }, row.line);
    return false;
  }
  return place(b, model, defs, it.q, row.line, cellText, why, { siblings: siblings.map((s) => withHint(s, hint)), retries });
}

/** Models in rows: `| Model | MMLU | Input $/1M | Output $/1M | p95 (s) |`. */
function modelRows(b: Builder, ctx: Context, heads: Array<Head | null>): void {
  // Under a `Model` header every row names a model; otherwise only rows that read as one do.
  const declared = MODEL_HEAD.test(fold(ctx.table.header[0]!.replace(/\*+/g, "").trim()));
  const columns = ctx.table.rows.map((r) => r.cells);
  heads.forEach((h, j) => {
    if (j === 0 || !h || h.kind === "change" || h.kind === "note" || h.kind === "model") return;
    const headText = ctx.table.header[j]!.replace(/\*+/g, "").trim();
    const label = h.kind === "side" || h.kind === "meaning" ? h.label : readLabel(headText);
    let meaning: Meaning = h.kind === "meaning" ? h.meaning : h.kind === "side" ? { kind: "family", family: "price" } : { kind: "unknown" };
    if (meaning.kind === "concept" || meaning.kind === "tie") meaning = { kind: "unknown" };
    if (label.target) return;
    const parsedColumn = columns.map((cells) => cellItems(b, cells[j] ?? ""));
    const siblings = parsedColumn.flatMap((p) => (p !== "empty" && p.items.length === 1 ? [p.items[0]!.q] : []));
    ctx.table.rows.forEach((row, r) => {
      const name = (row.cells[0] ?? "").replace(/\*+/g, "").trim();
      if (name === "" || /^(?:avg|average|mean|平均|total|合計)$/i.test(fold(name))) return;
      const known = nameOf(b.names, name);
      if (!known && !declared && !modelLike(name)) return;
      const model = modelFor(b, known ? known.name : name.replace(/[（(][^)）]*[)）]/g, "").trim());
      const parsed = parsedColumn[r]!;
      if (parsed === "empty") return;
      for (const x of parsed.refused) warn(b, "unreadable-value", { text: clip(x.text, 60), reason: x.reason }, row.line);
      if (parsed.items.length === 0) return;
      const cellText = row.cells[j] ?? "";
      placeCell(b, ctx, model, meaning, label, headText, parsed.items, siblings, row, cellText, `row "${clip(name, 30)}", column "${clip(headText, 30)}"`, readHint(headText));
    });
  });
}

/** `| | Input | Output |` with `| 月間トークン | 300M | 80M |` (usage) or `| Price | $3 | $15 |` rows. */
function sideColumns(b: Builder, ctx: Context, heads: Array<Head | null>): void {
  for (const row of ctx.table.rows) {
    const raw = (row.cells[0] ?? "").replace(/\*+/g, "").trim();
    const label = readLabel(raw);
    if (label.target) continue;
    const meaning = b.registry.meaningOf(label);
    const items: Item[] = [];
    heads.forEach((h, j) => {
      if (!h || h.kind !== "side") return;
      const parsed = cellItems(b, row.cells[j] ?? "");
      if (parsed === "empty" || parsed.items.length !== 1) return;
      const it = parsed.items[0]!;
      items.push({ ...it, side: h.label.sides[0] ?? null });
    });
    if (items.length === 0) continue;
    if (meaning.kind === "concept" && meaning.concept === "usage") {
      readUsage(b, items, { line: row.line, text: `${raw}: ${row.cells.slice(1).join(" / ")}`, named: true, labelPeriod: label.period });
      continue;
    }
    if (readUsage(b, items, { line: row.line, text: raw, named: false, labelPeriod: label.period })) continue;
    const name = nameOf(b.names, raw);
    const model = name ? modelFor(b, name.name) : null;
    if (model) {
      for (const it of items) {
        const defs = metricsFor(b, { kind: "family", family: "price" }, label, it);
        if (Array.isArray(defs)) place(b, model, defs, it.q, row.line, row.cells.join(" | "), `row "${clip(raw, 30)}", a side column`, { hint: ctx.hint });
      }
    }
  }
}

/** Two columns of label and figure: `| 初期費用 | ¥5,000,000 |`. Each row reads as `label: value`. */
function keyValueRows(b: Builder, ctx: Context, heads: Array<Head | null>): void {
  const valueCol = heads.findIndex((h, j) => j > 0 && (h?.kind === "other" || h?.kind === "meaning") && VALUE_HEAD.test(fold(ctx.table.header[j] ?? "")));
  const col = valueCol > 0 ? valueCol : 1;
  for (const row of ctx.table.rows) {
    const raw = (row.cells[0] ?? "").replace(/\*+/g, "").trim();
    const value = row.cells[col] ?? "";
    if (raw === "" || NO_VALUE.test(value.trim())) continue;
    const label = readLabel(raw);
    if (label.target) continue;
    const meaning = b.registry.meaningOf(label);
    const parsed = tokensOf(b, value);
    if (parsed.items.length === 0) continue;
    const c: ClaimLine = { line: row.line, text: `${raw}: ${value}`, group: ctx.table.group };
    if (meaning.kind === "concept") {
      const concept = meaning.concept;
      if (concept === "usage") readUsage(b, parsed.items, { line: row.line, text: c.text, named: true, labelPeriod: label.period });
      else if (concept === "cost" || concept === "saving" || concept === "total") {
        const name = b.names.find(raw)[0];
        if (name && !parsed.items[0]!.q.signed) readModelCost(b, ctx.state.claims, c, parsed.items[0]!, name.name, raw);
        else readCostChanges(b, ctx.state.claims, c, parsed.items, raw);
      } else readSelfHost(b, concept, parsed.items, { line: row.line, text: c.text, value, label });
      continue;
    }
    if (meaning.kind === "metric" || meaning.kind === "family") {
      const it = parsed.items[0]!;
      const own = b.names.find(raw)[0];
      const model = own ? modelFor(b, own.name) : roleModel(b, label.role ?? "new");
      const defs = metricsFor(b, meaning, label, it);
      if (Array.isArray(defs)) place(b, model, defs, it.q, row.line, value, `row "${clip(raw, 30)}"`, { hint: label.hint ?? ctx.hint, retries: isRetries(label) });
    }
  }
}
