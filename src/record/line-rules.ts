/**
 * Recognisers for single lines of a record body, tried in order; the first that takes a line
 * consumes it. Each is a small function over `label: rest` with anchored, linear patterns.
 */
import type { TextLine } from "./blocks.js";
import { addClaim, couldBeModel, findModel, metricFor, modelFor, refine, setBodyValue, warn, type Builder } from "./builder.js";
import { metricForLabel } from "./metrics.js";
import { KIND_UNIT, parseQuantity, type Quantity } from "./units.js";

interface Line extends TextLine {
  label: string;
  rest: string;
}

interface Context {
  /** The comparison a list of savings lines is about (`vs GPT-3.5 Turbo`), carried within a list. */
  versus: { group: number; model: string } | null;
}

type LineRule = (b: Builder, l: Line, ctx: Context) => boolean;

/** The first quantity at or after the first digit (or sign or `$`) of `text`. */
function firstQuantity(text: string): { q: Quantity; at: number } | null {
  const at = text.search(/[+-]?\$?\d/);
  if (at === -1) return null;
  const q = parseQuantity(text.slice(at));
  return q ? { q, at } : null;
}

const THRESHOLD_AFTER = /^\s*(以上|以下|未満|超|or more|or less|at least|at most)/i;

// Bounded repetitions keep every attempt short, so a hostile line costs linear time.
const APPROX = "(?:(?:約|およそ|about|approx\\.?|approximately|~) ?)?";
const COUNT = "(\\d[\\d,.]{0,20}(?: ?[KMB])?)";
const USAGE = new RegExp(
  `(?:月次使用量|月間使用量|使用量|monthly usage|usage per month|usage) ?(?:: ?)?${APPROX}${COUNT} ?(?:input|入力)(?: ?tokens?)? ?[,、/] ?${APPROX}${COUNT} ?(?:output|出力)`,
  "i",
);

const usageLine: LineRule = (b, l) => {
  const m = USAGE.exec(l.text);
  if (!m) return false;
  const input = parseQuantity(m[1]!);
  const output = parseQuantity(m[2]!);
  if (!input || !output) return false;
  if (!b.usage) b.usage = { inputTokens: input.value, outputTokens: output.value, line: l.line, source: "body" };
  return true;
};

const DOLLARS = /^\$\s?(\d[\d,]*(?:\.\d+)?)\s*\+\s*\$\s?(\d[\d,]*(?:\.\d+)?)\s*=\s*\$\s?(\d[\d,]*(?:\.\d+)?)/;

const costBreakdownLine: LineRule = (b, l) => {
  const m = DOLLARS.exec(l.rest);
  if (!m || l.label === "") return false;
  const [input, output, total] = [m[1]!, m[2]!, m[3]!].map((s) => parseQuantity(s));
  if (!input || !output || !total) {
    warn(b, "unreadable-value", { label: l.label, text: m[0].slice(0, 80) }, l.line);
    return true;
  }
  addClaim(b, {
    kind: "cost_breakdown",
    // Only a model the record prices can be audited; `Total: $20 + $10 = $30` names none.
    subject: findModel(b, l.label)?.name ?? l.label,
    basis: "monthly",
    text: m[0],
    value: total!.value,
    unit: "usd",
    step: Math.max(input.step, output.step, total.step),
    terms: [input.value, output.value],
    line: l.line,
  });
  return true;
};

const PRICE =
  /^\$\s?(\d[\d,]*(?:\.\d+)?)\s?\/\s?1\s?([MK])(?:\s?tokens?)?\s*(?:input|入力)\s*[,、/]\s*\$\s?(\d[\d,]*(?:\.\d+)?)\s?\/\s?1\s?([MK])(?:\s?tokens?)?\s*(?:output|出力)/i;
const MONTHLY_TAIL = /(?:→|->) ?(?:(?:月次|monthly|per month) ?)?(\$ ?\d[\d,]{0,20}(?:\.\d{1,10})?)(?: ?\/ ?(?:月|month|mo))?/i;

const priceLine: LineRule = (b, l) => {
  const m = PRICE.exec(l.rest);
  if (!m || l.label === "") return false;
  const model = modelFor(b, l.label);
  const per = (v: string, unit: string) => `$${v}/1${unit} tokens`;
  const input = parseQuantity(per(m[1]!, m[2]!.toUpperCase()));
  const output = parseQuantity(per(m[3]!, m[4]!.toUpperCase()));
  if (!input || !output) {
    warn(b, "unreadable-value", { label: l.label, text: m[0].slice(0, 80) }, l.line);
    return true;
  }
  setBodyValue(b, model, "price_input", input, l.line, m[0]);
  setBodyValue(b, model, "price_output", output, l.line, m[0]);
  const tail = MONTHLY_TAIL.exec(l.rest.slice(m[0].length));
  const monthly = tail ? parseQuantity(tail[1]!) : null;
  if (tail && monthly) {
    addClaim(b, {
      kind: "monthly_cost", subject: model.name, basis: "monthly", text: tail[0].trim(),
      value: monthly.value, unit: "usd", step: monthly.step, terms: null, line: l.line,
    });
  }
  return true;
};

const MEAN = /(?:平均|mean|average|avg\.?)\s*:?\s*/i;
const P95 = /(?:95パーセンタイル|p95|95th percentile)\s*:?\s*/i;

const latencyLine: LineRule = (b, l) => {
  if (l.label === "" || metricForLabel(l.label)) return false;
  const mean = MEAN.exec(l.rest);
  const p95 = P95.exec(l.rest);
  if (!mean || !p95) return false;
  const meanQ = parseQuantity(l.rest.slice(mean.index + mean[0].length));
  const p95Q = parseQuantity(l.rest.slice(p95.index + p95[0].length));
  if (meanQ?.kind !== "seconds" || p95Q?.kind !== "seconds" || !couldBeModel(b, l.label)) return false;
  const model = modelFor(b, l.label);
  setBodyValue(b, model, "latency_mean", meanQ, l.line, l.text);
  setBodyValue(b, model, "latency_p95", p95Q, l.line, l.text);
  return true;
};

// The look-behind makes a number start only where the previous character is not part of one:
// without it a long run of digits is rescanned from every position (quadratic).
const COMPAT_JA = /(?<![\d,])(\d[\d,]{0,15})\s{0,3}件中\s{0,3}(\d[\d,]{0,15})\s{0,3}件/;
const COMPAT_EN = /(?<![\d,])(\d[\d,]{0,15}) (?:of|out of) (\d[\d,]{0,15}) (?:prompts?|cases?|tests?|tasks?)/i;

const compatLine: LineRule = (b, l) => {
  const ja = COMPAT_JA.exec(l.text);
  const en = ja ? null : COMPAT_EN.exec(l.text);
  const [n, k] = ja ? [ja[1]!, ja[2]!] : en ? [en[2]!, en[1]!] : [];
  if (n === undefined || k === undefined) return false;
  if (!/互換|正常|compat|pass|work|succeed/i.test(l.text + l.heading)) return false;
  const total = Number(n.replace(/,/g, ""));
  const ok = Number(k.replace(/,/g, ""));
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(ok) || total <= 0 || ok > total) {
    warn(b, "unreadable-value", { label: "prompt compatibility", text: l.text.slice(0, 80) }, l.line);
    return true;
  }
  const model = findModel(b, b.newModel)!;
  const pct: Quantity = { value: (ok / total) * 100, kind: "percent", signed: false, decimals: 0, step: 100 / total, qualifiers: [], length: 0 };
  setBodyValue(b, model, "prompt_compat", pct, l.line, l.text);
  if (!Object.hasOwn(b.samples, "prompt_compat")) b.samples.prompt_compat = { n: total, line: l.line };
  return true;
};

const SELF_HOST: ReadonlyArray<[RegExp, "capex" | "opex" | "gpus" | "breakEven"]> = [
  [/^(初期投資|初期費用|初期コスト|capex|initial investment|upfront (?:cost|investment)|hardware cost)$/i, "capex"],
  [/^(月次運用コスト|月間運用コスト|運用コスト|opex|monthly operating cost|operating cost(?: per month)?|monthly running cost|running cost)$/i, "opex"],
  [/^(gpu必要数|必要gpu|必要gpu数|gpus? required|gpu requirements?|gpus)$/i, "gpus"],
  [/^(損益分岐点|損益分岐|break-?even(?: point| volume)?)$/i, "breakEven"],
];

const selfHostLine: LineRule = (b, l) => {
  const label = l.label.replace(/\*\*/g, "").trim();
  const kind = SELF_HOST.find(([re]) => re.test(label))?.[1];
  if (!kind) return false;
  const sh = b.selfHost;
  if (kind === "gpus") {
    sh.gpus ??= { value: l.rest.slice(0, 200), line: l.line };
    return true;
  }
  const found = firstQuantity(l.rest);
  const ok = found && (kind === "breakEven" ? ["tokens", "plain"].includes(found.q.kind) : ["usd", "plain"].includes(found.q.kind));
  if (!found || !ok) {
    warn(b, "unreadable-value", { label, text: l.rest.slice(0, 80) }, l.line);
    return true;
  }
  const value = { value: found.q.value, line: l.line };
  if (kind === "capex") sh.capex ??= value;
  else if (kind === "opex") sh.opexPerMonth ??= value;
  else if (!sh.statedBreakEvenTokensPerMonth) {
    sh.statedBreakEvenTokensPerMonth = value;
    addClaim(b, {
      kind: "break_even", subject: null, basis: "monthly", text: l.rest.slice(found.at, found.at + found.q.length).trim(),
      value: found.q.value, unit: "tokens", step: found.q.step, terms: null, line: l.line,
    });
  }
  return true;
};

const COST_CHANGE =
  /(実質コスト|コスト)(増加?|減少?|削減(?:効果)?(?:確認)?|変化)|実質コスト|(?:effective|retry-adjusted|real)\s+(?:cost|reduction|increase|decrease)|cost\s+(?:increase|decrease|reduction|change|savings?)|savings?/i;
const SAVINGS_LABEL = /^(月次|月額|monthly|per month|年間|annual|per year|yearly)$/i;
const VERSUS = /\bvs\.?\s+([^,、):]+)/i;

/** The model a cost change is against: named on the line, carried in its list, else old_model. */
function versusOf(b: Builder, l: Line, ctx: Context): { subject: string; assumed: boolean } {
  const vs = VERSUS.exec(l.text);
  if (vs) {
    const name = vs[1]!.trim();
    ctx.versus = { group: l.group, model: name };
    return { subject: findModel(b, name)?.name ?? name, assumed: false };
  }
  if (ctx.versus && ctx.versus.group === l.group) return { subject: findModel(b, ctx.versus.model)?.name ?? ctx.versus.model, assumed: false };
  return { subject: b.oldModel, assumed: true };
}

const costChangeLine: LineRule = (b, l, ctx) => {
  const phrase = COST_CHANGE.exec(l.text);
  const savings = !phrase && SAVINGS_LABEL.test(l.label);
  if (!phrase && !savings) return false;
  const after = phrase ? l.text.slice(phrase.index + phrase[0].length) : l.rest;
  const basis = /実質|リトライ|retry|effective|real/i.test(l.text)
    ? "retry_adjusted"
    : /年間|annual|per year|yearly/i.test(savings ? l.label : phrase![0] + l.label)
      ? "annual"
      : "monthly";
  const { subject, assumed } = versusOf(b, l, ctx);
  let taken = false;
  let scan = after;
  for (let guard = 0; guard < 2; guard++) {
    const found = firstQuantity(scan);
    // A figure far from the phrase belongs to something else on the line.
    if (!found || found.at > 30) break;
    const tail = scan.slice(found.at + found.q.length);
    if (THRESHOLD_AFTER.test(tail)) break;
    const unit = found.q.kind === "percent" ? "percent" : found.q.kind === "usd" ? "usd" : null;
    if (!unit) break;
    addClaim(b, {
      kind: "cost_change", subject, basis, text: scan.slice(found.at, found.at + found.q.length).trim(),
      value: found.q.value, unit, step: found.q.step, terms: null, assumedBaseline: assumed, line: l.line,
    });
    taken = true;
    scan = tail.replace(/^[\s(]+/, "");
  }
  return taken;
};

const ARROW = /→|->|⇒/;
const SAMPLE = /\bn ?= ?(\d[\d,]*)/i;
/** No evaluation set is larger; a bigger `n=` is a typo or an attack, not a sample size. */
const MAX_SAMPLE = 100_000_000;

const arrowLine: LineRule = (b, l) => {
  if (l.label === "") return false;
  const parts = l.rest.split(ARROW).map((p) => p.trim());
  if (parts.length !== 2) return false;
  const before = parseQuantity(parts[0]!);
  const after = parseQuantity(parts[1]!);
  if (!before || !after) return false;
  const okBefore = setBodyValue(b, findModel(b, b.oldModel)!, l.label, before, l.line, l.text);
  const okAfter = setBodyValue(b, findModel(b, b.newModel)!, l.label, after, l.line, l.text);
  if (!okBefore || !okAfter) {
    warn(b, "unreadable-value", { label: l.label, text: l.rest.slice(0, 80) }, l.line);
    return true;
  }
  const metric = refine(metricFor(b, l.label, KIND_UNIT[after.kind]), after);
  const tail = parts[1]!.slice(after.length);
  const stated = /^\s*\(\s*([+-]\s?\d[\d,]*(?:\.\d+)?\s*(?:%|pp|points?|ポイント)?)/i.exec(tail);
  const change = stated ? parseQuantity(stated[1]!.replace(/\s/g, "")) : null;
  if (change) {
    addClaim(b, {
      kind: "metric_change", subject: metric.key, basis: null, text: stated![1]!.trim(),
      value: change.value, unit: change.kind === "percent" ? "percent" : "number", step: change.step, terms: null, line: l.line,
    });
  }
  const sample = SAMPLE.exec(l.rest);
  const n = sample && sample[1]!.length <= 12 ? Number(sample[1]!.replace(/,/g, "")) : NaN;
  if (sample && !(Number.isSafeInteger(n) && n > 0 && n <= MAX_SAMPLE)) warn(b, "unreadable-value", { label: "sample size", text: sample[0].slice(0, 40) }, l.line);
  else if (sample && !Object.hasOwn(b.samples, metric.key)) b.samples[metric.key] = { n, line: l.line };
  return true;
};

const OLD_MARK = /旧|移行前|\b(?:old|before|previous|baseline)\b/i;

/** `エラー率: 0.7%` — one value of a registry metric, for the candidate, if nothing else gave it. */
const singleValueLine: LineRule = (b, l) => {
  const metric = l.label === "" ? undefined : metricForLabel(l.label);
  if (!metric) return false;
  const q = parseQuantity(l.rest);
  // `68% → 未測定` or `1.2%（旧）、0.7%（新）` is not one figure for the candidate.
  if (!q || ARROW.test(l.rest) || OLD_MARK.test(l.rest)) {
    warn(b, "unreadable-value", { label: l.label, text: l.rest.slice(0, 80) }, l.line);
    return true;
  }
  return setBodyValue(b, findModel(b, b.newModel)!, l.label, q, l.line, l.text);
};

/** Tried in this order; the first that takes a line ends the search. */
export const LINE_RULES: readonly LineRule[] = [
  usageLine,
  costBreakdownLine,
  priceLine,
  latencyLine,
  compatLine,
  selfHostLine,
  costChangeLine,
  arrowLine,
  singleValueLine,
];

export function splitLabel(text: string): { label: string; rest: string } {
  const colon = text.indexOf(":");
  if (colon === -1 || colon > 120) return { label: "", rest: text };
  return { label: text.slice(0, colon).replace(/\*\*/g, "").trim(), rest: text.slice(colon + 1).trim() };
}

/** A reader that takes the body's lines one at a time, in document order. */
export function lineReader(b: Builder): (line: TextLine) => void {
  const ctx: Context = { versus: null };
  return (line) => {
    if (line.text === "") return;
    const { label, rest } = splitLabel(line.text);
    const l: Line = { kind: "line", text: line.text, line: line.line, heading: line.heading, group: line.group, label, rest };
    for (const rule of LINE_RULES) if (rule(b, l, ctx)) break;
  };
}
