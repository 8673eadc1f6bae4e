/**
 * Sentences: usage (`we push about 300 million input tokens and 80 million output tokens a
 * month`), prices (`GPT-4o mini is priced at $0.15 per million input tokens …`), changes (`median
 * latency went from 1.9 s to 1.1 s`), single figures of a named model (`a 128K context`), and
 * stated costs (`our bill would go from $270 to $93 a month`). Prose is read cautiously: a figure
 * is taken only where its sentence says whose it is and what it measures.
 */
import type { TextLine } from "../blocks.js";
import { readLabel, type Label, type Meaning } from "../registry/labels.js";
import { conform, withHint } from "./conform.js";
import { modelFor, roleModel, warn, type Builder } from "./builder.js";
import { isChange, readCostChanges, readCostPair, readModelCost, SELF_HOSTED, type ClaimLine } from "./claims.js";
import { readGpus, readSelfHost } from "./self-host.js";
import { contextModel, headingHint, modelNamedIn } from "./context.js";
import { metricsFor, place, stateChange, unknownMetric } from "./figures.js";
import { periodIn, toMonth, type Item } from "./items.js";
import { tokensOf, type LineState } from "./state.js";
import { readUsage } from "./usage.js";
import { CHANGE_VERBS_AFTER, CHANGE_VERBS_BEFORE, PROMPTS_FAIL, PROMPTS_OK, PROMPTS_WORK, type ChangeWay } from "../registry/words.js";
import { clip } from "../quantity/text.js";


/**
 * `46 of 50 prompts ran without changes`: a count of prompts that work as they are. The words right
 * after the count decide (`29 of 40 templates worked unchanged, the other 11 were rewritten`); the
 * clause only when they say neither.
 */
export function worksAsIs(clause: string, it: Item): boolean {
  if (!PROMPTS_WORK.test(clause)) return false;
  const after = clause.slice(it.end).split(/[,;、，。]/)[0]!;
  if (PROMPTS_FAIL.test(after)) return false;
  if (PROMPTS_OK.test(after)) return true;
  return PROMPTS_OK.test(clause) && !PROMPTS_FAIL.test(clause);
}

/** Sentences and clauses: at `.`, `;`, `。` and friends followed by a space or the end. */
function clauses(text: string): string[] {
  return text.split(/(?<=[.!?;])\s+|(?<=[。；！？])\s*/).filter((c) => /[0-9]/.test(c));
}

/** A sentence that forecasts rather than measures. */
const FORECAST = /\b(?:expect(?:s|ed)?|projected|predict(?:s|ed)?|forecasts?|hope|hoping|should reach|would reach|aim(?:s|ing)? (?:for|at))\b|期待|予測|見込み|見込む|予想|想定では|目指す/i;

const COST_WORDS = /\b(?:cost|costs|bill|bills|spend|spending|saving|savings|cheaper|pricier|cut|expense|invoice)\b|コスト|費用|請求|削減|節約|安く|料金/i;

export function readProse(b: Builder, state: LineState, l: TextLine): void {
  // `… SWE-bench Verified number for Claude 3.7 Sonnet is 62.3%; GPT-4o's is 33.2%`: the metric of
  // the clause before, for a figure of the same kind that names none.
  let carried: Carried = null;
  // `Large 2 was measured while throttled; its average … is 1.08 attempts`: the model of the clause
  // before, for a clause that names none.
  let lastModel: string | null = null;
  for (const clause of clauses(l.text)) {
    const parsed = tokensOf(b, clause, { notes: true });
    const modelsHere = [...new Set(parsed.models)];
    const inherited = modelsHere.length === 0 ? lastModel : null;
    if (modelsHere.length) lastModel = modelsHere.length === 1 ? modelsHere[0]! : null;
    // An unknown currency in a sentence is still a figure someone meant: say it was not read.
    for (const r of parsed.refused) if (/currency/.test(r.reason)) warn(b, "unreadable-value", { text: clip(r.text, 60), reason: r.reason }, l.line);
    if (parsed.items.length === 0) continue;
    const words = parsed.items.map((i) => i.words).join(" ");
    const meaning = b.registry.meaningOf(readLabel(words));
    const named = meaning.kind === "concept" && meaning.concept === "usage";
    if (readSelfHostProse(b, l, clause, parsed.items)) continue;
    // `今の流量（月 3億 input / 4,000万 output）だと、月額は Haiku $400 → Flash $46`: usage, then costs.
    const usage = readUsage(b, parsed.items, { line: l.line, text: clause, named, labelPeriod: periodIn(clause) });
    if (usage && !(parsed.arrows === 1 && parsed.items.filter((i) => i.q.dimension === "money" && i.q.per === null).length === 2)) continue;
    const c: ClaimLine = { line: l.line, text: clause, group: l.group };
    const money = (i: Item) => i.q.dimension === "money" && i.q.per === null && !i.q.signed;
    const before = parsed.items.find((i) => i.part === 0 && money(i));
    const after = parsed.items.find((i) => i.part === 1 && money(i));
    // `$204 → $123`: two amounts of money either side of an arrow are the old and new cost.
    if (parsed.arrows === 1 && before && after) {
      readCostPair(b, state.claims, c, before, after, clause, parsed.items.filter((i) => i.part === 1 && i !== after));
      continue;
    }
    // A cost is said by its words, or by amounts of money a month that each name a model
    // (`Her sheet had GPT-4o at about $1,412 a month and Claude 3.7 Sonnet at about $1,890 a month`).
    const perModelMonthly = parsed.items.some(money) && parsed.items.every((i) => !money(i) || (i.q.period !== null && i.models.length === 1));
    if ((COST_WORDS.test(clause) || perModelMonthly) && parsed.items.some((i) => i.q.dimension === "money" && i.q.per === null || i.q.dimension === "percent")) {
      // `月額にすると Llama が約$146、Qwen が約$102 で、3割くらい安く`: each model's cost, then the change.
      const costs = parsed.items.filter((i) => money(i) && i.models.length === 1);
      if (costs.length >= 1 && !(costs.length === 1 && isChange(clause)) && costs.length === parsed.items.filter(money).length && (periodIn(clause) !== null || costs.some((i) => i.q.period !== null))) {
        const period = costs.find((i) => i.q.period !== null)?.q.period ?? periodIn(clause);
        for (const it of costs) readModelCost(b, state.claims, c, it.q.period === null && period ? { ...it, q: toMonth(it.q, period) } : it, modelFor(b, it.models[0]!).name, clause);
        const rest = parsed.items.filter((i) => i.q.dimension === "percent" || (i.q.dimension === "money" && i.q.signed));
        if (rest.length) readCostChanges(b, state.claims, c, rest, clause);
        continue;
      }
      // `GPT-4o 比で年間 約1,600万円 のコスト削減`: an amount said to be a saving or a rise is a change.
      const changes = parsed.items.filter((i) => i.q.dimension === "percent" || (i.q.dimension === "money" && (i.q.signed || (i.q.per === null && isChange(clause)))));
      if (changes.length && parsed.items.every((i) => i.q.dimension !== "money" || i.q.per === null)) {
        readCostChanges(b, state.claims, c, changes, clause);
        continue;
      }
    }
    carried = readFigures(b, l, clause, parsed.items, parsed.arrows, inherited ? [inherited] : parsed.models, carried);
  }
}

const COST_KINDS = new Set(["capex", "opex"]);

/**
 * `GPUレンタル代だけで月 $7,900 くらいかかる`, `buying the two H100 boxes would be $60k up front`: a
 * self-hosting cost in a sentence about self-hosting, named by the words beside the figure.
 */
function readSelfHostProse(b: Builder, l: TextLine, clause: string, items: readonly Item[]): boolean {
  if (!SELF_HOSTED.test(clause) && readGpus(clause) === null) return false;
  let read = false;
  for (const it of items) {
    if (it.q.dimension !== "money" || it.q.per !== null) continue;
    const label = readLabel(it.words);
    const m = b.registry.meaningOf(label);
    if (m.kind !== "concept" || !COST_KINDS.has(m.concept)) continue;
    readSelfHost(b, m.concept, [it], { line: l.line, text: clause, value: it.raw, label });
    read = true;
  }
  return read;
}


type Carried = { dimension: string; defs: ReturnType<typeof metricsFor> } | null;

function readFigures(b: Builder, l: TextLine, clause: string, items: readonly Item[], arrows: number, models: readonly string[], carried: Carried = null): Carried {
  const names = [...new Set(models)];
  // `Someone re-ran MMLU for GPT-4o mini and got 79.1%`: the metric the sentence names, for a figure
  // whose own words name none.
  // Read only when a figure needs it: most sentences name their metrics beside their figures.
  let clauseLabel: ReturnType<typeof readLabel> | null = null;
  let clauseMeaning: Meaning | null = null;
  const sentence = () => {
    clauseLabel ??= readLabel(clause);
    clauseMeaning ??= b.registry.meaningOf(clauseLabel, true);
    return { label: clauseLabel, meaning: clauseMeaning };
  };
  const sentenceModel = names.length === 1 ? modelFor(b, names[0]!) : null;
  const none = readLabel("");
  if (arrows === 1) {
    const x = items.find((i) => i.part === 0);
    const y = items.find((i) => i.part === 1);
    if (!x || !y) return null;
    const defs = metricsFor(b, { kind: "unknown" }, none, x);
    if (!Array.isArray(defs) || !fits(defs, y)) return null;
    const why = `the sentence names ${defs.map((d) => d.name).join(", ")}, from → to`;
    const okX = place(b, roleModel(b, "old"), defs, x.q, l.line, clause, why, { siblings: [x.q, y.q] });
    const okY = place(b, roleModel(b, "new"), defs, y.q, l.line, clause, why, { siblings: [x.q, y.q] });
    if (okX && okY && defs.length === 1) stateChange(b, defs[0]!.key, y.change, l.line);
    return null;
  }
  // `batch pricing for GPT-4o mini and Gemini 1.5 Flash is $0.075`: a model named with no figure of
  // its own leaves the figures beside it without a sure owner.
  // Only a model named before the figure: in `mean ~1.1 s for small 3, mixtral didnt record` the
  // model after the figure's clause does not share it.
  const covered = new Set(items.flatMap((i) => i.models));
  const firstAt = new Map<string, number>();
  for (const sp of b.names.find(clause)) if (!firstAt.has(sp.name)) firstAt.set(sp.name, sp.start);
  const danglingFor = (it: Item) => names.filter((n) => !covered.has(n) && (firstAt.get(n) ?? 0) < it.end);
  if (readUnknownByModel(b, l, clause, items)) return null;
  let prev: Carried = carried;
  for (const raw of items) {
    if (raw.q.dimension === "points" && !raw.q.signed && names.every((n) => modelFor(b, n).name === b.newModel)) {
      statedChange(b, l, clause, raw);
      continue;
    }
    // `The error-rate alert threshold is 2%`, `MMLU-Pro 70%くらいは出ると期待`: targets and forecasts.
    if (raw.q.signed || raw.q.bound || targetBefore(clause, raw) || FORECAST.test(clause)) continue;
    // `46.7B parameters in total and about 12.9B active`: a bare figure after one with a unit shares it.
    const inherits = prev !== null && raw.q.dimension === "number" && (prev.dimension === "params" || prev.dimension === "tokens" || prev.dimension === "percent") &&
      b.registry.meaningOf(raw.label).kind === "unknown";
    // `o3-mini $1.10 in / $4.40 out` under `### pricing, per 1M tok`: the heading's denominator.
    const hinted = raw.q.dimension === "money" && raw.q.per === null && raw.side !== null ? { ...raw, q: withHint(raw.q, headingHint(l)) } : raw;
    const it: Item = inherits ? { ...raw, q: { ...raw.q, dimension: prev!.dimension as Item["q"]["dimension"] } } : hinted;
    let defs = metricsFor(b, { kind: "unknown" }, none, it);
    // `88.7% on MMLU`: a benchmark named among the figure's words, read as in a sentence.
    if (!Array.isArray(defs)) {
      const m = b.registry.meaningOf(it.label, true);
      if (m.kind === "metric") defs = [m.metric];
    }
    // `2.4 s on Gemini 1.5 Flash, down from 4.1 s on Gemini 1.0 Pro`: the metric named before.
    if (!Array.isArray(defs) && prev && Array.isArray(prev.defs) && prev.dimension === it.q.dimension) defs = prev.defs;
    if (!Array.isArray(defs)) {
      const s = sentence();
      if (s.meaning.kind === "metric" || s.meaning.kind === "family") defs = metricsFor(b, s.meaning, s.label, it);
    }
    // `mixtral 2.9s` under `## latency (p95, load test)`: the heading names the metric.
    if (!Array.isArray(defs) && it.q.dimension !== "fraction") {
      const h = headingMeaning(b, l);
      const byHeading = h ? metricsFor(b, h.meaning, h.label, it) : "unknown";
      if (Array.isArray(byHeading) && fits(byHeading, it)) defs = byHeading;
    }
    if (Array.isArray(defs)) prev = { dimension: it.q.dimension, defs };
    // `50件中47件正常動作`: a count under a heading that names a percentage metric; `46 of 50
    // prompts ran without changes`: a count of prompts that work as they are.
    if (!Array.isArray(defs) && it.q.dimension === "fraction") defs = headingMetric(b, l);
    if (!Array.isArray(defs) && it.q.dimension === "fraction" && worksAsIs(clause, it)) defs = [b.registry.byKeyOf("prompt_compat")!];
    // `bedrock quote for mixtral vs small 3 came back at $0.45/1M`: a price whose model cannot be told.
    if (!Array.isArray(defs) && it.q.dimension === "money" && it.q.per !== null && names.length > 1 && new Set(it.models).size !== 1) {
      warn(b, "ambiguous-model", { text: clip(clause, 80), reason: `the sentence names ${names.join(" and ")}` }, l.line);
      continue;
    }
    if (!Array.isArray(defs) || !fits(defs, it)) continue;
    const own = [...new Set(it.models)];
    if (own.length === 1 && danglingFor(it).length > 0) {
      warn(b, "ambiguous-model", { text: clip(clause, 80), reason: `the sentence names ${names.join(" and ")}` }, l.line);
      continue;
    }
    const model = own.length === 1 ? modelFor(b, own[0]!) : (sentenceModel ?? (names.length === 0 ? (parentModel(b, l) ?? headingModel(b, l)) : null));
    if (!model) {
      if (it.q.dimension === "fraction") {
        const ctx = contextModel(b, l, null);
        place(b, ctx.model, defs, it.q, l.line, clause, `a count under "${clip(l.heading, 40)}"; ${ctx.why}`);
      } else if (names.length > 1) {
        // `tried sonnet and flash on the long docs too, p95 was 2.1s`: one figure, two models.
        warn(b, "ambiguous-model", { text: clip(clause, 80), reason: `the sentence names ${names.join(" and ")}` }, l.line);
      }
      continue;
    }
    place(b, model, defs, it.q, l.line, clause, `the sentence names ${model.name} and ${defs.map((d) => d.name).join(", ")}`);
  }
  return prev;
}

const verbBefore = CHANGE_VERBS_BEFORE.map(([w, way]) => ({ re: new RegExp(String.raw`(?:^|\s)${w}\s+(?:by\s+)?(?:about\s+|around\s+|~)?$`, "i"), way }));

/**
 * `DeepSeek-V3 … loses 8.8 points on SWE-bench Verified`, `SWE-bench は 8.8ポイント低下`: a stated
 * change of the candidate (the sentence names no other model) in a metric named right beside it.
 */
function statedChange(b: Builder, l: TextLine, clause: string, it: Item): void {
  const before = clause.slice(Math.max(0, it.start - 30), it.start);
  const after = clause.slice(it.end, it.end + 40);
  const verb = verbBefore.find((v) => v.re.test(before));
  const ja = CHANGE_VERBS_AFTER.find(([w]) => after.trimStart().startsWith(w));
  const way: ChangeWay | undefined = verb?.way ?? ja?.[1];
  if (way === undefined) return;
  // The metric: `on SWE-bench Verified` after an English verb; the words before a Japanese one.
  const name = verb ? /^\s*(?:on|in|at|for)\s+([^,;:.()]{2,40})/i.exec(after)?.[1] : /([^\s、,。]{2,30}?)\s*(?:は|が|で|の)?\s*$/.exec(clause.slice(0, it.start))?.[1];
  if (!name) return;
  const meaning = b.registry.meaningOf(readLabel(name));
  if (meaning.kind !== "metric" || (meaning.metric.kind !== "percent" && meaning.metric.kind !== "score")) return;
  // Better or worse by the metric's direction; a neutral metric has none to go by.
  const lower = meaning.metric.direction === "lower";
  if ((way === "better" || way === "worse") && meaning.metric.direction === "neutral") return;
  const sign = way === "up" || (way === "better" && !lower) || (way === "worse" && lower) ? 1 : -1;
  stateChange(b, meaning.metric.key, { q: { ...it.q, value: sign * it.q.value, signed: true }, text: it.raw }, l.line);
}

/**
 * `NG 率が Haiku 3% に対して Flash 7%`: a metric the registry does not know, named just before the
 * first model, with one figure of each model. The label is the words from the clause's last break
 * to the first model, without particles; nothing else is taken for a label.
 */
function readUnknownByModel(b: Builder, l: TextLine, clause: string, items: readonly Item[]): boolean {
  const levels = items.filter((i) => !i.q.signed && i.q.bound === null);
  // Amounts of money are costs, not a metric.
  if (levels.length < 2 || levels.some((i) => i.q.dimension === "money" && i.q.per === null) || levels.some((i) => new Set(i.models).size !== 1)) return false;
  const owners = levels.map((i) => modelFor(b, i.models[0]!));
  if (new Set(owners).size !== levels.length || new Set(levels.map((i) => i.q.dimension)).size !== 1) return false;
  if (levels.some((i) => Array.isArray(metricsFor(b, { kind: "unknown" }, readLabel(""), i)))) return false;
  const first = b.names.find(clause)[0];
  if (!first) return false;
  const before = clause.slice(0, first.start);
  const tail = before.split(/[、。,;:：]|\s(?:で|は)\s/).pop()!.replace(/\s*(?:が|は|を|の|で|for|of|is|was)\s*$/i, "").trim();
  const words = tail.split(/\s+/).filter((w) => w !== "");
  // A few words, the last of them the clause's subject: `NG 率`, `escalation rate`.
  const subject = tail.split(/(?:で|は)\s*/).filter((w) => w.trim() !== "").pop()?.trim() ?? "";
  if (words.length === 0 || words.length > 3 || subject.length > 20 || !/[\p{L}]/u.test(subject)) return false;
  const label = readLabel(subject);
  // `公開値だと MMLU-Pro も …`: a metric the registry knows is read as that metric, not as a label.
  if (b.registry.meaningOf(label).kind !== "unknown" || b.registry.meaningOf(readLabel(tail), true).kind !== "unknown" || label.target) return false;
  const def = unknownMetric(b, subject, levels[0]!.q);
  const siblings = levels.map((i) => i.q);
  levels.forEach((it, k) => place(b, owners[k]!, [def], it.q, l.line, clause, `"${subject}" before the first model (not in the registry); the figure names its model`, { siblings }));
  return true;
}

/** A target named just before the figure (`the alert threshold is 2%`), not anywhere in the sentence. */
function targetBefore(clause: string, it: Item): boolean {
  const words = clause.slice(Math.max(0, it.start - 40), it.start).split(/\s+/).slice(-4).join(" ");
  return readLabel(words).target;
}

/** Whether a figure can be each metric at all: prose figures of the wrong kind are skipped, not warned. */
function fits(defs: readonly { kind: string }[], it: Item): boolean {
  return defs.every((d) => {
    const c = conform(withHint(it.q, it.label.hint), d as never);
    return c.ok || c.range !== undefined;
  });
}

/** The model the nearest heading names (`## 候補2: Claude 3.5 Haiku`), for a sentence that names none. */
function headingModel(b: Builder, l: TextLine) {
  const ctx = contextModel(b, { parents: [], headings: l.headings }, null);
  return ctx.from === "heading" ? ctx.model : null;
}

/** The model the list item above names, for a sentence that names none. */
function parentModel(b: Builder, l: TextLine) {
  for (let i = l.parents.length - 1; i >= 0; i--) {
    const m = modelNamedIn(b, l.parents[i]!);
    if (m) return m;
  }
  return null;
}

/** The metric the nearest heading names, if any: `## コンテキスト長`, `### Latency (p95)`. */
export function headingMeaning(b: Builder, l: TextLine): { label: Label; meaning: Meaning } | null {
  const raw = l.heading.replace(/^[\d.\s]+/, "");
  if (raw === "") return null;
  const label = readLabel(raw);
  const meaning = b.registry.meaningOf(label);
  return meaning.kind === "metric" || meaning.kind === "family" ? { label, meaning } : null;
}

export function headingMetric(b: Builder, l: TextLine): ReturnType<typeof metricsFor> {
  const m = b.registry.meaningOf(readLabel(l.heading.replace(/^[\d.\s]+/, "")));
  return m.kind === "metric" && m.metric.kind === "percent" ? [m.metric] : "unknown";
}
