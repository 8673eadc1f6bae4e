/**
 * Whole values from frontmatter, flags and policies, read by the same grammar as the body:
 * `100M`, `2.5B`, `50,000`, `1億` tokens; `$50,000`, `50000` money. The whole text must be one
 * figure — `""`, `"$"`, `"0x1F4"` or `"100 apples"` are not.
 */
import { isRefusal, readQuantity } from "./quantity.js";
import { normalizeText } from "./text.js";

/** More tokens a month than any deployment: beyond it a figure is a typo or an attack. */
export const MAX_TOKENS = 1e15;

function whole(input: string) {
  const text = normalizeText(input).trim();
  if (text === "" || text.length > 64) return null;
  const q = readQuantity(text, 0, { decimal: "dot" });
  if (q === null || isRefusal(q) || q.end !== text.length || q.range || q.bound || q.signed || q.fraction) return null;
  return q;
}

/** `100M`, `1.5B`, `50000`, `20万` or a number: a whole count of tokens, or null. */
export function parseTokenCount(input: unknown): number | null {
  if (typeof input === "number") return Number.isFinite(input) && input >= 0 && input <= MAX_TOKENS ? input : null;
  if (typeof input !== "string") return null;
  // `100m` reads as 100M in a flag or a frontmatter value: there is no other reading.
  const q = whole(input.replace(/(\d)\s?m(?=\s*(?:tokens?)?\s*$)/i, "$1M"));
  if (!q || (q.dimension !== "number" && q.dimension !== "tokens") || q.period !== null) return null;
  return q.value >= 0 && q.value <= MAX_TOKENS ? q.value : null;
}

/** `$50,000`, `50000`, `¥1,200万`: an amount of money (its currency aside), or null. */
export function parseAmount(input: unknown): number | null {
  if (typeof input === "number") return Number.isFinite(input) && input >= 0 && input <= 1e13 ? input : null;
  if (typeof input !== "string") return null;
  const q = whole(input);
  if (!q || (q.dimension !== "number" && q.dimension !== "money") || q.per !== null || q.period !== null) return null;
  return q.value >= 0 && q.value <= 1e13 ? q.value : null;
}
