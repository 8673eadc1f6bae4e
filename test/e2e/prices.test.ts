/** The price catalog end to end: lazily loaded, the prices command, compare and show with it. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BIN, HAS_SEED, ROOT, SEED, run } from "../helpers.js";

const SPY = join(ROOT, "test/e2e/spy-require.cjs");

/** The CLI with a spy on module loading. */
function spied(args: string[]) {
  const r = spawnSync(process.execPath, ["-r", SPY, BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8", timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe("the catalog is loaded only when an option needs it", () => {
  test("compare without a catalog option never loads the package", () => {
    const r = spied(["compare", "fixtures/prices/price-disagrees.md", "--format", "json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain("[spy]");
    expect(JSON.parse(r.stdout).prices).toBeUndefined();
    // A baseline the record prices needs no catalog either.
    expect(spied(["compare", "fixtures/prices/price-disagrees.md", "--baseline", "gpt-3.5-turbo", "--format", "json"]).stderr).not.toContain("[spy]");
    expect(spied(["batch", "fixtures/prices", "--format", "ndjson"]).stderr).not.toContain("[spy]");
  });

  test("the spy sees it when it is used", () => {
    const r = spied(["compare", "fixtures/prices/price-disagrees.md", "--baseline", "openai:gpt-4o", "--format", "json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("[spy] loaded @pydantic/genai-prices");
    expect(spied(["compare", "fixtures/prices/price-disagrees.md", "--check-prices", "--format", "json"]).stderr).toContain("[spy]");
  });
});

describe("compare with the catalog", () => {
  test.skipIf(!HAS_SEED)("the seed against openai:gpt-4o-mini: catalog prices, the record's own metrics unknown", () => {
    const r = run(["compare", SEED, "--baseline", "openai:gpt-4o-mini", "--format", "json"]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.baseline).toBe("openai:gpt-4o-mini");
    // 100M × 0.15 + 50M × 0.60 = $45 against Mixtral's 100M × 0.6 + 50M × 0.6 = $90
    expect(report.cost.baseline).toMatchObject({ priceInput: 0.15, priceOutput: 0.6, monthly: 45 });
    expect(report.cost.candidate.monthly).toBe(90);
    expect(report.verdict).toBe("HOLD");
    expect(report.metrics.find((m: { key: string }) => m.key === "mmlu").baseline).toBeNull();
    // The seed's Mistral prices (0.2, 0.6) are off the catalog's (0.25, 0.7); GPT-3.5 Turbo's agree.
    const off = report.warnings.filter((w: { code: string }) => w.code === "price-mismatch").map((w: { line: number }) => w.line);
    expect(off).toEqual([20, 21, 20, 21]);
  });

  test("the table says where the prices came from", () => {
    const r = run(["compare", "fixtures/prices/price-disagrees.md", "--baseline", "openai:gpt-4o"]);
    expect(r.stdout).toContain("baseline openai:gpt-4o: source catalog, openai:gpt-4o, input $2.5/1M, output $10/1M");
    expect(r.stdout).toContain("Prices from the record, and from the catalog for the baseline: @pydantic/genai-prices 0.1.8, data of 2026-09-23, prices of today");
    expect(r.stdout).toContain("price check: 3 of 4 record prices within 5% of the catalog's; 1 not (line 16)");
    expect(r.stdout).toContain("line 16: GPT-4o mini's input price $0.2/1M is +33.3% off the catalog's $0.15/1M (openai:gpt-4o-mini, @pydantic/genai-prices 0.1.8 of 2026-09-23, undated)");
  });

  test("a baseline the record scores but does not price loads the catalog for its prices", () => {
    const r = spied(["compare", "fixtures/prices/scored-not-priced.md", "--baseline", "Claude 3 Haiku", "--format", "json"]);
    expect(r.stderr).toContain("[spy]");
    expect(JSON.parse(r.stdout).cost.baseline.monthly).toBe(87.5);
  });

  test("HTML and markdown say where the prices came from", () => {
    const html = run(["compare", "fixtures/prices/price-disagrees.md", "--baseline", "anthropic:claude-3-haiku", "--format", "html"]).stdout;
    expect(html).toContain("<p>Prices from the record, and from the catalog for the baseline: @pydantic/genai-prices 0.1.8, data of 2026-09-23, prices of today</p>");
    const md = run(["compare", "fixtures/prices/price-disagrees.md", "--baseline", "anthropic:claude-3-haiku", "--format", "markdown"]).stdout;
    expect(md).toContain("- baseline anthropic:claude-3-haiku: source catalog, anthropic:claude-3-haiku, input $0.25/1M, output $1.25/1M");
  });

  test("JUnit carries the catalog's version and data date as properties", () => {
    const r = run(["compare", "fixtures/prices/price-disagrees.md", "--baseline", "openai:gpt-4o", "--format", "junit"]);
    expect(r.stdout).toContain('<property name="catalog" value="@pydantic/genai-prices 0.1.8"/><property name="catalog.dataDate" value="2026-09-23"/>');
    expect(run(["compare", "fixtures/prices/price-disagrees.md", "--format", "junit"]).stdout).not.toContain("catalog");
  });

  test("errors: an unknown model, an ambiguous one, a day before a model existed, a bad date", () => {
    const unknown = run(["compare", "fixtures/prices/price-disagrees.md", "--baseline", "gpt-4o-minii"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--baseline: no model "gpt-4o-minii" in this record; .* close: .*openai:gpt-4o-mini/);
    const ambiguous = run(["compare", "fixtures/prices/price-disagrees.md", "--baseline", "deepseek/deepseek-v3.2"]);
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toContain("several providers: avian:deepseek/deepseek-v3.2, openrouter:deepseek/deepseek-v3.2");
    const early = run(["compare", "fixtures/prices/price-disagrees.md", "--prices", "catalog", "--prices-as-of", "2024-01-01"]);
    expect(early.status).toBe(2);
    expect(early.stderr).toContain("openai:gpt-4o-mini has no price on 2024-01-01: its first dated snapshot is 2024-07-18");
    const bad = run(["compare", "fixtures/prices/price-disagrees.md", "--prices-as-of", "2024-02-30"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('expected a date YYYY-MM-DD, got "2024-02-30"');
  });

  test("batch --prices catalog: a record whose models the catalog cannot place is an error entry, the rest go on", () => {
    const r = run(["batch", "fixtures/prices", "--prices", "catalog", "--format", "ndjson"]);
    expect(r.status).toBe(0);
    const reports = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(reports.map((x) => x.prices.source)).toEqual(["catalog", "catalog", "catalog", "catalog"]);
    expect(run(["batch", "fixtures/prices", "--prices", "catalog"]).stdout).toContain("· prices from the catalog (@pydantic/genai-prices 0.1.8 of 2026-09-23)");
    expect(run(["batch", "fixtures/prices", "--check-prices"]).stdout).toContain("· prices checked against the catalog (@pydantic/genai-prices 0.1.8 of 2026-09-23)");
    const failing = run(["batch", "fixtures/prices", "fixtures/records/english-seed-style-cost-up.md", "--prices", "catalog", "--format", "ndjson"]);
    expect(failing.status).toBe(2);
    expect(failing.stderr).toContain('"Llama 3.1 8B" is not in the price catalog');
  });
});

describe("batch --cache with the catalog", () => {
  test("results kept without the catalog are not served to a run that checks prices, nor the other way", () => {
    const dir = mkdtempSync(join(tmpdir(), "migrate-eval-cache-"));
    try {
      const reports = (args: string[]) => run(["batch", "fixtures/prices", "--cache-location", dir, "--format", "ndjson", ...args]).stdout.trim().split("\n").map((l) => JSON.parse(l));
      expect(reports([]).every((r) => r.prices === undefined)).toBe(true);
      expect(reports(["--check-prices"]).every((r) => Array.isArray(r.prices?.check))).toBe(true);
      expect(reports([]).every((r) => r.prices === undefined)).toBe(true);
      expect(reports(["--prices", "catalog"]).every((r) => r.prices?.source === "catalog")).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("migrate-eval prices", () => {
  test("prints catalog prices as json", () => {
    const r = run(["prices", "openai:gpt-4o-mini", "gpt-3.5-turbo", "--format", "json", "--as-of", "2026-12-01"]);
    expect(r.status).toBe(0);
    const l = JSON.parse(r.stdout);
    expect(l.catalog).toEqual({ package: "@pydantic/genai-prices", version: "0.1.8", dataDate: "2026-09-23" });
    expect(l.models.map((m: { provider: string; model: string }) => `${m.provider}:${m.model}`)).toEqual(["openai:gpt-4o-mini", "openai:gpt-3.5-turbo"]);
    expect(l.models[0].prices[0]).toMatchObject({ input: { base: 0.15 }, output: { base: 0.6 } });
    expect(l.models[1].prices[0]).toMatchObject({ input: { base: 0.5 }, output: { base: 1.5 } });
  });

  test("an unknown model is exit 2 with close names, the others still printed", () => {
    const r = run(["prices", "openai:gpt-4o-mini", "gpt-4o-minii", "--as-of", "2026-12-01"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("openai:gpt-4o-mini");
    expect(r.stderr).toContain('prices: "gpt-4o-minii" is not in the price catalog; close: ');
  });

  test("--search finds model ids", () => {
    const r = run(["prices", "--search", "mixtral 8x7b", "--format", "json", "--as-of", "2026-12-01"]);
    const ids = JSON.parse(r.stdout).models.map((m: { provider: string; model: string }) => `${m.provider}:${m.model}`);
    expect(ids).toContain("mistral:mixtral-8x7b");
    expect(ids).toContain("groq:mixtral-8x7b-32768");
    const many = JSON.parse(run(["prices", "--search", "gpt", "--format", "json"]).stdout);
    expect(many.models).toHaveLength(50);
    expect(many.truncated).toBe(true);
  });

  test("a model with tiers shows each, and the problem of a day before it existed", () => {
    const tiered = run(["prices", "anthropic:claude-sonnet-4-5", "--as-of", "2026-12-01"]);
    expect(tiered.stdout).toContain("over 200,000:");
    const early = run(["prices", "openai:gpt-4o-mini", "--as-of", "2024-01-01", "--format", "json"]);
    expect(JSON.parse(early.stdout).models[0]).toMatchObject({ current: null, problem: "no price before 2024-07-18" });
  });

  test("nothing to look up is a usage error", () => {
    expect(run(["prices"]).status).toBe(2);
  });
});

describe("show", () => {
  test("lists the record's prices beside the catalog's", () => {
    const r = run(["show", "fixtures/prices/price-disagrees.md"]);
    expect(r.stdout).toContain("Prices against the catalog (@pydantic/genai-prices 0.1.8, data of 2026-09-23");
    expect(r.stdout).toMatch(/│ 16 +│ GPT-4o mini +│ input +│ \$0\.2\/1M +│ \$0\.15\/1M +│ \+33\.3% ✗/);
  });
});

describe("the library with the catalog, from an installed copy", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "migrate-eval-catalog-"));
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(ROOT, join(dir, "node_modules", "migrate-eval"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const record = JSON.stringify(join(ROOT, "fixtures/prices/price-disagrees.md"));

  test("require: loadCatalog, then evaluate against a model the record does not price", () => {
    const code = `const m = require("migrate-eval"); const fs = require("fs");
m.loadCatalog().then((catalog) => {
  const l = m.parseRecord(fs.readFileSync(${record}, "utf8"), "x.md");
  const r = m.evaluate(l.record, { catalog, baseline: "anthropic:claude-3-haiku" });
  console.log(r.cost.baseline.monthly, r.prices.catalog.version);
});`;
    const r = spawnSync(process.execPath, ["-e", code], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    // 100M × 0.25 + 50M × 1.25
    expect(r.stdout.trim()).toBe("87.5 0.1.8");
  });

  test("import: the same", () => {
    const code = `import * as m from "migrate-eval"; import { readFileSync } from "node:fs";
const catalog = await m.loadCatalog();
const l = m.parseRecord(readFileSync(${record}, "utf8"), "x.md");
console.log(m.evaluate(l.record, { catalog, prices: "catalog" }).cost.candidate.monthly);`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("45");
  });
});
