/**
 * Reads one number as records write it: digits with thousands separators and a decimal mark,
 * then an optional multiplier (`K`, `million`, `万`, `1億2,000万`). A separator with two readings
 * (`128.000`, `1,000` in a record that writes decimal commas) is read only when the record's own
 * numbers settle which convention it uses; otherwise the number is refused, never guessed.
 */
import { CJK_LARGE, CJK_SMALL, MULTIPLIER_SYMBOL, MULTIPLIER_WORD } from "./lexicon.js";
import { isWordChar } from "./words.js";

/** Which character a record uses as its decimal mark, when its numbers say so. */
export type DecimalMark = "dot" | "comma" | null;

export interface NumberRead {
  value: number;
  /** The size of one unit of the last written digit, multiplier included (`140M` → 1e6). */
  step: number;
  /** The multiplier that was applied, for explaining the reading (`万` → 1e4). */
  multiplier: number;
  multiplierText: string | null;
  end: number;
}

export interface Refusal {
  refuse: string;
  end: number;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/** More digits than any real figure has: beyond this a number is refused, not rounded. */
const MAX_DIGITS = 18;

/**
 * The decimal mark a record's body writes, from forms that have one reading only: `62.5`, `0.82`,
 * `1,234.5` say dot; `62,5`, `0,45`, `1.234,5` say comma. Both, or neither: null.
 */
export function decimalMarkOf(text: string): DecimalMark {
  // A comma or dot with one or two digits after it (and no third) is a decimal mark; a leading
  // `0.` or `0,` is one too. Runs of groups of three say nothing.
  const dot = /(?:^|[^\d.,])\d+\.\d{1,2}(?![\d.,])|(?:^|[^\d.,])0\.\d+(?![\d,])|\d,\d{3}\.\d/.test(text);
  const comma = /(?:^|[^\d.,])\d+,\d{1,2}(?![\d.,])|(?:^|[^\d.,])0,\d+(?![\d.])|\d\.\d{3},\d/.test(text);
  if (dot === comma) return null;
  return dot ? "dot" : "comma";
}

/** Reads the digits at `at` with their separators. */
function readDigits(text: string, at: number, mark: DecimalMark): { value: number; decimals: number; end: number } | Refusal {
  // The run: digits, and `,` or `.` only where a digit follows.
  let end = at;
  while (end < text.length && (isDigit(text[end]) || ((text[end] === "," || text[end] === ".") && isDigit(text[end + 1])))) end++;
  // `32 768`, `1 000 000`: groups of three after spaces (the SI way), when every group is three.
  const group = (e: number) => text[e] === " " && isDigit(text[e + 1]) && isDigit(text[e + 2]) && isDigit(text[e + 3]) && !isDigit(text[e + 4]);
  if (end - at <= 3 && group(end) && text[end + 4] !== "." && text[end + 4] !== ",") {
    let e = end;
    while (group(e)) e += 4;
    if (!((text[e] === "." || text[e] === ",") && isDigit(text[e + 1]))) {
      const digits = text.slice(at, e).replace(/ /g, "");
      return { value: Number(digits), decimals: 0, end: e };
    }
  }
  // The common cases, read without splitting: plain digits, and digits with one decimal point
  // not followed by exactly three digits (`62.5`, `0.20`).
  let seps = 0;
  let sepAt = -1;
  for (let k = at; k < end; k++) {
    if (!isDigit(text[k])) {
      seps++;
      sepAt = k;
    }
  }
  if (seps === 0) {
    if (end - at > MAX_DIGITS) return { refuse: "the number has more digits than any real figure", end };
    return { value: Number(text.slice(at, end)), decimals: 0, end };
  }
  if (seps === 1 && text[sepAt] === "." && (end - sepAt - 1 !== 3 || text.slice(at, sepAt) === "0" || sepAt - at > 3) && end - at <= MAX_DIGITS) {
    return { value: Number(text.slice(at, end)), decimals: end - sepAt - 1, end };
  }
  const run = text.slice(at, end);
  const digits = run.replace(/[.,]/g, "");
  if (digits.length > MAX_DIGITS) return { refuse: "the number has more digits than any real figure", end };
  const commas = run.split(",").length - 1;
  const dots = run.split(".").length - 1;
  const groups = run.split(/[.,]/);
  // `000,125`, `01.500`: zeros before a separator are no number's way of being written.
  if (/^0\d/.test(run)) return { refuse: `"${run}" has leading zeros before a separator`, end };
  const threes = (gs: string[]) => gs.length > 1 && gs[0]!.length >= 1 && gs[0]!.length <= 3 && gs[0] !== "0" && gs.slice(1).every((g) => g.length === 3);
  const whole = (s: string) => ({ value: Number(s), decimals: 0, end });
  const decimal = (intPart: string, frac: string) => ({ value: Number(`${intPart}.${frac}`), decimals: frac.length, end });

  if (commas === 0 && dots === 0) return whole(run);
  if (commas > 0 && dots > 0) {
    // The last separator is the decimal mark; the other groups thousands.
    const lastComma = run.lastIndexOf(",");
    const lastDot = run.lastIndexOf(".");
    const decimalMark = lastDot > lastComma ? "." : ",";
    const thousands = decimalMark === "." ? "," : ".";
    const [intPart, frac] = [run.slice(0, Math.max(lastComma, lastDot)), run.slice(Math.max(lastComma, lastDot) + 1)];
    if (intPart.includes(decimalMark) || !threes(intPart.split(thousands))) return { refuse: `"${run}" mixes separators in a way that has no single reading`, end };
    return decimal(intPart.split(thousands).join(""), frac);
  }
  const sep = commas > 0 ? "," : ".";
  const count = commas + dots;
  if (count > 1) {
    if (threes(groups)) return whole(digits);
    // Indian grouping: 1,00,000 (lakh), 1,00,00,000 (crore).
    if (sep === "," && groups.length > 2 && groups[groups.length - 1]!.length === 3 && groups.slice(1, -1).every((g) => g.length === 2) && groups[0]!.length <= 2) return whole(digits);
    return { refuse: `"${run}" is not a number (separators in the wrong places)`, end };
  }
  const [intPart, frac] = groups as [string, string];
  if (frac.length !== 3 || intPart === "0" || intPart.length > 3) {
    if (sep === ".") return decimal(intPart, frac);
    // A comma before one or two digits, or after a lone 0, has no thousands reading: it is a
    // decimal comma.
    if (frac.length <= 2 || intPart === "0") return decimal(intPart, frac);
    return { refuse: `"${run}" has no single reading (a comma before ${frac.length} digits)`, end };
  }
  // `1,000` or `1.250`: thousands or decimals — the record's own convention decides.
  if (sep === ",") return mark === "comma" ? { refuse: `"${run}" has two readings in a record that writes decimal commas`, end } : whole(digits);
  if (mark === "dot") return decimal(intPart, frac);
  if (mark === "comma") return whole(digits);
  return { refuse: `"${run}" has two readings (a thousands separator or a decimal point) and the record does not settle which`, end };
}

/** A Latin multiplier after the number: `K`, `M`, ` million`, `bn`. */
function latinMultiplier(text: string, at: number): { factor: number; text: string; end: number } | null {
  const spaced = text[at] === " " ? at + 1 : at;
  const word = MULTIPLIER_WORD(text, spaced);
  if (word) return { factor: word.value, text: text.slice(spaced, word.end), end: word.end };
  // Symbols only glued to the number or after one space: `100M`, `100 M`.
  const sym = MULTIPLIER_SYMBOL(text, spaced);
  if (sym) return { factor: sym.value, text: text.slice(spaced, sym.end), end: sym.end };
  // `100m tokens`: a lower-case m is a million only before a token or parameter count.
  if (text[spaced] === "m" && !isWordChar(text[spaced + 1]) && /^ ?(?:input |output |in |out )?(?:tokens?|params?|parameters|トークン|パラメータ)/i.test(text.slice(spaced + 1, spaced + 24))) {
    return { factor: 1e6, text: "m", end: spaced + 1 };
  }
  return null;
}

/**
 * A number at `at` (a digit), with any multiplier. Returns null when there is no digit there.
 * `mark` is the record's decimal mark, for separators with two readings.
 */
export function readNumber(text: string, at: number, mark: DecimalMark): NumberRead | Refusal | null {
  if (!isDigit(text[at])) return null;
  let total = 0;
  let group = 0;
  let step = 1;
  let pos = at;
  let lastLarge = Infinity;
  let multiplierText: string | null = null;
  let multiplier = 1;
  // One pass over terms `<digits>[千百][万億兆]`: `1億2,000万`, `12万8千`, `5千万`, `3.5億`.
  for (;;) {
    const digits = readDigits(text, pos, mark);
    if ("refuse" in digits) return digits;
    let termStep = 10 ** -digits.decimals;
    let term = digits.value;
    pos = digits.end;
    const small = CJK_SMALL[text[pos] ?? ""];
    if (small) {
      term *= small;
      termStep *= small;
      pos++;
    }
    const large = CJK_LARGE[text[pos] ?? ""];
    if (large) {
      if (large >= lastLarge) return { refuse: `"${text.slice(at, pos + 1)}" repeats or reverses 万/億/兆`, end: pos + 1 };
      total += (group + term) * large;
      step = termStep * large;
      group = 0;
      lastLarge = large;
      multiplier = large;
      multiplierText = text.slice(at, pos + 1).replace(/[\d.,]/g, "");
      pos++;
      if (isDigit(text[pos])) continue;
      break;
    }
    if (small && lastLarge === Infinity) {
      multiplier = small;
      multiplierText = text[pos - 1]!;
    }
    group += term;
    step = termStep;
    break;
  }
  total += group;
  if (multiplierText !== null || lastLarge !== Infinity) multiplierText = text.slice(at, pos).replace(/[\d.,]/g, "");
  if (lastLarge === Infinity && !CJK_SMALL[text[pos - 1] ?? ""]) {
    const latin = latinMultiplier(text, pos);
    if (latin) {
      total *= latin.factor;
      step *= latin.factor;
      multiplier = latin.factor;
      multiplierText = latin.text;
      pos = latin.end;
    }
  }
  if (!Number.isFinite(total)) return { refuse: "the number is too large", end: pos };
  return { value: total, step, multiplier, multiplierText, end: pos };
}
