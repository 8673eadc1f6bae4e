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

/** `rules[0] ("cost").change_pcnt`: indexes in brackets, and an entry's id when it has one. */
function formatPath(data: unknown, path: ReadonlyArray<string | number>): string {
  let out = "";
  path.forEach((seg, i) => {
    if (typeof seg === "number") {
      const id = (valueAt(data, path.slice(0, i + 1)) as { id?: unknown } | undefined)?.id;
      out += `[${seg}]${typeof id === "string" ? ` (${JSON.stringify(id)})` : ""}`;
    } else {
      out += out === "" ? seg : `.${seg}`;
    }
  });
  return out;
}

export function issuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  lineOf: (path: ReadonlyArray<string | number>) => number | null,
  code: FindingCode,
  file: string,
): RecordError[] {
  // An unknown key usually explains the object's other complaints (a misspelt condition also
  // leaves the rule without one): report the key alone.
  const misspelt = new Set(issues.filter((i) => i.code === "unrecognized_keys").map((i) => i.path.map(String).join("\u0000")));
  const shown = issues.filter((i) => i.code !== "custom" || !misspelt.has(i.path.map(String).join("\u0000")));
  return shown.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    let line: number | null = null;
    for (const k of keys) line ??= lineOf([...path, k]);
    for (let n = path.length; n >= 0 && line === null; n--) line = n === 0 ? 1 : lineOf(path.slice(0, n));
    const where = path.length ? formatPath(data, path) : "(top)";
    const missing = path.length > 0 && issue.code !== "unrecognized_keys" && valueAt(data, path) === undefined;
    const reason = missing
      ? `${where} is required`
      : keys.length
        ? `${where}: unknown key${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}`
        : `${where}: ${issue.message}`;
    return { ...finding(code, { reason, path: where }, line), file };
  });
}
