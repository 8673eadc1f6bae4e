/** `migrate-eval compare [RECORD]`: the verdict for one record. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { distDir } from "../here.js";
import { BaselineError } from "../../calc/analyze.js";
import { evaluate } from "../../evaluate.js";
import { loadRecord, loadStdinSync } from "../../record/load.js";
import { cleanInline, cleanPath } from "../../record/quantity/text.js";
import type { Fx } from "../../calc/compare-cost.js";
import { registryFor } from "../../rules/policy-registry.js";
import { REPORT_FORMATS } from "../../report/index.js";
import { renderJunit, renderJunitErrors } from "../../report/junit.js";
import type { ReportFormat } from "../../report/formats.js";
import { LoadErrors, UserError, EXIT } from "../errors.js";
import { colorEnabled, err, makeStyle, out } from "../io.js";
import { choosePolicy } from "../policy-source.js";
import type { TokenUsage } from "../../calc/cost.js";
import { resolveBaseline } from "../../calc/models.js";
import type { LoadedRecord } from "../../record/schema.js";
import type { Catalog } from "../../prices/catalog.js";
import { CatalogError, unpriced } from "../../prices/plan.js";
import { VERSION } from "../../version.js";
import type { Report } from "../../report/schema.js";

export const EXAMPLE_RECORD = "examples/qwen-replaces-llama.md";

interface CompareOptions {
  baseline?: string;
  usage?: TokenUsage;
  fx?: Fx;
  policy?: string;
  format: ReportFormat;
  failOn?: "hold";
  color: boolean;
  prices?: "record" | "catalog";
  pricesAsOf?: string;
  requestTokens?: number;
  checkPrices?: boolean;
  /** Add what would flip the decision (`whatif` in the JSON); html and markdown always do. */
  whatif?: boolean;
  swing?: number;
  capacity?: number;
}

/** What-if figures cost many evaluations: only when a flag or a format asks for them. */
function whatifOf(o: { whatif?: boolean; swing?: number; capacity?: number; format: string }): { swing?: number; capacityTokensPerMonth?: number } | undefined {
  const wanted = o.whatif === true || o.swing !== undefined || o.capacity !== undefined || o.format === "html" || o.format === "markdown";
  if (!wanted) return undefined;
  return { ...(o.swing === undefined ? {} : { swing: o.swing }), ...(o.capacity === undefined ? {} : { capacityTokensPerMonth: o.capacity }) };
}

/** The package's root: the nearest folder above this module with migrate-eval's package.json. */
function packageRoot(): string {
  let dir = distDir();
  for (;;) {
    try {
      if (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name === "migrate-eval") return dir;
    } catch {
      // not here: keep climbing
    }
    const up = dirname(dir);
    if (up === dir) throw new Error("migrate-eval's package.json was not found above its own code");
    dir = up;
  }
}

export function exampleRecordPath(): string {
  return join(packageRoot(), EXAMPLE_RECORD);
}

/** The price catalog, loaded only when an option needs it: a plain `compare` never imports it. */
async function catalogFor(record: LoadedRecord, o: Pick<CompareOptions, "baseline" | "prices" | "pricesAsOf" | "requestTokens" | "checkPrices">): Promise<Catalog | null> {
  // A baseline the record does not have, or has without a price, is priced from the catalog.
  const baseline = o.baseline !== undefined && o.baseline.trim() !== "" ? resolveBaseline(record, o.baseline) : null;
  const wanted = o.prices === "catalog" || o.pricesAsOf !== undefined || o.requestTokens !== undefined || o.checkPrices === true ||
    (baseline !== null && ("error" in baseline || unpriced(baseline.model)));
  return wanted ? (await import("../catalog.js")).cliCatalog() : null;
}

async function renderLoadErrors(format: "sarif" | "github", errors: ReadonlyArray<{ file: string; line: number | null; message: string }>): Promise<string> {
  const { errorFindings } = await import("../../report/findings.js");
  if (format === "github") return (await import("../../report/github.js")).renderGithub(errorFindings(errors), [], process.cwd());
  return (await import("../../report/sarif.js")).renderSarif(errorFindings(errors), { cwd: process.cwd(), version: VERSION });
}

export async function compare(record: string | undefined, o: CompareOptions): Promise<void> {
  const { report, started } = await reportOf(record, o);
  const style = await makeStyle(colorEnabled(o.color));
  // JUnit carries how long the record took to read and evaluate.
  if (o.format === "junit") out(renderJunit(report, Number(process.hrtime.bigint() - started) / 1e9));
  else out((await REPORT_FORMATS[o.format]())(report, style, { cwd: process.cwd() }));
  // `--whatif` on the table: the what-if tables follow the report (the chart is whatif's, on a terminal).
  if (o.format === "table" && report.whatif) out(`\n${(await import("../../report/whatif.js")).renderWhatIf(report, style)}`);
  process.exitCode = o.failOn === "hold" && report.verdict === "HOLD" ? EXIT.gate : EXIT.ok;
}

/** Reads a record (the bundled example without one) and evaluates it; user errors are thrown as UserError. */
export async function reportOf(record: string | undefined, o: Omit<CompareOptions, "format" | "color"> & { format: string }): Promise<{ report: Report; started: bigint }> {
  const file = record ?? exampleRecordPath();
  // The example's own path: an installed copy has it under node_modules, not where the user is.
  if (!record) err(`migrate-eval: no RECORD given; comparing the bundled example ${cleanPath(file)}`);
  // The process's clock, not `performance`: its first use loads Node's perf_hooks (some 0.7 ms).
  const started = process.hrtime.bigint();
  const { policy, source } = choosePolicy(o.policy);
  // A team's own metrics (the policy's `metrics:`) are read from the record, not only compared.
  // `-`: the record on standard input.
  const loaded = file === "-" ? loadStdinSync(undefined, { registry: registryFor(policy) }) : await loadRecord(file, undefined, { registry: registryFor(policy) });
  if (!loaded.ok) {
    // A CI reporter reading JUnit gets a document that says why, as well as the lines on stderr.
    if (o.format === "junit") out(renderJunitErrors(cleanPath(file), loaded.errors));
    // Code scanning and annotations show the problem on the record's line.
    if (o.format === "sarif" || o.format === "github") out(await renderLoadErrors(o.format, loaded.errors));
    throw new LoadErrors(loaded.errors);
  }
  const whatif = whatifOf(o);
  try {
    const catalog = await catalogFor(loaded.record, o);
    const report = evaluate(loaded.record, {
      baseline: o.baseline ?? null, usage: o.usage ?? null, policy, policySource: cleanPath(source), ...(o.fx ? { fx: o.fx } : {}), ...(whatif ? { whatif } : {}),
      ...(catalog ? { catalog, prices: o.prices ?? "record", pricesAsOf: o.pricesAsOf ?? null, requestTokens: o.requestTokens ?? null } : {}),
    });
    return { report, started };
  } catch (e) {
    if (e instanceof BaselineError) throw new UserError(`${file}: --baseline: ${e.message}`);
    if (e instanceof CatalogError) throw new UserError(cleanInline(`${file}: ${e.message}`));
    throw e;
  }
}

