/**
 * `batch --cache`: a re-run reuses the results of unchanged records and prints exactly what a run
 * without the cache prints; a changed record, policy, option or path is evaluated again; a cache
 * that is damaged or cannot be written never changes the output.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixture, run } from "../helpers.js";

let dir: string;
let records: string;
let cache: string;
const RECORDS = readdirSync(fixture("records")).filter((f) => f.endsWith(".md")).length;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "migrate-eval-cache-"));
  records = join(dir, "records");
  cache = join(dir, "cache");
  cpSync(fixture("records"), records, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const reused = (stderr: string) => {
  const m = /cache: (\d+) of (\d+) results? reused/.exec(stderr);
  if (!m) throw new Error(`no cache line in: ${stderr}`);
  return Number(m[1]);
};

function batch(extra: string[] = [], format = "ndjson") {
  const cached = run(["batch", records, "--format", format, "--cache-location", cache, ...extra], { cwd: dir });
  const plain = run(["batch", records, "--format", format, ...extra], { cwd: dir });
  // The cache never changes what is printed (JUnit's times are measured), nor the exit code.
  const times = (s: string) => s.replace(/ time="[\d.]+"/g, ' time="T"');
  expect(times(cached.stdout)).toBe(times(plain.stdout));
  expect(cached.status).toBe(plain.status);
  return { ...cached, reused: reused(cached.stderr) };
}

describe("batch --cache", () => {
  it("reuses every result of an unchanged batch, and prints the same", () => {
    expect(batch().reused).toBe(0);
    expect(batch().reused).toBe(RECORDS);
    expect(batch().reused).toBe(RECORDS);
  });

  it.each(["json", "table", "markdown", "junit"])("serves --format %s from the same results", (format) => {
    batch();
    const r = batch([], format);
    expect(r.reused).toBe(RECORDS);
  });

  it("serves many threads alike, with only the changed records evaluated", () => {
    batch(["--jobs", "2"]);
    const file = join(records, readdirSync(records).filter((f) => f.endsWith(".md")).sort()[0]!);
    writeFileSync(file, `${readFileSync(file, "utf8")}\n`);
    expect(batch(["--jobs", "2"]).reused).toBe(RECORDS - 1);
  });

  it("evaluates a changed record again", () => {
    const before = batch().stdout;
    const file = join(records, "english-hold-rollback.md");
    const text = readFileSync(file, "utf8");
    const changed = text.replace(/\$(\d+(?:\.\d+)?)/, (_, n) => `$${Number(n) * 2}`);
    expect(changed).not.toBe(text);
    writeFileSync(file, changed);
    const after = batch();
    expect(after.reused).toBe(RECORDS - 1);
    expect(after.stdout).not.toBe(before);
  });

  it("evaluates a record edited to the same size, its modification time put back, again", async () => {
    // A modification time of whole seconds, which can be put back exactly.
    const file = join(records, "english-hold-rollback.md");
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    utimesSync(file, hourAgo, hourAgo);
    // Files settled before they are hashed are known by their stamps on the next run.
    await new Promise((r) => setTimeout(r, 3_200));
    const before = batch().stdout;
    expect(batch().reused).toBe(RECORDS);
    const text = readFileSync(file, "utf8");
    const changed = text.replace(/\$(\d)/, (_, d) => `$${(Number(d) + 1) % 10}`);
    expect(changed).not.toBe(text);
    expect(Buffer.byteLength(changed)).toBe(Buffer.byteLength(text));
    writeFileSync(file, changed);
    utimesSync(file, hourAgo, hourAgo);
    expect(statSync(file).mtimeMs).toBe(hourAgo * 1000);
    const after = batch();
    expect(after.reused).toBe(RECORDS - 1);
    expect(after.stdout).not.toBe(before);
  }, 30_000);

  it("--cache-strategy content reads every record and gives the same; it implies --cache", () => {
    const first = batch();
    const content = run(["batch", records, "--format", "ndjson", "--cache-strategy", "content"], { cwd: dir });
    expect(content.stdout).toBe(first.stdout);
    expect(content.stderr).toMatch(/cache: 0 of \d+ results reused \(node_modules\/\.cache\/migrate-eval\)/);
    expect(batch(["--cache-strategy", "content"]).reused).toBe(RECORDS);
  });

  it("evaluates a record again under another path: the path is in its report", () => {
    batch();
    cpSync(join(records, "english-hold-rollback.md"), join(records, "copy.md"));
    expect(batch().reused).toBe(RECORDS);
    rmSync(join(records, "copy.md"));
    expect(batch().reused).toBe(RECORDS);
  });

  it("reuses nothing under another policy, or the same policy file changed", () => {
    batch();
    const policy = join(dir, "team.policy.yaml");
    writeFileSync(policy, "version: 1\nrules:\n  - id: cost\n    metric: cost.monthly\n    change_pct: { max: -10 }\n");
    expect(batch(["--policy", policy]).reused).toBe(0);
    expect(batch(["--policy", policy]).reused).toBe(RECORDS);
    writeFileSync(policy, "version: 1\nrules:\n  - id: cost\n    metric: cost.monthly\n    change_pct: { max: -30 }\n");
    expect(batch(["--policy", policy]).reused).toBe(0);
    // The first context is still there.
    expect(batch().reused).toBe(RECORDS);
  });

  it("reuses nothing under other options", () => {
    batch();
    expect(batch(["--usage", "10M:5M"]).reused).toBe(0);
    expect(batch(["--usage", "10M:6M"]).reused).toBe(0);
    expect(batch(["--fx", "JPY=0.0067"]).reused).toBe(0);
    expect(batch(["--usage", "10M:5M"]).reused).toBe(RECORDS);
  });

  it("treats damaged cache files as results to make again", () => {
    batch();
    const data = readdirSync(cache).find((f) => f.endsWith(".data"))!;
    truncateSync(join(cache, data), 100);
    expect(batch().reused).toBe(0);
    const index = readdirSync(cache).find((f) => f.endsWith(".index"))!;
    writeFileSync(join(cache, index), `${readFileSync(join(cache, index), "utf8").split("\n")[0]}\nnot json\n["x", {"h": 1}]\n`);
    expect(batch().reused).toBe(0);
    writeFileSync(join(cache, index), "garbage");
    expect(batch().reused).toBe(0);
    expect(batch().reused).toBe(RECORDS);
  });

  it("leaves no data behind that no index points to", () => {
    batch();
    const file = join(records, "english-hold-rollback.md");
    for (let k = 1; k <= 3; k++) {
      writeFileSync(file, `${readFileSync(file, "utf8")}\n`);
      batch();
    }
    const names = readdirSync(cache);
    expect(names.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const index = readFileSync(join(cache, names.find((f) => f.endsWith(".index"))!), "utf8");
    for (const data of names.filter((f) => f.endsWith(".data"))) expect(index).toContain(data);
  });

  it("a cache folder that cannot be made is a clear error, exit 2", () => {
    const r = run(["batch", records, "--cache-location", "/dev/null/cache"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^migrate-eval: --cache: cannot use \/dev\/null\/cache: /);
    expect(r.stdout).toBe("");
  });

  it("--cache keeps results under node_modules/.cache/migrate-eval", () => {
    const r = run(["batch", records, "--cache"], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("(node_modules/.cache/migrate-eval)");
    expect(readdirSync(join(dir, "node_modules/.cache/migrate-eval")).some((f) => f.endsWith(".index"))).toBe(true);
  });
});
