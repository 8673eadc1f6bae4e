/**
 * The contract CI relies on (SPEC §2, §4): the JSON report's shape and names, the CLI printing
 * exactly what the library's `evaluate` returns, batch/ndjson/backtest JSON, colour only when
 * asked for, and a closed pipe ending quietly.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluate, loadRecord } from "../../src/index.js";
import { ReportSchema, type Report } from "../../src/report/schema.js";
import { BacktestSchema } from "../../src/report/backtest-schema.js";
import { BIN, HAS_SEED, ROOT, SEED, fixture, run, type Run } from "../helpers.js";

const ANSI = /\u001b\[[0-9;]*m/;

const RECORD_FILES = readdirSync(fixture("records"))
  .filter((f) => f.endsWith(".md"))
  .sort();
/** Repository-relative paths, as the CLI prints them when run from the root. */
const RECORDS = RECORD_FILES.map((f) => `fixtures/records/${f}`);

/** Paths to values JSON cannot carry faithfully: undefined, NaN, ±Infinity, functions. */
function badValues(value: unknown, path = "$"): string[] {
  if (value === undefined) return [`${path} is undefined`];
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${path} is ${value}`];
  if (typeof value === "function" || typeof value === "bigint" || typeof value === "symbol") return [`${path} is a ${typeof value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => badValues(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => badValues(v, `${path}.${k}`));
  return [];
}

function schemaProblems(value: unknown): string[] {
  const parsed = ReportSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

async function libraryReport(path: string): Promise<Report> {
  const loaded = await loadRecord(path);
  if (!loaded.ok) throw new Error(`${path} did not load: ${JSON.stringify(loaded.errors)}`);
  return evaluate(loaded.record);
}

function ok(r: Run, status = 0): Run {
  expect(r.status, `stderr:\n${r.stderr}`).toBe(status);
  return r;
}

describe("compare --format json", () => {
  const cases = [...RECORDS.map((p) => [p, join(ROOT, p)] as const), ...(HAS_SEED ? [["the seed", SEED] as const] : [])];

  it.each(cases)("%s: parses, validates against ReportSchema and has no NaN/undefined", (_name, path) => {
    const r = ok(run(["compare", path, "--format", "json"]));
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout) as unknown;
    expect(schemaProblems(report)).toEqual([]);
    expect((report as Report).schemaVersion).toBe(1);
    expect(badValues(report)).toEqual([]);
  });

  it.each(cases)("%s: equals evaluate(loadRecord(…)) from the library", async (_name, path) => {
    const r = ok(run(["compare", path, "--format", "json"]));
    const fromLibrary = await libraryReport(path);
    // JSON would hide a NaN (as null) or an undefined (dropped): the library must not produce them.
    expect(badValues(fromLibrary)).toEqual([]);
    expect(JSON.parse(r.stdout)).toStrictEqual(JSON.parse(JSON.stringify(fromLibrary)));
  });

  it("stays one JSON document whatever the environment's debugging switches say (yaml's LOG_TOKENS, LOG_STREAM)", () => {
    const r = run(["compare", RECORDS[0]!, "--format", "json"], { env: { LOG_TOKENS: "1", LOG_STREAM: "1" } });
    expect(r.status).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  it("keeps the record's path as given on the command line", () => {
    const r = ok(run(["compare", RECORDS[0]!, "--format", "json"]));
    expect((JSON.parse(r.stdout) as Report).record.file).toBe(RECORDS[0]);
  });
});

interface BatchJson {
  schemaVersion: number;
  reports: Report[];
  errors: Array<{ file: string; line: number | null; message: string }>;
  summary: { total: number; migrate: number; hold: number; errors: number };
}

function checkBatch(b: BatchJson): void {
  expect(b).toMatchObject({ schemaVersion: 1 });
  expect(Object.keys(b.summary).sort()).toEqual(["errors", "hold", "migrate", "total"]);
  for (const report of b.reports) expect(schemaProblems(report)).toEqual([]);
  for (const e of b.errors) {
    expect(e.file).toBeTypeOf("string");
    expect(e.message).toBeTypeOf("string");
    expect(e.message).not.toBe("");
    if (e.line !== null) expect(Number.isInteger(e.line) && e.line >= 1, `line of ${e.file}`).toBe(true);
  }
  expect(b.summary).toEqual({
    total: b.reports.length + b.errors.length,
    migrate: b.reports.filter((r) => r.verdict === "MIGRATE").length,
    hold: b.reports.filter((r) => r.verdict === "HOLD").length,
    errors: b.errors.length,
  });
  expect(badValues(b)).toEqual([]);
}

describe("batch --format json and ndjson", () => {
  it("batch fixtures/records --format json: { schemaVersion, reports, errors, summary } with matching counts", () => {
    const b = JSON.parse(ok(run(["batch", "fixtures/records", "--format", "json"])).stdout) as BatchJson;
    checkBatch(b);
    expect(b.reports.map((r) => r.record.file)).toEqual(RECORDS);
    expect(b.errors).toEqual([]);
    expect(b.summary.total).toBe(RECORDS.length);
  });

  it("batch fixtures/ --format json: bad records are errors, the rest are reported, exit 2", () => {
    const r = ok(run(["batch", "fixtures/records/", "fixtures/broken/", "--format", "json"]), 2);
    const b = JSON.parse(r.stdout) as BatchJson;
    checkBatch(b);
    expect(b.reports).toHaveLength(RECORDS.length);
    expect(b.errors.map((e) => e.file).sort()).toEqual(readdirSync(fixture("broken")).sort().map((f) => `fixtures/broken/${f}`));
    for (const e of b.errors) expect(r.stderr).toContain(`${e.file}:`);
  });

  it("batch --format json reports equal what the library returns", async () => {
    const b = JSON.parse(ok(run(["batch", "fixtures/records", "--format", "json"])).stdout) as BatchJson;
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      for (const report of b.reports) {
        expect(report).toStrictEqual(JSON.parse(JSON.stringify(await libraryReport(report.record.file))));
      }
    } finally {
      process.chdir(cwd);
    }
  });

  it("ndjson: one parseable report per line, in input order, the same as the json reports", () => {
    const r = ok(run(["batch", "fixtures/records", "--format", "ndjson", "--jobs", "4"]));
    expect(r.stdout.endsWith("\n")).toBe(true);
    const lines = r.stdout.slice(0, -1).split("\n");
    expect(lines).toHaveLength(RECORDS.length);
    const reports = lines.map((l) => JSON.parse(l) as Report);
    for (const report of reports) expect(schemaProblems(report)).toEqual([]);
    expect(reports.map((x) => x.record.file)).toEqual(RECORDS);
    const json = JSON.parse(ok(run(["batch", "fixtures/records", "--format", "json"])).stdout) as BatchJson;
    expect(reports).toStrictEqual(json.reports);
  });

  it("ndjson keeps the order of the paths as given, not sorted", () => {
    const given = [...RECORDS].reverse().slice(0, 5);
    const r = ok(run(["batch", ...given, "--format", "ndjson", "--jobs", "3"]));
    expect(r.stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as Report).record.file)).toEqual(given);
  });
});

describe("backtest --format json", () => {
  interface Backtest {
    schemaVersion: number;
    evaluated: number;
    skipped: number;
    matrix: { migrateSuccess: number; migrateFailure: number; holdSuccess: number; holdFailure: number };
    accuracy: number | null;
    disagreements: Array<{ file: string; id: string; verdict: string; outcome: string }>;
  }

  let bt: Backtest;
  beforeAll(() => {
    bt = JSON.parse(ok(run(["backtest", "fixtures/records", "--format", "json"])).stdout) as Backtest;
  });

  it("validates against the backtest schema (`migrate-eval schema backtest`)", () => {
    expect(BacktestSchema.safeParse(bt).success).toBe(true);
  });

  it("has the SPEC §2 keys", () => {
    for (const key of ["schemaVersion", "evaluated", "skipped", "matrix", "accuracy", "disagreements"]) expect(bt).toHaveProperty(key);
    expect(bt.schemaVersion).toBe(1);
    expect(Object.keys(bt.matrix).sort()).toEqual(["holdFailure", "holdSuccess", "migrateFailure", "migrateSuccess"]);
    for (const d of bt.disagreements) expect(Object.keys(d)).toEqual(expect.arrayContaining(["file", "id", "verdict", "outcome"]));
    expect(badValues(bt)).toEqual([]);
  });

  it("is consistent with itself", () => {
    const m = bt.matrix;
    expect(m.migrateSuccess + m.migrateFailure + m.holdSuccess + m.holdFailure).toBe(bt.evaluated);
    expect(bt.evaluated + bt.skipped).toBe(RECORDS.length);
    expect(bt.accuracy).toBeCloseTo((m.migrateSuccess + m.holdFailure) / bt.evaluated, 10);
    expect(bt.disagreements).toHaveLength(m.migrateFailure + m.holdSuccess);
    for (const d of bt.disagreements) {
      const agrees = d.verdict === "MIGRATE" ? d.outcome === "success" : d.outcome !== "success";
      expect(agrees, `${d.file}: ${d.verdict} vs ${d.outcome}`).toBe(false);
    }
  });

  it("agrees with the library's verdicts (failure and rollback both count as failure)", async () => {
    const matrix = { migrateSuccess: 0, migrateFailure: 0, holdSuccess: 0, holdFailure: 0 };
    let skipped = 0;
    for (const p of RECORDS) {
      const report = await libraryReport(join(ROOT, p));
      const outcome = report.record.outcome;
      if (outcome !== "success" && outcome !== "failure" && outcome !== "rollback") {
        skipped += 1;
        continue;
      }
      const key = `${report.verdict === "MIGRATE" ? "migrate" : "hold"}${outcome === "success" ? "Success" : "Failure"}` as keyof typeof matrix;
      matrix[key] += 1;
    }
    expect(bt.matrix).toEqual(matrix);
    expect(bt.skipped).toBe(skipped);
  });
});

describe("colour", () => {
  /** Runs the CLI with NO_COLOR and FORCE_COLOR truly unset, then `env` on top. */
  function runColour(args: string[], env: Record<string, string>): Run {
    const base: NodeJS.ProcessEnv = { ...process.env, CI: "1" };
    delete base.NO_COLOR;
    delete base.FORCE_COLOR;
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...base, ...env }, encoding: "utf8", timeout: 60_000 });
    return { stdout: r.stdout, stderr: r.stderr, status: r.status };
  }

  const record = "fixtures/records/english-hold-rollback.md";
  const tables: Array<[string, string[]]> = [
    ["compare", ["compare", record]],
    ["batch", ["batch", "fixtures/records"]],
  ];

  it.each(tables)("%s: FORCE_COLOR=1 without NO_COLOR colours the table", (_n, args) => {
    const r = ok(runColour(args, { FORCE_COLOR: "1" }));
    expect(r.stdout).toMatch(ANSI);
  });

  it.each(tables)("%s: NO_COLOR=1 wins over FORCE_COLOR=1: no escape anywhere, borders included", (_n, args) => {
    const r = ok(runColour(args, { FORCE_COLOR: "1", NO_COLOR: "1" }));
    expect(r.stdout).toContain("┌");
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).not.toMatch(ANSI);
  });

  it.each(tables)("%s: --no-color wins over FORCE_COLOR=1: no escape anywhere, borders included", (_n, args) => {
    const r = ok(runColour([...args, "--no-color"], { FORCE_COLOR: "1" }));
    expect(r.stdout).toContain("┌");
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).not.toMatch(ANSI);
  });

  it.each([...tables, ["backtest", ["backtest", "fixtures/records"]], ["show", ["show", record]]] as Array<[string, string[]]>)(
    "%s: piped output without FORCE_COLOR has no colour",
    (_n, args) => {
      const r = ok(runColour(args, {}));
      expect(r.stdout).not.toMatch(ANSI);
    },
  );

  it.each(["json", "markdown", "junit"])("compare --format %s never carries colour, even with FORCE_COLOR=1", (format) => {
    const r = ok(runColour(["compare", record, "--format", format], { FORCE_COLOR: "1" }));
    expect(r.stdout).not.toMatch(ANSI);
    if (format === "json") expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
  });

  it.each(["json", "ndjson", "markdown"])("batch --format %s never carries colour, even with FORCE_COLOR=1", (format) => {
    const r = ok(runColour(["batch", "fixtures/records", "--format", format], { FORCE_COLOR: "1" }));
    expect(r.stdout).not.toMatch(ANSI);
  });
});

describe("a closed pipe ends quietly", () => {
  const node = JSON.stringify(process.execPath);
  // Without the seed beside the clone, the biggest record the repository has.
  const big = JSON.stringify(HAS_SEED ? SEED : join(ROOT, "examples/qwen-replaces-llama.md"));
  const pipelines = [
    // Eleven reports of several KB and the seed's: more than a pipe buffer, so writes fail once `head` exits.
    `${node} bin/migrate-eval.js batch fixtures/records ${big} --format ndjson | head -1`,
    `${node} bin/migrate-eval.js batch fixtures/records --format json | head -1`,
    `${node} bin/migrate-eval.js compare ${big} --format json | head -1`,
    `${node} bin/migrate-eval.js show ${big} | head -1`,
  ];

  it.each(pipelines)("%s", (pipeline) => {
    const r = spawnSync("bash", ["-c", `${pipeline}; exit \${PIPESTATUS[0]}`], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", CI: "1" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.stderr).not.toMatch(/EPIPE|Error|at .+:\d+:\d+/);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n").filter((l) => l !== "")).toHaveLength(1);
    expect(r.status, "the CLI's exit code").toBe(0);
  });

  it("the first ndjson line is a whole report", () => {
    const r = spawnSync("bash", ["-c", pipelines[0]!], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8" });
    expect(schemaProblems(JSON.parse(r.stdout) as unknown)).toEqual([]);
  });
});

describe("records are untrusted input", () => {
  const PWNED = "/tmp/migrate-eval-pwned";

  it("a ---js frontmatter is refused and never executed (validate, batch, compare, loadRecord)", async () => {
    rmSync(PWNED, { force: true });
    const js = "fixtures/broken/js-frontmatter.md";
    expect(run(["validate", js]).status).toBe(1);
    expect(run(["batch", "fixtures/broken"]).status).toBe(2);
    const r = run(["compare", js]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^fixtures\/broken\/js-frontmatter\.md:1: /);
    expect((await loadRecord(join(ROOT, js))).ok).toBe(false);
    expect(existsSync(PWNED)).toBe(false);
  });
});
