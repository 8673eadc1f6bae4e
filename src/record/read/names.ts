/** Model names compared as people mean them: case, width, spacing, dashes and notes aside. */
import { normalizeText } from "../quantity/text.js";
import { withoutNotes } from "../registry/labels.js";
import { TextMemo } from "../memo.js";

const CACHE = new TextMemo<string>();

/** `GPT-4o mini`, `gpt-4o-mini` and `GPT‑4o Mini（API）` fold alike; zero-width characters vanish. */
export function foldName(name: string): string {
  const hit = CACHE.get(name);
  if (hit !== undefined) return hit;
  const folded = normalizeText(withoutNotes(name))
    .toLowerCase()
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/[\s\-_.·・:：'"`*]+/g, "");
  CACHE.set(name, folded);
  return folded;
}
