/**
 * The quantity grammar: one figure as records write it — `$0.20/1M tokens`, `約20万トークン`,
 * `8割5分`, `¥15/100万トークン`, `$60k/year`, `850ms`, `47 of 50`, `2.8〜3.4秒` — read into a
 * value with its dimension, currency, denominator and period, or refused with a reason.
 * Composed from small readers over the word tables of lexicon.ts; each reads forward only, so a
 * hostile line costs time linear in its length.
 */
import {
  AFTER_FIGURE, BEFORE_FIGURE, COUNT_NOUN, CURRENCY_AFTER, CURRENCY_BEFORE, DURATION, MULTIPLIER_WORD, PARAMS, PER,
  PER_AFTER, PER_MONTH, PERCENT, PERIOD_UNIT, PERIOD_WORD, POINTS, RANGE_DASH, SIDE, STAT, TIMES, TPS,
  type CountUnit, type Currency, type CurrencyMark, type Period, type Side, type Stat,
} from "./lexicon.js";
import { readNumber, type DecimalMark, type Refusal } from "./number.js";
import { byCode } from "../memo.js";
import { isWordChar, skipSpaces } from "./words.js";

export type Dimension =
  | "percent" | "points" | "fraction" | "money" | "duration" | "tokens" | "params" | "count" | "times" | "throughput" | "number";

export interface Quantity {
  /**
   * Normalised: seconds; percent; money per 1M tokens when per tokens, per one unit otherwise;
   * a figure with a period is per month; a fraction is its ratio (k / n).
   */
  value: number;
  dimension: Dimension;
  currency: Currency | null;
  /** What money is per: tokens (then `value` is per 1M) or another unit. */
  per: CountUnit | null;
  /** The denominator as written (`per 1K` → 1,000), before `value` was put per 1M tokens. */
  perSize: number | null;
  /** What a count counts (`50,000 images`, `1.9回`). */
  noun: CountUnit | null;
  /** The period as written; `value` is already per month. */
  period: Period | null;
  approx: boolean;
  /** A bound (`>80%`, `140M以上`): a target or threshold rather than a measurement. */
  bound: "min" | "max" | null;
  stat: Stat | null;
  side: Side | null;
  /** Both ends, normalised like `value` (which is then the lower end, never to be used alone). */
  range: [number, number] | null;
  /** `47/50`, `47 of 50`, `50件中47件`, `3.9/5`. */
  fraction: { k: number; n: number } | null;
  /** One unit of the last written digit, normalised like `value`: the figure's own rounding. */
  step: number;
  /** An explicit sign was written. */
  signed: boolean;
  /** Each conversion applied, in words, for `show`. */
  steps: string[];
  start: number;
  end: number;
}

export interface QuantityRefusal extends Refusal {
  start: number;
}

export interface GrammarContext {
  decimal: DecimalMark;
}

const DIGIT = /[0-9]/;
const isDigit = (c: string | undefined) => c !== undefined && DIGIT.test(c);
/** `1000000` → `1,000,000`, without the cost of loading locale data. */
const fmt = (n: number) => (Number.isInteger(n) && Math.abs(n) < 1e21 ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",") : String(Number(n.toPrecision(10))));
const LATIN_START = /[a-z]/i;
const AND_TO = /(?:and|to|から) ?/iy;
const OF = / (?:of|out of) /iy;
const BETWEEN = /between /iy;
const sticky = (re: RegExp, text: string, at: number) => {
  re.lastIndex = at;
  return re.exec(text);
};

/** Plain figures no real record needs: refused at the grammar rather than printed as `$1.8e+304`. */
const MAX_MAGNITUDE = 1e16;

interface Draft {
  value: number;
  step: number;
  multiplier: number;
  multiplierText: string | null;
  currency: CurrencyMark | null;
  dimension: Dimension;
  per: CountUnit | null;
  perSize: number;
  noun: CountUnit | null;
  period: Period | null;
  approx: boolean;
  bound: "min" | "max" | null;
  stat: Stat | null;
  side: Side | null;
  high: number | null;
  fraction: { k: number; n: number } | null;
  signed: boolean;
  negative: boolean;
  factor: number;
  steps: string[];
  /** The figure began with `between`, so `and` / `to` join a range. */
  rangeWord: boolean;
}

type Reader = (text: string, pos: number, d: Draft, ctx: GrammarContext) => number | Refusal | null;

/** `約`, `about`, `>`, `平均`, `p95`, `月額`: words before the figure. */
const readPrefixes: Reader = (text, pos, d) => {
  let p = pos;
  for (let guard = 0; guard < 5; guard++) {
    const at = skipSpaces(text, p);
    const approx = BEFORE_FIGURE(text, at);
    if (approx) {
      if (approx.value === "approx") d.approx = true;
      else d.bound = approx.value;
      p = approx.end;
      continue;
    }
    const stat = STAT(text, at);
    if (stat) {
      d.stat = stat.value;
      p = stat.end;
      if (text[p] === ":" || text[p] === "=") p++;
      continue;
    }
    const period = PERIOD_WORD(text, at);
    if (period && !LATIN_START.test(text[at]!)) {
      // Only the compact Japanese forms stand before a figure (`月額¥120,000`).
      d.period = period.value;
      p = period.end;
      if (text[p] === ":") p++;
      continue;
    }
    // `月 $7,900`, `年 360万円`: a lone 月 or 年 right before an amount of money, not after a date's digits.
    if (d.period === null && !isDigit(text[at - 1]) && barePeriodAt(text, at)) {
      d.period = text[at] === "月" ? "month" : "year";
      p = at + 1;
      continue;
    }
    break;
  }
  return p;
};

/**
 * `82.6 ± 1.0`, `71.2% +/- 0.8`: an interval around the figure. The figure is its centre; the
 * interval is said in the reading's steps.
 */
function readPlusMinus(text: string, pos: number, d: Draft, ctx: GrammarContext): number {
  const at = skipSpaces(text, pos, 1);
  const mark = text[at] === "±" ? 1 : text.startsWith("+/-", at) || text.startsWith("+/−", at) ? 3 : 0;
  if (mark === 0) return pos;
  const p = skipSpaces(text, at + mark, 1);
  const n = readNumber(text, p, ctx.decimal);
  if (!n || "refuse" in n) return pos;
  let end = n.end;
  // The interval's own unit, when it repeats the figure's (`82.6% ± 1.0%`, `1.2 s ± 0.1 s`).
  const unit = /^\s?(?:%|％|pp|pts?|s|ms|秒)(?![A-Za-z])/.exec(text.slice(end, end + 4));
  if (unit) end += unit[0].length;
  d.steps.push(`± ${text.slice(p, n.end)}: an interval around the figure, which is its centre`);
  return end;
}

function readSign(text: string, pos: number, d: Draft): number {
  const c = text[pos];
  if ((c === "+" || c === "-") && (isDigit(text[pos + 1]) || CURRENCY_BEFORE(text, pos + 1) || (text[pos + 1] === " " && isDigit(text[pos + 2])))) {
    d.signed = true;
    d.negative = c === "-";
    return text[pos + 1] === " " ? pos + 2 : pos + 1;
  }
  return pos;
}

/** After the number: notations the grammar refuses rather than misread. */
function refuseNotation(text: string, pos: number, value: number): Refusal | null {
  const c = text[pos];
  if ((c === "e" || c === "E") && (isDigit(text[pos + 1]) || ((text[pos + 1] === "+" || text[pos + 1] === "-") && isDigit(text[pos + 2])))) {
    return { refuse: "scientific notation is not read", end: pos + 2 };
  }
  if (value === 0 && (c === "x" || c === "X") && /[0-9a-f]/i.test(text[pos + 1] ?? "")) {
    let end = pos + 1;
    while (end < text.length && /[0-9a-f]/i.test(text[end]!)) end++;
    return { refuse: "a hexadecimal number is not read", end };
  }
  if (c === "⁄") return { refuse: "a fraction character is not read", end: pos + 2 };
  if (c === "." && isDigit(text[pos + 1])) return { refuse: "the number has more than one decimal point", end: pos + 2 };
  return null;
}

/** `2.8〜3.4`, `1.2–1.5`, `between 300M and 400M`. */
const readRange: Reader = (text, pos, d, ctx) => {
  let p = skipSpaces(text, pos, 1);
  const dash = RANGE_DASH(text, p);
  const and = d.rangeWord ? sticky(AND_TO, text, text[p] === " " ? p + 1 : p) : null;
  let q: number;
  if (dash && text.slice(p, p + 2) !== "->" && !(text[p] === "~" && text[p + 1] === ">")) q = skipSpaces(text, dash.end, 1);
  else if (and && d.approx === false && d.bound === null && d.rangeWord) q = and.index + and[0].length;
  else return pos;
  const currency = CURRENCY_BEFORE(text, q);
  if (currency) q = currency.end;
  const n = readNumber(text, q, ctx.decimal);
  if (!n || "refuse" in n) return pos;
  // One multiplier for both ends: `300–400M`, `20〜30万`.
  d.high = n.value;
  if (n.multiplier === 1 && d.multiplier !== 1) d.high *= d.multiplier;
  if (d.multiplier === 1 && n.multiplier !== 1) {
    d.value *= n.multiplier;
    d.step *= n.multiplier;
  }
  if (currency) setCurrency(d, currency.value);
  return n.end;
};

/** `68%–82%`, `1.5秒〜2.1秒`: a range with the unit written at both ends. */
function readRangeAfterUnit(text: string, pos: number, d: Draft, ctx: GrammarContext): number {
  const q = skipSpaces(text, pos, 1);
  const dash = RANGE_DASH(text, q);
  if (!dash || text.slice(q, q + 2) === "->" || (text[q] === "~" && text[q + 1] === ">")) return pos;
  let r = skipSpaces(text, dash.end, 1);
  const cur = CURRENCY_BEFORE(text, r);
  if (cur) r = cur.end;
  const m = readNumber(text, r, ctx.decimal);
  if (!m || "refuse" in m) return pos;
  const other = draft();
  other.value = m.value;
  other.step = m.step;
  const end = readUnit(text, m.end, other, ctx);
  if (typeof end !== "number" || other.dimension !== d.dimension) return pos;
  d.high = other.value;
  return end;
}

/** `47/50`, `3.9/5`, `47 of 50`, `50件中47件`. */
const readFraction: Reader = (text, pos, d, ctx) => {
  if (text[pos] === "/" && isDigit(text[pos + 1])) {
    const n = readNumber(text, pos + 1, ctx.decimal);
    if (!n || "refuse" in n) return pos;
    // `/1M`, `/100万トークン`, `/1K tokens`: a denominator of a price, not a fraction.
    const after = skipSpaces(text, n.end, 1);
    if (n.multiplier !== 1 || COUNT_NOUN(text, after) || PERIOD_UNIT(text, after) || isWordChar(text[n.end])) return pos;
    d.fraction = { k: d.value, n: n.value };
    return n.end;
  }
  // `4.1 / 5`, `8.2 / 10`: a score out of 5, 10 or 100, spaced. Other spaced slashes list pairs.
  if (text[pos] === " " && text[pos + 1] === "/" && text[pos + 2] === " " && isDigit(text[pos + 3])) {
    const n = readNumber(text, pos + 3, ctx.decimal);
    if (!n || "refuse" in n || n.multiplier !== 1 || isWordChar(text[n.end]) || text[n.end] === "." || text[n.end] === "%") return pos;
    if ((n.value === 5 || n.value === 10 || n.value === 100) && d.value <= n.value && d.value !== Math.trunc(d.value) && !/^\s*\/\s*\d/.test(text.slice(n.end))) {
      d.fraction = { k: d.value, n: n.value };
      return n.end;
    }
    return pos;
  }
  const of = text[pos] === " " ? sticky(OF, text, pos) : null;
  if (of) {
    const n = readNumber(text, pos + of[0].length, ctx.decimal);
    if (!n || "refuse" in n) return pos;
    d.fraction = { k: d.value, n: n.value };
    return n.end;
  }
  // `50件中47件`, `48本 のうち 44本`, `40問中36問`: k of n with a Japanese counter.
  const ja = /^ ?(件|本|個|問|枚|つ|回|人)? ?(中|のうち|うち) ?/.exec(text.slice(pos, pos + 8));
  if (ja && (ja[1] !== undefined || ja[2] !== "中")) {
    const k = readNumber(text, pos + ja[0].length, ctx.decimal);
    if (!k || "refuse" in k) return pos;
    d.fraction = { k: k.value, n: d.value };
    d.noun = "item";
    const counter = ja[1] ?? "件";
    return text.startsWith(counter, k.end) ? k.end + counter.length : k.end;
  }
  return pos;
};

/** `%`, `割`, `pt`, `ms`, `tokens`, `params`, `images`, `回`, `x`, `tok/s`: the unit of the figure. */
const readUnit: Reader = (text, pos, d) => {
  const p = skipSpaces(text, pos, 1);
  const glued = p === pos;
  if (text[p] === "割") {
    // 8割5分 = 85 %, 7割 = 70 %.
    let value = d.value * 10;
    let q = p + 1;
    const bu = /^(\d)分(?:(\d)厘)?/.exec(text.slice(q, q + 4));
    if (bu) {
      value += Number(bu[1]) + (bu[2] ? Number(bu[2]) / 10 : 0);
      q += bu[0].length;
      d.step = bu[2] ? 0.1 : 1;
    } else {
      d.step *= 10;
    }
    d.steps.push(`割 → % (${fmt(value)} %)`);
    d.value = value;
    if (d.high !== null) d.high *= 10;
    d.dimension = "percent";
    return q;
  }
  const percent = PERCENT(text, p);
  if (percent) {
    d.dimension = "percent";
    return percent.end;
  }
  const points = POINTS(text, p);
  if (points) {
    d.dimension = "points";
    return points.end;
  }
  const tps = TPS(text, p);
  if (tps) {
    d.dimension = "throughput";
    return tps.end;
  }
  // `200,000-token window`, `8-billion-parameter`: a compound adjective.
  if (glued && text[p] === "-" && (COUNT_NOUN(text, p + 1)?.value === "token" || PARAMS(text, p + 1))) {
    const noun = COUNT_NOUN(text, p + 1);
    if (noun?.value === "token") {
      d.dimension = "tokens";
      return noun.end;
    }
    d.dimension = "params";
    return PARAMS(text, p + 1)!.end;
  }
  // `input tokens`, `Input tokens`: a side word between the count and its noun.
  const side = SIDE(text, p);
  const afterSide = side ? skipSpaces(text, side.end, 1) : p;
  const noun = COUNT_NOUN(text, afterSide);
  if (noun && (side === null || noun.value === "token")) {
    if (side) d.side = side.value;
    if (noun.value === "token") {
      d.dimension = "tokens";
      const perSecond = /^ ?(?:\/ ?s(?:ec)?\b|per second|\/秒)/i.exec(text.slice(noun.end, noun.end + 12));
      if (perSecond) {
        d.dimension = "throughput";
        return noun.end + perSecond[0].length;
      }
    } else if (noun.value === "gpu_hour") {
      return p;
    } else {
      d.dimension = "count";
      d.noun = noun.value;
    }
    return noun.end;
  }
  if (PARAMS(text, p)) {
    d.dimension = "params";
    return PARAMS(text, p)!.end;
  }
  const duration = DURATION(text, p);
  // `5 s` and `5s` are seconds; `5 m` is nothing; a lone `h` needs to be glued (`2h`).
  const form = duration ? text.slice(p, duration.end) : "";
  if (duration && (glued || form.length > 1 || form === "s")) {
    let seconds = d.value * duration.value;
    let q = duration.end;
    d.step *= duration.value;
    // 1分30秒, 2h30min
    const rest = /^(\d{1,2})(秒|s|sec|min|分)/.exec(text.slice(q, q + 6));
    if (rest && duration.value > 1) {
      const sub = rest[2] === "秒" || rest[2] === "s" || rest[2] === "sec" ? 1 : 60;
      if (sub < duration.value) {
        seconds += Number(rest[1]) * sub;
        d.step = sub;
        q += rest[0].length;
      }
    }
    if (duration.value !== 1) d.steps.push(`${text.slice(p, duration.end)} → s (${fmt(seconds)} s)`);
    if (d.high !== null) d.high *= duration.value;
    d.value = seconds;
    d.dimension = "duration";
    return q;
  }
  const times = TIMES(text, p);
  // `2x`, `3.8倍`; `8x7B` is a name. `4x A100`, `4× H100`: a count of GPUs.
  if (times && glued && !isDigit(text[times.end])) {
    if (/^ ?(?:[A-Z]\d{2,4}|RTX|MI\d|TPU|L40|GB\d)/.test(text.slice(times.end, times.end + 5))) {
      d.dimension = "count";
      d.noun = "gpu";
      return times.end;
    }
    d.dimension = "times";
    return times.end;
  }
  return pos;
};

function setCurrency(d: Draft, mark: CurrencyMark): void {
  d.currency = mark;
  d.dimension = "money";
}

/**
 * `/1M tokens`, `per million input tokens`, `/100万トークン`, `per 1K`, `/MTok`, `per image`,
 * `/month`, `/GPU-hour`: what money (or a count) is per.
 */
const readPer: Reader = (text, pos, d, ctx) => {
  const start = skipSpaces(text, pos, 1);
  const per = PER(text, start);
  if (!per) return pos;
  let p = skipSpaces(text, per.end, 1);
  // A period: `/month`, `per year`.
  const period = PERIOD_UNIT(text, p);
  if (period && !isWordChar(text[period.end])) {
    d.period = period.value;
    return period.end;
  }
  let size = 1;
  let sizeText = "";
  const n = readNumber(text, p, ctx.decimal);
  if (n && !("refuse" in n)) {
    size = n.value;
    sizeText = text.slice(p, n.end);
    p = skipSpaces(text, n.end, 1);
  } else if (MTOK.test(text.slice(p, p + 10))) {
    // `/MTok`, `per M tokens`: a million tokens.
    d.per = "token";
    d.perSize = 1e6;
    return p + MTOK.exec(text.slice(p, p + 10))![0].length;
  } else {
    const word = MULTIPLIER_WORD(text, p) ?? (/^[KMB](?![a-z])/.test(text.slice(p, p + 2)) ? { value: { K: 1e3, M: 1e6, B: 1e9 }[text[p] as "K" | "M" | "B"], end: p + 1 } : null);
    if (word) {
      size = word.value;
      sizeText = text.slice(p, word.end);
      p = skipSpaces(text, word.end, 1);
    }
  }
  const side = SIDE(text, p);
  if (side) p = skipSpaces(text, side.end, 1);
  const noun = COUNT_NOUN(text, p);
  // `1.35B input tokens / 270M output tokens`: a count over a count is two figures, not a rate.
  if (noun && (d.dimension === "tokens" || d.dimension === "count" || d.dimension === "percent")) return pos;
  if (noun && noun.value !== "time") {
    d.per = noun.value === "gpu" ? "gpu_hour" : noun.value;
    // `/MTok`: a million tokens in one word.
    if (text.slice(p, noun.end).toLowerCase() === "mtok") size *= 1e6;
    if (noun.value === "gpu") {
      // `per GPU-hour`, `/GPU/hour`
      const hour = /^(?:-| |\/)?(?:hour|hr|h|時間)\b/i.exec(text.slice(noun.end, noun.end + 7));
      if (!hour) return pos;
      p = noun.end + hour[0].length;
    } else {
      p = noun.end;
    }
    if (side) d.side = side.value;
    d.perSize = size;
    const then = PER(text, skipSpaces(text, p, 1));
    if (then) {
      const per2 = PERIOD_UNIT(text, skipSpaces(text, then.end, 1));
      if (per2) {
        d.period = per2.value;
        return per2.end;
      }
    }
    return p;
  }
  if (size !== 1 && d.dimension === "money") {
    // `/1M`, `per million`: tokens are understood.
    d.per = "token";
    d.perSize = size;
    if (side) d.side = side.value;
    void sizeText;
    return side ? side.end : p;
  }
  return pos;
};

const MTOK = /^M ?tok(?:ens?|s)?(?![a-z])/i;

/** `100万トークンあたり15円`, `1リクエストあたり0.5円`: the denominator written first. */
function readPerFirst(text: string, pos: number, d: Draft, ctx: GrammarContext): number | Refusal | null {
  if (d.dimension !== "tokens" && d.dimension !== "count") return null;
  const after = PER_AFTER(text, skipSpaces(text, pos, 1));
  if (!after) return null;
  const inner = draft();
  let p = readPrefixes(text, after.end, inner, ctx) as number;
  p = readSign(text, skipSpaces(text, p), inner);
  const cur = CURRENCY_BEFORE(text, p);
  if (cur) {
    setCurrency(inner, cur.value);
    p = cur.end;
  }
  const n = readNumber(text, skipSpaces(text, p, 1), ctx.decimal);
  if (!n) return null;
  if ("refuse" in n) return n;
  p = n.end;
  if (!inner.currency) {
    const curAfter = CURRENCY_AFTER(text, skipSpaces(text, p, 1));
    if (!curAfter) return null;
    setCurrency(inner, curAfter.value);
    p = curAfter.end;
  }
  const size = d.value;
  d.per = d.dimension === "tokens" ? "token" : d.noun;
  d.perSize = size;
  d.noun = null;
  d.value = n.value;
  d.step = n.step;
  d.multiplier = n.multiplier;
  d.multiplierText = n.multiplierText;
  d.currency = inner.currency;
  d.dimension = "money";
  d.approx ||= inner.approx;
  if (inner.signed) {
    d.signed = true;
    d.negative = inner.negative;
  }
  return p;
}

function draft(): Draft {
  return {
    value: 0, step: 1, multiplier: 1, multiplierText: null, currency: null, dimension: "number", per: null, perSize: 1,
    noun: null, period: null, approx: false, bound: null, stat: null, side: null, high: null, fraction: null,
    signed: false, negative: false, factor: 1, steps: [], rangeWord: false,
  };
}

/** A period after the unit: ` a month`, `/mo`, ` per year`, ` monthly`. */
function readPeriodAfter(text: string, pos: number, d: Draft): number {
  if (d.period) return pos;
  const p = skipSpaces(text, pos, 1);
  const word = PERIOD_WORD(text, p);
  if (word && LATIN_START.test(text[p]!)) {
    d.period = word.value;
    return word.end;
  }
  return pos;
}

const tidy = (x: number) => (Number.isInteger(x) ? x : Number(x.toPrecision(15)));

function finish(text: string, start: number, end: number, d: Draft): Quantity | QuantityRefusal {
  if (d.currency !== null && typeof d.currency === "object") {
    return { refuse: `the currency ${d.currency.unknown} is not one migrate-eval reads (USD, JPY, EUR)`, start, end };
  }
  let value = d.negative ? -d.value : d.value;
  let high = d.high === null ? null : d.negative ? -d.high : d.high;
  let step = d.step;
  const steps = [...d.steps];
  if (d.multiplierText) steps.unshift(`${d.multiplierText} → ×${fmt(d.multiplier)}`);
  if (d.dimension === "money" && d.per === "token") {
    const f = 1e6 / d.perSize;
    if (f !== 1) steps.push(`per ${fmt(d.perSize)} tokens → per 1M (×${fmt(f)})`);
    value *= f;
    step *= f;
    if (high !== null) high *= f;
  } else if (d.dimension === "money" && d.per !== null && d.perSize !== 1) {
    const f = 1 / d.perSize;
    steps.push(`per ${fmt(d.perSize)} → per 1 (÷${fmt(d.perSize)})`);
    value *= f;
    step *= f;
    if (high !== null) high *= f;
  }
  if (d.period && d.dimension !== "duration" && d.dimension !== "percent") {
    const f = PER_MONTH[d.period];
    if (f !== 1) steps.push(`per ${d.period} → per month (×${fmt(f)})`);
    value *= f;
    step *= f;
    if (high !== null) high *= f;
  }
  if (Math.abs(value) > MAX_MAGNITUDE || (high !== null && Math.abs(high) > MAX_MAGNITUDE)) {
    return { refuse: "the figure is larger than any real record states", start, end };
  }
  const fraction = d.fraction;
  if (fraction) {
    if (!(fraction.n > 0)) return { refuse: "a fraction over zero", start, end };
    value = fraction.k / fraction.n;
    // `4.0〜4.3/5`: both ends are over the denominator.
    if (high !== null) high /= fraction.n;
  }
  // Fifteen significant digits where a multiplication made the value: `4.1B` is 4,100,000,000,
  // not 4,099,999,999.9999995.
  if (value !== d.value || d.multiplier !== 1) {
    value = tidy(value);
    step = tidy(step);
    if (high !== null) high = tidy(high);
  }
  const range: [number, number] | null = high === null ? null : [Math.min(value, high), Math.max(value, high)];
  return {
    value: range ? range[0] : value,
    dimension: fraction ? "fraction" : d.dimension,
    currency: d.currency as Currency | null,
    per: d.per,
    perSize: d.per ? d.perSize : null,
    noun: d.noun,
    period: d.period,
    approx: d.approx,
    bound: d.bound,
    stat: d.stat,
    side: d.side,
    range,
    fraction,
    step,
    signed: d.signed,
    steps,
    start,
    end,
  };
}

/**
 * Reads the figure starting at `at` (after any words before it). Returns null when there is no
 * number there, and a refusal when there is one the grammar will not read.
 */
export function readQuantity(text: string, at: number, ctx: GrammarContext): Quantity | QuantityRefusal | null {
  const d = draft();
  d.rangeWord = (text[at] === "b" || text[at] === "B") && sticky(BETWEEN, text, at) !== null;
  let p = d.rangeWord ? at + 8 : at;
  p = readPrefixes(text, p, d, ctx) as number;
  p = skipSpaces(text, p, 1);
  p = readSign(text, p, d);
  const before = CURRENCY_BEFORE(text, p);
  if (before) {
    setCurrency(d, before.value);
    p = skipSpaces(text, before.end, 1);
    p = d.signed ? p : readSign(text, p, d);
  }
  const n = readNumber(text, p, ctx.decimal);
  if (!n) return null;
  if ("refuse" in n) return { ...n, start: at };
  d.value = n.value;
  d.step = n.step;
  d.multiplier = n.multiplier;
  d.multiplierText = n.multiplierText;
  p = n.end;
  const bad = refuseNotation(text, p, n.value);
  if (bad) return { ...bad, start: at };

  p = readPlusMinus(text, p, d, ctx);
  for (const reader of [readRange, readFraction]) {
    const next = reader(text, p, d, ctx);
    if (next !== null && typeof next === "object") return { ...next, start: at };
    if (typeof next === "number") p = next;
  }
  if (!d.fraction) {
    const unit = readUnit(text, p, d, ctx);
    if (typeof unit === "number") p = readPlusMinus(text, unit, d, ctx);
    if (d.high === null && d.dimension !== "number") p = readRangeAfterUnit(text, p, d, ctx);
  }
  if (d.dimension !== "money" || d.currency === null) {
    const after = CURRENCY_AFTER(text, skipSpaces(text, p, 1));
    if (after && d.dimension === "number" && !d.fraction) {
      setCurrency(d, after.value);
      p = after.end;
    }
  }
  const first = readPerFirst(text, p, d, ctx);
  if (first !== null && typeof first === "object") return { ...first, start: at };
  if (typeof first === "number") p = first;
  else {
    const per = readPer(text, p, d, ctx);
    if (typeof per === "number") p = per;
  }
  // `$0.50/1M Input`: a side after the denominator.
  if (d.side === null && (d.per === "token" || d.dimension === "money")) {
    const q = skipSpaces(text, p, 1);
    const side = SIDE(text, q);
    if (side && side.value !== "both" && !isWordChar(text[side.end])) {
      d.side = side.value;
      p = side.end;
      const tokens = COUNT_NOUN(text, skipSpaces(text, p, 1));
      if (tokens?.value === "token") p = tokens.end;
      // `$4.00 out per 1M`: the denominator after the side.
      if (d.per === null) {
        const per = readPer(text, p, d, ctx);
        if (typeof per === "number") p = per;
      }
    }
  }
  p = readPeriodAfter(text, p, d);
  const suffixAt = skipSpaces(text, p, 1);
  const suffix = AFTER_FIGURE(text, suffixAt);
  // `800K+ downloads` is a bound; `$20 + $10` and `1+2` are sums.
  const plus = suffix !== null && text[suffixAt] === "+";
  const sum = plus && (suffixAt !== p || /^\s*[\d$¥€+\-]/.test(text.slice(suffix.end, suffix.end + 3)));
  if (suffix && !sum) {
    if (suffix.value === "approx") d.approx = true;
    else d.bound = suffix.value;
    p = suffix.end;
  }
  // `7O%`, `5x7`: letters glued to the figure that the grammar did not read make it no figure.
  if (/[A-Za-z0-9]/.test(text[p] ?? "") && /[0-9.]/.test(text[p - 1] ?? "")) {
    return { refuse: `"${text.slice(at, Math.min(text.length, p + 8)).trim()}" has text glued to the number`, start: at, end: p + 1 };
  }
  return finish(text, at, p, d);
}

const SIGNS = new Set(["+", "-", "~", "≈", "<", ">", "≥", "≤", "$", "¥", "€", "£", "₹", "₩", "₽"]);

/**
 * Whether a figure could start at `at`: a digit, a sign or currency, or a word a figure may begin
 * with (`約`, `about`, `平均`, `月額`, `USD`). Cheap, so a scan tries the full grammar only there.
 */
const PREFIX_TABLES = [BEFORE_FIGURE, STAT, PERIOD_WORD, CURRENCY_BEFORE];
const PREFIX_FIRSTS = new Set<string>();
for (const t of PREFIX_TABLES) for (const c of t.firsts) PREFIX_FIRSTS.add(c);

/** `月 $7,900`: a lone 月 or 年 before an amount of money, where a figure starts inside Japanese words. */
export function barePeriodAt(text: string, at: number): boolean {
  const c = text[at];
  return (c === "月" || c === "年") && CURRENCY_BEFORE(text, skipSpaces(text, at + 1)) !== null;
}

/**
 * What a character says of a figure starting at it, by code, decided on first sight: 1 it starts
 * one (a digit, a sign, a currency), 2 a word before a figure may start with it, 3 neither.
 */
const startOf = byCode((code) => {
  const c = String.fromCharCode(code);
  return (c >= "0" && c <= "9") || SIGNS.has(c) ? 1 : PREFIX_FIRSTS.has(c) || PREFIX_FIRSTS.has(c.toLowerCase()) || c === "b" || c === "B" ? 2 : 3;
});

export function mayStartQuantity(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const start = startOf(text.charCodeAt(at));
  if (start === 1) return true;
  if (start === 3) return false;
  if (barePeriodAt(text, at)) return true;
  return BEFORE_FIGURE(text, at) !== null || STAT(text, at) !== null || PERIOD_WORD(text, at) !== null || CURRENCY_BEFORE(text, at) !== null || (text.startsWith("between ", at));
}

export function isRefusal(x: Quantity | QuantityRefusal | null): x is QuantityRefusal {
  return x !== null && "refuse" in x;
}
