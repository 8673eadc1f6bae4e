/**
 * Text as the grammar reads it: control and bidirectional characters removed (they are never part
 * of a record's meaning, and in a terminal or a comment they can rewrite what a reader sees), then
 * NFKC (full-width digits, letters and punctuation become ASCII), minus signs and dashes as `-`,
 * bold and italic markers dropped.
 */
import { byCode, TextMemo } from "../memo.js";

const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Control characters (C0 but tab and line breaks, DEL, C1), bidirectional controls and marks, and
 * invisible characters (zero-width spaces and joiners, soft hyphen, BOM) removed: `GPT-4o` and
 * `GPT-4o\u200b` are one name.
 */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, "");
}

/** The first `n` UTF-16 units of `text`, never cutting a character in half (a lone surrogate). */
export function clip(text: string, n: number): string {
  if (text.length <= n) return text;
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/** What cleanInline changes: a control or invisible character, or a line break of any kind. */
const NOT_INLINE = new RegExp(`${CONTROLS.source}|[\\t\\n\\r\\u2028\\u2029]`);

/** A one-line fact from outside (a name, an id, a key): line breaks of any kind become spaces. */
export function cleanInline(text: string): string {
  if (!NOT_INLINE.test(text)) return text;
  return stripControls(text).replace(/[\t\n\r\u2028\u2029]+/g, " ");
}

const PATH_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** A file name as it is shown: each character that could rewrite the output is a `?`, as `ls` shows it. */
export function cleanPath(path: string): string {
  return path.replace(PATH_UNSAFE, "?");
}

const CACHE = new TextMemo<string>();

const COMPOSES = /\p{M}|[\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/u;

/**
 * Characters that normalising leaves as they are, wherever they stand: NFKC maps each to itself,
 * none is removed or replaced, and none composes with a character before it (no combining mark,
 * no conjoining Hangul jamo) — so a text of such characters alone is its own normal form.
 * Decided once per character, by asking `normalize` itself.
 */
const inertness = byCode((code) => {
  const c = String.fromCharCode(code);
  return !(code >= 0xd800 && code <= 0xdfff) && !COMPOSES.test(c) && normalizeUncached(c) === c ? 1 : 0;
});
const inert = (code: number): boolean => inertness(code) === 1;

/** Runs of characters other than printable ASCII and the line break: the only ones normalising may change. */
const OTHER_RUN = /[^\n\x20-\x7e]+/g;
const MARKERS = /\*\*|__/;

/**
 * What normalising does to `text`, told without normalising it: nothing (0), only drop `**` and `__`
 * (1: every other character is inert), or more (2). The regular expressions find the runs to look
 * at: a record's body is mostly ASCII, and they pass over it several times faster than a loop.
 */
function workOf(text: string): 0 | 1 | 2 {
  OTHER_RUN.lastIndex = 0;
  for (let m = OTHER_RUN.exec(text); m !== null; m = OTHER_RUN.exec(text)) {
    const end = OTHER_RUN.lastIndex;
    for (let i = m.index; i < end; i++) {
      if (!inert(text.charCodeAt(i))) {
        OTHER_RUN.lastIndex = 0;
        return 2;
      }
    }
  }
  return MARKERS.test(text) ? 1 : 0;
}

/** Whether normalising would leave `text` as it is. */
export function isNormal(text: string): boolean {
  return workOf(text) === 0;
}

export function normalizeText(text: string): string {
  const work = workOf(text);
  if (work === 0) return text;
  // Inert characters stay as they are whatever stands beside them: only the markers go.
  if (work === 1) return text.replace(/\*\*|__/g, "");
  // Labels, cells and names repeat within a record and across a batch: remember the short ones.
  const hit = text.length <= 200 ? CACHE.get(text) : undefined;
  if (hit !== undefined) return hit;
  const out = normalizeUncached(text);
  if (text.length <= 200) {
    CACHE.set(text, out);
  }
  return out;
}

function normalizeUncached(text: string): string {
  return stripControls(text)
    .normalize("NFKC")
    .replace(/\*\*|__/g, "")
    .replace(/[−–‐‑]/g, "-")
    .replace(/\u00a0/g, " ");
}

/** Japanese characters by code point: Hiragana, Katakana, CJK ideographs, `ー`, `々`, half-width kana. */
export function isCjk(c: string | undefined): boolean {
  return c !== undefined && isCjkCode(c.charCodeAt(0));
}

/** `isCjk` of a character's code. */
export function isCjkCode(n: number): boolean {
  return (n >= 0x3040 && n <= 0x30ff) || (n >= 0x4e00 && n <= 0x9fff) || (n >= 0x3400 && n <= 0x4dbf) || n === 0x3005 || (n >= 0xff66 && n <= 0xff9f) || (n >= 0xf900 && n <= 0xfaff);
}
