/**
 * Items: a token stream cut at separators into figures with the words around them — the side
 * (`$3 in`), the statistic (`p95 2.4 s`), old or new (`1.2%（旧）`), a model (`GPT-4o 88.7%`), a
 * metric (`MMLU 70.6%`) — and the stated change in a note after it (`82%（+14%）`). What one item
 * leaves out that its neighbours say (`300M in / 80M out per month`, `$3 / $15 per 1M`) is shared.
 */
import type { Period, Side, Stat } from "../quantity/lexicon.js";
import { PERIOD_WORD, PER_MONTH } from "../quantity/lexicon.js";
import { isLetterCode } from "../quantity/words.js";
import type { Quantity } from "../quantity/quantity.js";
import type { Token } from "../quantity/scan.js";
import { readLabel, type Label } from "../registry/labels.js";
import type { Role } from "../registry/words.js";

export interface Item {
  q: Quantity;
  /** The figure as written, and where it is in the scanned text. */
  raw: string;
  start: number;
  end: number;
  /** The words of the item other than the figure, as one label-like text. */
  words: string;
  label: Label;
  side: Side | null;
  stat: Stat | null;
  role: Role | null;
  /** Model names in the item. */
  models: string[];
  /** A signed figure in a note right after the figure: its stated change. */
  change: { q: Quantity; text: string } | null;
  /** Index of the arrow-separated part the item is in (0 before the first arrow). */
  part: number;
  /** How many `=` come before the item: the terms of a sum and its total are told apart. */
  eq: number;
}

export interface Items {
  items: Item[];
  /** Latin words outside notes, for a value that must be one figure (a table cell). */
  words: string[];
  refused: Array<{ text: string; reason: string; start: number; end: number }>;
  arrows: number;
  /** Model names anywhere in the tokens. */
  models: string[];
}

const SEP_WORDS = new Set(["and", "と", "および", "及び", "&", "plus", "then"]);
const SEP_WORD_CHARS = Math.max(...[...SEP_WORDS].map((w) => w.length));

/** The words and notes of tokens, for an item's label: model names are kept apart, in `models`. */
function textOf(tokens: readonly Token[], text: string): string {
  let out = "";
  let first = true;
  for (const t of tokens) {
    if (t.kind !== "word" && t.kind !== "note") continue;
    const piece = t.kind === "note" ? `(${t.text})` : text.slice(t.start, t.end);
    out = first ? piece : `${out} ${piece}`;
    first = false;
  }
  return out;
}

function changeIn(note: Token | undefined): Item["change"] {
  if (!note || note.kind !== "note") return null;
  const fig = note.tokens.find((t) => t.kind === "figure");
  if (!fig || fig.kind !== "figure" || !fig.q.signed) return null;
  // The change must lead the note: `（+14%）`, `(+0.7, …)`, not `（目標 +5%）`.
  const firstIdx = note.tokens.findIndex((t) => t.kind !== "word" || !/^(?:change|δ|delta|差|変化)$/i.test(t.text));
  if (note.tokens[firstIdx] !== fig) return null;
  return { q: fig.q, text: note.text.slice(fig.start - note.start - 1, fig.end - note.start - 1) };
}

/** Cuts tokens into items. `text` is the text the tokens were scanned from. */
export function itemsOf(tokens: readonly Token[], text: string, options: { notes?: boolean } = {}): Items {
  const items: Item[] = [];
  const refused: Items["refused"] = [];
  const models: string[] = [];
  let part = 0;
  let eq = 0;
  let arrows = 0;
  let segment: Token[] = [];
  let carry: string | null = null;
  const words: string[] = [];
  const flush = () => {
    const figures: number[] = [];
    const segModels: string[] = [];
    for (let i = 0; i < segment.length; i++) {
      const t = segment[i]!;
      if (t.kind === "figure") figures.push(i);
      else if (t.kind === "model") segModels.push(t.name);
    }
    for (let k = 0; k < figures.length; k++) {
      const figIdx = figures[k]!;
      const fig = segment[figIdx] as Extract<Token, { kind: "figure" }>;
      // Several figures in one segment: each takes the words before it (since the figure before),
      // and the last the words after it too (`MMLU 70.6% HumanEval 48.1%`, `30% GPT-4でコスト -60%`).
      const from = k === 0 ? 0 : figures[k - 1]! + 1;
      const change = changeIn(segment[figIdx + 1]);
      const to = k === figures.length - 1 ? segment.length : figIdx + (change ? 2 : 1);
      const own: Token[] = [];
      let notes = false;
      for (let i = from; i < to; i++) {
        if (i === figIdx || (change && i === figIdx + 1)) continue;
        own.push(segment[i]!);
        if (segment[i]!.kind === "note") notes = true;
      }
      const words = textOf(own, text);
      const label = readLabel(words);
      // `88.4% (8x22)`: a note right after the figure that is a model's name names the figure's model.
      const next = segment[figIdx + 1];
      const noted = next?.kind === "note" && next.tokens.length === 1 && next.tokens[0]!.kind === "model" ? [next.tokens[0]!.name] : [];
      const models = noted.length ? noted : figures.length === 1 ? segModels : own.filter((t): t is Extract<Token, { kind: "model" }> => t.kind === "model").map((t) => t.name);
      // `sonnet is $3/1M in and $15/1M out`: a figure after a separator, with no model or role of
      // its own, is the model's that the figures just before it were.
      if (models.length === 0 && label.role === null && carry !== null) models.push(carry);
      items.push({
        q: fig.q,
        raw: text.slice(fig.start, fig.end),
        start: fig.start,
        end: fig.end,
        words,
        label,
        // The side beside the figure first (`150M out`), then the words around it — not its notes.
        side: fig.q.side ?? adjacentSide(segment, figIdx, change !== null) ?? sideOfWords(notes ? textOf(own.filter((t) => t.kind !== "note"), text) : words),
        stat: fig.q.stat ?? firstOf(label.stats),
        role: label.role,
        models,
        change,
        part,
        eq,
      });
    }
    if (figures.length) carry = soleModel(items, items.length - figures.length);
    segment = [];
  };
  for (const t of tokens) {
    if (t.kind === "word" && /[A-Za-z0-9]/.test(t.text)) words.push(t.text);
    if (t.kind === "model") models.push(t.name);
    if (t.kind === "refused") refused.push({ text: t.text, reason: t.reason, start: t.start, end: t.end });
    if (t.kind === "arrow" || (t.kind === "word" && isArrowWord(t.text, segment))) {
      flush();
      carry = null;
      part++;
      arrows++;
      continue;
    }
    if (t.kind === "sep" || (t.kind === "word" && t.text.length <= SEP_WORD_CHARS && SEP_WORDS.has(t.text.toLowerCase()))) {
      // `8x22 = 45.1%`: a model's name before `=` names the figure after it.
      const named = t.text === "=" && segment.length > 0 && !segment.some((x) => x.kind === "figure") ? segment.filter((x) => x.kind === "model") : [];
      flush();
      // Only a word joins a clause to the one before (`… in and $15/1M out`); `/` and `,` list pairs.
      if (t.kind === "sep") carry = null;
      if (t.text === "=") eq++;
      if (named.length) segment = [...named];
      continue;
    }
    // In a sentence, a note holds figures of its own: `（IFEval 88.0%）`. A note right after a figure
    // stays with it as its stated change.
    const last = segment[segment.length - 1];
    if (options.notes && t.kind === "note" && !(last?.kind === "figure" && changeIn(t)) && t.tokens.some((x) => x.kind === "figure")) {
      const models = segment.filter((x) => x.kind === "model");
      flush();
      segment = [...models, ...t.tokens.filter((x) => x.kind !== "note")];
      flush();
      continue;
    }
    segment.push(t);
  }
  flush();
  shareQualifiers(items);
  return { items, words, refused, arrows, models };
}

/** The one model the items from `from` on name between them, or null for none or several. */
function soleModel(items: readonly Item[], from: number): string | null {
  let owner: string | null = null;
  for (let k = from; k < items.length; k++) {
    for (const m of items[k]!.models) {
      if (owner === null) owner = m;
      else if (m !== owner) return null;
    }
  }
  return owner;
}

const ARROW_WORDS = new Set(["to", "から", "->", "から、"]);
const ARROW_WORD_CHARS = Math.max(...[...ARROW_WORDS].map((w) => w.length));

/** `to` after a figure in `from A to B`, `から` in `A から B`: an arrow in words. */
function isArrowWord(word: string, segment: readonly Token[]): boolean {
  if (word.length > ARROW_WORD_CHARS || !ARROW_WORDS.has(word.toLowerCase())) return false;
  // Only after a figure in the same part: `from 1.9 s to 1.1 s`, `7割から8割5分`.
  return segment.some((t) => t.kind === "figure");
}

const ADJACENT_SIDE: Readonly<Record<string, Side>> = { in: "input", out: "output", input: "input", output: "output", 入力: "input", 出力: "output", prompt: "input", completion: "output" };

/** `1.2 billion tokens in and 200 million out`, `in $3 / out $15`: a side word beside the figure. */
function adjacentSide(segment: readonly Token[], figIdx: number, hasChange: boolean): Side | null {
  const after = segment[figIdx + (hasChange ? 2 : 1)];
  const before = segment[figIdx - 1];
  for (const t of [after, before]) {
    // `150M out`, `in $3`, `3億トークン（入力）`: a side word or a note that is one.
    const word = t?.kind === "word" ? t.text : t?.kind === "note" && t !== before ? t.text.trim() : null;
    const side = word === null ? undefined : ADJACENT_SIDE[word.toLowerCase()];
    if (side) return side;
    // `$0.88/1M（入出力同額）`, `(in and out)`: a short note naming a side or both.
    if (t?.kind === "note" && t !== before && word !== null && word.length <= 16) {
      const sides = readLabel(word).sides;
      if (sides.length === 1) return sides[0]!;
    }
  }
  return null;
}

const BOTH = /とも|両方|共通|同額|同じ|\bsame\b|\bboth\b|\beach\b|\balike\b/i;

/** The side words around a figure name: one side, or both (`入力・出力とも`, `input and output`). */
export function sideOfWords(words: string): Side | null {
  const sides = readLabel(words).sides;
  if (sides.length === 1) return sides[0]!;
  if (sides.length === 2 && sides.includes("input") && sides.includes("output") && BOTH.test(words)) return "both";
  return null;
}

function firstOf<T>(xs: readonly T[]): T | null {
  return xs.length === 1 ? xs[0]! : null;
}

/**
 * What the last item says and the others leave out: a period (`300M in / 80M out per month`), a
 * per-token denominator (`$3 / $15 per 1M`), a currency (`$3 / 15 per 1M`). Not across `=`: in
 * `99 × $10 + 3.9 × $30 = $1,107 a month` the period is the total's alone.
 */
function shareQualifiers(items: Item[]): void {
  const withPeriod = items.find((i) => i.q.period !== null) ?? items.find((i) => i.label.period !== null);
  const period: Period | null = withPeriod ? (withPeriod.q.period ?? withPeriod.label.period) : null;
  const perToken = items.find((i) => i.q.dimension === "money" && i.q.per === "token" && i.q.perSize !== null);
  const scale = perToken ? 1e6 / perToken.q.perSize! : 1;
  // A period the figure carries is shared both ways (`1.2B in / 40M out tokens per month`); one
  // only in the words before a figure (`…、年間では 約$8,856`) goes to the figures after it.
  const fromWords = withPeriod !== undefined && withPeriod.q.period === null;
  for (const it of items) {
    if (fromWords && it.start < withPeriod!.start) continue;
    if (period && it.eq === withPeriod!.eq && it.q.period === null && (it.q.dimension === "tokens" || it.q.dimension === "money" || it.q.dimension === "count" || it.q.dimension === "number")) {
      it.q = toMonth(it.q, period);
    }
    if (!perToken || it === perToken || it.q.per !== null || it.q.period !== null) continue;
    const shared = { per: "token" as const, perSize: perToken.q.perSize, value: it.q.value * scale, step: it.q.step * scale };
    if (it.q.dimension === "money") {
      it.q = { ...it.q, ...shared, steps: [...it.q.steps, "denominator shared with the figure beside it"] };
    } else if (it.q.dimension === "number" && it.part === perToken.part) {
      it.q = { ...it.q, ...shared, dimension: "money", currency: perToken.q.currency, steps: [...it.q.steps, "currency and denominator shared with the figure beside it"] };
    }
  }
}

/** Whether a text names a period (for usage sentences: `a month`, `every day`). */
export function periodIn(text: string): Period | null {
  for (let i = 0; i < text.length; i++) {
    // Not inside a word: no ASCII letter before it.
    if (i > 0 && isLetterCode(text.charCodeAt(i - 1))) continue;
    const hit = PERIOD_WORD(text, i);
    if (hit) return hit.value;
  }
  return null;
}

/** A figure stated for a period, put per month as the grammar puts figures that carry their period. */
export function toMonth(q: Quantity, period: Period): Quantity {
  const f = PER_MONTH[period];
  return {
    ...q, period, value: q.value * f, step: q.step * f, range: q.range ? [q.range[0] * f, q.range[1] * f] : null,
    steps: [...q.steps, ...(f !== 1 ? [`per ${period} → per month (×${Number(f.toPrecision(6))})`] : [])],
  };
}
