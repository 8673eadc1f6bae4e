/**
 * Hostile folders and policies through the built CLI: `batch` must report every good record and
 * list every bad file in `errors` with its path, exit 2 and never print a stack trace; `validate`
 * must name every bad file and exit 1; a hostile policy is a one-line error and exit 2, fast.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, run, type Run } from "../helpers.js";

const GOOD = ["english-migrate-clear-win.md", "crlf-bom-fullwidth.md", "japanese-structured-frontmatter.md"];

/** A stack trace, or the CLI's own "this is a bug" line, anywhere in the output. */
const STACK = /^\s+at .+(\(|:\d+:\d+)|unexpected error|this is a bug|Error: .*\n\s+at /m;

function expectNoStackTrace(r: Run): void {
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stdout).not.toMatch(STACK);
}

/** Every stderr line is `file: message` or `file:line: message` (or a warning of that form). */
function expectFileLineErrors(stderr: string): void {
  for (const line of stderr.split("\n").filter(Boolean)) expect(line).toMatch(/^\S.*?(:\d+)?: \S/);
}

interface BatchJson {
  schemaVersion: number;
  reports: Array<{ record: { file: string; id: string }; verdict: string }>;
  errors: Array<{ file: string; line: number | null; message: string }>;
  summary: { total: number; migrate: number; hold: number; errors: number };
}

function batchJson(args: string[]): { r: Run; json: BatchJson } {
  const r = run(["batch", ...args, "--format", "json"]);
  let json: BatchJson;
  try {
    json = JSON.parse(r.stdout) as BatchJson;
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${r.status}):\n${r.stdout.slice(0, 2000)}\nstderr:\n${r.stderr.slice(0, 2000)}`);
  }
  return { r, json };
}

/**
 * Whether this process can read a file it has chmod-ed to 000. Root can: there the unreadable
 * case cannot be set up, and only that case is skipped.
 */
function chmod000StillReadable(): boolean {
  const dir = mkdtempSync(join(tmpdir(), "migrate-eval-chmod-"));
  const file = join(dir, "probe");
  try {
    writeFileSync(file, "x");
    chmodSync(file, 0o000);
    readFileSync(file);
    return true;
  } catch {
    return false;
  } finally {
    chmodSync(file, 0o600);
    rmSync(dir, { recursive: true, force: true });
  }
}
const ROOT_READS_ANYTHING = chmod000StillReadable();

describe("batch and validate over a hostile folder", () => {
  let dir = "";
  /** File path → what must become of it. */
  const goodFiles: string[] = [];
  const badFiles: Array<{ file: string; message: RegExp }> = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "migrate-eval-hostile-batch-"));
    const good = (name: string, to: string) => {
      copyFileSync(fixture(`records/${name}`), to);
      goodFiles.push(to);
    };
    good(GOOD[0]!, join(dir, "a-good.md"));
    mkdirSync(join(dir, "nested", "deeper"), { recursive: true });
    good(GOOD[1]!, join(dir, "nested", "deeper", "b-good.md"));

    // Two folders that link to each other: a loop the walker must not follow forever, and a
    // record inside it that must be reported exactly once.
    mkdirSync(join(dir, "loop-x"));
    mkdirSync(join(dir, "loop-y"));
    symlinkSync("../loop-y", join(dir, "loop-x", "to-y"));
    symlinkSync("../loop-x", join(dir, "loop-y", "to-x"));
    good(GOOD[2]!, join(dir, "loop-x", "c-good-inside-loop.md"));

    const bad = (name: string, message: RegExp, make: (path: string) => void) => {
      const path = join(dir, name);
      make(path);
      badFiles.push({ file: path, message });
    };
    bad("broken-link.md", /broken symbolic link/, (p) => symlinkSync("does-not-exist.md", p));
    bad("self-link.md", /symbolic link loop|too many symbolic links/, (p) => symlinkSync("self-link.md", p));
    bad("binary.md", /binary/, (p) => writeFileSync(p, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256))));
    bad("empty.md", /empty/, (p) => writeFileSync(p, ""));
    bad("invalid-utf8.md", /UTF-8/, (p) => writeFileSync(p, Buffer.from([0xc3, 0x28])));
    bad("js-frontmatter.md", /frontmatter language "js" is refused/, (p) => copyFileSync(fixture("hostile/frontmatter-js-writes-marker.txt"), p));
    // Following loop-x/to-y reaches loop-y, whose link to-x leads back into loop-x, still being
    // read: that link is the loop, reported once; loop-y itself is then read only once.
    badFiles.push({ file: join(dir, "loop-x", "to-y", "to-x"), message: /symbolic link loop/ });
    // A symbolic link to a device: opening must not read forever.
    // A link out of the folder is not followed at all (--follow-links would reach `not a regular file`).
    bad("dev-zero.md", /symbolic link to \/dev\/zero, outside .*: not followed/, (p) => symlinkSync("/dev/zero", p));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("batch --format json: every good record reported once, every bad file in errors, exit 2, no stack trace", () => {
    const start = performance.now();
    const { r, json } = batchJson([dir]);
    expect(performance.now() - start).toBeLessThan(15_000);
    expect(r.status).toBe(2);
    expectNoStackTrace(r);

    const reported = json.reports.map((x) => x.record.file).sort();
    expect(reported).toEqual([...goodFiles].sort());
    for (const report of json.reports) expect(["MIGRATE", "HOLD"]).toContain(report.verdict);

    for (const { file, message } of badFiles) {
      const entries = json.errors.filter((e) => e.file === file);
      expect(entries, `${file} missing from errors: ${JSON.stringify(json.errors)}`).toHaveLength(1);
      expect(entries[0]!.message).toMatch(message);
      expect(entries[0]!.line === null || (Number.isInteger(entries[0]!.line) && entries[0]!.line > 0)).toBe(true);
    }
    expect(json.errors).toHaveLength(badFiles.length);
    expect(json.summary).toEqual({
      total: goodFiles.length + badFiles.length,
      migrate: json.reports.filter((x) => x.verdict === "MIGRATE").length,
      hold: json.reports.filter((x) => x.verdict === "HOLD").length,
      errors: badFiles.length,
    });
    // Each error is also on stderr as `file: message`, and stderr carries nothing else.
    expectFileLineErrors(r.stderr);
    for (const { file } of badFiles) expect(r.stderr).toContain(file);
  });

  it("batch --format ndjson: one report per good record, nothing else on stdout, exit 2", () => {
    const r = run(["batch", dir, "--format", "ndjson"]);
    expect(r.status).toBe(2);
    expectNoStackTrace(r);
    const lines = r.stdout.split("\n").filter(Boolean);
    expect(lines.map((l) => (JSON.parse(l) as { record: { file: string } }).record.file).sort()).toEqual([...goodFiles].sort());
    for (const { file } of badFiles) expect(r.stderr).toContain(file);
  });

  it("batch (table): exit 2, errors on stderr, no stack trace", () => {
    const r = run(["batch", dir]);
    expect(r.status).toBe(2);
    expectNoStackTrace(r);
    expectFileLineErrors(r.stderr);
    for (const { file } of badFiles) expect(r.stderr).toContain(file);
  });

  it("validate DIR: names every bad file, counts them, exits 1, no stack trace", () => {
    const r = run(["validate", "--quiet", dir]);
    expect(r.status).toBe(1);
    expectNoStackTrace(r);
    expectFileLineErrors(r.stderr);
    for (const { file, message } of badFiles) {
      const line = r.stderr.split("\n").find((l) => l.startsWith(`${file}:`));
      expect(line, `${file} not reported by validate:\n${r.stderr}`).toBeDefined();
      expect(line).toMatch(message);
    }
    expect(r.stdout).toContain(`${goodFiles.length} valid, ${badFiles.length} invalid`);
  });

  it("a batch big enough for worker threads (60 good records, every bad kind mixed in) loses nothing", () => {
    const big = mkdtempSync(join(tmpdir(), "migrate-eval-hostile-big-"));
    try {
      const good: string[] = [];
      for (let i = 0; i < 60; i++) {
        const file = join(big, `r${String(i).padStart(3, "0")}.md`);
        copyFileSync(fixture(`records/${GOOD[i % GOOD.length]!}`), file);
        good.push(file);
      }
      const bad = [join(big, "r010x-empty.md"), join(big, "r020x-binary.md"), join(big, "r030x-broken.md"), join(big, "r040x-js.md")];
      writeFileSync(bad[0]!, "");
      writeFileSync(bad[1]!, Buffer.from([0, 1, 2, 3, 255]));
      symlinkSync("nowhere.md", bad[2]!);
      copyFileSync(fixture("hostile/frontmatter-js-writes-marker.txt"), bad[3]!);
      const { r, json } = batchJson([big, "--jobs", "2"]);
      expect(r.status).toBe(2);
      expectNoStackTrace(r);
      expect(json.reports.map((x) => x.record.file).sort()).toEqual(good.sort());
      expect(json.errors.map((e) => e.file).sort()).toEqual([...bad].sort());
      expect(json.summary.total).toBe(good.length + bad.length);
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });

  it("large records among small ones (read one at a time, by one thread) come out whole and in order", () => {
    const dir = mkdtempSync(join(tmpdir(), "migrate-eval-hostile-large-"));
    try {
      const notes = "\n## Notes\n\n" + "A line of notes with no figure in it, kept for the record.\n".repeat(22_000);
      for (let i = 0; i < 24; i++) {
        const text = readFileSync(fixture(`records/${GOOD[i % GOOD.length]!}`), "utf8");
        writeFileSync(join(dir, `r${String(i).padStart(3, "0")}.md`), i % 8 === 3 ? text + notes : text);
      }
      const one = run(["batch", dir, "--format", "ndjson", "--jobs", "1"]);
      const two = run(["batch", dir, "--format", "ndjson", "--jobs", "2"]);
      expect(one.status).toBe(0);
      expect(two.stdout).toBe(one.stdout);
      expect(two.stdout.trim().split("\n")).toHaveLength(24);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(ROOT_READS_ANYTHING)(
    "an unreadable file (chmod 000) is listed in errors as permission denied [skipped when running as root: chmod 000 does not stop root from reading]",
    () => {
      const locked = mkdtempSync(join(tmpdir(), "migrate-eval-hostile-locked-"));
      const file = join(locked, "locked.md");
      const good = join(locked, "good.md");
      try {
        copyFileSync(fixture(`records/${GOOD[0]!}`), good);
        copyFileSync(fixture(`records/${GOOD[1]!}`), file);
        chmodSync(file, 0o000);
        const { r, json } = batchJson([locked]);
        expect(r.status).toBe(2);
        expectNoStackTrace(r);
        expect(json.reports.map((x) => x.record.file)).toEqual([good]);
        expect(json.errors).toHaveLength(1);
        expect(json.errors[0]!.file).toBe(file);
        expect(json.errors[0]!.message).toMatch(/permission denied/);
        const v = run(["validate", locked]);
        expect(v.status).toBe(1);
        expect(v.stderr).toContain(`${file}: `);
      } finally {
        chmodSync(file, 0o600);
        rmSync(locked, { recursive: true, force: true });
      }
    },
  );
});

describe("hostile policy files", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "migrate-eval-hostile-policy-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const rules = (n: number) =>
    `version: 1\nrules:\n${Array.from({ length: n }, (_, i) => `  - { id: r${i}, metric: mmlu, change_pp: { min: 1 } }`).join("\n")}\n`;

  /** Runs `batch` and `policy --check` with the policy; both must fail the same clear way. */
  function expectRefused(policy: string, message: RegExp, line?: number): void {
    const file = join(dir, `policy-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, policy);
    for (const args of [["batch", fixture("records"), "--policy", file, "--format", "json"], ["policy", "--check", file]]) {
      const start = performance.now();
      const r = run(args);
      const ms = performance.now() - start;
      expect(r.status, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expectNoStackTrace(r);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
      const first = r.stderr.split("\n")[0]!;
      expect(first.startsWith(line === undefined ? `${file}` : `${file}:${line}: `)).toBe(true);
      // A node start-up is ~0.1–0.4 s; a policy that took seconds to reject would show here.
      expect(ms).toBeLessThan(5000);
    }
  }

  it("a policy with 100,000 rules (5.6 MB) is refused from its size, exit 2, fast", () => {
    expectRefused(rules(100_000), /larger than \d+ bytes|too large|at most \d+ rules/);
  });

  it("a policy with 501 rules (under the size limit) is refused for the rule count, with its line", () => {
    // The line of `rules:` itself: its value is the block below it.
    expectRefused(rules(501), /at most 500 rules/, 2);
  });

  it("a policy with an unknown top-level key names the key and its line, exit 2", () => {
    expectRefused("version: 1\nrules: []\nunexpected_key: true\n", /unknown key "unexpected_key"/, 3);
  });

  it("a rule with a misspelt key names the key and its line, exit 2", () => {
    expectRefused("version: 1\nrules:\n  - id: cost\n    metric: cost.retry_adjusted\n    change_pcnt: { max: -20 }\n", /unknown key "change_pcnt"/, 5);
  });

  it.each([
    ["a !!js/function tag", "version: 1\nrules: []\nhook: !!js/function 'function () {}'\n", /YAML tag !!js\/function is refused/],
    ["a billion-laughs alias bomb", `version: 1\nrules: []\n${['l0: &l0 "lol"', ...Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(", ")}]`)].join("\n")}\n`, /alias/],
    ["10,000-deep nesting", `version: 1\nrules: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`, /YAML/],
    ["binary bytes", "version: 1\u0000\u0001\u0002\nrules: []\n", /binary/],
    ["an empty file", "", /empty/],
  ])("a policy with %s is refused, exit 2, no stack trace", (_name, policy, message) => {
    expectRefused(policy, message);
  });
});
