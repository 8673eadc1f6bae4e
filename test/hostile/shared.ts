/** Helpers shared by the hostile-input tests: report checks and timing. */
import { expect } from "vitest";

/** Paths (`metrics[2].change.pct`) of every number in `value` that is NaN or ±Infinity. */
export function nonFiniteNumbers(value: unknown, path = "$", out: string[] = []): string[] {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) out.push(`${path}=${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nonFiniteNumbers(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) nonFiniteNumbers(v, `${path}.${k}`, out);
  }
  return out;
}

/** The report `evaluate` returns must be plain JSON data: no NaN or Infinity, a real verdict. */
export function expectSaneReport(report: { verdict: string; warnings: ReadonlyArray<{ code: string }> }): void {
  expect(nonFiniteNumbers(report)).toEqual([]);
  expect(["MIGRATE", "HOLD"]).toContain(report.verdict);
  // JSON data only: what `--format json` prints is the same object (no undefined, Date, Map…).
  expect(notJsonData(report)).toEqual([]);
}

/** Paths of values that JSON.stringify would drop or change (undefined, functions, Dates, Maps…). */
export function notJsonData(value: unknown, path = "$", out: string[] = [], depth = 0): string[] {
  if (depth > 64) out.push(`${path}: nested deeper than 64`);
  else if (value === null || typeof value === "string" || typeof value === "boolean" || typeof value === "number") return out;
  else if (Array.isArray(value)) value.forEach((v, i) => notJsonData(v, `${path}[${i}]`, out, depth + 1));
  else if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) notJsonData(v, `${path}.${k}`, out, depth + 1);
    }
  } else out.push(`${path}: ${typeof value === "object" ? Object.prototype.toString.call(value) : typeof value}`);
  return out;
}

/** Every error a loader returns is `{ file: string, code, message, line: null | positive integer }`. */
export function expectWellFormedErrors(errors: ReadonlyArray<{ file: unknown; code: unknown; message: unknown; line: unknown }>): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(typeof e.file).toBe("string");
    expect(typeof e.code).toBe("string");
    expect(typeof e.message).toBe("string");
    expect((e.message as string).length).toBeGreaterThan(0);
    if (e.line !== null) {
      expect(Number.isInteger(e.line)).toBe(true);
      expect(e.line as number).toBeGreaterThan(0);
    }
  }
}

/** Runs `fn` and returns its result with the wall time it took, in milliseconds. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

export async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/**
 * Time budget for one hostile input. The inputs below take 5–100 ms on a quiet machine; the
 * budget leaves room for a loaded CI runner (tests run in parallel) while still catching any
 * super-linear blow-up, which takes seconds to minutes at these sizes.
 */
export const BUDGET_MS = 1000;

/** True when the prototype of plain objects carries anything a record could have planted. */
export function prototypePolluted(): string[] {
  const probe: Record<string, unknown> = {};
  const planted = ["polluted", "isAdmin", "hostile"].filter((k) => k in probe || Object.hasOwn(Object.prototype, k));
  const extra = Object.getOwnPropertyNames(Object.prototype).filter((k) => !BASELINE_PROTO_KEYS.has(k));
  return [...planted, ...extra];
}

const BASELINE_PROTO_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
