/**
 * Text as the grammar reads it: control and bidirectional characters removed (they are never part
 * of a record's meaning, and in a terminal or a comment they can rewrite what a reader sees), then
 * NFKC (full-width digits, letters and punctuation become ASCII), minus signs and dashes as `-`,
 * bold and italic markers dropped.
 */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function stripControls(text: string): string {
  return text.replace(CONTROLS, "");
}

/** Text with nothing NFKC or the markers below would change: printable ASCII without `**` or `__`. */
const PLAIN = /^[\x20-\x7e]*$/;

const CACHE = new Map<string, string>();

export function normalizeText(text: string): string {
  if (PLAIN.test(text) && !text.includes("**") && !text.includes("__")) return text;
  // Labels, cells and names repeat within a record and across a batch: remember the short ones.
  const hit = text.length <= 200 ? CACHE.get(text) : undefined;
  if (hit !== undefined) return hit;
  const out = normalizeUncached(text);
  if (text.length <= 200) {
    if (CACHE.size >= 20_000) CACHE.clear();
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
  if (c === undefined) return false;
  const n = c.charCodeAt(0);
  return (n >= 0x3040 && n <= 0x30ff) || (n >= 0x4e00 && n <= 0x9fff) || (n >= 0x3400 && n <= 0x4dbf) || n === 0x3005 || (n >= 0xff66 && n <= 0xff9f) || (n >= 0xf900 && n <= 0xfaff);
}
