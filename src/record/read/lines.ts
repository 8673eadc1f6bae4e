/**
 * Reads one line of a record body: `label: value` lines by what their label means (a metric, a
 * model, usage, self-hosting, a stated cost), and lines without a label as prose. Every figure
 * found goes through the builder; nothing is read from a line whose label names a target.
 */
import type { TextLine } from "../blocks.js";
import { clip, normalizeText } from "../quantity/text.js";
import { readLabel, withoutNotes, type Label, type Meaning, readHint } from "../registry/labels.js";
import type { ModelData } from "../schema.js";
import type { MetricDef } from "../registry/metrics.js";
import { findModel, modelFor, roleModel, warn, type Builder } from "./builder.js";
import { readBreakdown, readCostChanges, readCostPair, readModelCost, unchecked, type ClaimLine } from "./claims.js";
import { contextModel, headingHint } from "./context.js";
import { isRetries, itemModel, metricsFor, place, stateChange, unknownMetric } from "./figures.js";
import { periodIn, sideOfWords, toMonth, type Item, type Items } from "./items.js";
import { nameOf } from "./model-names.js";
import { headingMeaning, headingMetric, readProse, worksAsIs } from "./prose.js";
import { readSelfHost } from "./self-host.js";
import { readUsage } from "./usage.js";
import { tokensOf, type LineState } from "./state.js";
import { conform, withHint } from "./conform.js";
import { isRefusal, readQuantity, type Quantity } from "../quantity/quantity.js";

/** `label: value`: the first colon outside brackets, in the first 100 characters, not in `10:30`. */
export function splitLabel(text: string): { label: string; value: string; at: number } | null {
  let depth = 0;
  const end = Math.min(text.length, 100);
  for (let i = 0; i < end; i++) {
    // By code: `(`, `[`, `【`, `「` open; `)`, `]`, `】`, `」` close.
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x3010 || c === 0x300c) depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x3011 || c === 0x300d) depth = Math.max(0, depth - 1);
    else if (c === 0x3a && depth === 0) {
      if (/[0-9]/.test(text[i - 1] ?? "") && /[0-9]/.test(text[i + 1] ?? "")) continue;
      if (text[i + 1] === "/" && text[i + 2] === "/") continue;
      const label = text.slice(0, i).replace(/^[\s*#>-]+|\s*\**\s*$/g, "").trim();
      if (label === "") return null;
      return { label, value: text.slice(i + 1).replace(/^\s*\**\s*/, ""), at: i + 1 };
    }
  }
  return null;
}

/**
 * `**Claude 3 Haiku** — input $0.25, output $1.25`: a short label before a spaced dash, when no
 * colon is written. The label is a few words and holds no figure.
 */
function dashLabel(text: string): { label: string; value: string; at: number } | null {
  const m = /^\s*(?:[-*+]\s+)?([^:：—–$¥€]{2,60}?)\s+[—–]\s+(?=\S)/.exec(text);
  if (!m) return null;
  const label = m[1]!.replace(/\*+/g, "").trim();
  if (label === "" || label.split(/\s+/).length > 6) return null;
  return { label, value: text.slice(m[0].length), at: m[0].length };
}

const PERIOD_ONLY = /^(?:月次|月額|月間|年間|年額|monthly|per month|annual|annually|yearly|per year|year|month|月|年)$/i;
const RETRY_LABEL = /retry[- ]adjusted|^effective|実質|リトライ込み|リトライ込|再試行込み/i;

/**
 * A label written without a colon: `年間運用費 360万円（…）`, `入力 375円 / 100万トークン`, `Task success
 * 71% → 79%` — a few words before the first figure that name something the registry knows.
 */
function implicitLabel(b: Builder, text: string): { label: string; value: string; at: number; rest?: string } | null {
  // An abbreviation's point (`halluc. rate 6.1%`, `avg. latency`) does not end the label.
  const m = /^((?:[^\d$¥€£+\-−~約≈(（:：。.!?]|\.(?=\s)){1,30}?)\s*(?=[\d$¥€£]|[+\-−~約≈]\s?[\d$¥€£])/.exec(text);
  // Not inside a word: `FY2026`, `H100`.
  if (!m || /[A-Za-z]/.test(text[m[0].length - 1] ?? "")) return null;
  const words = m[1]!.trim();
  if (words === "" || words.split(/\s+/).length > 5 || /[、,;]/.test(words)) return null;
  // `halluc. rate mixtral 6.1% small3 0.052`: the label ends where the first model's figures begin.
  const named = b.names.find(normalizeText(words))[0];
  if (named && named.start > 0 && normalizeText(words).length === words.length) {
    const cut = words.slice(0, named.start).trim();
    if (cut !== "" && b.registry.meaningOf(readLabel(cut)).kind !== "unknown") {
      const at = text.indexOf(words) + named.start;
      return { label: cut, value: text.slice(at), at };
    }
  }
  const label = readLabel(words);
  const meaning = b.registry.meaningOf(label);
  if (meaning.kind === "unknown" && label.sides.length === 0 && label.stats.length === 0) return null;
  // `入力 1億6,800万トークン、出力 4,200万トークン`: a side word alone is the figure's, not a label.
  if (meaning.kind === "unknown" && label.stats.length === 0 && label.text.split(" ").length === 1 && label.sides.length === 1) return null;
  // `月間利用量は入力 3億トークン…`: a side word before the figure belongs to the figure.
  const side = /(入力|出力|input|output|in|out)$/i.exec(words);
  if (side && meaning.kind === "concept") return { label: words.slice(0, side.index).replace(/[はがのを]$/, "").trim() || words, value: text.slice(m.index + m[0].length - side[0].length - (m[0].length - m[1]!.length)), at: m[0].length };
  // The label is its own sentence's: `コンテキストは 128K。うちの契約書は…` ends at `。`.
  // `MMLU 75.7% → 86.0% (+10.3 pts); task success 76% → 83%`: nor past a `;` that starts another.
  const rest = text.slice(m[0].length);
  const end = /[。！？;；]|\.\s/.exec(rest);
  return { label: words, value: end ? rest.slice(0, end.index) : rest, at: m[0].length, ...(end ? { rest: rest.slice(end.index + end[0].length).trim() } : {}) };
}

const LABELLED_NOTE = /\(([^()]{1,200}:[^()]{1,200})\)/g;

/** `コスト試算（月次使用量: 100M Input tokens, 50M Output tokens）:` — usage stated in a note. */
function usageInNotes(b: Builder, l: TextLine): void {
  if (b.usage) return;
  for (const m of l.text.matchAll(LABELLED_NOTE)) {
    const split = splitLabel(m[1]!);
    if (!split) continue;
    const label = readLabel(split.label);
    const meaning = b.registry.meaningOf(label);
    if (meaning.kind !== "concept" || meaning.concept !== "usage") continue;
    readUsage(b, tokensOf(b, split.value).items, { line: l.line, text: m[1]!, named: true, labelPeriod: label.period });
  }
}

/** An implicit label is a guess: taken only when its first figure is of the kind it names. */
function fitsImplicit(b: Builder, split: { label: string; value: string }): boolean {
  const label = readLabel(split.label);
  const meaning = b.registry.meaningOf(label);
  // The figure the label stands before, read alone: the line is scanned whole only once it is taken.
  const q = readQuantity(split.value, 0, b.grammar);
  if (isRefusal(q)) return false;
  // A value that starts with a model's name (`mixtral 6.1% …`): its first figure.
  const first = q === null ? tokensOf(b, split.value).items[0] : { ...tokensOf(b, split.value.slice(0, q.end)).items[0]!, q };
  if (!first?.raw) return false;
  const defs = metricsFor(b, meaning, label, first);
  if (!Array.isArray(defs)) {
    if (meaning.kind !== "concept") return label.sides.length > 0;
    // A money concept (`Capex`, `年間運用費`) stands before money; usage or a break-even before tokens.
    const money = first.q.dimension === "money";
    if (MONEY_CONCEPTS.has(meaning.concept)) return money;
    return !money;
  }
  // `タスク成功率 0.86 → 0.84`: a plain fraction on a percentage is judged with the figures beside it.
  return defs.every((d) => conform(withHint(first.q, label.hint), d, { retries: isRetries(label) }).ok || (d.kind === "percent" && first.q.dimension === "number" && first.q.value <= 1));
}

/** A value that is a sentence: five words or more in a row, or a sentence's end. */
const SENTENCE = /(?:[A-Za-z][\w'’-]*[\s,]+){5,}|[。．]\s*$|[a-z]\.\s*$/;

const MONEY_CONCEPTS = new Set(["capex", "opex", "cost", "saving", "total"]);

const DATED = /^(?:\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|\d{1,2}[/-]\d{1,2}|\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|(?:week|phase|day|step|wk)\s?\d+|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s\d{1,2}(?:[–-]\d{1,2})?)(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:utc|jst|z))?)?$/i;

/** `| Check 11 | 63.7% | 70.9% |` outside a table: rows whose header row is missing. */
const PIPE_ROW = /^\|(?:[^|]*\|){2,}\s*$/;

export function readLine(b: Builder, state: LineState, l: TextLine): void {
  usageInNotes(b, l);
  if (l.isHeading) return;
  // Which column is which cannot be told: one warning for the block, no figures.
  if (l.text.charCodeAt(0) === 124 && PIPE_ROW.test(l.text)) {
    if (!state.warnedGroups.has(l.group)) {
      state.warnedGroups.add(l.group);
      warn(b, "unreadable-value", { text: clip(l.text, 60), reason: "table rows with no header row above them: which column is which cannot be told" }, l.line);
    }
    return;
  }
  // `2024-11-06: prod error rate: 1.8%`: a date or step before the colon; the rest is the line.
  const colon = splitLabel(l.text);
  if (colon && DATED.test(colon.label) && /\d/.test(colon.value)) {
    readLine(b, state, { ...l, text: colon.value });
    return;
  }
  const written = colon ?? dashLabel(l.text);
  const implicit = written ? null : implicitLabel(b, l.text);
  const split = written ?? implicit;
  if (!split || (!written && !fitsImplicit(b, split))) {
    readProse(b, state, l);
    return;
  }
  // The sentence after an implicit label's own is read on its own.
  if (implicit?.rest && /\d/.test(implicit.rest)) readLine(b, state, { ...l, text: implicit.rest });
  const label = readLabel(split.label);
  if (label.target) return;
  // `Cost ($/mo): 204 → 136`, `$/mo: 204 → 136`: bare figures in the money the label gives them.
  // Only a month or no period: a yearly unit's figures are kept as said by the cost reader.
  const moneyHint = label.hint?.dimension === "money" && label.hint.per === null && (label.hint.period === null || label.hint.period === "month") ? label.hint : null;
  const scanned = tokensOf(b, split.value);
  const parsed = moneyHint ? { ...scanned, items: scanned.items.map((i) => (i.q.dimension === "number" && !i.q.signed ? { ...i, q: withHint(i.q, moneyHint) } : i)) } : scanned;
  const meaning = b.registry.meaningOf(label);
  // `$/mo`, `USD per month`, `円/月`: a label the unit grammar reads whole is a unit and nothing else.
  const unitOnly = moneyHint !== null && meaning.kind === "unknown" && readHint(split.label) !== null;
  const known = meaning.kind !== "unknown";
  // `GPT-4o mini:`, `Llama 3.1 8B on Together:`, `Codestral (current):` — a line of one model's figures.
  const labelModel = nameOf(b.names, split.label) ?? (meaning.kind === "unknown" ? soleModel(b, split.label) : null);
  // `Capex: none (rented)`: an explicit none has no figure to read.
  if (meaning.kind === "concept" && meaning.concept === "capex" && parsed.items.length === 0) {
    readSelfHost(b, "capex", [], { line: l.line, text: l.text, value: split.value, label });
    return;
  }
  // A figure the grammar refuses on a labelled line is reported; GPU specs are read from the text.
  const gpus = meaning.kind === "concept" && meaning.concept === "gpus";
  for (const r of parsed.refused) {
    if ((known || labelModel || /currency/.test(r.reason)) && !gpus) warn(b, "unreadable-value", { text: clip(r.text, 60), reason: r.reason }, l.line);
  }
  if (parsed.items.length === 0) return;
  const c: ClaimLine = { line: l.line, text: l.text, group: l.group };
  const amounts = parsed.items.every((it) => (it.q.dimension === "money" && it.q.per === null) || it.q.dimension === "percent");
  // `Sonnet vs status quo: −$751.50 a month (−68%)`: a label comparing two things holds a comparison.
  if (COMPARES.test(withoutNotes(split.label)) && amounts && meaning.kind !== "metric" && meaning.kind !== "family") {
    readComparison(b, state, c, split.label, label, parsed);
    return;
  }
  // `With attempts per contract applied: $1,450 → $398 a month`: money under a label that names no
  // money metric is a cost, qualified by the label (here: retry-adjusted).
  if ((meaning.kind === "metric" && !MONEY_KINDS.has(meaning.metric.kind)) && parsed.items.some((it) => it.q.dimension === "money" && it.q.per === null) && amounts) {
    readCostLine(b, state, c, label, parsed);
    return;
  }

  if (labelModel) {
    readModelLine(b, state, l, modelFor(b, labelModel.name), parsed, split.value, "rest" in labelModel ? labelModel.rest : null);
    return;
  }
  // `Secondary: hallucination rate (sampled): 4.0% → 3.5%`: a label that names nothing over a
  // labelled value is read as that value.
  if (meaning.kind === "unknown") {
    const inner = splitLabel(split.value);
    if (inner && b.registry.meaningOf(readLabel(inner.label)).kind !== "unknown") {
      readLine(b, state, { ...l, text: split.value });
      return;
    }
  }
  if (meaning.kind === "concept") {
    readConcept(b, state, l, label, meaning.concept, parsed, split.value);
    return;
  }
  if (meaning.kind === "tie") {
    warn(b, "ambiguous-label", { label: clip(split.label, 60), names: meaning.names.join(" and ") }, l.line);
    return;
  }
  if (meaning.kind === "metric" || meaning.kind === "family") {
    readMetricLine(b, l, split.label, label, meaning, parsed, split.value);
    return;
  }
  // A label the registry does not know: what the figures are decides. `Monthly: 1.1B in / 60M out →
  // est. $201 → $134/mo`: usage, then the costs it comes to.
  if (readUsage(b, parsed.items, { line: l.line, text: l.text, named: false, labelPeriod: label.period ?? periodIn(split.value) })) {
    const rest = parsed.items.filter((it) => it.q.dimension === "money" || (it.q.dimension === "percent" && it.part > 0));
    if (rest.some((it) => it.q.dimension === "money" && it.q.per === null)) readCostLine(b, state, c, label, { ...parsed, items: rest });
    return;
  }
  if (PERIOD_ONLY.test(label.text) || RETRY_LABEL.test(label.text) || unitOnly) {
    // `Monthly: $450 + $360 = $810` under `## Option 1: stay on GPT-4o mini`: the heading's model's sum.
    const around = contextModel(b, l, null);
    if (around.from !== "default" && readBreakdown(b, state.claims, { ...c, model: around.model.name }, parsed.items, normalizeText(split.value), around.model.name)) return;
    readCostLine(b, state, c, label, parsed);
    return;
  }
  // `our bill would go from $270 to $93 a month`: a line whose figures are all money or percent,
  // one of them named a cost, is about cost as a whole.
  // With the figures beside them that can only be costs: money, or a signed change whose own words
  // name no metric (`+14%` after `タスク成功率` is a change in task success, not in cost).
  const costItems = parsed.items.filter((it) => isCost(b, it));
  const withCosts = parsed.items.filter((it) => isCost(b, it) || ((it.q.dimension === "money" || it.q.signed) && b.registry.meaningOf(it.label).kind === "unknown"));
  // `Difference: about −$66/mo (−44%)`: a change in money is a change in cost.
  if (amounts && label.change && parsed.items.some((it) => it.q.dimension === "money")) {
    readCostLine(b, state, c, label, parsed);
    return;
  }
  if (costItems.length) {
    readCostLine(b, state, c, label, { ...parsed, items: amounts ? withCosts : costItems });
    return;
  }
  // `Our fine-tune: $0.50/1M input, $1.50/1M output`: a short label over a model's prices names that
  // model — unless the list or heading above names one (`## 候補1: Llama 3.3 70B` over `見積: 入力 ¥150 …`).
  const prices = parsed.items.filter((it) => it.q.dimension === "money" && it.q.per === "token" && it.side !== null);
  if (label.sides.length === 0 && prices.length >= 2 && prices.length === parsed.items.filter((it) => it.q.dimension === "money").length && label.text.split(" ").length <= 4 && !label.target) {
    const around = contextModel(b, l, null);
    readModelLine(b, state, l, around.from !== "default" ? around.model : modelFor(b, withoutNotes(split.label).trim() || split.label), parsed, split.value);
    return;
  }
  // `Per quarter: €1,009 (Mistral Large) vs €364 (Llama 3.1 70B)`: amounts of money are costs.
  if (parsed.items.every((it) => it.q.dimension === "money" && it.q.per === null) && label.hint?.per == null) {
    readCostLine(b, state, c, label, parsed);
    return;
  }
  if (label.sides.length && parsed.items.some((it) => it.q.dimension === "money" && it.q.per === "token")) {
    readMetricLine(b, l, split.label, label, { kind: "family", family: "price" }, parsed, split.value);
    return;
  }
  if (parsed.arrows === 1) {
    readUnknownPair(b, l, split.label, label, parsed);
    return;
  }
  // `JSON schema 準拠率: Claude 3.5 Haiku 0.97, Gemini 2.0 Flash 99%`: one figure per named model,
  // each judged beside the others; the metric takes the unit of the one that has a unit.
  const levels = parsed.items.filter((it) => !it.q.signed);
  const owners = levels.map((it) => (new Set(it.models).size === 1 ? itemModel(b, it) : null));
  if (levels.length >= 2 && owners.every((m) => m !== null) && new Set(owners).size === levels.length && label.text !== "") {
    const siblings = levels.map((it) => it.q);
    // `p95: qwen ~2.1s, 8x22 was 3.4s`: a statistic or side the registry resolves with the figure's unit.
    const known = levels.map((it) => metricsFor(b, { kind: "unknown" }, label, it));
    if (known.every((d) => Array.isArray(d))) {
      levels.forEach((it, k) => place(b, owners[k]!, known[k] as MetricDef[], it.q, l.line, l.text, `label "${clip(split.label, 40)}"; the figure names its model`, { siblings, hint: label.hint }));
      return;
    }
    const unit = levels.find((it) => it.q.dimension !== "number") ?? levels[0]!;
    const def = unknownMetric(b, split.label, unit.q);
    levels.forEach((it, k) => place(b, owners[k]!, [def], it.q, l.line, l.text, `label "${clip(split.label, 40)}" (not in the registry); the figure names its model`, { siblings, hint: label.hint }));
    return;
  }
  // `エスカレーション率: 旧 9.5% / 新 8.8%`: figures told apart by old / new words.
  const roles = levels;
  if (roles.length === 2 && roles[0]!.role !== null && roles[1]!.role !== null && roles[0]!.role !== roles[1]!.role) {
    const def = unknownMetric(b, split.label, roles[1]!.q);
    for (const it of roles) place(b, roleModel(b, it.role!), [def], it.q, l.line, l.text, `label "${clip(split.label, 40)}" (not in the registry); the figure says ${it.role}`, { siblings: roles.map((r) => r.q), hint: label.hint });
    return;
  }
  // `For the benchmark fans: Anthropic reports Sonnet at 88.7% on MMLU …`: a sentence after a label
  // that names nothing is read as prose.
  if (SENTENCE.test(split.value)) {
    readProse(b, state, l);
    return;
  }
  // `画像前処理（per-image 課金）: $0.0035/image` under a model's item: a figure whose unit names its
  // metric, placed only where a model is named nearby.
  const place1 = contextModel(b, l, split.label);
  for (const raw of parsed.items) {
    // `per image: $0.0004`: the label's unit applies to its figure.
    const it = label.hint ? { ...raw, q: withHint(raw.q, label.hint) } : raw;
    // `Regression suite: 50件中45件正常動作` under `### Prompt compatibility`: the heading names the metric.
    if (it.q.dimension === "fraction") {
      const defs = headingMetric(b, l);
      if (Array.isArray(defs)) place(b, place1.model, defs, it.q, l.line, l.text, `a count under "${clip(l.heading, 40)}"; ${place1.why}`);
      // `Bad: 29 of 40 prompt templates worked on Claude 3.5 Sonnet unchanged`.
      else if (worksAsIs(split.value, it)) {
        const own = itemModel(b, it);
        place(b, own ?? place1.model, [b.registry.byKeyOf("prompt_compat")!], it.q, l.line, l.text, `a count of prompts that work as they are; ${own ? "the sentence names the model" : place1.why}`);
      }
      continue;
    }
    // `mean ~1.1 s for small 3`: a figure that names its own model.
    const mine = new Set(it.models).size === 1 ? itemModel(b, it) : null;
    const others = b.names.find(split.value).filter((sp) => sp.start < it.end && modelFor(b, sp.name) !== mine);
    const own = mine && others.length === 0 ? mine : null;
    if (place1.from === "default" && !own) continue;
    // The label's statistic or side still qualifies the figure (`mean ~1.1 s`).
    const defs = metricsFor(b, { kind: "unknown" }, label, it);
    if (Array.isArray(defs) && !it.q.signed) place(b, own ?? place1.model, defs, it.q, l.line, l.text, `its unit names the metric; ${own ? "the figure names its model" : place1.why}`);
  }
}

/**
 * The one model a label names among words that name nothing else (`Llama 3.1 8B on Together`), or
 * only a statistic or side (`p95（GPT-4o）`): the rest of the label qualifies its figures.
 */
function soleModel(b: Builder, label: string): { name: string; rest: Label } | null {
  const t = normalizeText(label);
  const spans = b.names.find(t);
  if (spans.length !== 1) return null;
  const rest = readLabel(`${t.slice(0, spans[0]!.start)} ${t.slice(spans[0]!.end)}`.replace(/[()（）]/g, " "));
  if (rest.text.split(" ").length > 4 || rest.target) return null;
  const m = b.registry.meaningOf(rest);
  return m.kind === "unknown" || m.kind === "family" || m.kind === "metric" ? { name: spans[0]!.name, rest } : null;
}

/** Between two amounts: they are compared (`$526 today vs $88 with GPT-4o mini`). */
const COMPARED = /\bvs\.?(?=\s|$)|\bversus\b|\bcompared (?:to|with)\b|\bagainst\b|に対して|対/i;
const COMPARES = /\bvs\.?(?=\s|$)|\bversus\b|\bcompared (?:to|with)\b|比$|比較$/i;
const MONEY_KINDS = new Set(["price", "unit_price", "money"]);

/**
 * `Sonnet vs GPT-4o: about 45% cheaper`: a stated cost change of the model before `vs` against the
 * one after it. The audit computes the candidate against another model; a comparison of two other
 * models is kept as not checked.
 */
function readComparison(b: Builder, state: LineState, c: ClaimLine, rawLabel: string, label: Label, parsed: Items): void {
  const t = normalizeText(rawLabel);
  const at = COMPARES.exec(t)!;
  const left = b.names.find(t.slice(0, at.index));
  const leftModel = left.length === 1 ? (findModel(b, left[0]!.name)?.name ?? left[0]!.name) : null;
  if (left.length > 1 || (leftModel !== null && leftModel !== b.newModel)) {
    for (const it of parsed.items) unchecked(b, c, it.q, it.raw, `a comparison of ${leftModel ?? "two models"}, not of the candidate`);
    return;
  }
  readCostLine(b, state, c, label, parsed);
}

function isCost(b: Builder, it: Item): boolean {
  const m = b.registry.meaningOf(it.label);
  return m.kind === "concept" && (m.concept === "cost" || m.concept === "saving" || m.concept === "total");
}

function readConcept(b: Builder, state: LineState, l: TextLine, label: Label, concept: string, parsed: Items, value: string): void {
  const c: ClaimLine = { line: l.line, text: l.text, group: l.group };
  switch (concept) {
    case "usage":
      readUsage(b, parsed.items, { line: l.line, text: l.text, named: true, labelPeriod: label.period });
      return;
    case "capex":
    case "opex":
    case "gpus":
    case "break_even":
    case "payback":
    case "capacity":
      readSelfHost(b, concept, parsed.items, { line: l.line, text: l.text, value, label });
      return;
    default:
      readCostLine(b, state, c, label, parsed);
  }
}

/** A line about cost: a pair of costs (`$2,015 -> $148.80/mo`), or stated changes. */
function readCostLine(b: Builder, state: LineState, c: ClaimLine, label: Label, parsed0: Items): void {
  // `Per quarter: €1,009 (Mistral Large) vs €364`: the label's period is the amounts'. A year is kept
  // as said: the audit checks annual figures as annual.
  const period = label.period === "year" || label.period === "month" ? null : label.period;
  const parsed = period ? { ...parsed0, items: parsed0.items.map((i) => (i.q.dimension === "money" && i.q.per === null && i.q.period === null ? { ...i, q: toMonth(i.q, period) } : i)) } : parsed0;
  const money = (i: Item) => i.q.dimension === "money" && !i.q.signed;
  // The costs before and after the line's last arrow between two of them.
  const monies = parsed.items.filter(money);
  const first = monies.length === 2 && monies[1]!.part === monies[0]!.part + 1 ? monies[0]!.part : parsed.arrows === 1 ? 0 : -1;
  const before = parsed.items.filter((i) => i.part === first);
  const after = parsed.items.filter((i) => i.part === first + 1);
  if (first !== -1 && before.some(money) && after.some(money)) {
    const b0 = before.find(money)!;
    const a0 = after.find(money)!;
    const changes = [...after.filter((i) => i !== a0), ...(a0.change ? [{ ...a0, q: a0.change.q, raw: a0.change.text }] : [])];
    readCostPair(b, state.claims, c, b0, a0, label.raw, changes);
    return;
  }
  // `~$526 today vs ~$88 with GPT-4o mini`: two costs compared, the old one first unless a name or
  // an old/new word says otherwise.
  const amounts = parsed.items.filter((i) => money(i) && i.q.per === null);
  if (amounts.length === 2 && COMPARED.test(c.text.slice(c.text.indexOf(amounts[0]!.raw) + amounts[0]!.raw.length, c.text.indexOf(amounts[1]!.raw)))) {
    const owner = (i: Item) => (new Set(i.models).size === 1 ? modelFor(b, i.models[0]!) : i.role ? roleModel(b, i.role) : null);
    const [x, y] = amounts as [Item, Item];
    const ox = owner(x);
    const oy = owner(y);
    const old = roleModel(b, "old");
    const now = roleModel(b, "new");
    const mx = ox ?? (oy === old ? now : old);
    const my = oy ?? (mx === old ? now : old);
    if (mx !== my) {
      readModelCost(b, state.claims, c, x, mx.name, `${label.raw} ${x.words}`);
      readModelCost(b, state.claims, c, y, my.name, `${label.raw} ${y.words}`);
      const rest = parsed.items.filter((i) => !amounts.includes(i));
      if (rest.length) readCostChanges(b, state.claims, c, rest, label.raw, old.name);
      return;
    }
  }
  // `monthly: 8x22 ~$348, qwen ~$232 → -33%`: each model's cost by the name beside it, then the change.
  const costs = parsed.items.filter((i) => money(i) && i.q.per === null && new Set(i.models).size === 1);
  const owners = new Set(costs.map((i) => modelFor(b, i.models[0]!)));
  if (costs.length >= 2 && owners.size === costs.length && costs.length === parsed.items.filter(money).length) {
    for (const it of costs) readModelCost(b, state.claims, c, it, modelFor(b, it.models[0]!).name, `${label.raw} ${it.words}`);
    const rest: Item[] = [...parsed.items.flatMap((i): Item[] => (i.change ? [{ ...i, q: i.change.q, raw: i.change.text, change: null }] : [])), ...parsed.items.filter((i) => !costs.includes(i))];
    if (rest.length) readCostChanges(b, state.claims, c, rest, label.raw);
    return;
  }
  const items = parsed.items.flatMap((i) => (i.change ? [i, { ...i, q: i.change.q, raw: i.change.text, change: null }] : [i]));
  readCostChanges(b, state.claims, c, items, label.raw);
}

/** `MMLU: 62.5% → 70.6%（+8.1%）`, `エラー率: 0.7%`, `Latency: mean 850ms, p95 1.9 s`. */
function readMetricLine(b: Builder, l: TextLine, rawLabel: string, label: Label, meaning: Meaning, parsed: Items, value: string): void {
  const items = parsed.items;
  const retries = isRetries(label);
  if (parsed.arrows >= 1) {
    const left = items.filter((i) => i.part === 0);
    const right = items.filter((i) => i.part === 1);
    // `in $0.15 → $0.10 /1M, out $0.60 → $0.40 /1M`: one change per clause, each read on its own.
    const clauses = parsed.arrows > 1 ? splitClauses(value) : [];
    if (clauses.length > 1 && clauses.every((t) => tokensOf(b, t).arrows <= 1)) {
      for (const t of clauses) {
        const sub = tokensOf(b, t);
        if (sub.items.length) readMetricLine(b, l, rawLabel, label, meaning, sub, t);
      }
      return;
    }
    if (parsed.arrows > 1 || left.length === 0 || right.length === 0) {
      warn(b, "unreadable-value", { text: clip(l.text, 80), reason: "more than one arrow, or an arrow with no figure on one side" }, l.line);
      return;
    }
    // Pairs by position: the first figure on each side, then by side or statistic.
    const pairs: Array<[Item, Item]> = left.length === right.length ? left.map((x, i) => [x, right[i]!]) : [[left[0]!, right[0]!]];
    for (const [x, y] of pairs) {
      const old = itemModel(b, x) ?? roleModel(b, "old");
      const now = itemModel(b, y) ?? roleModel(b, "new");
      const defsX = metricsFor(b, meaning, label, x);
      const defsY = metricsFor(b, meaning, label, y);
      const defs = Array.isArray(defsY) ? defsY : defsX;
      if (!Array.isArray(defs)) {
        warn(b, "unreadable-value", { text: clip(l.text, 80), reason: "the figures do not say which side or statistic they are" }, l.line);
        continue;
      }
      const siblings = [x.q, y.q];
      const why = `label "${clip(rawLabel, 40)}", old → new`;
      const okX = place(b, old, Array.isArray(defsX) ? defsX : defs, x.q, l.line, l.text, why, { hint: label.hint, siblings, retries });
      const okY = place(b, now, defs, y.q, l.line, l.text, why, { hint: label.hint, siblings, retries });
      if (okX && okY && defs.length === 1) stateChange(b, defs[0]!.key, y.change ?? right.find((r) => r !== y && r.q.signed)?.change ?? signedAfter(right, y), l.line);
    }
    sampleSize(b, l, meaning);
    return;
  }
  // Items told apart by model, old/new word, side or statistic; a lone figure is the context's.
  const distinct = items.filter((i) => !(i.q.signed && items.length > 1));
  // `Latency: TTFT 1.7 s; p95 9.8 s`: a figure whose own words name a metric of the label's family.
  const ownMetric = (it: Item): MetricDef | null => {
    const m = b.registry.meaningOf(it.label);
    if (m.kind !== "metric" || it.stat !== null) return null;
    const ofFamily = meaning.kind === "family" && (m.metric.family === meaning.family || (meaning.family === "latency" && m.metric.kind === "seconds"));
    return meaning.kind === "family" ? (ofFamily ? m.metric : null) : meaning.kind === "metric" && m.metric.key === meaning.metric.key ? m.metric : null;
  };
  const place1 = (it: Item, model: ModelData, why: string, siblings: readonly Quantity[] = [it.q]) => {
    const mine = ownMetric(it);
    const defs = mine ? [mine] : metricsFor(b, meaning, label, it);
    if (!Array.isArray(defs)) {
      warn(b, "unreadable-value", { text: clip(it.raw, 60), reason: "no side (input or output) or statistic says which metric this is" }, l.line);
      return;
    }
    place(b, model, defs, it.q, l.line, l.text, why, { hint: label.hint, siblings, retries });
  };
  if (distinct.length === 1) {
    const it = distinct[0]!;
    // `+18%`, `-0.3pt`: a signed figure is a change, not a level.
    if (it.q.signed) return;
    const own = itemModel(b, it);
    // `humaneval: 8x22 = 45.1%, qwen32 = 8O.4%`: a figure beside another model's (refused) one is
    // not the context's — its model cannot be told.
    if (!own && parsed.models.length > 0) {
      warn(b, "ambiguous-model", { text: clip(l.text, 80), reason: `the line names ${[...new Set(parsed.models)].join(" and ")} but not beside this figure` }, l.line);
      return;
    }
    const ctx = own ? { model: own, why: "the figure names it", from: "label" as const } : contextModel(b, l, rawLabel);
    place1(it, ctx.model, `label "${clip(rawLabel, 40)}"; ${ctx.why}`);
    sampleSize(b, l, meaning);
    return;
  }
  const byModel = distinct.every((i) => itemModel(b, i) !== null);
  const bySide = distinct.every((i) => i.side !== null || i.stat !== null || ownMetric(i) !== null);
  if (byModel) {
    // One metric across models: each value is judged beside the others (`0.052` beside `6.1%`, retries 1.6 and 0.3).
    const siblings = distinct.map((i) => i.q);
    for (const it of distinct) place1(it, itemModel(b, it)!, `label "${clip(rawLabel, 40)}"; the figure names its model`, siblings);
    return;
  }
  if (bySide) {
    const ctx = contextModel(b, l, rawLabel);
    for (const it of distinct) place1(it, ctx.model, `label "${clip(rawLabel, 40)}"; ${ctx.why}`);
    return;
  }
  // `mixtral 46.7B total / 12.9B active, small 3 24B (dense)`: clauses that each start with a model.
  const clauses = splitClauses(value).map((t) => ({ t, names: b.names.find(normalizeText(t)) }));
  if (clauses.length > 1 && clauses.every((c) => c.names.length > 0 && new Set(c.names.map((n) => n.name)).size === 1 && c.names[0]!.start === 0)) {
    // `(per 1M tokens, input / output): o3-mini $1.10 / $4.40, …`: figures take the label's sides in order.
    const sides = label.sides.filter((s) => s !== "both");
    for (const c of clauses) {
      const model = modelFor(b, c.names[0]!.name);
      const sub0 = tokensOf(b, c.t).items.filter((i) => !i.q.signed);
      const spread = sides.length === sub0.length && sub0.every((i) => i.side === null);
      const sub = spread ? sub0.map((i, k) => ({ ...i, side: sides[k]! })) : sub0;
      for (const it of sub) place1(it, model, `label "${clip(rawLabel, 40)}"; the clause names ${model.name}`, sub.map((i) => i.q));
    }
    return;
  }
  warn(b, "unreadable-value", { text: clip(l.text, 80), reason: "several figures and nothing to tell which model or metric each is" }, l.line);
}

/** Clauses of a value: at `;`, `、`, and `,` not between digits, outside brackets. */
function splitClauses(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if ("([（【「".includes(c)) depth++;
    else if (")]）】」".includes(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === ";" || c === "；" || c === "、" || (c === "," && !(/\d/.test(value[i - 1] ?? "") && /\d/.test(value[i + 1] ?? ""))))) {
      out.push(value.slice(from, i));
      from = i + 1;
    }
  }
  out.push(value.slice(from));
  return out.map((t) => t.trim()).filter((t) => t !== "");
}


/** A signed figure right after `y` on its side: `82% (+14%)` written without a note. */
function signedAfter(right: readonly Item[], y: Item): Item["change"] {
  const next = right[right.indexOf(y) + 1];
  return next && next.q.signed ? { q: next.q, text: next.raw } : null;
}

function sampleSize(b: Builder, l: TextLine, meaning: Meaning): void {
  if (meaning.kind !== "metric") return;
  const m = /\bn ?= ?(\d[\d,.eE+]{0,40})/i.exec(l.text);
  if (!m) return;
  const digits = m[1]!.replace(/[,)]+$/, "");
  const n = /^\d{1,3}(?:,\d{3})*$|^\d+$/.test(digits) ? Number(digits.replace(/,/g, "")) : NaN;
  if (Number.isSafeInteger(n) && n > 0 && n <= 100_000_000 && !Object.hasOwn(b.samples, meaning.metric.key)) b.samples[meaning.metric.key] = { n, line: l.line };
  else if (!(Number.isSafeInteger(n) && n > 0 && n <= 100_000_000)) warn(b, "unreadable-value", { text: m[0], reason: "not a plausible sample size" }, l.line);
}

/**
 * `GPT-3.5 Turbo: $0.50/1M Input, $1.50/1M Output → 月次$125`, `Mixtral 8x7B: 平均 2.1秒、95パーセンタイル
 * 3.0秒`, `GPT-4o mini: MMLU 82.0%, HumanEval 87.2%`, `GPT-4o: $750 + $800 = $1,550/mo`.
 */
function readModelLine(b: Builder, state: LineState, l: TextLine, model: ModelData, parsed: Items, value: string, rest: Label | null = null): void {
  const c: ClaimLine = { line: l.line, text: l.text, group: l.group, model: model.name };
  if (readBreakdown(b, state.claims, c, parsed.items, normalizeText(value), model.name)) return;
  const none = readLabel("");
  // `## Pricing (USD per 1M tokens)` over `Codestral: input $0.20, output $0.60`: the heading's unit.
  const hint = headingHint(l);
  let prev: Item | null = null;
  // `$0.7 / 1M tokens, in and out same`: one price whose line says it is both sides.
  const prices = parsed.items.filter((i) => i.q.dimension === "money" && i.q.per === "token");
  const lineSide = prices.length === 1 && prices[0]!.side === null ? sideOfWords(parsed.items.map((i) => i.words).join(" ") + " " + value.replace(/[\d.$¥€]+/g, " ")) : null;
  for (const raw0 of parsed.items) {
    const raw = lineSide === "both" && raw0 === prices[0] ? { ...raw0, side: "both" as const } : raw0;
    // `236B params total, 21B active`: a bare figure after one with a unit shares it.
    const bare = raw.q.dimension === "number" && prev !== null && (prev.q.dimension === "params" || prev.q.dimension === "tokens");
    const it: Item = bare ? { ...raw, q: { ...raw.q, dimension: prev!.q.dimension } } : { ...raw, q: withHint(raw.q, raw.q.dimension === "money" || raw.q.dimension === "number" ? hint : null) };
    prev = it;
    const q = it.q;
    // A stated cost of the model: money a month with no denominator (`→ 月次$125`, `$93/mo`).
    if (q.dimension === "money" && q.per === null && !q.signed && (q.period !== null || it.part > 0 || /月次|月額|monthly|\/mo/i.test(it.words))) {
      readModelCost(b, state.claims, c, it, model.name, it.words);
      continue;
    }
    if (q.signed) continue;
    const restMeaning = rest ? b.registry.meaningOf(rest) : null;
    let defs = rest && restMeaning && restMeaning.kind !== "unknown" ? metricsFor(b, restMeaning, rest, it) : metricsFor(b, { kind: "unknown" }, rest ?? none, it);
    // `## コンテキスト長` over `- Llama 3.1 70B: 128Kトークン`: a figure whose own words name nothing
    // takes the metric its heading names, when it is of that metric's kind.
    if (defs === "unknown" && b.registry.meaningOf(it.label).kind === "unknown") {
      const h = headingMeaning(b, l);
      if (h) {
        const byHeading = metricsFor(b, h.meaning, h.label, it);
        if (Array.isArray(byHeading) && byHeading.every((d) => { const c = conform(it.q, d); return c.ok || c.range !== undefined; })) defs = byHeading;
      }
    }
    if (!Array.isArray(defs)) {
      if (defs === "unresolved") warn(b, "unreadable-value", { text: clip(it.raw, 60), reason: "no side or statistic says which price or latency this is" }, l.line);
      else if (q.dimension === "money" && q.per === "token") warn(b, "unreadable-value", { text: clip(it.raw, 60), reason: "a price with no side (input or output)" }, l.line);
      else if (q.dimension === "duration") place(b, model, [b.registry.byKeyOf("latency_mean")!], q, l.line, l.text, `the line is ${model.name}'s; a latency with no statistic is the mean`);
      continue;
    }
    const by = it.words.trim() ? `"${it.words.trim().slice(0, 30)}" names the metric` : it.side ? `a price per token, ${it.side} side` : it.stat ? `a latency, ${it.stat}` : "its unit names the metric";
    place(b, model, defs, q, l.line, l.text, `the line is ${model.name}'s; ${by}`, { siblings: [q] });
  }
}

/**
 * `Brand safety: 3.1/5 → 3.8/5`: an old → new pair under a label the registry does not know, kept
 * as a neutral metric. Not when its left side is already a figure of the new model (`vLLM: 2.1秒 →
 * 1.4秒` lists options of one model, not a change between two).
 */
/** `rollout 10% → 50% of traffic`: shares of a rollout are its phases, not a metric's change. */
const ROLLOUT = /\b(?:roll-?outs?|canary|ramp(?:ed|ing)?|of (?:the )?(?:traffic|users|requests))\b|ロールアウト|トラフィック|段階的/i;

function readUnknownPair(b: Builder, l: TextLine, rawLabel: string, label: Label, parsed: Items): void {
  // `Change: 71.2% → 78.0%`: a label that only says "change" names no metric of its own.
  if (parsed.arrows !== 1 || ROLLOUT.test(l.text) || (label.change && label.text.split(" ").length <= 2)) return;
  // `Next: cell 40 onward … truncated to the last 6 turns`: in a sentence, `to` is not old → new.
  if (SENTENCE.test(l.text.slice(rawLabel.length))) return;
  const x = parsed.items.find((i) => i.part === 0);
  const y = parsed.items.find((i) => i.part === 1);
  // Of one kind, or a bare number beside one with a unit (`0.93 → 88%`, which conform then judges).
  if (!x || !y || label.text === "" || (x.q.dimension !== y.q.dimension && x.q.dimension !== "number" && y.q.dimension !== "number")) return;
  const candidate = roleModel(b, "new");
  const optionOfOne = Object.values(candidate.metrics).some((v) => Math.abs(v.value - x.q.value) < 1e-9 && !v.currency === !x.q.currency);
  if (optionOfOne) return;
  const def = unknownMetric(b, rawLabel, y.q);
  const siblings = [x.q, y.q];
  const okX = place(b, roleModel(b, "old"), [def], x.q, l.line, l.text, `label "${clip(rawLabel, 40)}" (not in the registry), old → new`, { siblings, hint: label.hint });
  const okY = place(b, candidate, [def], y.q, l.line, l.text, `label "${clip(rawLabel, 40)}" (not in the registry), old → new`, { siblings, hint: label.hint });
  if (okX && okY) stateChange(b, def.key, y.change, l.line);
}
