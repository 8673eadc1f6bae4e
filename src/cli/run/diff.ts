/**
 * `migrate-eval diff BASE HEAD`: each side is a record, a report or batch JSON file, or a folder of
 * records; records are evaluated with the same policy and usage on both sides, and matched by id.
 */
import { statSync } from "node:fs";
import type { Fx } from "../../calc/compare-cost.js";
import type { TokenUsage } from "../../calc/cost.js";
import { evaluate } from "../../evaluate.js";
import { formatError } from "../../record/findings.js";
import { loadRecordSync, readBoundedSync } from "../../record/load.js";
import { cleanInline, cleanPath } from "../../record/quantity/text.js";
import { diffReports } from "../../report/diff.js";
import { renderDiffJson, renderDiffMarkdown, renderDiffTable } from "../../report/diff-render.js";
import { ReportSchema, type Report } from "../../report/schema.js";
import { registryFor } from "../../rules/policy-registry.js";
import type { Policy } from "../../rules/schema.js";
import { collectFiles, nothingFound } from "../collect.js";
import type { DIFF_FORMATS } from "../commands/diff.js";
import { EXIT, UserError } from "../errors.js";
import { err, out, tableWidth } from "../io.js";
import { choosePolicy } from "../policy-source.js";

interface DiffOptions {
  policy?: string;
  usage?: TokenUsage;
  fx?: Fx;
  format: (typeof DIFF_FORMATS)[number];
  failOn?: "verdict-regression";
  ext?: string[];
}

/** Report JSON files are read whole: a batch of 10,000 reports fits well under this. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

type Problem = { file: string; line: number | null; message: string };

interface Side {
  reports: Report[];
  /** One record or one report: two such sides are compared whatever their ids. */
  one: boolean;
  errors: Problem[];
}

interface Settings {
  policy: Policy;
  policySource: string;
  usage: TokenUsage | null;
  fx?: Fx;
  ext: string[];
}

/** A report file is from outside like a record: every string in it is cleaned as a record's are. */
function cleaned<T>(v: T): T {
  if (typeof v === "string") return cleanInline(v) as T;
  if (Array.isArray(v)) return v.map(cleaned) as T;
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cleaned(x)])) as T;
  return v;
}

function readReports(path: string): Side {
  const file = cleanPath(path);
  const bytes = readBoundedSync(path, MAX_JSON_BYTES);
  if (!Buffer.isBuffer(bytes)) throw new UserError(`${file}: ${bytes.message}`);
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    throw new UserError(`${file}: not JSON: ${(e as Error).message}`);
  }
  const batch = data !== null && typeof data === "object" && Array.isArray((data as { reports?: unknown }).reports);
  const items: unknown[] = batch ? (data as { reports: unknown[] }).reports : [data];
  const reports = items.map((item, i) => {
    const parsed = ReportSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = [...(batch ? ["reports", i] : []), ...issue.path].join(".");
      throw new UserError(`${file}: not a migrate-eval report (--format json): ${issue.message}${where ? ` (location: ${where})` : ""}`);
    }
    return cleaned(parsed.data);
  });
  return { reports, one: !batch, errors: [] };
}

function evaluated(path: string | Uint8Array, s: Settings): { report: Report | null; errors: Problem[] } {
  const loaded = loadRecordSync(path, undefined, { registry: registryFor(s.policy) });
  if (!loaded.ok) return { report: null, errors: loaded.errors };
  return { report: evaluate(loaded.record, { policy: s.policy, policySource: s.policySource, usage: s.usage, ...(s.fx ? { fx: s.fx } : {}) }), errors: [] };
}

async function readSide(path: string, s: Settings): Promise<Side> {
  let folder: boolean;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    throw new UserError(`${cleanPath(path)}: no such file or folder`);
  }
  if (!folder && /\.json$/i.test(path)) return readReports(path);
  if (!folder) {
    const { report, errors } = evaluated(path, s);
    return { reports: report ? [report] : [], one: true, errors };
  }
  // A folder without records is a side with none (every record of the other side was added or removed).
  const found = await collectFiles([path], { extensions: s.ext });
  const side: Side = { reports: [], one: false, errors: [...found.errors] };
  for (const file of found.files) {
    const { report, errors } = evaluated(file, s);
    if (report) side.reports.push(report);
    side.errors.push(...errors);
  }
  return side;
}

export async function diff(basePath: string, headPath: string, o: DiffOptions): Promise<void> {
  const { policy, source } = choosePolicy(o.policy);
  const settings: Settings = { policy, policySource: cleanPath(source), usage: o.usage ?? null, ...(o.fx ? { fx: o.fx } : {}), ext: o.ext ?? [] };
  const base = await readSide(basePath, settings);
  const head = await readSide(headPath, settings);
  if (base.reports.length + head.reports.length + base.errors.length + head.errors.length === 0) throw new UserError(nothingFound([basePath, headPath], { extensions: settings.ext }));
  const errors = [...base.errors, ...head.errors];
  for (const e of errors) err(formatError(e));
  // Two single records of which one cannot be read: there is nothing to compare.
  if (base.one && head.one && (base.reports.length === 0 || head.reports.length === 0)) {
    process.exitCode = EXIT.cannotRun;
    return;
  }
  const result = diffReports(base.reports, head.reports, { base: cleanPath(basePath), head: cleanPath(headPath), one: base.one && head.one });
  if (o.format === "json") out(renderDiffJson(result));
  else if (o.format === "markdown") out(renderDiffMarkdown(result));
  else out(renderDiffTable(result, tableWidth()));
  process.exitCode = errors.length ? EXIT.cannotRun : o.failOn === "verdict-regression" && result.summary.regressions > 0 ? EXIT.gate : EXIT.ok;
}
