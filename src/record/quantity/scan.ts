/**
 * Splits a value text or a sentence into tokens: figures (read by the quantity grammar, or
 * refused with a reason), words, separators, arrows and bracketed notes. Model names, dates,
 * versions, URLs and code spans are recognised first and kept whole, so the digits in
 * `Llama 3.1 70B` or `2024-10-14` are never read as figures.
 */
import { barePeriodAt, mayStartQuantity, readQuantity, isRefusal, type GrammarContext, type Quantity } from "./quantity.js";
import { isCjkCode } from "./text.js";

export type Token =
  | { kind: "figure"; q: Quantity; start: number; end: number }
  | { kind: "refused"; reason: string; text: string; start: number; end: number }
  | { kind: "word"; text: string; start: number; end: number }
  | { kind: "model"; name: string; start: number; end: number }
  | { kind: "sep"; text: string; start: number; end: number }
  | { kind: "arrow"; start: number; end: number }
  | { kind: "note"; text: string; tokens: Token[]; start: number; end: number }
  | { kind: "skip"; what: "date" | "version" | "url" | "code"; start: number; end: number };

/** Model names found in a text: `[start, end, name]`, sorted and not overlapping. */
export type ModelSpans = ReadonlyArray<readonly [number, number, string]>;

const ARROWS = ["-->", "->", "=>", "→", "⇒", "➡", "⟶", "➔", "➜", "↦", "⇨"];
const SEPARATORS = new Set([",", "、", ";", "/", "|", "・", "+", "=", "&", "，", "｜"]);
const OPEN: Readonly<Record<string, string>> = { "(": ")", "[": "]", "【": "】", "「": "」", "〔": "〕", "『": "』", "{": "}" };
const CLOSE = new Set(Object.values(OPEN));
const BRACKETS = /[()[\]【】「」〔〕『』{}]/;

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;

const DIGITS = "0123456789";
const MONTH_FIRSTS = "JjFfMmAaSsOoNnDd";

/**
 * Not worth reading and never a figure; sticky, so they are tried at a position without copying.
 * Each is tried in order, and only where the text has one of the characters it can start with.
 */
const SKIPS: ReadonlyArray<[RegExp, "date" | "version" | "url" | "code", string]> = [
  [/https?:\/\/[^\s)）\]]{1,500}/y, "url", "h"],
  [/`[^`]{0,500}`/y, "code", "`"],
  [/\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?(?![\d.])/y, "date", DIGITS],
  [/\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?/y, "date", DIGITS],
  [/\d{1,2}月\d{1,2}日/y, "date", DIGITS],
  [/(?:FY|Q[1-4][ -]?)\d{2,4}\b/y, "date", "FQ"],
  [/(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{4}\b/iy, "date", MONTH_FIRSTS],
  // `Aug 16`, `Sep 13–15`, `March 3rd, 2025`, `16 Aug`: a day of a month, not a figure.
  [new RegExp(String.raw`${MONTH}\.? \d{1,2}(?:st|nd|rd|th)?(?:\s?[–-]\s?\d{1,2})?(?:, \d{4})?(?![\d.,]|\s*(?:%|％|ms|s|sec|x|×))`, "iy"), "date", MONTH_FIRSTS],
  [new RegExp(String.raw`\d{1,2}(?:st|nd|rd|th)? ${MONTH}(?:,? \d{4})?`, "iy"), "date", DIGITS],
  // `11:40`, `09:00 UTC`, `14:05:30`: a time of day.
  [/\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:am|pm|utc|jst|cet|pst|pt|et|z)\b)?/iy, "date", DIGITS],
  [/v?\d+\.\d+\.\d+(?:[-.][0-9A-Za-z]+)*/y, "version", `v${DIGITS}`],
  [/v\d+(?:\.\d+)?\b/y, "version", "v"],
];
/** The skips a character can start, in their order, by its code (every first character is ASCII). */
const SKIPS_BY_FIRST: Array<Array<[RegExp, "date" | "version" | "url" | "code"]> | undefined> = Array.from({ length: 128 }, () => undefined);
for (const [re, what, firsts] of SKIPS) {
  for (const c of firsts) {
    if (c.charCodeAt(0) >= 128) throw new Error(`a skip must start with an ASCII character, not ${c}`);
    (SKIPS_BY_FIRST[c.charCodeAt(0)] ??= []).push([re, what]);
  }
}

/**
 * What a character can be to the scanner, as bits by its code: the scanner asks at every position,
 * and a table answers without the lookups by string that sets and maps make.
 */
const LATIN = 1;
const DIGIT = 2;
/** Continues a word: a Latin letter or digit, `_`, `'`, `’`, `@`, `#`. */
const WORD = 4;
const ARROW_START = 8;
const BRACKET = 16;
const SEPARATOR = 32;
const SKIP_START = 64;
const CLASS = new Uint8Array(0x10000);
for (let n = 65; n <= 90; n++) CLASS[n]! |= LATIN | WORD;
for (let n = 97; n <= 122; n++) CLASS[n]! |= LATIN | WORD;
for (let n = 48; n <= 57; n++) CLASS[n]! |= DIGIT | WORD;
for (const c of "_'’@#") CLASS[c.charCodeAt(0)]! |= WORD;
for (const a of ARROWS) CLASS[a.charCodeAt(0)]! |= ARROW_START;
for (const c of [...Object.keys(OPEN), ...CLOSE]) CLASS[c.charCodeAt(0)]! |= BRACKET;
for (const c of SEPARATORS) CLASS[c.charCodeAt(0)]! |= SEPARATOR;
SKIPS_BY_FIRST.forEach((list, n) => {
  if (list) CLASS[n]! |= SKIP_START;
});

/** Whether the character at `i` continues a word (not when `i` is outside the text). */
const isWordAt = (text: string, i: number) => i >= 0 && i < text.length && (CLASS[text.charCodeAt(i)]! & WORD) !== 0;

function skipAt(text: string, i: number): { what: "date" | "version" | "url" | "code"; end: number } | null {
  const code = text.charCodeAt(i);
  const candidates = code < 128 ? SKIPS_BY_FIRST[code] : undefined;
  if (candidates === undefined) return null;
  for (const [re, what] of candidates) {
    re.lastIndex = i;
    const m = re.exec(text);
    // `800.000.000` is a number with dots for thousands, not a version.
    if (m && what === "version" && /^\d{1,3}(?:\.\d{3})+$/.test(m[0])) continue;
    // `1.5.3%`, `$1.2.5`: a unit or currency on it makes it a mistyped figure, refused as one.
    if (m && what === "version" && /^\d/.test(m[0]) && (/^\s?[%％]/.test(text.slice(i + m[0].length, i + m[0].length + 2)) || /[$＄¥￥€]$/.test(text.slice(Math.max(0, i - 1), i)))) continue;
    if (m) return { what, end: i + m[0].length };
  }
  return null;
}

/** Bracket pairs of a text, in one pass: `pairs[open] = close`, unmatched openers absent. */
function bracketPairs(text: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: number[] = [];
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (OPEN[c]) {
      if (stack.length < 64) stack.push(k);
    } else if (CLOSE.has(c)) {
      // Close the nearest opener of this kind; openers left inside stay unmatched.
      for (let s = stack.length - 1; s >= 0; s--) {
        if (OPEN[text[stack[s]!]!] === c) {
          pairs.set(stack[s]!, k);
          stack.length = s;
          break;
        }
      }
    }
  }
  return pairs;
}

/** Whether a figure may start here: not inside a word (`H100`, `GPT-4`) or another number. */
function figureMayStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text.charCodeAt(i - 1);
  if ((CLASS[prev]! & WORD) !== 0 || prev === 46) return false;
  // `GPT-4`, `Qwen2-7B`: a dash glued to a word before it.
  if (prev === 45 && isWordAt(text, i - 2)) return false;
  return true;
}

const MAX_DEPTH = 3;

const NO_PAIRS = new Map<number, number>();

export function scan(text: string, ctx: GrammarContext, models: ModelSpans = []): Token[] {
  return scanRange(text, 0, text.length, ctx, models, BRACKETS.test(text) ? bracketPairs(text) : NO_PAIRS, 0);
}

function scanRange(text: string, from: number, to: number, ctx: GrammarContext, models: ModelSpans, pairs: Map<number, number>, depth: number): Token[] {
  const tokens: Token[] = [];
  let m = 0;
  let i = from;
  while (i < to) {
    while (m < models.length && models[m]![0] < i) m++;
    const model = models[m];
    if (model && model[0] === i && model[1] <= to) {
      tokens.push({ kind: "model", name: model[2], start: i, end: model[1] });
      i = model[1];
      continue;
    }
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9) {
      i++;
      continue;
    }
    const cls = CLASS[code]!;
    const mayStart = figureMayStart(text, i);
    const skip = (cls & SKIP_START) !== 0 && (mayStart || code === 104) ? skipAt(text, i) : null;
    if (skip && skip.end <= to) {
      tokens.push({ kind: "skip", what: skip.what, start: i, end: skip.end });
      i = skip.end;
      continue;
    }
    const arrow = (cls & ARROW_START) !== 0 ? ARROWS.find((a) => text.startsWith(a, i)) : undefined;
    if (arrow) {
      tokens.push({ kind: "arrow", start: i, end: i + arrow.length });
      i += arrow.length;
      continue;
    }
    if ((cls & BRACKET) !== 0) {
      const close = OPEN[text[i]!] ? pairs.get(i) : undefined;
      if (close !== undefined && close < to) {
        const inner = depth < MAX_DEPTH ? scanRange(text, i + 1, close, ctx, models, pairs, depth + 1) : [];
        tokens.push({ kind: "note", text: text.slice(i + 1, close), tokens: inner, start: i, end: close + 1 });
        i = close + 1;
        continue;
      }
      i++;
      continue;
    }
    if (mayStart && mayStartQuantity(text, i)) {
      const q = readQuantity(text, i, ctx);
      if (q !== null && (isRefusal(q) || q.end > i)) {
        const end = Math.min(to, Math.max(q.end, i + 1));
        if (isRefusal(q)) tokens.push({ kind: "refused", reason: q.refuse, text: text.slice(i, end), start: i, end });
        else tokens.push({ kind: "figure", q, start: i, end });
        i = end;
        continue;
      }
    }
    if ((cls & SEPARATOR) !== 0) {
      tokens.push({ kind: "sep", text: text[i]!, start: i, end: i + 1 });
      i++;
      continue;
    }
    let j = i + 1;
    if ((cls & (LATIN | DIGIT)) !== 0) {
      for (; j < to; j++) {
        const n = text.charCodeAt(j);
        if ((CLASS[n]! & WORD) !== 0) continue;
        // `gpt-4o`, `v1.5`: a dash or point between word characters stays in the word.
        if ((n === 45 || n === 46) && isWordAt(text, j + 1)) continue;
        break;
      }
    } else if (isCjkCode(code)) {
      // A run of Japanese stops where a figure could start (`平均1.5秒`).
      while (j < to && isCjkCode(text.charCodeAt(j)) && !barePeriodAt(text, j)) j++;
    }
    tokens.push({ kind: "word", text: text.slice(i, j), start: i, end: j });
    i = j;
  }
  return tokens;
}
