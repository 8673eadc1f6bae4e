/**
 * Word tables: a list of written forms, each with what it means, matched at a position of a
 * normalised text. Latin forms match case-insensitively and only as whole words; Japanese forms
 * match wherever they start. The longest form wins, so `per million` beats `per`.
 */

const LATIN_WORD = /[a-z0-9]/i;
const LETTER = /[a-z]/i;

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
  return c !== undefined && LATIN_WORD.test(c);
}

/**
 * Builds a matcher over `entries` (form → meaning). Forms are compared in lower case; a form that
 * begins or ends with a Latin letter or digit needs a word boundary on that side.
 */
export function wordTable<T>(entries: ReadonlyArray<readonly [string, T]>, options: { caseSensitive?: boolean } = {}): WordTable<T> {
  const fold = (s: string) => (options.caseSensitive ? s : s.toLowerCase());
  const byFirst = new Map<string, Array<readonly [string, T]>>();
  const sorted = [...entries].map(([form, v]) => [fold(form), v] as const).sort((a, b) => b[0].length - a[0].length);
  for (const entry of sorted) {
    const first = entry[0][0]!;
    const list = byFirst.get(first) ?? [];
    list.push(entry);
    byFirst.set(first, list);
  }
  const insensitive = !options.caseSensitive;
  const match = (text: string, at: number): WordHit<T> | null => {
    const c = text[at];
    if (c === undefined) return null;
    const code = c.charCodeAt(0);
    const list = byFirst.get(insensitive && code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : insensitive && code >= 128 ? c.toLowerCase() : c);
    if (!list) return null;
    for (let n = 0; n < list.length; n++) {
      const [form, value] = list[n]!;
      const end = at + form.length;
      if (end > text.length) continue;
      if (!sameAt(text, at, form, insensitive)) continue;
      if (isWordChar(form[form.length - 1]) && isWordChar(text[end])) continue;
      // A form glued to a number is fine (`100M`, `850ms`); glued to a letter it is inside a word.
      if (isWordChar(form[0]) && at > 0 && LETTER.test(text[at - 1] ?? "")) continue;
      return { value, end };
    }
    return null;
  };
  return Object.assign(match, { firsts: new Set(byFirst.keys()) });
}

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
