/**
 * Turns zod's validation issues into findings with the line of the offending key: shared by
 * the frontmatter and policy readers so both say "x is required" and "unknown key" alike.
 */
import type * as z from "zod";
import { finding, type FindingCode, type RecordError } from "./findings.js";

const MAX_ISSUES = 20;

function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let cur = data;
  for (const key of path) {
    if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

export function issuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  lineOf: (path: ReadonlyArray<string | number>) => number | null,
  code: FindingCode,
  file: string,
): RecordError[] {
  return issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    let line: number | null = null;
    for (const k of keys) line ??= lineOf([...path, k]);
    for (let n = path.length; n >= 0 && line === null; n--) line = n === 0 ? 1 : lineOf(path.slice(0, n));
    const where = path.length ? path.join(".") : "(top)";
    const missing = path.length > 0 && issue.code !== "unrecognized_keys" && valueAt(data, path) === undefined;
    const reason = missing
      ? `${where} is required`
      : keys.length
        ? `${where}: unknown key${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}`
        : `${where}: ${issue.message}`;
    return { ...finding(code, { reason, path: where }, line), file };
  });
}
