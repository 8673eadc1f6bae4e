/**
 * The grammar as a library call: one whole value text in, its quantity or the reason it is
 * refused out. The text must be one figure (a note in brackets may follow).
 */
import type { DecimalMark } from "./number.js";
import { isRefusal, readQuantity, type Quantity } from "./quantity.js";
import { normalizeText } from "./text.js";

export type QuantityResult = { ok: true; quantity: Quantity } | { ok: false; reason: string };

export function parseQuantity(text: string, options: { decimal?: DecimalMark } = {}): QuantityResult {
  const t = normalizeText(text).trim().replace(/\s*[(（][^()（）]*[)）]\s*$/, "");
  if (t === "") return { ok: false, reason: "empty" };
  const q = readQuantity(t, 0, { decimal: options.decimal ?? null });
  if (q === null) return { ok: false, reason: "no number" };
  if (isRefusal(q)) return { ok: false, reason: q.refuse };
  if (q.end !== t.length) return { ok: false, reason: `"${t.slice(q.end).trim().slice(0, 40)}" after the figure is not a unit the grammar knows` };
  return { ok: true, quantity: q };
}
