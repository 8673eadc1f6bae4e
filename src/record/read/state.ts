/** What a record's readers share while they walk it: the claim memory and the token reader. */
import { scan, type ModelSpans } from "../quantity/scan.js";
import type { Builder } from "./builder.js";
import { claimMemory, type ClaimMemory } from "./claims.js";
import { itemsOf, type Items } from "./items.js";

export interface LineState {
  claims: ClaimMemory;
  /** Lists and paragraphs already warned about (one warning for a block of like lines). */
  warnedGroups: Set<number>;
}

export function lineState(): LineState {
  return { claims: claimMemory(), warnedGroups: new Set() };
}

function spans(b: Builder, text: string): ModelSpans {
  const found = b.names.find(text);
  // A model named in passing (`sonnet = Claude 3.7 Sonnet`) is known from then on, short forms too.
  for (const s of found) if (!s.known && b.names.list().length < MAX_NAMES) b.names.learn(s.name);
  return found.map((s) => [s.start, s.end, s.name] as const);
}

/** Names learnt from the text, at most: a hostile record cannot grow the name pattern without bound. */
const MAX_NAMES = 80;

/**
 * A text's figures and the words around them, with the record's model names kept whole. Readers
 * ask for the same cell or line more than once; within a record the answer is kept until the
 * model names change (a name learnt from this very text counts: its answer is not kept).
 */
export function tokensOf(b: Builder, text: string, options: { notes?: boolean } = {}): Items {
  const memo = b.scanned;
  const version = b.names.version;
  if (memo.version !== version) {
    memo.plain.clear();
    memo.notes.clear();
    memo.version = version;
  }
  const kept = options.notes ? memo.notes : memo.plain;
  const hit = kept.get(text);
  if (hit) return hit;
  const items = itemsOf(scan(text, b.grammar, spans(b, text)), text, options);
  if (b.names.version === version) {
    if (kept.size > 4096) kept.clear();
    kept.set(text, items);
  }
  return items;
}
