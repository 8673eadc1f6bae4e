/**
 * `migrate-eval diff BASE HEAD` run as a user runs it: records, report JSON files and folders on
 * either side, the exit codes of `--fail-on verdict-regression`, and the JSON against
 * `migrate-eval schema diff`. The seed against a copy with the candidate's input price halved is
 * the check that a reviewer sees the cost change and, under a policy it crosses, the flip.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import type { Diff } from "../../src/report/diff-schema.js";
import { HAS_SEED, ROOT, run, SEED } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "migrate-eval-diff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schema = JSON.parse(run(["schema", "diff"]).stdout) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

function diffJson(args: string[], status = 0): Diff {
  const r = run(["diff", ...args, "--format", "json"]);
  expect(r.status, r.stderr).toBe(status);
  const d = JSON.parse(r.stdout) as Diff;
  expect(validate(d), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  return d;
}

/** A team that accepts a cost rise of at most 50 % for the quality gain. */
const tolerant = join(dir, "tolerant.policy.yaml");
writeFileSync(tolerant, [
  "version: 1",
  "rules:",
  "  - id: cost-ceiling",
  "    metric: cost.retry_adjusted",
  "    change_pct: { max: 50 }",
  "  - id: quality-gain",
  "    metric: task_success",
  "    change_pp: { min: 5 }",
  "",
].join("\n"));

describe.skipIf(!HAS_SEED)("the seed against a copy with the candidate's input price halved", () => {
  const halved = join(dir, "seed-halved.txt");
  // A skipped describe still runs its body: the seed is read only when it is there.
  const seed = HAS_SEED ? readFileSync(SEED, "utf8") : "";
  const lines = seed.split("\n");
  if (HAS_SEED) {
    // Mixtral's input price, $0.60 per 1M, in the summary table (line 20) and the cost list (line 76).
    lines[19] = lines[19]!.replace("| $0.60/1M tokens |", "| $0.30/1M tokens |");
    lines[75] = lines[75]!.replace("$0.60/1M Input", "$0.30/1M Input");
    writeFileSync(halved, lines.join("\n"));
  }

  it("the copy differs from the seed only there", () => {
    expect(lines.join("\n")).not.toBe(seed);
    expect(lines.filter((l, i) => l !== seed.split("\n")[i])).toHaveLength(2);
  });

  it("shows the cost change: $90 → $60 a month, retry-adjusted $126 → $84, +121.05% → +47.37%", () => {
    const d = diffJson([SEED, halved]);
    expect(d.records).toHaveLength(1);
    const r = d.records[0]!;
    const fig = Object.fromEntries(r.figures.map((f) => [f.key, [f.base, f.head, f.delta]]));
    // 100M × $0.30 + 50M × $0.60 = $60; × 1.4 attempts = $84; against Mistral's $57: +47.37%.
    expect(fig["cost.candidate.monthly"]).toEqual([90, 60, -30]);
    expect(fig["cost.candidate.retryAdjustedMonthly"]).toEqual([126, 84, -42]);
    expect(fig["cost.retryAdjustedChange.pct"]![0]).toBeCloseTo(121.0526, 3);
    expect(fig["cost.retryAdjustedChange.pct"]![1]).toBeCloseTo(47.3684, 3);
    // The blended price falls from $0.60 to $0.40 per 1M, so self-hosting breaks even later: $2,188.89 / 0.4.
    expect(fig["selfHost.breakEvenTokensPerMonth"]![1]).toBeCloseTo(5.4722e9, -6);
    // Under the default policy the cost still rises far above −20 %: no flip.
    expect(r.verdict).toEqual({ base: "HOLD", head: "HOLD", flipped: false });
    // The record's own cost statements no longer hold.
    expect(r.audit.filter((a) => a.base === true && a.head === false).map((a) => a.line)).toEqual([20, 70, 71, 71, 76, 77, 197, 198]);
  });

  it("under a policy that allows a 50 % rise, the verdict flips HOLD → MIGRATE; the way back is a regression that gates", () => {
    const up = diffJson([SEED, halved, "--policy", tolerant, "--fail-on", "verdict-regression"]);
    expect(up.records[0]!.verdict).toEqual({ base: "HOLD", head: "MIGRATE", flipped: true });
    expect(up.records[0]!.rules).toEqual([expect.objectContaining({ id: "cost-ceiling", base: "fail", head: "pass", regression: false })]);
    expect(up.summary).toMatchObject({ verdictFlips: 1, regressions: 0 });
    const down = diffJson([halved, SEED, "--policy", tolerant, "--fail-on", "verdict-regression"], 1);
    expect(down.records[0]!.rules).toEqual([expect.objectContaining({ id: "cost-ceiling", base: "pass", head: "fail", regression: true })]);
    expect(down.summary).toMatchObject({ verdictFlips: 1, regressions: 1 });
    // Without the gate, the same regression is reported and the exit code is 0.
    expect(run(["diff", halved, SEED, "--policy", tolerant]).status).toBe(0);
  });

  it("the table and the markdown show the figures and the flip", () => {
    const table = run(["diff", SEED, halved, "--policy", tolerant]);
    expect(table.stdout).toContain("verdict HOLD → MIGRATE — verdict flipped");
    expect(table.stdout).toMatch(/│ retry-adjusted monthly cost of Mixtral 8x7B\s+│ \$126\s+│ \$84\s+│ −\$42\s+│/);
    const md = run(["diff", halved, SEED, "--policy", tolerant, "--format", "markdown"]).stdout;
    expect(md).toMatch(/^## migrate-eval diff: 1 verdict flip, 1 regression\n/);
    expect(md).toContain("### ⛔ GENAI\\_MODEL\\_UPDATE\\_010: Mistral 7B → Mixtral 8x7B, verdict MIGRATE → HOLD — verdict regressed");
    expect(md).toContain("| cost-ceiling (regression) | required | pass | fail |");
  });

  it("report JSON files give the same diff as the records they came from", () => {
    const a = join(dir, "a.json");
    const b = join(dir, "b.json");
    writeFileSync(a, run(["compare", SEED, "--format", "json"]).stdout);
    writeFileSync(b, run(["compare", halved, "--format", "json"]).stdout);
    const fromJson = diffJson([a, b]);
    const fromRecords = diffJson([SEED, halved]);
    expect(fromJson.records).toEqual(fromRecords.records);
  });
});

describe("diff of folders and files", () => {
  const base = join(dir, "base");
  const head = join(dir, "head");
  mkdirSync(base);
  mkdirSync(head);
  const records = join(ROOT, "fixtures/records");
  copyFileSync(join(records, "english-migrate-clear-win.md"), join(base, "clear-win.md"));
  copyFileSync(join(records, "english-hold-rollback.md"), join(base, "rollback.md"));
  copyFileSync(join(records, "english-migrate-clear-win.md"), join(head, "renamed-clear-win.md"));
  copyFileSync(join(records, "stated-sample-size.md"), join(head, "sample-size.md"));

  it("matches records by id across file names; a record on one side only is reported, not an error", () => {
    const d = diffJson([base, head]);
    expect(d.records.map((r) => [r.id, r.status])).toEqual([
      ["GENAI_MODEL_UPDATE_107", "unchanged"],
      ["GENAI_MODEL_UPDATE_109", "added"],
      ["GENAI_MODEL_UPDATE_108", "removed"],
    ]);
    expect(d.summary).toMatchObject({ records: 3, unchanged: 1, added: 1, removed: 1, regressions: 0 });
  });

  it("a batch JSON file on one side and a folder on the other", () => {
    const batch = join(dir, "batch.json");
    writeFileSync(batch, run(["batch", base, "--format", "json"]).stdout);
    expect(diffJson([batch, head]).summary).toMatchObject({ unchanged: 1, added: 1, removed: 1 });
  });

  it("a record that cannot be read is an error line and exit 2; the others are still compared", () => {
    const broken = join(dir, "broken-head");
    mkdirSync(broken);
    copyFileSync(join(records, "english-migrate-clear-win.md"), join(broken, "clear-win.md"));
    copyFileSync(join(ROOT, "fixtures/broken/wrong-outcome.md"), join(broken, "wrong-outcome.md"));
    const r = run(["diff", base, broken, "--format", "json"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/wrong-outcome\.md:10: outcome/);
    expect((JSON.parse(r.stdout) as Diff).summary).toMatchObject({ unchanged: 1, removed: 1 });
  });

  it("what cannot be compared is exit 2 with one line", () => {
    const notReport = join(dir, "not-a-report.json");
    writeFileSync(notReport, JSON.stringify({ schemaVersion: 1, verdict: "MIGRATE" }));
    const r = run(["diff", notReport, base]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not-a-report\.json: not a migrate-eval report \(--format json\)/);
    expect(run(["diff", join(dir, "nothing-here.md"), base]).stderr).toMatch(/nothing-here\.md: no such file or folder/);
  });

  it("two records of which one cannot be read: its line on stderr, nothing compared, exit 2", () => {
    const r = run(["diff", join(ROOT, "examples/qwen-replaces-llama.md"), join(ROOT, "fixtures/broken/wrong-outcome.md")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/wrong-outcome\.md:10: outcome: "maybe"/);
  });

  it("a report file is from outside: control characters in it never reach the output", () => {
    const report = JSON.parse(run(["compare", "examples/qwen-replaces-llama.md", "--format", "json"]).stdout) as { record: { id: string }; candidate: string };
    report.record.id = "EVIL\u001b]0;owned\u0007\u001b[2J\r## forged";
    report.candidate = "Qwen\u202e\u009b31m";
    const evil = join(dir, "evil.json");
    writeFileSync(evil, JSON.stringify(report));
    for (const format of ["table", "markdown", "json"]) {
      const r = run(["diff", join(ROOT, "examples/qwen-replaces-llama.md"), evil, "--format", format]);
      expect(r.status).toBe(0);
      expect(JSON.stringify(r.stdout)).not.toMatch(/\\u001b|\\u0007|\\r|\\u009b|\u202e/);
      expect(r.stdout).not.toMatch(/^## forged/m);
    }
  });
});
