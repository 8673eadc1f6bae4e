/**
 * `migrate-eval batch PATH...`: every record, spread over the cores, streamed in input order.
 * A record that cannot be read is reported with its file and line and the rest go on.
 */
import type { Fx } from "../../calc/compare-cost.js";
import type { TokenUsage } from "../../calc/cost.js";
import { formatError } from "../../record/findings.js";
import { renderBatchMarkdown, renderBatchTable, type BatchRow } from "../../report/batch.js";
import { EXIT, UserError } from "../errors.js";
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
  prices?: "record" | "catalog";
  pricesAsOf?: string;
  requestTokens?: number;
  checkPrices?: boolean;
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

export async function batch(paths: string[], o: BatchOptions): Promise<void> {
  if (o.pricesAsOf !== undefined && o.prices !== "catalog") throw new UserError("batch: --prices-as-of is a day for catalog prices: add --prices catalog");
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
  const tick = progress(files.length, o.format === "json" || o.format === "ndjson" || o.format === "junit");
  // The price catalog only when an option asks for it: loaded once, handed to each worker.
  const wantsCatalog = o.prices === "catalog" || o.pricesAsOf !== undefined || o.requestTokens !== undefined || o.checkPrices === true;
  const catalog = wantsCatalog
    ? { data: await (await import("../catalog.js")).cliCatalog(), prices: o.prices ?? "record", pricesAsOf: o.pricesAsOf ?? null, requestTokens: o.requestTokens ?? null, today: new Date().toISOString().slice(0, 10) }
    : null;
  const settings = { policy, policySource: cleanPath(source), usage: o.usage ?? null, ...(o.fx ? { fx: o.fx } : {}), ...(catalog ? { catalog } : {}), withReport: o.format === "json" || o.format === "ndjson" || o.format === "junit" };
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
    else rows.push(r.row);
    process.exitCode = exitFor();
    if (!ok) await drained();
  }
  tick.done();
  // A record with several problems is one record that could not be read.
  const failed = new Set(errors.map((e) => e.file)).size;
  const summary = { total, ...tally, errors: failed };
  const described = {
    ...summary, policy: policyInfo(policy, cleanPath(source)),
    ...(catalog ? { catalog: { name: `${catalog.data.package} ${catalog.data.version} of ${catalog.data.dataDate}`, source: catalog.prices } } : {}),
  };
  if (o.format === "table") out(renderBatchTable(rows, described, await makeStyle(colorEnabled(o.color))));
  else if (o.format === "markdown") out(renderBatchMarkdown(rows, described, errors));
  else if (json) json.close(errors, summary);
  else if (o.format === "junit") out(renderJunitBatch(suites, errors));
  process.exitCode = exitFor();
}

