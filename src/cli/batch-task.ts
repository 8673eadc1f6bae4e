/**
 * One record of a batch: load, evaluate, and reduce to what the batch prints. Runs in a worker
 * thread or in-process; the result is plain data that crosses threads cheaply.
 */
import { BaselineError } from "../calc/analyze.js";
import type { TokenUsage } from "../calc/cost.js";
import { evaluate } from "../evaluate.js";
import { loadRecordSync, parseRecordBytes } from "../record/load.js";
import { cleanPath } from "../record/quantity/text.js";
import type { Fx } from "../calc/compare-cost.js";
import { registryFor } from "../rules/policy-registry.js";
import type { Policy } from "../rules/schema.js";
import type { Report } from "../report/schema.js";
import { deepFreeze } from "../rules/freeze.js";
import { metricView } from "../rules/metric-view.js";
import type { BatchRow } from "../report/batch.js";
import type { Catalog } from "../prices/catalog.js";
import { CatalogError } from "../prices/plan.js";

export interface BatchSettings {
  policy: Policy;
  usage: TokenUsage | null;
  /** USD per unit of other currencies, from `--fx`. */
  fx?: Fx;
  /** Whether the full report is wanted as JSON text (json and ndjson formats). */
  withReport: boolean;
  /** Where the policy came from, for each report. */
  policySource?: string;
  /** The price catalog and its options, when one was asked for (cloned once into each worker). */
  catalog?: { data: Catalog; prices: "record" | "catalog"; pricesAsOf: string | null; requestTokens: number | null; today: string };
}

export interface BatchResult {
  index: number;
  file: string;
  row: BatchRow | null;
  /** The report as UTF-8 JSON: bytes move between threads without a copy and go straight out. */
  report: Uint8Array | null;
  /** Seconds the record took to read and evaluate. */
  seconds?: number;
  /** The record's content hash, when the batch keeps a cache. */
  hash?: string;
  /** Whether the result came from the cache. */
  cached?: boolean;
  errors: Array<{ file: string; line: number | null; message: string }>;
}

function qualityChange(report: Report): number | null {
  const pick = (key: string) => report.metrics.find((m) => m.key === key)?.change.pp ?? null;
  return pick("task_success") ?? metricView(report, "benchmarks.mean")?.change.pp ?? null;
}

export function toRow(report: Report): BatchRow {
  return {
    file: report.record.file,
    id: report.record.id,
    baseline: report.baseline,
    candidate: report.candidate,
    costChangePct: report.cost.retryAdjustedChange.pct,
    qualityChangePp: qualityChange(report),
    verdict: report.verdict,
    outcome: report.record.outcome,
  };
}

const encoder = new TextEncoder();

/** The report as the UTF-8 JSON a batch writes out (a function of its own: profiles name it). */
function encodeReport(report: Report): Uint8Array {
  return encoder.encode(JSON.stringify(report));
}

/** One record of a batch; `bytes` when its file has been read already (the cache reads it to hash it). */
export function runTask(index: number, path: string | Uint8Array, settings: BatchSettings, bytes?: Uint8Array): BatchResult {
  const name = typeof path === "string" ? path : Buffer.from(path).toString("utf8");
  const file = cleanPath(name);
  // Frozen, the policy is checked once for the whole batch rather than once per record.
  deepFreeze(settings.policy);
  const started = performance.now();
  const options = { registry: registryFor(settings.policy) };
  const loaded = bytes ? parseRecordBytes(bytes, name, options) : loadRecordSync(path, undefined, options);
  if (!loaded.ok) return { index, file, row: null, report: null, errors: loaded.errors };
  try {
    const c = settings.catalog;
    const report = evaluate(loaded.record, {
      usage: settings.usage, policy: settings.policy, ...(settings.policySource ? { policySource: settings.policySource } : {}), ...(settings.fx ? { fx: settings.fx } : {}),
      ...(c ? { catalog: c.data, prices: c.prices, pricesAsOf: c.pricesAsOf, requestTokens: c.requestTokens, today: c.today } : {}),
    });
    const json = settings.withReport ? encodeReport(report) : null;
    return { index, file, row: toRow(report), report: json, errors: [], seconds: (performance.now() - started) / 1000 };
  } catch (e) {
    if (e instanceof BaselineError || e instanceof CatalogError) return { index, file, row: null, report: null, errors: [{ file, line: null, message: e.message }] };
    const message = `unexpected error (a bug): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
    return { index, file, row: null, report: null, errors: [{ file, line: null, message }] };
  }
}
