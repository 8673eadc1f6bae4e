/** Reads a policy file: safe YAML, then the strict schema; every problem with its line. */
import { finding, type RecordError } from "../record/findings.js";
import { readYaml } from "../record/yaml.js";
import { sanitize } from "../record/parse.js";
import { cleanPath } from "../record/quantity/text.js";
import { issuesToErrors } from "../record/schema-issues.js";
import { safeParse } from "zod/mini";
import { PolicySchema, type Policy } from "./schema.js";

/** Policies are short; the limit keeps YAML parsing of a hostile one to a fraction of a second. */
export const MAX_POLICY_BYTES = 256 * 1024;

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; errors: RecordError[] };

export function parsePolicy(text: string, path = "<policy>"): PolicyResult {
  const file = cleanPath(path);
  const fail = (f: ReturnType<typeof finding>): PolicyResult => ({ ok: false, errors: [{ ...f, file }] });
  const size = Buffer.byteLength(text, "utf8");
  if (size > MAX_POLICY_BYTES) return fail(finding("file-too-large", { size, limit: MAX_POLICY_BYTES }));
  if (text.trim() === "") return fail(finding("file-empty"));
  if (text.includes("\u0000")) return fail(finding("file-binary"));
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const read = readYaml(source);
  if ("code" in read) return fail(read);
  // Rule ids, descriptions and metric names reach every output: cleaned once, here.
  const dropped: string[][] = [];
  const data = sanitize(read.data, [], dropped);
  if (dropped.length) {
    return { ok: false, errors: dropped.map((p) => ({ ...finding("policy-invalid", { reason: `unsafe key "${p[p.length - 1]}"`, path: p.join(".") }, read.lineOf(p)), file })) };
  }
  const parsed = safeParse(PolicySchema, data);
  if (parsed.success) return { ok: true, policy: parsed.data };
  const errors = issuesToErrors(parsed.error.issues, read.data, read.lineOf, "policy-invalid", file);
  return { ok: false, errors };
}
