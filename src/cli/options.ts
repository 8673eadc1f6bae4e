/** Parsing of flag values, with errors a user can act on. */
import { InvalidArgumentError } from "commander";
import { parseTokenCount } from "../record/quantity/token-count.js";
import type { TokenUsage } from "../calc/cost.js";

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
