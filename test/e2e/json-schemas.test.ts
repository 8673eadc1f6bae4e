/**
 * Every JSON output validates against the JSON Schema `migrate-eval schema` prints for it, checked
 * by a JSON Schema validator (ajv), not only by the zod schemas they are made from.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { run } from "../helpers.js";

const ajv = new Ajv2020({ allErrors: true, strict: false });

function validator(which: string) {
  const r = run(["schema", which]);
  expect(r.status).toBe(0);
  return ajv.compile(JSON.parse(r.stdout) as object);
}

function expectValid(which: string, output: string): void {
  const validate = validator(which);
  const ok = validate(JSON.parse(output));
  expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
}

describe("JSON outputs against their JSON Schemas", () => {
  it.each([
    ["examples/qwen-replaces-llama.md"],
    ["fixtures/records/english-migrate-clear-win.md"],
    ["fixtures/corpus/holdout3-selfhost-proposal-llama70b-a100.md"],
    ["fixtures/corpus/ja-kensho-memo-mixed-usd-jpy-no-rate.md"],
  ])("compare %s --format json is a report", (file) => {
    expectValid("report", run(["compare", file, "--format", "json"]).stdout);
  });

  it.each([
    [["whatif", "fixtures/whatif/capacity-steps.md", "--format", "json"]],
    [["whatif", "fixtures/whatif/markup-in-names.md", "--format", "json", "--swing", "50"]],
    [["compare", "fixtures/records/english-seed-style-cost-up.md", "--format", "json", "--whatif"]],
  ])("%j is a report with whatif", (args) => {
    const out = run(args).stdout;
    expect((JSON.parse(out) as { whatif?: unknown }).whatif).toBeDefined();
    expectValid("report", out);
  });

  it.each([
    [["fixtures/prices/price-disagrees.md", "--baseline", "openai:gpt-4o"]],
    [["fixtures/prices/tiered-requests.md", "--prices", "catalog"]],
  ])("compare %j --format json, priced from the catalog, is a report with its prices", (args) => {
    const r = run(["compare", ...args, "--format", "json"]);
    expect(JSON.parse(r.stdout).prices.catalog.version).toBe("0.1.8");
    expectValid("report", r.stdout);
  });

  it("prices --format json, and a search, are price lists", () => {
    expectValid("prices", run(["prices", "openai:gpt-4o-mini", "anthropic:claude-sonnet-4-5", "deepseek:deepseek-chat", "nope-model", "--format", "json"]).stdout);
    expectValid("prices", run(["prices", "--search", "gpt", "--format", "json"]).stdout);
  });

  it("a policy with max_catalog_age_days is a policy", () => {
    const validate = validator("policy");
    expect(validate({ version: 1, max_catalog_age_days: 90, catalog_age_severity: "required", rules: [{ id: "q", metric: "task_success", change_pp: { min: 5 } }] })).toBe(true);
    expect(validate({ version: 1, max_catalog_age_days: -1, rules: [{ id: "q", metric: "task_success", change_pp: { min: 5 } }] })).toBe(false);
  });

  it("batch --format json, with an unreadable file among the records", () => {
    expectValid("batch", run(["batch", "fixtures/records", "fixtures/hostile/empty.txt", "--format", "json"]).stdout);
  });

  it("backtest --format json, with an unreadable file among the records", () => {
    expectValid("backtest", run(["backtest", "fixtures/records", "fixtures/broken/wrong-outcome.md", "--format", "json"]).stdout);
  });

  it("validate --format json, valid and invalid records", () => {
    expectValid("validate", run(["validate", "fixtures/records", "fixtures/broken", "--format", "json"]).stdout);
  });

  it("show --format json carries a record", () => {
    const shown = JSON.parse(run(["show", "examples/qwen-replaces-llama.md", "--format", "json"]).stdout) as { record: unknown };
    const validate = validator("record");
    expect(validate(shown.record), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
  });

  it("the validator can fail: a report without its verdict is refused", () => {
    const report = JSON.parse(run(["compare", "examples/qwen-replaces-llama.md", "--format", "json"]).stdout) as Record<string, unknown>;
    delete report.verdict;
    expect(validator("report")(report)).toBe(false);
  });
});
