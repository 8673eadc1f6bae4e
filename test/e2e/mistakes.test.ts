/**
 * Mistakes a user makes that used to pass silently: a policy that decides nothing, a rule on a
 * metric that exists nowhere, frontmatter typos, impossible dates, an empty --baseline, two
 * `policy` flags at once.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRecord } from "../../src/record/parse.js";
import { parsePolicy } from "../../src/rules/parse-policy.js";
import { ROOT, run } from "../helpers.js";

const RECORD = "---\nid: M\ntitle: t\nold_model: Model A\nnew_model: Model B\n---\n\n| Metric | Model A | Model B |\n|---|---|---|\n| MMLU | 60% | 70% |\n";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "migrate-eval-mistakes-"));
  writeFileSync(join(dir, "empty-rules.yaml"), "version: 1\nrules: []\n");
  writeFileSync(join(dir, "typo-metric.yaml"), "version: 1\nrules:\n  - id: quality\n    metric: mmluu\n    change_pp: { min: 1 }\n");
  writeFileSync(join(dir, "own-metric.yaml"), "version: 1\nmetrics:\n  - { key: clause_recall, unit: percent, direction: higher }\nrules:\n  - id: recall\n    metric: clause_recall\n    change_pp: { min: 0 }\n");
  writeFileSync(join(dir, "block.yaml"), "version: 1\nrules:\n  foo: 1\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a policy that decides nothing is refused by policy --check, with its line", () => {
  it("rules: [] (every verdict would be MIGRATE)", () => {
    const r = run(["policy", "--check", join(dir, "empty-rules.yaml")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${join(dir, "empty-rules.yaml")}:2: policy: rules: a policy needs at least one rule (with none, every verdict would be MIGRATE)\n`);
  });

  it("a rule on a metric that exists nowhere, with a did-you-mean", () => {
    const r = run(["policy", "--check", join(dir, "typo-metric.yaml")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${join(dir, "typo-metric.yaml")}:4: policy: rules ("quality"): no metric "mmluu"; did you mean "mmlu"?\n`);
    expect(run(["compare", "examples/qwen-replaces-llama.md", "--policy", join(dir, "typo-metric.yaml")]).status).toBe(2);
  });

  it("a metric the team declares counts as known", () => {
    const r = run(["policy", "--check", join(dir, "own-metric.yaml")]);
    expect(r.stdout).toBe(`${join(dir, "own-metric.yaml")}: valid (1 rule, 1 required)\n`);
  });

  it("an error on a key whose value is a block names the key's line", () => {
    const r = run(["policy", "--check", join(dir, "block.yaml")]);
    expect(r.stderr).toMatch(/block\.yaml:2: policy: rules:/);
  });

  it("the library refuses them too", () => {
    expect(parsePolicy("version: 1\nrules: []\n").ok).toBe(false);
  });
});

describe("frontmatter typos", () => {
  it.each([
    ["outcom: success", "outcome"],
    ["new_modle: X", "new_model"],
    ["upate_date: 2024-01-02", "update_date"],
    ["titel: x", "title"],
  ])("%s is a warning that names %s and its line", (line, near) => {
    const r = parseRecord(RECORD.replace("title: t\n", `title: t\n${line}\n`), "t.md");
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.record.warnings).toContainEqual(expect.objectContaining({ code: "unknown-frontmatter-key", line: 4, message: expect.stringContaining(`did you mean "${near}"`) }));
  });

  it("a team's own keys are kept quietly", () => {
    const r = parseRecord(RECORD.replace("title: t\n", "title: t\nteam: platform\nreviewers: [a, b]\nkid: 1\n"), "t.md");
    expect(r.ok && r.record.warnings).toEqual([]);
  });

  it.each(["2024-13-45", "2023-02-29", "2024-04-31"])("update_date: %s is refused", (date) => {
    const r = parseRecord(RECORD.replace("title: t\n", `title: t\nupdate_date: ${date}\n`), "t.md");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ line: 4, message: `update_date: "${date}" is not a date that exists (YYYY-MM-DD)` });
  });

  it("2024-02-29 is a date", () => {
    expect(parseRecord(RECORD.replace("title: t\n", "title: t\nupdate_date: 2024-02-29\n"), "t.md").ok).toBe(true);
  });

  it.each(["Success", "ROLLBACK", " failure "])("outcome: %s is read whatever its case", (outcome) => {
    const r = parseRecord(RECORD.replace("title: t\n", `title: t\noutcome: "${outcome}"\n`), "t.md");
    expect(r.ok && r.record.outcome).toBe(outcome.trim().toLowerCase());
  });
});

describe("flags that meant something else", () => {
  it("--baseline '' is an error listing the baselines", () => {
    const r = run(["compare", "examples/qwen-replaces-llama.md", "--baseline", ""]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("examples/qwen-replaces-llama.md: --baseline: an empty name; baselines it has: Llama 3.1 8B\n");
  });

  it("policy --default --check FILE is an error, not one of the two", () => {
    const r = run(["policy", "--default", "--check", join(dir, "own-metric.yaml")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/--default and --check do different things; give one/);
  });
});

describe("every format says which policy decided", () => {
  const hash = /[0-9a-f]{12}/;
  it.each(["table", "markdown"])("compare --format %s", (format) => {
    const r = run(["compare", "examples/qwen-replaces-llama.md", "--format", format]);
    expect(r.stdout).toMatch(new RegExp(`Policy: built-in default \\(sha256 ${hash.source}\\)`));
  });

  it("compare --format json and junit, with a policy file: its path and hash", () => {
    const file = join(dir, "own-metric.yaml");
    const json = JSON.parse(run(["compare", "examples/qwen-replaces-llama.md", "--format", "json", "--policy", file]).stdout) as { policy: { source: string; sha256: string } };
    expect(json.policy.source).toBe(file);
    expect(json.policy.sha256).toMatch(hash);
    const junit = run(["compare", "examples/qwen-replaces-llama.md", "--format", "junit", "--policy", file]).stdout;
    expect(junit).toContain(`<property name="policy.sha256" value="${json.policy.sha256}"/>`);
  });

  it.each([["batch", "table"], ["batch", "markdown"], ["backtest", "table"]])("%s --format %s", (command, format) => {
    expect(run([command, "fixtures/records", "--format", format]).stdout).toMatch(/[Pp]olicy: built-in default \(sha256 [0-9a-f]{12}\)/);
  });
});

describe("CI and scripts", () => {
  it("compare on an invalid record with --format junit prints a JUnit document that says why, exit 2", () => {
    const r = run(["compare", "fixtures/broken/wrong-outcome.md", "--format", "junit"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('<testsuites name="migrate-eval" tests="1" failures="0" errors="1">');
    expect(r.stdout).toContain('file="fixtures/broken/wrong-outcome.md" line="10"');
    expect(r.stdout).toContain('type="RecordUnreadable"');
  });

  it("`-` reads the record from standard input, with the limits and messages a file has", () => {
    const text = readFileSync(join(ROOT, "examples/qwen-replaces-llama.md"), "utf8");
    const r = run(["compare", "-", "--format", "json"], { input: text });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { record: { file: string; id: string } }).record).toMatchObject({ file: "<stdin>", id: "GENAI_MODEL_UPDATE_101" });
    expect(run(["show", "-"], { input: text }).stdout).toContain("file      <stdin>");
    const empty = run(["compare", "-"], { input: "" });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe("<stdin>: file is empty\n");
  });

  it("YAML's advice to its own callers does not reach the user", () => {
    const file = join(dir, "two-docs.yaml");
    writeFileSync(file, "version: 1\n---\nrules: []\n");
    const r = run(["policy", "--check", file]);
    expect(r.stderr).not.toMatch(/parseAllDocuments|please use/);
    expect(r.stderr).toMatch(/more than one YAML document/);
  });
});

describe("more formats for CI", () => {
  it("batch --format junit: a testsuite per record and an errored testcase per file that could not be read", () => {
    const r = run(["batch", "fixtures/records", "fixtures/hostile/empty.txt", "--format", "junit"]);
    expect(r.status).toBe(2);
    expect(r.stdout.match(/<testsuite name="GENAI_MODEL_UPDATE_/g)).toHaveLength(11);
    expect(r.stdout).toContain('<testsuite name="could not be read" tests="1" failures="0" errors="1" skipped="0">');
    expect(r.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="migrate-eval" tests="\d+" failures="\d+" errors="1">/);
  });

  it("validate --format json: one entry a file, problems in the document, stderr quiet", () => {
    const r = run(["validate", "fixtures/records", "fixtures/broken/wrong-outcome.md", "--format", "json"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout) as { records: Array<{ file: string; valid: boolean; errors: Array<{ line: number; code: string }> }>; summary: unknown };
    expect(j.summary).toEqual({ total: 12, valid: 11, invalid: 1, warnings: 2 });
    const bad = j.records.find((x) => !x.valid)!;
    expect(bad).toMatchObject({ file: "fixtures/broken/wrong-outcome.md", errors: [{ line: 10, code: "frontmatter-invalid" }] });
  });
});

describe("--output FILE", () => {
  it.each([
    ["compare", "examples/qwen-replaces-llama.md", "--format", "json"],
    ["batch", "fixtures/records", "--format", "ndjson"],
    ["backtest", "fixtures/records"],
    ["show", "examples/qwen-replaces-llama.md"],
    ["validate", "fixtures/records"],
  ])("%s writes the report to the file and nothing to stdout", (...args) => {
    const file = join(dir, `out-${args[0]}.txt`);
    const r = run([...args, "--output", file]);
    const direct = run(args);
    expect(r.stdout).toBe("");
    expect(r.status).toBe(direct.status);
    expect(readFileSync(file, "utf8")).toBe(direct.stdout);
  });

  it("a file that cannot be opened is exit 2 before anything runs", () => {
    const r = run(["compare", "examples/qwen-replaces-llama.md", "--output", join(dir, "no-such-folder", "x.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*x\.json: ENOENT/);
  });
});

describe("small wordings", () => {
  it("junit testsuites and testcases carry measured times", () => {
    const r = run(["compare", "examples/qwen-replaces-llama.md", "--format", "junit"]);
    expect(r.stdout).toMatch(/<testsuite name="[^"]+" tests="6" failures="1" errors="0" skipped="0" time="\d+\.\d{3}">/);
    expect(r.stdout.match(/<testcase [^>]* time="\d+\.\d{3}"/g)).toHaveLength(6);
    // A rule on one of the record's figures names that figure's line.
    expect(r.stdout).toMatch(/name="p95-latency \(warning\)" file="examples\/qwen-replaces-llama\.md" line="66"/);
    expect(run(["batch", "fixtures/records", "--format", "junit"]).stdout.match(/<testsuite [^>]* time="\d+\.\d{3}"/g)).toHaveLength(11);
  });

  it("a zero threshold reads ≤ 0%, not ≤ ±0%", () => {
    const file = join(dir, "zero.yaml");
    writeFileSync(file, "version: 1\nrules:\n  - { id: no-rise, metric: cost.monthly, change_pct: { max: 0 } }\n");
    const r = run(["compare", "examples/qwen-replaces-llama.md", "--policy", file]);
    expect(r.stdout).toContain("(needs ≤ 0%)");
    expect(r.stdout).not.toContain("±0%");
  });

  it("batch markdown names each file that could not be read", () => {
    const r = run(["batch", "fixtures/records", "fixtures/hostile/empty.txt", "fixtures/broken/wrong-outcome.md", "--format", "markdown"]);
    expect(r.stdout).toContain("### Could not be read");
    expect(r.stdout).toContain("| fixtures/hostile/empty.txt |  | file is empty |");
    expect(r.stdout).toMatch(/\| fixtures\/broken/);
  });

  it("one record is `1 record`", () => {
    expect(run(["backtest", "fixtures/records/english-hold-rollback.md"]).stdout).toMatch(/^Backtest: 1 record with a known outcome/);
    expect(run(["batch", "fixtures/records/english-hold-rollback.md"]).stdout).toMatch(/\n1 record: /);
  });
});
