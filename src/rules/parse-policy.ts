/** Reads a policy file: safe YAML, then the strict schema; every problem with its line. */
import { finding, type Finding, type RecordError } from "../record/findings.js";
import { closest } from "../record/suggest.js";
import { DERIVED_METRICS } from "./metric-view.js";
import { registryFor } from "./policy-registry.js";
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
  if (parsed.success) {
    const problems = meaningless(parsed.data, read.lineOf);
    if (problems.length) return { ok: false, errors: problems.map((f) => ({ ...f, file })) };
    return { ok: true, policy: parsed.data };
  }
  const errors = issuesToErrors(parsed.error.issues, read.data, read.lineOf, "policy-invalid", file);
  return { ok: false, errors };
}

/**
 * A policy that parses and still decides nothing: no rules (every verdict would be MIGRATE), or a
 * rule on a metric that exists nowhere (every verdict HOLD). Known: the registry's metrics, the
 * derived ones, and the metrics the policy itself declares.
 */
export function meaningless(policy: Policy, lineOf: (path: ReadonlyArray<string | number>) => number | null): Finding[] {
  if (policy.rules.length === 0) return [finding("policy-invalid", { reason: "rules: a policy needs at least one rule (with none, every verdict would be MIGRATE)" }, lineOf(["rules"]))];
  const known = new Set([...registryFor(policy).metrics.map((m) => m.key), ...Object.keys(DERIVED_METRICS)]);
  const out: Finding[] = [];
  const check = (metric: string | undefined, id: string, path: Array<string | number>) => {
    if (metric === undefined || known.has(metric)) return;
    const near = closest(metric, known);
    const hint = near ? `; did you mean "${near}"?` : "; declare it under metrics: to use a metric of your own";
    out.push(finding("policy-invalid", { reason: `rules (${JSON.stringify(id)}): no metric "${metric}"${hint}` }, lineOf(path)));
  };
  policy.rules.forEach((r, i) => {
    check(r.metric, r.id, ["rules", i, "metric"]);
    r.any?.forEach((m, j) => check(m.metric, r.id, ["rules", i, "any", j, "metric"]));
  });
  return out;
}
