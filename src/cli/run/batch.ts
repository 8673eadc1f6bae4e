/**
 * `migrate-eval batch PATH...`: every record, spread over the cores, streamed in input order.
 * A record that cannot be read is reported with its file and line and the rest go on.
 */
import type { Fx } from "../../calc/compare-cost.js";
import type { TokenUsage } from "../../calc/cost.js";
import { formatError } from "../../record/findings.js";
import { renderBatchMarkdown, renderBatchTable, type BatchRow } from "../../report/batch.js";
import { EXIT } from "../errors.js";
import { colorEnabled, drained, err, makeStyle, out } from "../io.js";
import { choosePolicy } from "../policy-source.js";
import { gather, progress } from "../collect.js";
import { junitSuite, renderJunitBatch } from "../../report/junit.js";
import type { Report } from "../../report/schema.js";
import { policyInfo } from "../../evaluate.js";
import { cleanPath } from "../../record/quantity/text.js";
import { jobsFor, runInOrder } from "../pool.js";

import { BATCH_FORMATS } from "./batch-formats.js";

interface BatchOptions {
  policy?: string;
  usage?: TokenUsage;
  fx?: Fx;
  format: (typeof BATCH_FORMATS)[number];
  failOn?: "hold";
  jobs?: number;
  color: boolean;
  followLinks?: boolean;
  ext?: string[];
}

const NEWLINE = new Uint8Array([0x0a]);
const withNewline = (bytes: Uint8Array) => Buffer.concat([bytes, NEWLINE]);

/** JSON written piece by piece: reports are never held in memory together. */
function jsonStream() {
  let first = true;
  return {
    open: () => out('{"schemaVersion":1,"reports":[\n'),
    report: (bytes: Uint8Array) => {
      if (!first) out(",\n");
      const ok = out(bytes);
      first = false;
      return ok;
    },
    close: (errors: unknown[], summary: unknown) => out(`\n],"errors":${JSON.stringify(errors)},"summary":${JSON.stringify(summary)}}\n`),
  };
}

/**
 * SARIF and annotations: each record's findings (a few lines each), with the files that could not
 * be read as findings too. Annotations are written as each record is ready; SARIF is one document.
 */
async function findingsOutput(format: "sarif" | "github") {
  const [{ reportFindings, errorFindings }, { renderSarif }, { renderGithub }, { VERSION }] = await Promise.all([
    import("../../report/findings.js"), import("../../report/sarif.js"), import("../../report/github.js"), import("../../version.js"),
  ]);
  const cwd = process.cwd();
  const kept: ReturnType<typeof reportFindings> = [];
  return {
    report: (r: Report): boolean => {
      if (format === "sarif") kept.push(...reportFindings(r));
      else return out(renderGithub(reportFindings(r), [r], cwd));
      return true;
    },
    close: (errors: Parameters<typeof errorFindings>[0]) => {
      if (format === "sarif") out(renderSarif([...kept, ...errorFindings(errors)], { cwd, version: VERSION }));
      else out(renderGithub(errorFindings(errors), [], cwd));
    },
  };
}

export async function batch(paths: string[], o: BatchOptions): Promise<void> {
  const { policy, source } = choosePolicy(o.policy);
  const found = await gather(paths, { followLinks: o.followLinks, extensions: o.ext ?? [] });
  if (!found) return;
  const { files, errors, missing } = found;
  // The exit code follows what has been written: a reader that stops early (`| head -1`) still
  // gets the gate's answer for the records it saw.
  const exitFor = () => (errors.length || missing.length ? EXIT.cannotRun : o.failOn === "hold" && tally.hold > 0 ? EXIT.gate : EXIT.ok);
  const total = files.length + new Set(errors.map((e) => e.file)).size;
  const rows: BatchRow[] = [];
  const tally = { migrate: 0, hold: 0 };
  const json = o.format === "json" ? jsonStream() : null;
  json?.open();
  const whole = o.format !== "table" && o.format !== "markdown";
  const tick = progress(files.length, whole);
  const settings = { policy, policySource: cleanPath(source), usage: o.usage ?? null, ...(o.fx ? { fx: o.fx } : {}), withReport: whole };
  const located = o.format === "sarif" || o.format === "github" ? await findingsOutput(o.format) : null;
  const suites: ReturnType<typeof junitSuite>[] = [];
  const decoder = new TextDecoder();
  for await (const r of runInOrder(files, settings, jobsFor(o.jobs, files.length))) {
    tick();
    for (const e of r.errors) {
      errors.push(e);
      err(formatError(e));
    }
    if (!r.row) continue;
    tally[r.row.verdict === "MIGRATE" ? "migrate" : "hold"]++;
    let ok = true;
    // One write per line: a line is never left without its newline.
    if (o.format === "ndjson") ok = out(withNewline(r.report!));
    else if (json) ok = json.report(r.report!);
    // JUnit is one document: each record's suite is kept (a few lines) and written at the end.
    else if (o.format === "junit") suites.push(junitSuite(JSON.parse(decoder.decode(r.report!)) as Report, r.seconds));
    else if (located) ok = located.report(JSON.parse(decoder.decode(r.report!)) as Report);
    else rows.push(r.row);
    process.exitCode = exitFor();
    if (!ok) await drained();
  }
  tick.done();
  // A record with several problems is one record that could not be read.
  const failed = new Set(errors.map((e) => e.file)).size;
  const summary = { total, ...tally, errors: failed };
  const described = { ...summary, policy: policyInfo(policy, cleanPath(source)) };
  if (o.format === "table") out(renderBatchTable(rows, described, await makeStyle(colorEnabled(o.color))));
  else if (o.format === "markdown") out(renderBatchMarkdown(rows, described, errors));
  else if (json) json.close(errors, summary);
  else if (o.format === "junit") out(renderJunitBatch(suites, errors));
  else if (located) located.close(errors);
  process.exitCode = exitFor();
}

