/**
 * Sentences: usage (`we push about 300 million input tokens and 80 million output tokens a
 * month`), prices (`GPT-4o mini is priced at $0.15 per million input tokens …`), changes (`median
 * latency went from 1.9 s to 1.1 s`), single figures of a named model (`a 128K context`), and
 * stated costs (`our bill would go from $270 to $93 a month`). Prose is read cautiously: a figure
 * is taken only where its sentence says whose it is and what it measures.
 */
import type { TextLine } from "../blocks.js";
import { readLabel, type Meaning } from "../registry/labels.js";
import { conform, withHint } from "./conform.js";
import { modelFor, roleModel, warn, type Builder } from "./builder.js";
import { readCostChanges, readCostPair, type ClaimLine } from "./claims.js";
import { contextModel, modelNamedIn } from "./context.js";
import { metricsFor, place, stateChange } from "./figures.js";
import { periodIn, type Item } from "./items.js";
import { tokensOf, type LineState } from "./state.js";
import { readUsage } from "./usage.js";

const PROMPTS_WORK = /prompts?|プロンプト|テンプレート|templates?/i;
const PROMPTS_FAIL = /\bfail|broke|broken|needed|need(?:ed)? (?:changes|edits)|required|rewrit|修正が必要|失敗|動作しな|崩れ/i;
const PROMPTS_OK = /pass|work|ran|unchanged|without (?:changes|edits)|as[- ]is|compatible|そのまま|正常|互換|問題なく|動作/i;

/** Sentences and clauses: at `.`, `;`, `。` and friends followed by a space or the end. */
function clauses(text: string): string[] {
  return text.split(/(?<=[.!?;])\s+|(?<=[。；！？])\s*/).filter((c) => /[0-9]/.test(c));
}

const COST_WORDS = /\b(?:cost|costs|bill|bills|spend|spending|saving|savings|cheaper|pricier|cut|expense|invoice)\b|コスト|費用|請求|削減|節約|安く|料金/i;

export function readProse(b: Builder, state: LineState, l: TextLine): void {
  for (const clause of clauses(l.text)) {
    const parsed = tokensOf(b, clause, { notes: true });
    // An unknown currency in a sentence is still a figure someone meant: say it was not read.
    for (const r of parsed.refused) if (/currency/.test(r.reason)) warn(b, "unreadable-value", { text: r.text.slice(0, 60), reason: r.reason }, l.line);
    if (parsed.items.length === 0) continue;
    const words = parsed.items.map((i) => i.words).join(" ");
    const meaning = b.registry.meaningOf(readLabel(words));
    const named = meaning.kind === "concept" && meaning.concept === "usage";
    if (readUsage(b, parsed.items, { line: l.line, text: clause, named, labelPeriod: periodIn(clause) })) continue;
    const c: ClaimLine = { line: l.line, text: clause, group: l.group };
    if (COST_WORDS.test(clause) && parsed.items.some((i) => i.q.dimension === "money" && i.q.per === null || i.q.dimension === "percent")) {
      const money = (i: Item) => i.q.dimension === "money" && i.q.per === null && !i.q.signed;
      const before = parsed.items.find((i) => i.part === 0 && money(i));
      const after = parsed.items.find((i) => i.part === 1 && money(i));
      if (parsed.arrows === 1 && before && after) {
        readCostPair(b, state.claims, c, before, after, clause, parsed.items.filter((i) => i.part === 1 && i !== after));
        continue;
      }
      const changes = parsed.items.filter((i) => i.q.dimension === "percent" || (i.q.dimension === "money" && i.q.signed));
      if (changes.length && parsed.items.every((i) => i.q.dimension !== "money" || i.q.per === null)) {
        readCostChanges(b, state.claims, c, changes, clause);
        continue;
      }
    }
    readFigures(b, l, clause, parsed.items, parsed.arrows, parsed.models);
  }
}

function readFigures(b: Builder, l: TextLine, clause: string, items: readonly Item[], arrows: number, models: readonly string[]): void {
  const names = [...new Set(models)];
  // `Someone re-ran MMLU for GPT-4o mini and got 79.1%`: the metric the sentence names, for a figure
  // whose own words name none.
  // Read only when a figure needs it: most sentences name their metrics beside their figures.
  let clauseLabel: ReturnType<typeof readLabel> | null = null;
  let clauseMeaning: Meaning | null = null;
  const sentence = () => {
    clauseLabel ??= readLabel(clause);
    clauseMeaning ??= b.registry.meaningOf(clauseLabel, true);
    return { label: clauseLabel, meaning: clauseMeaning };
  };
  const sentenceModel = names.length === 1 ? modelFor(b, names[0]!) : null;
  const none = readLabel("");
  if (arrows === 1) {
    const x = items.find((i) => i.part === 0);
    const y = items.find((i) => i.part === 1);
    if (!x || !y) return;
    const defs = metricsFor(b, { kind: "unknown" }, none, x);
    if (!Array.isArray(defs) || !fits(defs, y)) return;
    const why = `the sentence names ${defs.map((d) => d.name).join(", ")}, from → to`;
    const okX = place(b, roleModel(b, "old"), defs, x.q, l.line, clause, why, { siblings: [x.q, y.q] });
    const okY = place(b, roleModel(b, "new"), defs, y.q, l.line, clause, why, { siblings: [x.q, y.q] });
    if (okX && okY && defs.length === 1) stateChange(b, defs[0]!.key, y.change, l.line);
    return;
  }
  // `batch pricing for GPT-4o mini and Gemini 1.5 Flash is $0.075`: a model named with no figure of
  // its own leaves the figures beside it without a sure owner.
  const covered = new Set(items.flatMap((i) => i.models));
  const dangling = names.filter((n) => !covered.has(n));
  let prev: { dimension: string; defs: ReturnType<typeof metricsFor> } | null = null;
  for (const raw of items) {
    if (raw.q.signed || raw.q.bound) continue;
    // `46.7B parameters in total and about 12.9B active`: a bare figure after one with a unit shares it.
    const inherits = prev !== null && raw.q.dimension === "number" && (prev.dimension === "params" || prev.dimension === "tokens" || prev.dimension === "percent") &&
      b.registry.meaningOf(raw.label).kind === "unknown";
    const it: Item = inherits ? { ...raw, q: { ...raw.q, dimension: prev!.dimension as Item["q"]["dimension"] } } : raw;
    let defs = metricsFor(b, { kind: "unknown" }, none, it);
    // `2.4 s on Gemini 1.5 Flash, down from 4.1 s on Gemini 1.0 Pro`: the metric named before.
    if (!Array.isArray(defs) && prev && Array.isArray(prev.defs) && prev.dimension === it.q.dimension) defs = prev.defs;
    if (!Array.isArray(defs)) {
      const s = sentence();
      if (s.meaning.kind === "metric" || s.meaning.kind === "family") defs = metricsFor(b, s.meaning, s.label, it);
    }
    if (Array.isArray(defs)) prev = { dimension: it.q.dimension, defs };
    // `50件中47件正常動作`: a count under a heading that names a percentage metric; `46 of 50
    // prompts ran without changes`: a count of prompts that work as they are.
    if (!Array.isArray(defs) && it.q.dimension === "fraction") defs = headingMetric(b, l);
    if (!Array.isArray(defs) && it.q.dimension === "fraction" && PROMPTS_WORK.test(clause) && PROMPTS_OK.test(clause) && !PROMPTS_FAIL.test(clause)) defs = [b.registry.byKeyOf("prompt_compat")!];
    if (!Array.isArray(defs) || !fits(defs, it)) continue;
    const own = [...new Set(it.models)];
    if (own.length === 1 && dangling.length > 0) {
      warn(b, "ambiguous-model", { text: clause.slice(0, 80), reason: `the sentence names ${names.join(" and ")}` }, l.line);
      continue;
    }
    const model = own.length === 1 ? modelFor(b, own[0]!) : (sentenceModel ?? (names.length === 0 ? parentModel(b, l) : null));
    if (!model) {
      if (it.q.dimension === "fraction") {
        const ctx = contextModel(b, l, null);
        place(b, ctx.model, defs, it.q, l.line, clause, `a count under "${l.heading.slice(0, 40)}"; ${ctx.why}`);
      } else if (names.length > 1 && it.q.dimension === "money") {
        warn(b, "ambiguous-model", { text: clause.slice(0, 80), reason: `the sentence names ${names.join(" and ")}` }, l.line);
      }
      continue;
    }
    place(b, model, defs, it.q, l.line, clause, `the sentence names ${model.name} and ${defs.map((d) => d.name).join(", ")}`);
  }
}

/** Whether a figure can be each metric at all: prose figures of the wrong kind are skipped, not warned. */
function fits(defs: readonly { kind: string }[], it: Item): boolean {
  return defs.every((d) => {
    const c = conform(withHint(it.q, it.label.hint), d as never);
    return c.ok || c.range !== undefined;
  });
}

/** The model the list item above names, for a sentence that names none. */
function parentModel(b: Builder, l: TextLine) {
  for (let i = l.parents.length - 1; i >= 0; i--) {
    const m = modelNamedIn(b, l.parents[i]!);
    if (m) return m;
  }
  return null;
}

export function headingMetric(b: Builder, l: TextLine): ReturnType<typeof metricsFor> {
  const m = b.registry.meaningOf(readLabel(l.heading.replace(/^[\d.\s]+/, "")));
  return m.kind === "metric" && m.metric.kind === "percent" ? [m.metric] : "unknown";
}
