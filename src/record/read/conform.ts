/**
 * A quantity as a metric's value: the dimension must fit what the metric measures, a unit hint
 * from the label or header fills in what the cell leaves out (`Latency (ms)` | `850`), and the
 * value must be plausible. Anything else is a refusal with its reason — never a guess.
 */
import type { Currency } from "../quantity/lexicon.js";
import type { Quantity } from "../quantity/quantity.js";
import type { MetricDef } from "../registry/metrics.js";

export type Conformed =
  | { ok: true; value: number; currency: Currency | null; steps: string[]; sample: number | null; unit: string }
  | { ok: false; reason: string; range?: [number, number]; implausible?: true };

/** USD per unit, for plausibility only (a JPY price of 150 is not 150 dollars). Never used to convert. */
const ROUGH_USD: Readonly<Record<Currency, number>> = { USD: 1, EUR: 1.1, JPY: 0.0067 };

const fmt = (n: number) => String(Number(n.toPrecision(6)));

/** A hint's unit applied to a bare figure: `850` with `(ms)` → 0.85 s; `2.50` with `$/1M` → $2.50 per 1M. */
export function withHint(q: Quantity, hint: Quantity | null): Quantity {
  if (!hint) return q;
  if (q.dimension === "number" && hint.dimension !== "number" && hint.dimension !== "fraction") {
    const f = hint.value;
    return {
      ...q,
      value: q.value * f,
      step: q.step * f,
      range: q.range ? [q.range[0] * f, q.range[1] * f] : null,
      dimension: hint.dimension,
      currency: hint.currency,
      per: hint.per,
      period: q.period ?? hint.period,
      noun: hint.noun,
      steps: [...q.steps, ...(f !== 1 ? [`unit from the label or header (×${fmt(f)})`] : ["unit from the label or header"])],
    };
  }
  if (q.dimension === "number" && hint.dimension === "number" && hint.value !== 1) {
    // `(M)`, `(百万トークン)`: a multiplier only.
    return { ...q, value: q.value * hint.value, step: q.step * hint.value, steps: [...q.steps, `×${fmt(hint.value)} from the label or header`] };
  }
  if (q.dimension === "money" && q.per === null && hint.per !== null) {
    // `$/1K` is read per 1M already (its value is 1,000); a unit with no money (`(per 1K tokens)`) is not.
    const f = hint.dimension !== "money" && hint.per === "token" && hint.perSize ? 1e6 / hint.perSize : hint.value;
    const steps = [...q.steps, f !== 1 ? `denominator from the label or header: per ${fmt(hint.perSize ?? 1)} → per 1M (×${fmt(f)})` : "denominator from the label or header"];
    return { ...q, value: q.value * f, step: q.step * f, per: hint.per, perSize: hint.per === "token" ? 1e6 : hint.perSize, currency: q.currency ?? hint.currency, steps };
  }
  if (q.dimension === "money" && q.period === null && hint.period !== null && hint.per === null) {
    return { ...q, period: hint.period, value: q.value * hint.value, step: q.step * hint.value };
  }
  return q;
}

const HINT_KINDS: Readonly<Record<string, readonly MetricDef["kind"][]>> = {
  percent: ["percent"], money: ["price", "unit_price", "money"], duration: ["seconds"], tokens: ["tokens"], params: ["params"],
  throughput: ["throughput"],
};

/**
 * Whether a table's or heading's unit can be the unit of a metric: under `ベンチマーク (%)` an
 * `MT-Bench` row is still a score of 10, not a percentage.
 */
export function hintSuits(def: MetricDef, hint: Quantity): boolean {
  const kinds = HINT_KINDS[hint.dimension];
  return kinds === undefined || kinds.includes(def.kind);
}

/** The unit a metric of the registry, or an unknown one, is reported in. */
export function unitOf(def: MetricDef, currency: Currency | null): string {
  const cur = (currency ?? "USD").toLowerCase();
  switch (def.kind) {
    case "price":
      return `${cur}_per_mtok`;
    case "unit_price":
      return `${cur}_per_${def.per}`;
    case "money":
      return cur;
    case "score":
      return def.scale === 10 ? "score_10" : "score";
    case "seconds":
      return "seconds";
    default:
      return def.kind;
  }
}

/** Why a value cannot be this metric's (out of range, a price below any real one), or null. */
export function plausible(def: MetricDef, value: number, currency: Currency | null): string | null {
  const [min, max] = def.range;
  const usd = (def.kind === "price" || def.kind === "unit_price" || def.kind === "money") && currency ? value * ROUGH_USD[currency] : value;
  // `-0` is a negative figure written as zero: where negatives are out of range, so is it.
  if (usd < min || usd > max || (Object.is(usd, -0) && min === 0)) return `${fmt(value)} is outside the plausible range of ${def.name} (${min}–${max}${def.kind === "price" ? " USD per 1M tokens" : ""})`;
  if (def.floor !== undefined && usd !== 0 && Math.abs(usd) < def.floor) return `${fmt(value)} per 1M tokens is below any real ${def.name.toLowerCase()}: is it per 1K tokens or per token?`;
  return null;
}

export interface ConformOptions {
  /** The other values of this metric on the same line or row: fractions are read only when all are. */
  siblings?: readonly Quantity[];
  /** The label speaks of retries: values below 1 are retries, so attempts = 1 + value. */
  retries?: boolean;
}

export function conform(q: Quantity, def: MetricDef, o: ConformOptions = {}): Conformed {
  if (q.range) {
    // `4.0〜4.3/5` on a score of 5 is 4.0–4.3; `0.80–0.85` of a whole on a percentage, 80–85 %.
    const f = q.dimension === "fraction" ? (def.kind === "score" ? (def.scale ?? 5) : def.kind === "percent" ? 100 : 1) : 1;
    const range: [number, number] = [Number((q.range[0] * f).toPrecision(12)), Number((q.range[1] * f).toPrecision(12))];
    return { ok: false, reason: `${fmt(range[0])}–${fmt(range[1])} is a range, not a single figure`, range };
  }
  const steps = [...q.steps];
  const done = (raw: number, currency: Currency | null = null, sample: number | null = null): Conformed => {
    // Twelve significant digits: `3.9/5` is 3.9, not 3.9000000000000004.
    const value = Number(raw.toPrecision(12));
    const bad = plausible(def, Object.is(raw, -0) ? -0 : value, currency);
    if (bad) return { ok: false, reason: bad, implausible: true };
    return { ok: true, value, currency, steps, sample, unit: unitOf(def, currency) };
  };
  const dim = q.dimension;
  switch (def.kind) {
    case "percent": {
      if (dim === "percent") return done(q.value);
      if (dim === "fraction" && q.fraction) {
        const { k, n } = q.fraction;
        steps.push(`${fmt(k)} of ${fmt(n)} → ${fmt((k / n) * 100)} %`);
        return done((k / n) * 100, null, Number.isInteger(k) && Number.isInteger(n) && n > 10 ? n : null);
      }
      if (dim === "number") {
        const siblings = o.siblings ?? [q];
        if (q.value > 1) {
          steps.push("a plain number on a percentage: read as %");
          return done(q.value);
        }
        const allFractions = siblings.every((s) => s.dimension === "number" && s.value <= 1 && s.range === null);
        if (allFractions && siblings.length > 1) {
          steps.push(`fraction → % (×100)`);
          return done(q.value * 100);
        }
        return {
          ok: false,
          reason: siblings.length > 1
            ? `${fmt(q.value)} could be a fraction or a percentage: the other values beside it are not both fractions`
            : `${fmt(q.value)} could be a fraction or a percentage: write it with % or beside another fraction`,
        };
      }
      if (dim === "points") return { ok: false, reason: "a change in points is not a level" };
      return { ok: false, reason: `${def.name} is a percentage; this is a ${dim}` };
    }
    case "score": {
      const scale = def.scale ?? 5;
      if (dim === "fraction" && q.fraction) {
        const value = (q.fraction.k / q.fraction.n) * scale;
        if (q.fraction.n !== scale) steps.push(`${fmt(q.fraction.k)}/${fmt(q.fraction.n)} → ${fmt(value)}/${scale}`);
        return done(value);
      }
      if (dim === "number" && q.value <= scale) return done(q.value);
      return { ok: false, reason: `${def.name} is a score of ${scale}; this is ${dim === "number" ? `${fmt(q.value)} with no scale` : `a ${dim}`}` };
    }
    case "attempts": {
      const plain = dim === "number" || (dim === "count" && (q.noun === "time" || q.noun === "attempt" || q.noun === "retry"));
      if (!plain) return { ok: false, reason: `attempts per task are a count; this is a ${dim}` };
      const asRetries = q.noun === "retry" || (o.retries === true && (o.siblings ?? [q]).every((s) => s.value < 1));
      if (o.retries && !asRetries && (o.siblings ?? [q]).some((s) => s.value < 1)) {
        return { ok: false, reason: "retries below and above 1 on one line: attempts or retries cannot be told" };
      }
      if (asRetries) {
        steps.push(`retries → attempts (1 + ${fmt(q.value)})`);
        return done(1 + q.value);
      }
      return done(q.value);
    }
    case "price": {
      if (dim === "money" && q.per === "token") return done(q.value, q.currency);
      if (dim === "money" && q.per === null) return { ok: false, reason: "a price with no per-token denominator (per 1M, per 1K …) in the value, label, header or heading" };
      if (dim === "money") return { ok: false, reason: `a price per ${q.per}, not per token` };
      return { ok: false, reason: "a price with no currency" };
    }
    case "unit_price": {
      if (dim === "money" && q.per === def.per) return done(q.value, q.currency);
      return { ok: false, reason: `${def.name} needs money per ${def.per}` };
    }
    case "seconds": {
      if (dim === "duration") return done(q.value);
      return { ok: false, reason: dim === "number" ? "a time with no unit (ms, s, 秒 …)" : `${def.name} is a time; this is a ${dim}` };
    }
    case "tokens": {
      if (dim === "tokens" || (dim === "number" && q.period === null)) return done(q.value);
      return { ok: false, reason: `${def.name} is a number of tokens; this is a ${dim}` };
    }
    case "params": {
      if (dim === "params" || (dim === "number" && q.period === null)) return done(q.value);
      return { ok: false, reason: `${def.name} is a parameter count; this is a ${dim}` };
    }
    case "money": {
      if (dim === "money" && q.per === null) return done(q.value, q.currency);
      return { ok: false, reason: `${def.name} is an amount of money` };
    }
    case "throughput": {
      if (dim === "throughput") return done(q.value);
      return { ok: false, reason: "a throughput needs tokens per second" };
    }
    case "number":
      return done(q.value, q.currency);
  }
}

/** What an unknown label's figure is kept as: its own dimension, so it is shown as written. */
export function unknownDef(key: string, name: string, q: Quantity): MetricDef {
  const base = { key, name, aliases: [], direction: "neutral" as const };
  switch (q.dimension) {
    case "percent":
      return { ...base, kind: "percent", range: [-1e6, 1e6] };
    case "fraction":
      return q.fraction && (q.fraction.n === 5 || q.fraction.n === 10)
        ? { ...base, kind: "score", scale: q.fraction.n, range: [0, q.fraction.n] }
        : { ...base, kind: "percent", range: [0, 100] };
    case "duration":
      return { ...base, kind: "seconds", range: [0, 1e9] };
    case "money":
      return q.per === "token" ? { ...base, kind: "price", range: [0, 1e9] } : q.per ? { ...base, kind: "unit_price", per: q.per, range: [0, 1e12] } : { ...base, kind: "money", range: [-1e15, 1e15] };
    case "tokens":
      return { ...base, kind: "tokens", range: [0, 1e15] };
    case "params":
      return { ...base, kind: "params", range: [0, 1e15] };
    case "throughput":
      return { ...base, kind: "throughput", range: [0, 1e9] };
    default:
      return { ...base, kind: "number", range: [-1e15, 1e15] };
  }
}
