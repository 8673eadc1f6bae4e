/**
 * Labels matched by meaning. A label is normalised — NFKC, lower case, markdown and notes in
 * brackets set aside, qualifiers read off (old / new, input / output, mean / p95, a period, a
 * unit hint, a target, a change) — and then the longest registry alias it contains as whole words
 * names it. Two metrics matching equally is reported as a tie, never guessed between.
 */
import { PERIOD_WORD, STAT, type Period, type Side, type Stat, type CountUnit } from "../quantity/lexicon.js";
import { wordTable } from "../quantity/words.js";
import { readQuantity, isRefusal, type Quantity } from "../quantity/quantity.js";
import { isCjk, normalizeText } from "../quantity/text.js";
import { TextMemo } from "../memo.js";
import { CHANGE_WORDS, CONCEPTS, PER_LABEL, PROMPTS_FAIL, PROMPTS_OK, PROMPTS_WORK, ROLE_WORDS, TARGET_WORDS, type Concept, type Role } from "./words.js";
import { BENCHMARK_QUALIFIERS, LATENCY_ALIASES, METRICS, PRICE_ALIASES, type MetricDef } from "./metrics.js";

export interface Label {
  raw: string;
  /** The label's words without its notes, folded: lower case, one space between words. */
  text: string;
  notes: string[];
  sides: Side[];
  stats: Stat[];
  role: Role | null;
  period: Period | null;
  /** Names a target, threshold or forecast: not a measurement. */
  target: boolean;
  /** Names a change (`削減`, `improvement`) rather than a level. */
  change: boolean;
  /** A unit the label gives its values (`Latency (ms)`, `Input $/1M`, `MMLU (%)`). */
  hint: Quantity | null;
  perUnit: CountUnit | null;
}

const HAS_CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/;

/** Lower case, punctuation to spaces, a space where Latin meets Japanese, spaces collapsed. */
export function fold(text: string): string {
  let out = normalizeText(text)
    .toLowerCase()
    .replace(/[*_`#~"'“”‘’!?？！()（）[\]【】]+/g, " ")
    .replace(/[\-–—/:;,.・、。|=＝]+(?![0-9])/g, " ")
    .replace(/(?<![0-9])[\-–—/:;,.・、。|]+/g, " ");
  if (HAS_CJK.test(out)) out = out.replace(/([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々])(?=[a-z0-9])|([a-z0-9])(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々])/gu, "$1$2 ");
  return out.replace(/\s+/g, " ").trim();
}

const NOTE = /[(（[【]([^()（）[\]【】]*)[)）\]】]/g;

/** What `withoutNotes` changes: an opening bracket, or spaces that are not single ` ` between words. */
const HAS_NOTE_OR_SPACES = /[(（[【]|\s\s|[^\S ]|^\s|\s$/;

/** A label or name without its notes in brackets: `Dense 47B（仮想）` → `Dense 47B`. */
export function withoutNotes(text: string): string {
  if (!HAS_NOTE_OR_SPACES.test(text)) return text;
  return text.replace(NOTE, " ").replace(/\s+/g, " ").trim();
}

function notesOf(text: string): string[] {
  return [...text.matchAll(NOTE)].map((m) => m[1]!.trim()).filter((n) => n !== "");
}

/** Where `alias` first occurs in `text` as whole words (Japanese needs no boundary), or -1. */
export function wholeWordsAt(text: string, alias: string): number {
  if (alias === "") return -1;
  for (let i = text.indexOf(alias); i !== -1; i = text.indexOf(alias, i + 1)) {
    const before = text[i - 1];
    const after = text[i + alias.length];
    // One Japanese character (`新`, `旧`, `増`) is a word only on its own: `革新性` is not `新`.
    const single = alias.length === 1 && isCjk(alias);
    const leftOk = i === 0 || before === " " || (!single && (isCjk(alias[0]) || isCjk(before)));
    const rightOk = after === undefined || after === " " || (!single && (isCjk(alias[alias.length - 1]) || isCjk(after)));
    if (leftOk && rightOk) return i;
  }
  return -1;
}

export function containsWords(text: string, alias: string): boolean {
  return wholeWordsAt(text, alias) !== -1;
}

/** Reads a unit hint: `ms`, `%`, `$/1M`, `円/100万トークン`, `USD per 1M tokens`, `K`. */
const HINT_CACHE = new TextMemo<Quantity | null>();

export function readHint(text: string): Quantity | null {
  const hit = HINT_CACHE.get(text);
  if (hit !== undefined) return hit;
  const q = readHintUncached(text);
  HINT_CACHE.set(text, q);
  return q;
}

function readHintUncached(text: string): Quantity | null {
  const t = normalizeText(text).trim();
  if (t === "" || t.length > 40) return null;
  // A hint is a unit with no number: one that starts with a digit is a figure or a year — unless
  // it is a round denominator of tokens (`（100万トークンあたり）`, `(1M tokens)`).
  if (/^[0-9]/.test(t)) return denominatorHint(t);
  // A figure with the number taken out: `$/1M` is `$1/1M`, `ms` is `1ms`.
  const cur = /^(US\$|\$|¥|€|USD|JPY|EUR)\s?/.exec(t);
  const candidate = cur ? `${cur[0].trim()} 1${t.slice(cur[0].length)}` : `1${/^[a-z]/i.test(t) && !/^(?:k|m|b|ms|s|x)\b/i.test(t) ? " " : ""}${t}`;
  const q = readQuantity(candidate, 0, { decimal: "dot" });
  if (q === null || isRefusal(q) || q.end !== candidate.length) return null;
  if (q.dimension === "number" && q.value === 1 && q.per === null && q.period === null) return null;
  if (q.range || q.fraction) return null;
  return q;
}

function denominatorHint(t: string): Quantity | null {
  const core = t.replace(/\s*(?:あたり|当たり|単位|ごと)$/, "");
  const size = readQuantity(core, 0, { decimal: "dot" });
  if (size === null || isRefusal(size) || size.end !== core.length || size.dimension !== "tokens" || size.range) return null;
  // 1,000, 1M, 100万: a power of ten, as denominators are; `128K tokens` is a context window.
  if (size.value < 1000 || !Number.isInteger(Math.log10(size.value))) return null;
  const q = readQuantity(`1 per ${core}`, 0, { decimal: "dot" });
  return q !== null && !isRefusal(q) && q.per === "token" ? q : null;
}

/** The longest tail of `text` that reads as a unit hint: `Input $/1M` → `$/1M`. */
function trailingHint(text: string): { hint: Quantity; at: number } | null {
  const t = normalizeText(text);
  // Tried where a unit can start: at `$ ¥ € % /`, and at the last three words (`Latency ms`).
  const starts: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (/[$¥€%/]/.test(t[i]!) && (i === 0 || t[i - 1] === " " || /[a-z]/i.test(t[i - 1]!))) starts.push(i);
    // `Price per 1M input tokens`: a denominator stated in words.
    else if ((t[i] === "p" || t[i] === "P") && (i === 0 || t[i - 1] === " ") && /^per /i.test(t.slice(i, i + 4))) starts.push(i);
  }
  for (let i = t.length - 1, words = 0; i > 0 && words < 3; i--) {
    if (t[i - 1] === " " && t[i] !== " ") {
      starts.push(i);
      words++;
    }
  }
  for (const i of starts.sort((a, b) => a - b)) {
    // A tail that starts with a digit is a figure, not a unit.
    if (/[0-9]/.test(t[i]!)) continue;
    const hint = readHint(t.slice(i));
    if (hint) return { hint, at: i };
  }
  return null;
}

function wordsOf<T>(text: string, table: (t: string, at: number) => { value: T; end: number } | null): T[] {
  const found: T[] = [];
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && text[i - 1] !== " " && !isCjk(text[i]) && !isCjk(text[i - 1])) continue;
    const hit = table(text, i);
    if (!hit) continue;
    if (!found.includes(hit.value)) found.push(hit.value);
    // `入力・出力`: what a longer form covers is not read again as a shorter one.
    i = hit.end - 1;
  }
  return found;
}

/** Sides as labels write them; `in`, `out` and `prompt` alone are too common in other labels. */
const LABEL_SIDE = wordTable<Side>([
  ["input", "input"], ["inputs", "input"], ["prompt tokens", "input"], ["入力", "input"], ["インプット", "input"],
  ["output", "output"], ["outputs", "output"], ["completion", "output"], ["completion tokens", "output"], ["出力", "output"], ["アウトプット", "output"],
  ["text in", "input"], ["text out", "output"], ["price in", "input"], ["price out", "output"], ["tokens in", "input"], ["tokens out", "output"],
  ["input and output", "both"], ["input/output", "both"], ["in/out", "both"], ["in and out", "both"], ["in & out", "both"], ["input & output", "both"], ["inputs and outputs", "both"], ["in+out", "both"], ["入出力", "both"], ["入力・出力", "both"], ["both", "both"],
]);

/** `input = output`, `in/out same`, `入出力同額`: one figure for both sides. */
const SAME_PRICE = /\b(?:input|in)\s*[=＝]\s*(?:output|out)\b|\b(?:output|out)\s*[=＝]\s*(?:input|in)\b|\b(?:in\/out|input\/output|input and output|in and out)\s+(?:the\s+)?same\b|入力\s*[=＝]\s*出力|入出力(?:同額|同一|共通)/i;

const ROLE_FOLDED = ROLE_WORDS.map(([w, r]) => [fold(w), r] as const);

/**
 * A list of words found in a folded text: one-word Latin forms by a set of the text's words, the
 * rest (Japanese, several words) by search. Cheap for the many labels of a record.
 */
function wordList<T>(entries: ReadonlyArray<readonly [string, T]>): (text: string) => T | null {
  const single = new Map<string, T>();
  const other: Array<readonly [string, T]> = [];
  for (const [w, v] of entries) {
    if (/^[a-z0-9+]+$/.test(w)) {
      if (!single.has(w)) single.set(w, v);
    } else other.push([w, v]);
  }
  const otherLatin = other.filter(([w]) => !isCjk(w[0]));
  const otherCjk = other.filter(([w]) => isCjk(w[0]));
  return (text) => {
    for (const word of text.split(" ")) {
      const hit = single.get(word);
      if (hit !== undefined) return hit;
    }
    for (const [w, v] of otherLatin) if (text.includes(w) && containsWords(text, w)) return v;
    // Japanese forms only where the text has Japanese.
    if (!HAS_CJK.test(text)) return null;
    for (const [w, v] of otherCjk) if (text.includes(w) && containsWords(text, w)) return v;
    return null;
  };
}

const roleIn = wordList(ROLE_FOLDED);
const targetIn = wordList(TARGET_WORDS.map((w) => [fold(w), true] as const));
const changeIn = wordList(CHANGE_WORDS.map((w) => [fold(w), true] as const));

const LABEL_CACHE = new TextMemo<Label>();

export function readLabel(raw: string): Label {
  const cached = LABEL_CACHE.get(raw);
  if (cached) return cached;
  const normal = normalizeText(raw).replace(/\*+|`/g, "").trim();
  // `MMLU, from the model cards`, `Tag quality, as judged by the leads`: what follows a comma is a note.
  // Not a thousands separator: `Cost per 1,000 reviews` is one label.
  const comma = /^((?:[^,、]|(?<=\d),(?=\d{3}))+?)\s*(?:(?<!\d),|,(?!\d{3})|、)\s*(.+)$/.exec(withoutNotes(normal));
  const notes = [...notesOf(normal), ...(comma ? [comma[2]!] : [])];
  const main = comma ? comma[1]! : withoutNotes(normal);
  const text = fold(main);
  const all = [text, ...notes.map(fold)].join(" ");
  // `(list, per 1M tokens)`: each part of a note is tried on its own.
  // A note that starts with a digit (`(n=300)`, `(2024)`) gives only a denominator: `（100万トークンあたり）`.
  const parts = notes.flatMap((n) => n.split(/\s*[,;、・]\s*(?!\d{3})/)).filter((n) => n !== "");
  const hints = parts.map((n) => {
    // `la Plateforme list price per 1M tokens`: the unit at the end of a note's words.
    // Only a price's unit: `(1,200 July tickets)` says what was counted, not a unit of the figures.
    const tail0 = readHint(n) ? null : trailingHint(n);
    const tail = tail0 && (tail0.hint.per !== null || tail0.hint.dimension === "money") ? tail0 : null;
    const h = readHint(n) ?? tail?.hint ?? null;
    const text = tail ? n.slice(tail.at) : n;
    return h && (!/^[0-9]/.test(text) || h.per !== null) ? { h, n: text } : null;
  }).filter((x) => x !== null);
  // `(EUR, list price per 1M tokens)`: a currency in one part and a denominator in another are one unit.
  const cur = hints.find((x) => x.h.dimension === "money" && x.h.per === null);
  const per = hints.find((x) => x.h.per !== null);
  const both = cur && per && per.h.dimension !== "money" ? readHint(`${cur.n} ${per.n.replace(/^.*?(?=\bper\b|\/)/i, "")}`) : null;
  const noteHint0 = both ?? per?.h ?? hints[0]?.h ?? null;
  // `Per 1B tokens (USD)`: the denominator in the words, the currency in the note.
  const tail = noteHint0 && !(noteHint0.dimension === "money" && noteHint0.per === null) ? null : trailingHint(main);
  const joined = noteHint0 && tail && noteHint0.dimension === "money" && noteHint0.per === null && tail.hint.per !== null && tail.hint.dimension !== "money"
    ? readHint(`${cur?.n ?? "USD"} ${main.slice(tail.at)}`)
    : null;
  const noteHint = joined ?? noteHint0;
  const role = roleIn(all);
  const period = wordsOf(all, PERIOD_WORD)[0] ?? null;
  const perUnit = PER_LABEL.exec(all);
  const label: Label = {
    raw,
    text,
    notes,
    sides: text === "in" ? ["input"] : text === "out" ? ["output"] : SAME_PRICE.test(raw) ? ["both"] : wordsOf(all, LABEL_SIDE),
    stats: wordsOf(all, STAT),
    role,
    period,
    target: targetIn(all) !== null,
    change: changeIn(text) !== null,
    hint: noteHint ?? tail?.hint ?? null,
    perUnit: perUnit ? ((perUnit[1] ?? "item") as CountUnit) : null,
  };
  LABEL_CACHE.set(raw, label);
  return label;
}

/** What a label names. */
export type Meaning =
  | { kind: "metric"; metric: MetricDef }
  | { kind: "family"; family: "price" | "latency" }
  | { kind: "concept"; concept: Concept }
  | { kind: "tie"; names: string[] }
  | { kind: "unknown" };

interface Entry {
  alias: string;
  meaning: Exclude<Meaning, { kind: "tie" } | { kind: "unknown" }>;
  /** What a tie is judged by: two entries naming the same thing never tie. */
  id: string;
  /** Position in the longest-first order. */
  rank?: number;
}

/** An alias's first Latin word, or its first Japanese character. */
function leadOf(alias: string): string {
  if (isCjk(alias[0])) return alias[0]!;
  const word = alias.split(" ")[0]!;
  const cjk = [...word].findIndex((c) => isCjk(c));
  return cjk > 0 ? word.slice(0, cjk) : word;
}

/** The metrics a record is read with: the built-in registry plus a policy's own. */
export class Registry {
  readonly metrics: readonly MetricDef[];
  private readonly byKey: Map<string, MetricDef>;
  private readonly entries: Entry[];
  /** Entries by their first Latin word or first Japanese character: a label looks up only its own. */
  private readonly byLead = new Map<string, Entry[]>();
  private readonly cache = new TextMemo<Meaning>();
  /** Labels are made once per text (readLabel caches them): their meaning is kept beside them. */
  private readonly memo = new WeakMap<Label, Meaning>();
  private readonly proseMemo = new WeakMap<Label, Meaning>();

  constructor(metrics: readonly MetricDef[]) {
    this.metrics = metrics;
    this.byKey = new Map(metrics.map((m) => [m.key, m]));
    const entries: Entry[] = [];
    for (const m of metrics) {
      for (const alias of new Set([m.key.replace(/_/g, " "), m.name, ...m.aliases])) {
        entries.push({ alias: fold(alias), meaning: { kind: "metric", metric: m }, id: m.key });
      }
    }
    for (const alias of PRICE_ALIASES) entries.push({ alias: fold(alias), meaning: { kind: "family", family: "price" }, id: "price" });
    for (const alias of LATENCY_ALIASES) entries.push({ alias: fold(alias), meaning: { kind: "family", family: "latency" }, id: "latency" });
    for (const [concept, aliases] of CONCEPTS) {
      for (const alias of aliases) entries.push({ alias: fold(alias), meaning: { kind: "concept", concept }, id: concept });
    }
    // Longest first: the first hit decides, ties are the hits of the same length.
    this.entries = entries.filter((e) => e.alias !== "").sort((a, b) => b.alias.length - a.alias.length);
    this.entries.forEach((e, i) => {
      e.rank = i;
      const lead = leadOf(e.alias);
      const list = this.byLead.get(lead) ?? [];
      list.push(e);
      this.byLead.set(lead, list);
    });
  }

  /** The entries whose first word or character the text has, longest alias first. */
  private candidates(text: string): Entry[] {
    const found = new Set<Entry>();
    for (const word of text.split(" ")) {
      for (const e of this.byLead.get(word) ?? []) found.add(e);
      const lead = leadOf(word);
      if (lead !== word) for (const e of this.byLead.get(lead) ?? []) found.add(e);
      for (const c of word) if (isCjk(c)) for (const e of this.byLead.get(c) ?? []) found.add(e);
    }
    return [...found].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  }

  byKeyOf(key: string): MetricDef | undefined {
    return this.byKey.get(key);
  }

  /**
   * What a label's words name. In `prose`, a benchmark's name counts wherever it stands as a word
   * not followed by a variant (`MMLU` in "re-ran MMLU for GPT-4o", not `MMLU-Pro`).
   */
  meaningOf(label: Label, prose = false): Meaning {
    const memo = (prose ? this.proseMemo : this.memo).get(label);
    if (memo) return memo;
    const key = `${prose ? "p" : "l"}\u0000${label.text}\u0000${label.notes.join("\u0000")}`;
    const cached = this.cache.get(key);
    if (cached) {
      (prose ? this.proseMemo : this.memo).set(label, cached);
      return cached;
    }
    let meaning = this.match(label.text, prose);
    // `quality tho. task success on the golden set`: a label that runs over a sentence's end is
    // the last sentence's words, when those alone name one thing.
    if (meaning.kind === "tie" && !prose) {
      const last = /[.!?。！？]\s+([^.!?。！？]+)$/u.exec(label.raw.replace(/\([^)]*\)/g, " "));
      if (last) {
        const alone = this.match(fold(last[1]!));
        if (alone.kind !== "tie" && alone.kind !== "unknown") meaning = alone;
      }
    }
    // `Opex total`, `合計運用費`: a total of something is that thing.
    if (meaning.kind === "tie" && meaning.names.length === 2 && meaning.names.includes("total")) {
      const other = meaning.names.find((n) => n !== "total")!;
      if (CONCEPTS.some(([c]) => c === other)) meaning = { kind: "concept", concept: other as Concept };
    }
    // `SWE-bench (Verified)`: the words and their note together name it.
    if (meaning.kind === "unknown" && label.notes.length) {
      const joined = this.match(fold(`${label.text} ${label.notes.join(" ")}`));
      if (joined.kind === "metric") meaning = joined;
    }
    // `Coding (HumanEval)`: a note that names a metric the words do not.
    for (const note of label.notes) {
      if (meaning.kind !== "unknown") break;
      meaning = this.match(fold(note));
      if (meaning.kind !== "metric") meaning = { kind: "unknown" };
    }
    // `Prompts reused unchanged`, `そのまま動いたプロンプト`: prompts that work as they are.
    // Only a short label: in a sentence (`3 days of prompt work`) the words mean other things.
    if (meaning.kind === "unknown" && !prose && label.text.split(" ").length <= 4 && label.text.length <= 24) {
      const all = [label.text, ...label.notes].join(" ");
      const compat = PROMPTS_WORK.test(all) && PROMPTS_OK.test(all) && !PROMPTS_FAIL.test(all) ? this.byKeyOf("prompt_compat") : undefined;
      if (compat) meaning = { kind: "metric", metric: compat };
    }
    this.cache.set(key, meaning);
    (prose ? this.proseMemo : this.memo).set(label, meaning);
    return meaning;
  }

  /**
   * The longest alias wins over the shorter ones inside it (`task success rate` over `success
   * rate`); two aliases of different things side by side (`Hallucination rate / Error rate`) tie.
   */
  private match(text: string, prose = false): Meaning {
    if (text === "") return { kind: "unknown" };
    if (prose) return this.matchOne(text, true);
    // `MMLU and GSM8K`, `Latency / Throughput`: parts that each name something tie.
    const parts = text.split(/ (?:and|&|vs|or|と|及び|および) | \/ /);
    if (parts.length > 1) {
      const each = parts.map((p) => this.matchOne(p.trim()));
      const named = each.filter((m): m is Exclude<Meaning, { kind: "unknown" }> => m.kind !== "unknown");
      const ids = [...new Set(named.map((m) => (m.kind === "metric" ? m.metric.key : m.kind === "family" ? m.family : m.kind === "concept" ? m.concept : m.names.join())))];
      if (ids.length > 1) return { kind: "tie", names: ids };
    }
    return this.matchOne(text);
  }

  private matchOne(text: string, prose = false): Meaning {
    if (text === "") return { kind: "unknown" };
    const hits: Array<{ e: Entry; at: number }> = [];
    for (const e of this.candidates(text)) {
      const at = wholeWordsAt(text, e.alias);
      if (at === -1) continue;
      // A benchmark's name is exact: other words than its qualifiers make another benchmark.
      if (e.meaning.kind === "metric" && e.meaning.metric.strict) {
        const next = text.slice(at + e.alias.length).trim().split(" ")[0] ?? "";
        if (prose ? VARIANT_WORDS.has(next) : !onlyQualifiers(text, e.alias)) continue;
      }
      // Inside a longer hit already taken (entries come longest first): not a meaning of its own.
      if (hits.some((h) => at >= h.at && at + e.alias.length <= h.at + h.e.alias.length)) continue;
      hits.push({ e, at });
    }
    const ids = [...new Set(hits.map((h) => h.e.id))];
    if (ids.length === 0) return { kind: "unknown" };
    if (ids.length > 1) return { kind: "tie", names: ids };
    return hits[0]!.e.meaning;
  }
}

/** Words that make a benchmark's name another benchmark when they follow it. */
const VARIANT_WORDS = new Set(["pro", "plus", "+", "redux", "japanese", "ja", "jp", "easy", "hard", "lite", "verified", "diamond", "multilingual", "chinese", "zh", "en", "x", "v2", "2", "500", "full", "mini", "日本語", "ja版"]);

/** Whether `text` is `alias` plus benchmark qualifiers only (`mmlu 5 shot accuracy`). */
function onlyQualifiers(text: string, alias: string): boolean {
  const rest = ` ${text} `.replace(` ${alias} `, " ").replace(alias, " ").trim();
  if (rest === "") return true;
  // `MMLU も一応`: particles and adverbs after the name, not another benchmark (`MMLU日本語版` is one).
  return rest.split(" ").every((w) => BENCHMARK_QUALIFIERS.some((re) => re.test(w)) || /^\d+$/.test(w) || w === "%" || JA_PARTICLES.test(w));
}

const JA_PARTICLES = /^(?:[\u3040-\u309f]{1,4}|[\u3040-\u309f]{0,3}(?:一応|参考|参考値|スコア|結果)[\u3040-\u309f]{0,3})$/;

/** The key a label is kept under when the registry does not know it: one benchmark, one key. */
export function slugOf(label: Label): string {
  const words = label.text
    .split(" ")
    .filter((w) => !BENCHMARK_QUALIFIERS.some((re) => re.test(w)) && !ROLE_FOLDED.some(([r]) => r === w));
  const slug = (words.length ? words : label.text.split(" "))
    .join("_")
    .replace(/[^\p{L}\p{N}+]+/gu, "_")
    .replace(/^_+|_+$/g, "");
  // Cut at a code point, never inside one.
  return [...slug].slice(0, 48).join("") || "unnamed";
}

let builtIn: Registry | null = null;

/** The built-in registry, made once. */
export function defaultRegistry(): Registry {
  builtIn ??= new Registry(METRICS);
  return builtIn;
}

/**
 * The key a label's figures are kept under: the registry metric it names, or the slug of the
 * label when it names none (`JMMLU (5-shot)` → `jmmlu`).
 */
export function keyForLabel(label: string, registry: Registry = defaultRegistry()): string {
  const parsed = readLabel(label);
  const m = registry.meaningOf(parsed);
  if (m.kind === "metric") return m.metric.key;
  return slugOf(parsed);
}
