/** Reads a policy file: safe YAML, then the strict schema; every problem with its line. */
import { finding, type RecordError } from "../record/findings.js";
import { readYaml } from "../record/yaml.js";
import { PolicySchema, type Policy } from "./schema.js";

export const MAX_POLICY_BYTES = 1024 * 1024;

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; errors: RecordError[] };

export function parsePolicy(text: string, file = "<policy>"): PolicyResult {
  const fail = (f: ReturnType<typeof finding>): PolicyResult => ({ ok: false, errors: [{ ...f, file }] });
  if (text.length > MAX_POLICY_BYTES) return fail(finding("file-too-large", { size: text.length, limit: MAX_POLICY_BYTES }));
  if (text.trim() === "") return fail(finding("file-empty"));
  if (text.includes("\u0000")) return fail(finding("file-binary"));
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const read = readYaml(source);
  if ("code" in read) return fail(read);
  const parsed = PolicySchema.safeParse(read.data);
  if (parsed.success) return { ok: true, policy: parsed.data };
  const errors = parsed.error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    let line: number | null = null;
    for (const k of keys) line ??= read.lineOf([...path, k]);
    for (let n = path.length; n >= 0 && line === null; n--) line = n === 0 ? 1 : read.lineOf(path.slice(0, n));
    const where = path.length ? path.join(".") : "(top)";
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    const reason = missing
      ? `${where} is required`
      : keys.length
        ? `${where}: unknown key${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}`
        : `${where}: ${issue.message}`;
    return { ...finding("policy-invalid", { reason, path: where }, line), file };
  });
  return { ok: false, errors };
}
