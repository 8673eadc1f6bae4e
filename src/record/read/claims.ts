/**
 * Stated cost results, kept for the audit only when it is clear which quantity and which
 * comparison they are about: monthly, annual or retry-adjusted cost; against the model the line
 * names (`vs GPT-3.5 Turbo`), the one its list named before, or the old model when the list has
 * stated both models' costs. A cost per request, a saving after self-hosting or one whose
 * comparison is not said is kept as not checked, with the reason — never audited as something else.
 */
import type { Quantity } from "../quantity/quantity.js";
import { clip, normalizeText } from "../quantity/text.js";
import { readLabel } from "../registry/labels.js";
import { PER_LABEL } from "../registry/words.js";
import { addClaim, findModel, roleModel, type Builder } from "./builder.js";
import type { Item } from "./items.js";
import type { Claim } from "../schema.js";
import { claimStep } from "./self-host.js";

export type Basis = NonNullable<Claim["basis"]>;

const RETRY = /実質|リトライ|再試行|試行|retr(?:y|ies)|re-?asks?|attempts?|effective|retry-adjusted/i;
const ANNUAL = /年間|年額|\/年|annual|yearly|per year|a year|\/yr/i;
const SAVING = /saving|savings|\bsaves?\b|\bsaved\b|\bcut\b|cheaper|reduc|\bless\b|\blower\b|down|削減|安く|安い|節約|低減|減少|減/i;
const RISE = /increase|more expensive|more costly|costs? more|pricier|\bup\b|\bhigher\b|増|高く|高い|上昇/i;
export const SELF_HOSTED = /self-?host|セルフホスト|オンプレ|on-?prem|自社ホスト|自前/i;
const UNITS = String.raw`(?:\d[\d,.]*\s?[kmb]?\s+)?(?:request|call|query|ticket|conversation|chat|document|doc|page|image|user|seat|message|session|review|task|item|issue|email)s?`;
const COST = String.raw`(?:cost|costs|price|spend|bill|expense|コスト|費用|単価|料金)`;
/** A cost per request, ticket, conversation …: `cost per request`, `per-request cost`, `1リクエストあたりのコスト`. */
const PER_UNIT = new RegExp(
  String.raw`\b${COST}\s+per[\s-]+${UNITS}\b|\bper[\s-]+${UNITS}\s+${COST}\b|\b${COST}\s*\/\s*${UNITS}\b|(?:1|一)?(?:リクエスト|件|回|チケット|会話|文書|ページ|画像|ユーザー|タスク|問い合わせ)(?:あたり|当たり|単位)の?${COST}|${COST}[（(]?(?:1|一)?(?:リクエスト|件|回|チケット|会話|文書|ページ|画像|ユーザー|タスク)(?:あたり|当たり)`,
  "i",
);
/** A cost per unit by its label's words too: `Per conversation it's roughly $0.0009 → $0.0003`. */
const perUnit = (text: string) => PER_UNIT.test(text) || (PER_LABEL.test(text.toLowerCase()) && !/(?:attempts?|tries|retries|calls)\s+(?:per|each|every)\b/i.test(text));
const VERSUS = /(?:\bvs\.?|\bversus|compared (?:to|with)|relative to|against|than)\s*/i;
/** A sentence that states a change against something (`GPT-4o 比で`, `vs GPT-4o`, `削減`), not a cost. */
export function isChange(text: string): boolean {
  return VERSUS.test(text) || /比(?:で|較)?/.test(text) || SAVING.test(text) || RISE.test(text);
}

/** Words for the old model after `vs`: the registry's role words. */
const isOld = (text: string) => readLabel(text).role === "old";

export interface ClaimLine {
  line: number;
  /** The whole line or sentence, for the comparison and qualifiers. */
  text: string;
  group: number;
  /** The model the line is about, when its label names one. */
  model?: string | null;
}

/** Per list (group): the comparison named last, and which of old and new have stated costs. */
export interface ClaimMemory {
  versus: Map<number, string>;
  costs: Map<number, Set<string>>;
}

export function claimMemory(): ClaimMemory {
  return { versus: new Map(), costs: new Map() };
}

const money = (q: Quantity) => q.dimension === "money" && q.per === null;
const pct = (q: Quantity) => q.dimension === "percent";

/** A figure with a period was put per month by the grammar; one without reads as its words say. */
function basisOf(text: string, q: Quantity | null): Basis {
  if (RETRY.test(text)) return "retry_adjusted";
  // A change in percent is the same a month and a year.
  if (q && q.period === null && q.dimension !== "percent" && ANNUAL.test(text)) return "annual";
  return "monthly";
}

/** The model a line compares against, if it names one: `vs GPT-4o`, `（旧モデル比）`. */
function versusOf(b: Builder, text: string): string | null {
  const t = normalizeText(text);
  const at = VERSUS.exec(t);
  if (at) {
    const after = t.slice(at.index + at[0].length);
    const spans = b.names.find(after);
    if (spans[0] && spans[0].start <= 12) return spans[0].name;
    if (isOld(clip(after, 20).split(/[:：,、;)）]/)[0]!)) return b.oldModel;
    const word = /^[A-Za-z][\w.\- ]{1,30}?(?=[,、)）;:]|$)/.exec(after);
    return word ? word[0].trim() : "(unnamed)";
  }
  const hi = /(\S{1,40}?)\s?比/.exec(t);
  if (hi) {
    if (isOld(hi[1]!)) return b.oldModel;
    const spans = b.names.find(hi[1]!);
    if (spans.length) return spans[spans.length - 1]!.name;
  }
  return null;
}

/** The stated change with its sign: written, or said by a word of saving or of rise; null when both are said. */
function signed(q: Quantity, text: string): number | null {
  if (q.signed) return q.value;
  const saving = SAVING.test(text);
  const rise = RISE.test(text);
  if (saving && rise) return null;
  if (saving) return -Math.abs(q.value);
  if (rise) return Math.abs(q.value);
  return q.value;
}

const CHANGE_AFTER = /^\s*(?:a (?:month|year)\s*)?(?:less|lower|cheaper|more|higher|pricier|down|up|saving|savings|の?削減|減|増|安い|高い|安く|高く)/i;
const CHANGE_BEFORE = /(?:\bsav(?:e|es|ed|ing|ings)|\bcut|\breduc\w*|\bincreas\w*|\brise|\bdown|\bup|削減|節約)(?:\s+(?:of|by|to))?\s*(?:about|around|roughly|~|約)?\s*$/i;

/** Whether a word of saving or rise stands right beside the figure `raw` in `text`. */
function changeBeside(text: string, raw: string): boolean {
  const at = text.indexOf(raw);
  if (at === -1) return false;
  return CHANGE_AFTER.test(text.slice(at + raw.length, at + raw.length + 24)) || CHANGE_BEFORE.test(text.slice(Math.max(0, at - 24), at));
}

function unitOf(q: Quantity): Claim["unit"] {
  if (pct(q)) return "percent";
  return q.currency === "JPY" ? "jpy" : q.currency === "EUR" ? "eur" : "usd";
}

export function unchecked(b: Builder, c: ClaimLine, q: Quantity, text: string, reason: string): void {
  addClaim(b, { kind: "unchecked", subject: null, basis: null, text: clip(text, 60), value: q.value, unit: unitOf(q), step: q.step, terms: null, reason, line: c.line });
}

/** Notes that the list (group) has stated this model's cost: a change after it can be old → new. */
export function noteCost(mem: ClaimMemory, group: number, model: string): void {
  const set = mem.costs.get(group) ?? new Set();
  set.add(model);
  mem.costs.set(group, set);
}

/**
 * Stated cost changes among `items` (figures in money or %). `scope` is the text the qualifiers
 * are read from: the line's label and the words of each item.
 */
export function readCostChanges(b: Builder, mem: ClaimMemory, c: ClaimLine, items: readonly Item[], scope: string, against: string | null = null): boolean {
  const figures = items.filter((i) => (money(i.q) || pct(i.q)) && i.q.range === null && i.q.bound === null);
  if (figures.length === 0) return false;
  const context = `${scope} ${c.text}`;
  const named = against ?? versusOf(b, c.text);
  if (named && !against) mem.versus.set(c.group, named);
  const versus = named ?? mem.versus.get(c.group) ?? null;
  // `−$751.50 a month (−68%), roughly $9,000 a year`: an unsigned restatement takes the sign of the
  // line's signed figure.
  const signedOne = figures.find((i) => i.q.signed && i.q.value !== 0);
  const sign: number | null = signedOne ? Math.sign(signedOne.q.value) : null;
  // `Phi-4 would cost about $52.47 a month, roughly 17% less than GPT-4o mini`: a word of saving or
  // rise belongs to the figure it stands beside; the other unsigned figures are levels, not changes.
  const marked = figures.filter((i) => changeBeside(c.text, i.raw));
  for (const it of figures) {
    const q = it.q;
    const text = it.raw;
    if (marked.length > 0 && !q.signed && !marked.includes(it)) {
      unchecked(b, c, q, text, "a figure beside a stated change, not the change itself");
      continue;
    }
    if (SELF_HOSTED.test(context)) {
      unchecked(b, c, q, text, "a saving after self-hosting: the tool compares API costs");
      continue;
    }
    if (perUnit(context) || q.per !== null) {
      unchecked(b, c, q, text, "a cost per request, ticket or other unit, not the monthly cost");
      continue;
    }
    let subject: string | null = null;
    let assumed = false;
    if (versus) subject = findModel(b, versus)?.name ?? versus;
    else if (mem.costs.get(c.group)?.has(b.oldModel) && mem.costs.get(c.group)?.has(b.newModel)) {
      subject = b.oldModel;
      assumed = true;
    }
    if (subject === null) {
      unchecked(b, c, q, text, "the comparison is not said (no `vs …`, and the list states no costs of both models)");
      continue;
    }
    const words = `${it.words} ${scope}`;
    const value = !q.signed && sign !== null && !SAVING.test(words) && !RISE.test(words) ? sign * Math.abs(q.value) : signed(q, words);
    if (value === null) {
      unchecked(b, c, q, text, "the line speaks of both a saving and a rise: the sign of the change is not said");
      continue;
    }
    // `Annual impact: about $5,300 a year`: a size with no sign and no word for saving or rise.
    if (!q.signed && sign === null && !SAVING.test(context) && !RISE.test(context)) {
      unchecked(b, c, q, text, "whether this is a saving or a rise is not said");
      continue;
    }
    addClaim(b, {
      kind: "cost_change", subject, basis: basisOf(`${scope} ${it.words}`, q), text,
      value, unit: unitOf(q), step: claimStep(q.step, q.approx, q.value), terms: null,
      ...(assumed ? { assumedBaseline: true } : {}), line: c.line,
    });
  }
  return true;
}

/**
 * `$20 + $10 = $30`, `$912.5 + $730 + $140 = $1,782.5`, `99 × $10 + 3.9 × $30 = $1,107 a month`: a
 * model's monthly cost as the sum of its input, output (and other) costs, each term money or a
 * number times money.
 */
export function readBreakdown(b: Builder, mem: ClaimMemory, c: ClaimLine, items: readonly Item[], text: string, model: string): boolean {
  // Read from the figures, not by a pattern over the text: terms joined by `+`, then `=`, then money.
  const eq = text.indexOf("=");
  if (eq === -1) return false;
  const before = items.filter((i) => i.end <= eq);
  const total = items.find((i) => i.start > eq);
  if (!total || !money(total.q) || text.slice(eq + 1, total.start).trim() !== "") return false;
  const terms: Array<{ value: number; step: number; start: number; end: number }> = [];
  // `+` between terms, or a `+` the grammar read as the sign of the number that starts a term.
  const joined = (from: number, it: Item) => {
    const gap = text.slice(from, it.start).trim();
    return gap === "+" || (gap === "" && /^[+＋]/.test(it.raw));
  };
  for (let k = 0; k < before.length; k++) {
    const it = before[k]!;
    const next = before[k + 1];
    const from = terms.length ? terms[terms.length - 1]!.end : null;
    if (from !== null && !joined(from, it)) return false;
    if (money(it.q) && !it.q.signed) {
      terms.push({ value: it.q.value, step: it.q.step, start: it.start, end: it.end });
      continue;
    }
    // `99 × $10`: a count of millions of tokens times a price.
    if (it.q.dimension === "number" && next && money(next.q) && /^[×x*✕]$/i.test(text.slice(it.end, next.start).trim())) {
      const n = Math.abs(it.q.value);
      // Its factors are as written, so their product is exact: the sum is checked to the total's rounding.
      terms.push({ value: n * next.q.value, step: 0, start: it.start, end: next.end });
      k++;
      continue;
    }
    return false;
  }
  if (terms.length < 2 || text.slice(terms[terms.length - 1]!.end, eq).trim() !== "") return false;
  addClaim(b, {
    kind: "cost_breakdown", subject: model, basis: basisOf(text, total.q), text: text.slice(terms[0]!.start, total.end).trim(),
    value: total.q.value, unit: unitOf(total.q), step: Math.max(total.q.step, ...terms.map((t) => t.step)), terms: terms.map((t) => t.value), line: c.line,
  });
  noteCost(mem, c.group, model);
  return true;
}

/** A model's stated monthly (or annual, or retry-adjusted) cost: `→ 月次$125`, `$1,550/mo`. */
export function readModelCost(b: Builder, mem: ClaimMemory, c: ClaimLine, it: Item, model: string, scope: string): void {
  const q = it.q;
  const basis = basisOf(scope, q);
  addClaim(b, {
    kind: basis === "annual" ? "annual_cost" : "monthly_cost",
    subject: model, basis, text: it.raw,
    value: q.value, unit: unitOf(q),
    step: claimStep(q.step, q.approx, q.value), terms: null, line: c.line,
  });
  noteCost(mem, c.group, model);
}

/**
 * `our bill would go from $270 to $93 a month`, `$2,015 -> $148.80/mo (-93%)`: the old and new
 * model's costs, then any change stated beside them.
 */
export function readCostPair(b: Builder, mem: ClaimMemory, c: ClaimLine, before: Item, after: Item, scope: string, changes: readonly Item[]): void {
  if (SELF_HOSTED.test(`${scope} ${c.text}`) || perUnit(`${scope} ${c.text}`) || before.q.per !== null || after.q.per !== null) {
    unchecked(b, c, after.q, `${before.raw} → ${after.raw}`, "a cost per unit or after self-hosting, not the API cost a month");
    return;
  }
  const period = after.q.period ?? before.q.period;
  const shared = (q: Quantity): Quantity => (q.period === null && period ? { ...q, period } : q);
  readModelCost(b, mem, c, { ...before, q: shared(before.q) }, roleModel(b, "old").name, scope);
  readModelCost(b, mem, c, { ...after, q: shared(after.q) }, roleModel(b, "new").name, scope);
  // A change stated beside the pair is the pair's: old → new — also one in a note (`$46 (−88.5%)`).
  const note = after.change && !changes.some((x) => x.q === after.change!.q) ? [{ ...after, q: after.change.q, raw: after.change.text, change: null }] : [];
  const all = [...changes, ...note];
  if (all.length) readCostChanges(b, mem, c, all, scope, roleModel(b, "old").name);
}
