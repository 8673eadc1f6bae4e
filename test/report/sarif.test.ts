/**
 * SARIF: the output validates against the SARIF 2.1.0 JSON Schema (the one shipped in
 * @microsoft/jest-sarif, draft-04, so ajv-draft-04 reads it), each result sits on the line of the
 * figure behind it, and fingerprints stay when only lines move and change when the finding does.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as Sarif from "sarif";
import { afterAll, describe, expect, it } from "vitest";
import { HAS_SEED, run, SEED } from "../helpers.js";
import { artifactUri, FINGERPRINT_KEY } from "../../src/report/sarif.js";
import { fingerprint } from "../../src/report/findings.js";

const require = createRequire(import.meta.url);
// A CommonJS module whose export is the class itself: its types speak of a default export.
const Ajv04 = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")) as object;
// The schema names formats (uri, date-time) that no format plugin here checks, and one pattern (a language tag) that is not valid as a Unicode regular expression.
const validate = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);

function sarif(args: string[]): Sarif.Log {
  const r = run(args);
  const log = JSON.parse(r.stdout) as Sarif.Log;
  expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
  return log;
}

const results = (log: Sarif.Log) => log.runs[0]!.results!;
const at = (res: Sarif.Result) => res.locations![0]!.physicalLocation!;
const print = (res: Sarif.Result) => res.partialFingerprints![FINGERPRINT_KEY]!;

const dir = mkdtempSync(join(tmpdir(), "migrate-eval-sarif-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("SARIF 2.1.0", () => {
  it("the schema rejects a log that is not SARIF (the check can fail)", () => {
    expect(validate({ version: "2.1.0", runs: [{ results: [] }] })).toBe(false);
    expect(validate({ version: "2.0.0", runs: [] })).toBe(false);
  });

  it("compare on the example: a result per failed or unknown rule and per stated figure that does not hold, on their lines", () => {
    const log = sarif(["compare", "examples/qwen-replaces-llama.md", "--format", "sarif"]);
    expect(log.runs).toHaveLength(1);
    const got = results(log).map((r) => [r.ruleId, r.level, at(r).region!.startLine, at(r).artifactLocation!.uri]);
    expect(got).toEqual([
      // The retry-adjusted cost is made of the candidate's prices: line 19 has its input price.
      ["rule/cost-reduction", "error", 19, "examples/qwen-replaces-llama.md"],
      // No error rate anywhere: the finding is of the record, on its first line.
      ["rule/error-rate", "warning", 1, "examples/qwen-replaces-llama.md"],
      ["rule/task-success-floor", "warning", 35, "examples/qwen-replaces-llama.md"],
      ["audit/break_even", "warning", 52, "examples/qwen-replaces-llama.md"],
    ]);
    const driver = log.runs[0]!.tool.driver;
    for (const r of results(log)) expect(driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId);
  });

  it("batch: one run with the results of every record and the files that could not be read", () => {
    const log = sarif(["batch", "fixtures/records", "fixtures/broken/wrong-outcome.md", "--format", "sarif"]);
    expect(log.runs).toHaveLength(1);
    const files = new Set(results(log).map((r) => at(r).artifactLocation!.uri));
    expect(files.size).toBeGreaterThan(5);
    for (const f of files) expect(f).toMatch(/^fixtures\/(records|broken)\/[a-z0-9-]+\.md$/);
    const unreadable = results(log).filter((r) => r.ruleId === "record/unreadable");
    expect(unreadable.map((r) => [at(r).artifactLocation!.uri, at(r).region!.startLine, r.level])).toEqual([["fixtures/broken/wrong-outcome.md", 10, "error"]]);
  });

  it("a record that cannot be read in compare is a SARIF result as well as exit 2", () => {
    const r = run(["compare", "fixtures/broken/wrong-outcome.md", "--format", "sarif"]);
    expect(r.status).toBe(2);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    expect(validate(log)).toBe(true);
    expect(results(log).map((x) => [x.ruleId, at(x).region!.startLine])).toEqual([["record/unreadable", 10]]);
  });

  it("fingerprints are the same on the next run, stay when lines move, and change when the finding changes", () => {
    const text = readFileSync("examples/qwen-replaces-llama.md", "utf8");
    const moved = join(dir, "moved.md");
    const changed = join(dir, "changed.md");
    // Two lines added at the top of the body: every figure moves down by two.
    writeFileSync(moved, text.replace(/\n---\n/, "\n---\n\nA note added above everything.\n"));
    // The candidate's input price doubled: the cost rule's figure is another.
    writeFileSync(changed, text.replace("| $0.15/1M tokens | $0.30/1M tokens |", "| $0.15/1M tokens | $0.60/1M tokens |"));
    const first = results(sarif(["compare", "examples/qwen-replaces-llama.md", "--format", "sarif"]));
    const again = results(sarif(["compare", "examples/qwen-replaces-llama.md", "--format", "sarif"]));
    expect(again.map(print)).toEqual(first.map(print));
    const shifted = results(sarif(["compare", moved, "--format", "sarif"]));
    expect(shifted.map((r) => at(r).region!.startLine)).toEqual([21, 1, 37, 54]);
    expect(shifted.map(print)).toEqual(first.map(print));
    const other = results(sarif(["compare", changed, "--format", "sarif"]));
    const cost = (rs: Sarif.Result[]) => print(rs.find((r) => r.ruleId === "rule/cost-reduction")!);
    expect(cost(other)).not.toBe(cost(first));
    // The rules whose figures did not change keep theirs.
    const floor = (rs: Sarif.Result[]) => print(rs.find((r) => r.ruleId === "rule/task-success-floor")!);
    expect(floor(other)).toBe(floor(first));
  });

  it.skipIf(!HAS_SEED)("the seed: the cost rule on the candidate's input price (line 20), the two audit mismatches on 72 and 84", () => {
    const log = sarif(["compare", SEED, "--format", "sarif"]);
    const got = results(log).map((r) => [r.ruleId, at(r).region!.startLine]);
    expect(got).toEqual([
      ["rule/cost-reduction", 20],
      ["audit/cost_change", 72],
      ["audit/break_even", 84],
      ["extract/conflicting-value", 159],
      ["extract/unreadable-value", 304],
    ]);
  });
});

describe("artifact paths and fingerprints", () => {
  it("paths are relative to the working directory, with / and percent-encoding; outside it, a file URI", () => {
    expect(artifactUri("/repo/records/a b.md", "/repo")).toBe("records/a%20b.md");
    expect(artifactUri("records/x#1.md", "/repo")).toBe("records/x%231.md");
    expect(artifactUri("/elsewhere/r.md", "/repo")).toBe("file:///elsewhere/r.md");
  });

  it("a fingerprint ignores line numbers, in the finding and in its message", () => {
    expect(fingerprint(["id", "extract/x", "differs from 2.1 (line 22); keeping line 22"])).toBe(fingerprint(["id", "extract/x", "differs from 2.1 (line 40); keeping line 40"]));
    expect(fingerprint(["id", "extract/x", "differs from 2.1"])).not.toBe(fingerprint(["id", "extract/x", "differs from 2.2"]));
    expect(fingerprint(["a", "bc"])).not.toBe(fingerprint(["ab", "c"]));
  });
});
