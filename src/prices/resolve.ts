/**
 * A model name → one model of the catalog: `provider:model`, a bare model id the catalog places
 * with one provider, or one of our own aliases. Unknown and ambiguous names are values with the
 * names that come close, never a guess.
 */
import { clip, stripControls } from "../record/quantity/text.js";
import { distance } from "../record/suggest.js";
import { MODEL_ALIASES, PROVIDER_ALIASES } from "./aliases.js";
import type { Catalog, CatalogModel, CatalogProvider, MatchLogic } from "./catalog.js";

export interface Resolved {
  provider: CatalogProvider;
  model: CatalogModel;
  /** How the name was placed: `provider:model` as written, a bare id, our alias table, or the record's provider. */
  via: "provider" | "bare" | "alias" | "record-provider";
}

export type Resolution =
  | { ok: true; resolved: Resolved }
  | { ok: false; kind: "unknown" | "ambiguous" | "unknown-provider"; name: string; matches: string[] };

const MAX_NAME = 200;

/** The catalog's own matching: case-insensitive, in its grammar. */
export function matches(logic: MatchLogic, id: string): boolean {
  const t = id.toLowerCase();
  if ("or" in logic) return logic.or.some((l) => matches(l, id));
  if ("and" in logic) return logic.and.every((l) => matches(l, id));
  if ("equals" in logic) return t === logic.equals.toLowerCase();
  if ("starts_with" in logic) return t.startsWith(logic.starts_with.toLowerCase());
  if ("ends_with" in logic) return t.endsWith(logic.ends_with.toLowerCase());
  if ("contains" in logic) return t.includes(logic.contains.toLowerCase());
  // The patterns are the pinned package's, not the record's; the text they run on is bounded.
  if ("regex" in logic) return compiled(logic.regex).test(id);
  return false;
}

const PATTERNS = new Map<string, RegExp>();
function compiled(source: string): RegExp {
  let re = PATTERNS.get(source);
  if (!re) PATTERNS.set(source, (re = new RegExp(source)));
  return re;
}

/** `GPT-3.5 Turbo` → `gpt-3.5-turbo`; notes in brackets and spaces aside. */
export function slugOf(name: string): string {
  return stripControls(clip(name, MAX_NAME))
    .normalize("NFKC")
    .replace(/[（(][^）)]*[）)]/g, " ")
    .trim()
    .toLowerCase()
    .replace(/\s*:\s*/g, ":")
    .replace(/[\s_]+/g, "-");
}

const fold = (s: string) => s.toLowerCase().replace(/[\s_.-]+/g, "");

export function providerNamed(catalog: Catalog, name: string): CatalogProvider | undefined {
  const f = fold(stripControls(clip(name, MAX_NAME)).normalize("NFKC"));
  const id = (Object.hasOwn(PROVIDER_ALIASES, f) ? PROVIDER_ALIASES[f] : undefined) ?? f;
  return catalog.providers.find((p) => fold(p.id) === id || fold(p.name) === id || p.id === id);
}

const modelOf = (p: CatalogProvider, slug: string) => p.models.find((m) => m.id.toLowerCase() === slug) ?? p.models.find((m) => matches(m.match, slug));

/** The catalog's `provider:model` ids nearest to a name: for an error a user can act on. */
export function nearNames(catalog: Catalog, name: string, limit = 6): string[] {
  const slug = slugOf(name).replace(/^[^:]*:/, "");
  // Within a third of the name's length in edits, as `closest` allows: `nope` is not near `o1`.
  const max = Math.min(3, Math.max(1, Math.floor(slug.length / 3)));
  const scored: Array<[number, string]> = [];
  for (const p of catalog.providers) {
    for (const m of p.models) {
      const id = m.id.toLowerCase();
      const d = (slug.length >= 3 && id.includes(slug)) || (id.length >= 4 && slug.includes(id)) ? 0 : distance(slug, id, max);
      if (d <= max) scored.push([d + Math.abs(id.length - slug.length) / 100, `${p.id}:${m.id}`]);
    }
  }
  return scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])).slice(0, limit).map(([, n]) => n);
}

/**
 * `hint` is the record's provider: where it lists the model, it is the one meant. Without it a
 * bare id goes to the provider that claims ids like it (the package's own rule: openai for `gpt-…`),
 * else to the one provider that lists it; several are ambiguous.
 */
export function resolveModel(catalog: Catalog, name: string, hint?: string | null, o: { near?: boolean } = {}): Resolution {
  // A batch names the same models record after record: each is looked up once.
  let memo = MEMO.get(catalog);
  if (!memo) MEMO.set(catalog, (memo = new Map()));
  const key = `${hint ?? ""}\u0000${o.near === false ? 0 : 1}\u0000${name}`;
  const known = memo.get(key);
  if (known) return known;
  const r = resolveUncached(catalog, name, hint, o);
  if (memo.size >= MAX_MEMO) memo.clear();
  memo.set(key, r);
  return r;
}

const MEMO = new WeakMap<Catalog, Map<string, Resolution>>();
const MAX_MEMO = 10_000;

function resolveUncached(catalog: Catalog, name: string, hint: string | null | undefined, o: { near?: boolean }): Resolution {
  const slug = slugOf(name);
  // Close names cost a pass of edit distances over the catalog: only for an error a person reads.
  const near = (id: string) => (o.near === false ? [] : nearNames(catalog, id));
  const alias = Object.hasOwn(MODEL_ALIASES, slug) ? MODEL_ALIASES[slug] : undefined;
  if (alias && alias !== slug) {
    const r = resolveModel(catalog, alias, null, o);
    return r.ok ? { ok: true, resolved: { ...r.resolved, via: "alias" } } : r;
  }
  const colon = slug.indexOf(":");
  if (colon > 0) {
    const provider = providerNamed(catalog, slug.slice(0, colon));
    const id = slug.slice(colon + 1);
    if (!provider) return { ok: false, kind: "unknown-provider", name, matches: catalog.providers.map((p) => p.id) };
    const model = modelOf(provider, id);
    if (model) return { ok: true, resolved: { provider, model, via: "provider" } };
    const all = near(id);
    const own = all.filter((n) => n.startsWith(`${provider.id}:`));
    return { ok: false, kind: "unknown", name, matches: own.length ? own : all };
  }
  const hinted = hint ? providerNamed(catalog, hint) : undefined;
  const own = hinted && modelOf(hinted, slug);
  if (hinted && own) return { ok: true, resolved: { provider: hinted, model: own, via: "record-provider" } };
  const hits = catalog.providers.flatMap((provider) => {
    const model = modelOf(provider, slug);
    return model ? [{ provider, model }] : [];
  });
  const claimed = hits.filter((h) => h.provider.claims && matches(h.provider.claims, slug));
  const one = claimed.length === 1 ? claimed[0] : hits.length === 1 ? hits[0] : undefined;
  if (one) return { ok: true, resolved: { ...one, via: "bare" } };
  if (hits.length > 1) return { ok: false, kind: "ambiguous", name, matches: hits.map((h) => `${h.provider.id}:${h.model.id}`) };
  return { ok: false, kind: "unknown", name, matches: near(slug) };
}

/** One line for an error: what was not found and what comes close. */
export function resolutionProblem(r: Extract<Resolution, { ok: false }>): string {
  const list = r.matches.slice(0, 12).join(", ");
  if (r.kind === "ambiguous") return `"${r.name}" is in the catalog under several providers: ${list}; name one as provider:model`;
  if (r.kind === "unknown-provider") return `"${r.name}": no such provider in the catalog; providers: ${list}`;
  return `"${r.name}" is not in the price catalog${list ? `; close: ${list}` : ""}`;
}
