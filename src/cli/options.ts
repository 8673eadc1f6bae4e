/** Parsing of flag values, with errors a user can act on. */
import { InvalidArgumentError } from "commander";
import { parseTokenCount } from "../record/quantity/token-count.js";
import type { TokenUsage } from "../calc/cost.js";
import type { Fx } from "../calc/compare-cost.js";

export function parseUsage(value: string): TokenUsage {
  const parts = value.split(":");
  const [a, b] = parts.map((p) => parseTokenCount(p.trim()));
  if (parts.length !== 2 || a === null || a === undefined || b === null || b === undefined) {
    throw new InvalidArgumentError(`expected IN:OUT tokens per month, e.g. 100M:50M (K, M and B allowed), got "${value}"`);
  }
  return { inputTokens: a, outputTokens: b };
}

export function choice<T extends string>(allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${allowed.join(", ")}`);
    return value as T;
  };
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError("expected a whole number from 1 to 256");
  return n;
}

/**
 * `--fx JPY=0.0067,EUR=1.08`: USD per unit of each currency, for a record priced in two. The flag
 * can be given more than once; a later rate for a currency wins.
 */
export function parseFx(value: string, previous: Fx = {}): Fx {
  const fx: Fx = { ...previous };
  for (const part of value.split(",")) {
    const m = /^\s*(USD|JPY|EUR)\s*=\s*(\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/i.exec(part);
    const rate = m ? Number(m[2]) : NaN;
    if (!m || !(rate > 0) || !Number.isFinite(rate) || rate > 1e6) {
      throw new InvalidArgumentError(`expected CURRENCY=USD-per-unit, e.g. JPY=0.0067 (currencies: USD, JPY, EUR), got "${part.trim()}"`);
    }
    const currency = m[1]!.toUpperCase() as keyof Fx;
    if (currency === "USD" && rate !== 1) throw new InvalidArgumentError("USD is the unit of the rates: USD=1 or leave it out");
    fx[currency] = rate;
  }
  return fx;
}

/** `--ext txt,markdown`: extensions of record files in folders, besides md. */
export function parseExtensions(value: string, previous: string[] = []): string[] {
  const exts = value.split(",").map((e) => e.trim().replace(/^\./, ""));
  if (exts.some((e) => !/^[A-Za-z0-9_-]{1,16}$/.test(e))) throw new InvalidArgumentError(`expected extensions such as txt,markdown, got "${value}"`);
  return [...previous, ...exts];
}

/** `--prices-as-of 2024-06-01`: a day that exists. */
export function parseDay(value: string): string {
  const t = Date.parse(`${value}T00:00:00Z`);
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
  if (!ok) throw new InvalidArgumentError(`expected a date YYYY-MM-DD, got "${value}"`);
  return value;
}

/** `--request-tokens 250K`: input tokens of one request, for prices tiered by request size. */
export function parseRequestTokens(value: string): number {
  const n = parseTokenCount(value.trim());
  if (n === null || !Number.isInteger(n) || n > 1e9) throw new InvalidArgumentError(`expected input tokens a request, e.g. 250000 or 250K, got "${value}"`);
  return n;
}

/** `--swing 20`: percent each input is moved by, above 0 and at most 100. */
export function parseSwing(value: string): number {
  const n = Number(value.trim().replace(/%$/, ""));
  if (value.trim() === "" || !Number.isFinite(n) || !(n > 0) || n > 100) throw new InvalidArgumentError(`expected a percentage above 0 and at most 100, e.g. 20, got "${value}"`);
  return n;
}

/** `--capacity 5B`: tokens a month one self-hosting installation serves (K, M, B). */
export function parseCapacity(value: string): number {
  const n = parseTokenCount(value.trim());
  if (n === null || !(n > 0)) throw new InvalidArgumentError(`expected tokens a month above 0, e.g. 5B (K, M and B allowed), got "${value}"`);
  return n;
}
