/**
 * `migrate-eval batch PATH...`: every record, spread over the cores, streamed in input order.
 * A record that cannot be read is reported with its file and line and the rest go on.
 */
import type { Fx } from "../../calc/compare-cost.js";
import type { TokenUsage } from "../../calc/cost.js";
import { formatError } from "../../record/findings.js";
import { renderBatchMarkdown, renderBatchTable, type BatchRow } from "../../report/batch.js";
import { EXIT, UserError } from "../errors.js";
import { errnoReason } from "../../record/errno.js";
import { colorEnabled, drained, err, flushOut, makeStyle, out, outLater } from "../io.js";
import { choosePolicy } from "../policy-source.js";
import { gather, progress } from "../collect.js";
import { junitSuite, renderJunitBatch } from "../../report/junit.js";
import type { Report } from "../../report/schema.js";
import { policyInfo } from "../../evaluate.js";
import { cleanPath } from "../../record/quantity/text.js";
import { jobsFor, runInOrder, type Prepared } from "../pool.js";
import { contentHash, ResultCache, stampOf, type Seen } from "../cache.js";
import { BUILD_ID } from "../build-id.js";
import { readBoundedSync } from "../../record/load.js";
import { MAX_RECORD_BYTES } from "../../record/parse.js";
import type { RecordPath } from "../paths.js";
import { join } from "node:path";

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
  cache?: boolean;
  cacheLocation?: string;
  cacheStrategy?: CacheStrategy;
}

/** Where `--cache` keeps results unless told. */
export const DEFAULT_CACHE = join("node_modules", ".cache", "migrate-eval");

/** A record's key in the cache: its path as given (a name that is not UTF-8, by its bytes). */
const cacheKey = (file: RecordPath) => (typeof file === "string" ? file : `\u0000${Buffer.from(file).toString("latin1")}`);

/** How the cache knows a record is unchanged: by its file's stamp when it can, or always by its bytes. */
export type CacheStrategy = "metadata" | "content";

/**
 * Looks each record up in the cache by its bytes: a hit is its result, a miss hands the bytes read
 * (and their hash) to the thread that evaluates them, so the result kept is the one for those bytes.
 * Under `metadata`, a file whose stamp is the one kept with its hash is not read at all. What was
 * seen of each file (its stamp, and when its bytes were read) waits in `seen` until it is kept.
 */
function cacheLookup(cache: ResultCache, withReport: boolean, strategy: CacheStrategy) {
  // One buffer for every read: a hit needs only the hash of the bytes, and a miss's bytes are
  // copied for the thread that reads them (or read before the next file is).
  const scratch = Buffer.allocUnsafe(256 * 1024);
  const seen = new Map<number, Seen>();
  const hitOf = (index: number, hash: string, hit: NonNullable<ReturnType<ResultCache["lookup"]>>) =>
    ({ result: { index, file: hit.row.file, row: hit.row, report: hit.report, errors: [], hash, cached: true, ...(hit.seconds === undefined ? {} : { seconds: hit.seconds }) } });
  const prepare = (index: number, file: RecordPath): Prepared => {
    const key = cacheKey(file);
    // The stamp before the bytes: a change while they are read leaves a stamp that no longer matches.
    const stamp = stampOf(typeof file === "string" ? file : Buffer.from(file));
    const known = stamp && strategy === "metadata" ? cache.knownHash(key, stamp) : null;
    if (known !== null) {
      const hit = cache.lookup(key, known, withReport);
      if (hit) return hitOf(index, known, hit);
    }
    const bytes = readBoundedSync(file, MAX_RECORD_BYTES, scratch);
    // A file that cannot be read is left to the thread, which reports why.
    if (!Buffer.isBuffer(bytes)) return null;
    if (stamp) seen.set(index, { t: stamp.key, c: Date.now() });
    const hash = contentHash(bytes);
    const hit = cache.lookup(key, hash, withReport);
    if (!hit) return { bytes, hash };
    return hitOf(index, hash, hit);
  };
  /** What was seen of a record's file when its bytes were read, once. */
  const take = (index: number): Seen | null => {
    const s = seen.get(index) ?? null;
    seen.delete(index);
    return s;
  };
  return { prepare, take };
}

const NEWLINE = new Uint8Array([0x0a]);

/** JSON written piece by piece: reports are never held in memory together. */
function jsonStream() {
  let first = true;
  return {
    open: () => out('{"schemaVersion":1,"reports":[\n'),
    report: (bytes: Uint8Array) => {
      const ok = first ? outLater(bytes) : outLater(",\n", bytes);
      first = false;
      return ok;
    },
    close: (errors: unknown[], summary: unknown) => out(`\n],"errors":${JSON.stringify(errors)},"summary":${JSON.stringify(summary)}}\n`),
  };
}

/** The cache, or a clear error when its folder cannot be made or read. */
function openCache(dir: string, context: ConstructorParameters<typeof ResultCache>[1]): ResultCache {
  try {
    return new ResultCache(dir, context);
  } catch (e) {
    throw new UserError(`migrate-eval: --cache: cannot use ${cleanPath(dir)}: ${errnoReason(e)}`);
  }
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
  const whole = o.format !== "table" && o.format !== "markdown";
  const tick = progress(files.length, whole);
  // The price catalog only when an option asks for it: loaded once, handed to each worker.
  const wantsCatalog = o.prices === "catalog" || o.pricesAsOf !== undefined || o.requestTokens !== undefined || o.checkPrices === true;
  const catalog = wantsCatalog
    ? { data: await (await import("../catalog.js")).cliCatalog(), prices: o.prices ?? "record", pricesAsOf: o.pricesAsOf ?? null, requestTokens: o.requestTokens ?? null, today: new Date().toISOString().slice(0, 10) }
    : null;
  const cacheDir = o.cacheLocation ?? (o.cache || o.cacheStrategy ? DEFAULT_CACHE : null);
  // Catalog prices depend on the catalog, its options and the day (today's prices, its age): all in the cache's key.
  const pricesContext = catalog ? { catalog: `${catalog.data.package} ${catalog.data.version}`, prices: catalog.prices, pricesAsOf: catalog.pricesAsOf, requestTokens: catalog.requestTokens, today: catalog.today } : null;
  const cache = cacheDir === null ? null : openCache(cacheDir, { tool: BUILD_ID, policy, policySource: cleanPath(source), usage: o.usage ?? null, fx: o.fx ?? null, ...(pricesContext ? { prices: pricesContext } : {}) });
  // A cached report serves every format, so one is always made when results are kept.
  const settings = { policy, policySource: cleanPath(source), usage: o.usage ?? null, ...(o.fx ? { fx: o.fx } : {}), ...(catalog ? { catalog } : {}), withReport: whole || cache !== null };
  const located = o.format === "sarif" || o.format === "github" ? await findingsOutput(o.format) : null;
  const suites: ReturnType<typeof junitSuite>[] = [];
  const decoder = new TextDecoder();
  const lookup = cache ? cacheLookup(cache, whole, o.cacheStrategy ?? "metadata") : null;
  try {
    // Reports are written some 64 KB at a time, and whenever the batch waits for the next.
    for await (const r of runInOrder(files, settings, jobsFor(o.jobs, files.length), lookup?.prepare, flushOut)) {
      tick();
      const seen = lookup?.take(r.index) ?? null;
      if (cache && r.row && r.hash) {
        if (r.cached) cache.keep(cacheKey(files[r.index]!), r.hash, r.report, seen);
        else if (r.report) cache.add(cacheKey(files[r.index]!), r.hash, r.row, r.report, r.seconds, seen);
      }
      for (const e of r.errors) {
        errors.push(e);
        err(formatError(e));
      }
      if (!r.row) continue;
      tally[r.row.verdict === "MIGRATE" ? "migrate" : "hold"]++;
      let ok = true;
      // One write per line: a line is never left without its newline.
      if (o.format === "ndjson") ok = outLater(r.report!, NEWLINE);
      else if (json) ok = json.report(r.report!);
      // JUnit is one document: each record's suite is kept (a few lines) and written at the end.
      else if (o.format === "junit") suites.push(junitSuite(JSON.parse(decoder.decode(r.report!)) as Report, r.seconds));
      else if (located) ok = located.report(JSON.parse(decoder.decode(r.report!)) as Report);
      else rows.push(r.row);
      process.exitCode = exitFor();
      if (!ok) await drained();
    }
  } catch (e) {
    // A run that did not finish leaves the cache as it was; the reports made are written.
    cache?.abandon();
    flushOut();
    throw e;
  }
  flushOut();
  tick.done();
  if (cache) {
    const saved = cache.commit();
    const reused = `${cache.hits} of ${files.length} ${files.length === 1 ? "result" : "results"} reused`;
    err(`migrate-eval: cache: ${saved ? reused : `${reused}; not saved: ${cache.failure}`} (${cleanPath(cacheDir!)})`);
  }
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
  else if (located) located.close(errors);
  process.exitCode = exitFor();
}

