/** Model names compared as people mean them: case, width, spacing, dashes and notes aside. */
import { normalizeText } from "../quantity/text.js";
import { withoutNotes } from "../registry/labels.js";

const CACHE = new Map<string, string>();

/** `GPT-4o mini`, `gpt-4o-mini` and `GPT‑4o Mini（API）` fold alike; zero-width characters vanish. */
export function foldName(name: string): string {
  const hit = CACHE.get(name);
  if (hit !== undefined) return hit;
  const folded = normalizeText(withoutNotes(name))
    .toLowerCase()
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/[\s\-_.·・:：'"`*]+/g, "");
  if (CACHE.size > 20_000) CACHE.clear();
  CACHE.set(name, folded);
  return folded;
}
