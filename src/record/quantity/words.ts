/**
 * Word tables: a list of written forms, each with what it means, matched at a position of a
 * normalised text. Latin forms match case-insensitively and only as whole words; Japanese forms
 * match wherever they start. The longest form wins, so `per million` beats `per`.
 */

import { byCode } from "../memo.js";

/** ASCII letters and digits by code: called for every position a table is tried at. */
const isLatinWordCode = (n: number) => (n >= 48 && n <= 57) || (n >= 65 && n <= 90) || (n >= 97 && n <= 122);
export const isLetterCode = (n: number) => (n >= 65 && n <= 90) || (n >= 97 && n <= 122);

export interface WordHit<T> {
  value: T;
  end: number;
}

export interface WordTable<T> {
  (text: string, at: number): WordHit<T> | null;
  /** The characters a form can begin with (lower case when the table ignores case). */
  readonly firsts: ReadonlySet<string>;
}

/** Whether `c` continues a Latin word (so a form ending before it is not a whole word). */
export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && c.length > 0 && isLatinWordCode(c.charCodeAt(0));
}

/**
 * Builds a matcher over `entries` (form → meaning). Forms are compared in lower case; a form that
 * begins or ends with a Latin letter or digit needs a word boundary on that side.
 */
export function wordTable<T>(entries: ReadonlyArray<readonly [string, T]>, options: { caseSensitive?: boolean } = {}): WordTable<T> {
  const fold = (s: string) => (options.caseSensitive ? s : s.toLowerCase());
  type Entry = { form: string; value: T; latinStart: boolean; latinEnd: boolean };
  const byFirst = new Map<number, Entry[]>();
  const sorted = [...entries].map(([form, v]) => [fold(form), v] as const).sort((a, b) => b[0].length - a[0].length);
  for (const [form, value] of sorted) {
    const first = form.charCodeAt(0);
    const list = byFirst.get(first) ?? [];
    list.push({ form, value, latinStart: isLatinWordCode(first), latinEnd: isLatinWordCode(form.charCodeAt(form.length - 1)) });
    byFirst.set(first, list);
  }
  // Forms by first character: ASCII ones in an array by code, as a table is tried at almost every position.
  const ascii: Array<Entry[] | undefined> = Array.from({ length: 128 }, (_, n) => byFirst.get(n));
  const insensitive = !options.caseSensitive;
  const match = (text: string, at: number): WordHit<T> | null => {
    if (at >= text.length) return null;
    let code = text.charCodeAt(at);
    if (insensitive && code >= 65 && code <= 90) code += 32;
    else if (insensitive && code >= 128) code = lowerFirst(code);
    const list = code < 128 ? ascii[code] : byFirst.get(code);
    if (!list) return null;
    for (let n = 0; n < list.length; n++) {
      const e = list[n]!;
      const end = at + e.form.length;
      if (end > text.length) continue;
      if (!sameAt(text, at, e.form, insensitive)) continue;
      if (e.latinEnd && end < text.length && isLatinWordCode(text.charCodeAt(end))) continue;
      // A form glued to a number is fine (`100M`, `850ms`); glued to a letter it is inside a word.
      if (e.latinStart && at > 0 && isLetterCode(text.charCodeAt(at - 1))) continue;
      return { value: e.value, end };
    }
    return null;
  };
  return Object.assign(match, { firsts: new Set([...byFirst.keys()].map((c) => String.fromCharCode(c))) });
}

/** The first code of a character's lower case. */
const lowerFirst = byCode((code) => String.fromCharCode(code).toLowerCase().charCodeAt(0));

/** Whether a character can begin any form of the tables (case folded as each table folds). */
export function mayBegin(tables: ReadonlyArray<WordTable<unknown>>, c: string): boolean {
  const lower = c.toLowerCase();
  return tables.some((t) => t.firsts.has(c) || t.firsts.has(lower));
}

/** Whether `form` (already lower case when `insensitive`) is written at `at`, compared without copying. */
function sameAt(text: string, at: number, form: string, insensitive: boolean): boolean {
  for (let k = 0; k < form.length; k++) {
    let a = text.charCodeAt(at + k);
    // ASCII upper case to lower case; other characters compare as they are.
    if (insensitive && a >= 65 && a <= 90) a += 32;
    if (a !== form.charCodeAt(k)) {
      if (!insensitive || a < 128) return false;
      if (text[at + k]!.toLowerCase() !== form[k]) return false;
    }
  }
  return true;
}

/** Index of the first character at or after `at` that is not a space. */
export function skipSpaces(text: string, at: number, max = 3): number {
  let i = at;
  while (i < text.length && i - at < max && text[i] === " ") i++;
  return i;
}
