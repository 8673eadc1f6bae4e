/**
 * Self-hosting figures under any label of their meaning: capex (`初期投資`, `Hardware purchase`,
 * `導入費用`), opex per month, per year or per GPU-hour (`年間運用費 360万円`, `$2.49/GPU-hour`),
 * GPUs (`4× H100`, `H100 ×4`, `A100 80GB 8枚`), a stated break-even and payback.
 */
import { PER_MONTH } from "../quantity/lexicon.js";
import type { Label } from "../registry/labels.js";
import type { Concept } from "../registry/words.js";
import { addClaim, explain, findModel, warn, type Builder } from "./builder.js";
import type { Item } from "./items.js";
import { clip } from "../quantity/text.js";

const GPU = String.raw`(?:nvidia\s)?(?:[HABLTVP]\d{2,4}[A-Z]?|RTX\s?\d{4}|MI\d{3}X?|TPU\s?v\d[a-z]?|GB\d{3}|Gaudi\s?\d|L40S|A10G)(?:\s?\d{2,3}\s?GB)?`;
const GPU_SPECS: ReadonlyArray<RegExp> = [
  new RegExp(String.raw`(\d{1,4})\s?[x×]\s?(${GPU})`, "i"),
  new RegExp(String.raw`(${GPU})\s?[x×]\s?(\d{1,4})`, "i"),
  new RegExp(String.raw`(${GPU})\s(\d{1,4})\s?(?:枚|基|台|個|cards?|gpus?)`, "i"),
  new RegExp(String.raw`(\d{1,4})\s?(?:gpus?|枚|基|台)\s?\(?(${GPU})?`, "i"),
];

/** `4× H100` → 4 and `H100`; `H100 ×4`; `A100 80GB 8枚`; `8 GPUs (A100 80GB)`. */
export function readGpus(text: string): { count: number | null; model: string | null; text: string } | null {
  // The first spec written, whichever form it takes: `H100 ×2 …; we also costed an 8× A100 box`.
  let best: { m: RegExpExecArray; i: number } | null = null;
  for (const [i, re] of GPU_SPECS.entries()) {
    const m = re.exec(text);
    if (m && (best === null || m.index < best.m.index)) best = { m, i };
  }
  if (best) {
    const { m, i } = best;
    const [count, model] = i === 0 || i === 3 ? [m[1], m[2]] : [m[2], m[1]];
    const n = Number(count);
    return { count: Number.isSafeInteger(n) && n > 0 ? n : null, model: model ?? null, text: m[0].trim() };
  }
  const only = new RegExp(GPU, "i").exec(text);
  return only ? { count: null, model: only[0], text: only[0] } : null;
}

/**
 * The figure a self-hosting line states in tokens: its one figure in tokens (a count beside it,
 * `at 2 servers`, is not it), else its one bare number; else why it cannot be told.
 */
function tokenFigure(items: readonly Item[]): Item | string {
  const tokens = items.filter((i) => i.q.dimension === "tokens");
  const candidates = tokens.length > 0 ? tokens : items.filter((i) => i.q.dimension === "number");
  if (candidates.length === 0) return "a number of tokens a month";
  if (candidates.length > 1) return "one number of tokens a month, and the line has several";
  if (candidates[0]!.q.range !== null) return "one number of tokens a month, not a range";
  return candidates[0]!;
}

const NONE = /^(?:none|nil|zero|no capex|not needed|n\/?a \(rented\)|なし|無し|不要|ゼロ|0)$|\b(?:none|rented|rental|no up-?front)\b|なし|不要|レンタル/i;

export interface SelfHostSource {
  line: number;
  text: string;
  value: string;
  label: Label;
}

export function readSelfHost(b: Builder, concept: Concept, items: readonly Item[], src: SelfHostSource): void {
  const sh = b.selfHost;
  const money = items.find((i) => i.q.dimension === "money" && i.q.range === null && i.q.bound === null);
  const refuse = (reason: string) => warn(b, "unreadable-value", { text: clip(src.value, 80), reason }, src.line);
  switch (concept) {
    case "capex": {
      if (!money && NONE.test(src.value.trim())) {
        sh.capex ??= { value: 0, currency: null, line: src.line };
        explain(b, { line: src.line, text: clip(src.text, 120), target: "self-hosting capex", value: 0, unit: "number", steps: [], why: "stated as none" });
        return;
      }
      if (!money) return refuse("capex needs an amount of money");
      if (money.q.per !== null || money.q.period !== null) return refuse("capex is a one-time amount, not a rate");
      if (sh.capex && sh.capex.value !== money.q.value) conflict(b, "self-hosting capex", sh.capex, src);
      if (!sh.capex) {
        sh.capex = { value: money.q.value, currency: money.q.currency, line: src.line };
        explain(b, { line: src.line, text: clip(src.text, 120), target: "self-hosting capex", value: money.q.value, unit: (money.q.currency ?? "USD").toLowerCase(), steps: money.q.steps, why: `label "${clip(src.label.raw, 40)}" means an up-front cost` });
      }
      return;
    }
    case "opex": {
      if (!money) return refuse("opex needs an amount of money");
      let value = money.q.value;
      const steps = [...money.q.steps];
      if (money.q.per === "gpu_hour") {
        const count = readGpus(src.text)?.count ?? sh.gpus?.count ?? null;
        if (count === null) return refuse("a price per GPU-hour with no GPU count");
        value = value * count * PER_MONTH.hour;
        steps.push(`× ${count} GPUs × 730 hours a month`);
      } else if (money.q.period === null) {
        const period = src.label.period;
        if (period === null) return refuse("opex with no period (per month, per year …)");
        const f = PER_MONTH[period];
        value *= f;
        if (f !== 1) steps.push(`per ${period} → per month (×${Number(f.toPrecision(6))})`);
      }
      if (sh.opexPerMonth && Math.abs(sh.opexPerMonth.value - value) > 1e-9 * Math.max(1, value)) conflict(b, "self-hosting opex per month", sh.opexPerMonth, src);
      if (!sh.opexPerMonth) {
        sh.opexPerMonth = { value, currency: money.q.currency, line: src.line };
        explain(b, { line: src.line, text: clip(src.text, 120), target: "self-hosting opex per month", value, unit: (money.q.currency ?? "USD").toLowerCase(), steps, why: `label "${clip(src.label.raw, 40)}" means a running cost` });
      }
      return;
    }
    case "gpus": {
      const gpus = readGpus(src.value);
      // `Hardware support contract: $18,000 / year` names hardware, not GPUs.
      if (!gpus && items.some((i) => i.q.dimension === "money")) return;
      const count = gpus?.count ?? (items.length === 1 ? items[0]!.q.value : null);
      sh.gpus ??= { value: (gpus?.text ?? src.value).slice(0, 200), count: count !== null && Number.isSafeInteger(count) ? count : null, line: src.line };
      return;
    }
    case "break_even": {
      // `Break-even vs. staying on GPT-4o`: against another model than the candidate's API price.
      const against = versusOther(b, src.label.raw);
      if (against) {
        const t0 = items.find((i) => i.q.dimension === "tokens" || i.q.dimension === "number");
        if (t0) addClaim(b, { kind: "unchecked", subject: null, basis: null, text: clip(t0.raw, 60), value: t0.q.value, unit: "tokens", step: t0.q.step, terms: null, reason: `a break-even against ${against}; the tool computes it against the candidate's API price`, line: src.line });
        return;
      }
      const t = tokenFigure(items);
      if (typeof t === "string") return refuse(`a break-even needs ${t}`);
      const period = t.q.period ?? src.label.period;
      const value = t.q.period === null && period ? t.q.value * PER_MONTH[period] : t.q.value;
      if (!sh.statedBreakEvenTokensPerMonth) {
        sh.statedBreakEvenTokensPerMonth = { value, line: src.line };
        addClaim(b, {
          kind: "break_even", subject: null, basis: "monthly", text: src.value.slice(Math.max(0, t.start), t.end).trim() || clip(src.value, 40),
          value, unit: "tokens", step: claimStep(t.q.step, t.q.approx, value), terms: null, line: src.line,
        });
      }
      return;
    }
    case "payback": {
      const against = versusOther(b, src.label.raw);
      if (against) {
        addClaim(b, { kind: "unchecked", subject: null, basis: null, text: clip(src.value, 60), value: 0, unit: "months", step: 1, terms: null, reason: `a payback against ${against}; the tool computes it against the candidate's API cost`, line: src.line });
        return;
      }
      const m = /(\d+(?:\.\d+)?)\s?(?:months?|mo|ヶ月|か月|カ月|ケ月)/i.exec(src.value);
      if (!m) return refuse("a payback needs a number of months");
      const value = Number(m[1]);
      sh.statedPaybackMonths ??= { value, line: src.line };
      addClaim(b, { kind: "payback", subject: null, basis: null, text: m[0], value, unit: "months", step: m[1]!.includes(".") ? 10 ** -m[1]!.split(".")[1]!.length : 1, terms: null, line: src.line });
      return;
    }
    case "capacity": {
      const t = tokenFigure(items);
      if (typeof t === "string") return refuse(`a capacity needs ${t}`);
      // `2B tokens/day` is a capacity a month of 2B × 30.4.
      const period = t.q.period ?? src.label.period;
      const value = t.q.period === null && period ? t.q.value * PER_MONTH[period] : t.q.value;
      if (!(value > 0)) return refuse("a capacity needs a number of tokens a month above 0");
      if (!sh.capacityTokensPerMonth) {
        sh.capacityTokensPerMonth = { value, line: src.line };
        explain(b, { line: src.line, text: clip(src.text, 120), target: "self-hosting capacity (tokens a month)", value, unit: "tokens", steps: t.q.steps, why: `label "${clip(src.label.raw, 40)}" means what the hardware serves` });
      }
      return;
    }
    default:
      return;
  }
}

/** The model a label compares against (`vs. GPT-4o`), when it is not the candidate. */
function versusOther(b: Builder, label: string): string | null {
  const m = /\b(?:vs\.?|versus|against|compared (?:to|with))\s+(.+)$/i.exec(label);
  if (!m) return null;
  const named = b.names.find(m[1]!)[0];
  if (!named) return null;
  const model = findModel(b, named.name);
  return model && model.name === b.newModel ? null : (model?.name ?? named.name);
}

function conflict(b: Builder, what: string, first: { value: number; line: number | null }, src: SelfHostSource): void {
  warn(b, "conflicting-value", { label: what, model: "the record", first: String(first.value), firstLine: first.line ?? "the frontmatter", text: clip(src.text, 80) }, src.line);
}

/**
 * The rounding a stated figure carries: its last written digit, and for an approximate figure
 * (`約¥35,000`, `~9.5B`) its last digit that is not a trailing zero.
 */
export function claimStep(step: number, approx: boolean, value: number): number {
  if (!approx || value === 0) return step;
  let s = step;
  for (let guard = 0; guard < 20; guard++) {
    const r = Math.abs(value) / (s * 10);
    if (s * 10 > Math.abs(value) || Math.abs(r - Math.round(r)) > 1e-9) break;
    s *= 10;
  }
  return s;
}
