/**
 * Numbers that lie: a value is read only when the whole value is consumed by the grammar, and a
 * separator is read only where one reading is certain. Anything else is a warning on its line and
 * no number — never the leading digits (`$1,00/1M` as $1, `7O%` as 7 %, `1e3` as 1).
 */
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluate.js";
import { parseRecord } from "../../src/record/parse.js";
import type { LoadedRecord } from "../../src/record/schema.js";

const HOSTILE = "fixtures/hostile";
const RUNS = Number(process.env.HOSTILE_RUNS ?? 300);

function load(text: string, file = "numbers.md"): LoadedRecord {
  const result = parseRecord(text, file);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.record;
}

const metricOf = (r: LoadedRecord, model: string, key: string) => r.models.find((m) => m.name === model)?.metrics[key];
const warnedAt = (r: LoadedRecord, line: number) => r.warnings.some((w) => w.line === line);

describe("a table and lines of figures that are not figures", () => {
  const text = readFileSync(`${HOSTILE}/numbers-that-lie.txt`, "utf8");
  const record = load(text, "numbers-that-lie.txt");
  const lines = text.split("\n");
  const lineOf = (start: string) => lines.findIndex((l) => l.startsWith(start)) + 1;

  it.each([
    ["| Output price", "price_output"], ["| MMLU", "mmlu"], ["| GSM8K", "gsm8k"], ["| HumanEval", "humaneval"],
    ["| MATH", "math"], ["| Context window", "context_window"], ["| Parameters", "params_total"],
    ["| Task success", "task_success"], ["| Mean latency", "latency_mean"], ["| p95 latency", "latency_p95"],
    ["- Error rate", "error_rate"], ["- Attempts", "attempts"],
  ])("%s: Model B has no figure and the line has a warning; Model A's figure stands", (start, key) => {
    const line = lineOf(start);
    expect(line).toBeGreaterThan(0);
    expect(metricOf(record, "Model B", key)).toBeUndefined();
    expect(metricOf(record, "Model A", key)?.line).toBe(line);
    expect(warnedAt(record, line)).toBe(true);
  });

  it("`$0,99/1M` has one reading (a decimal comma) and is read as 0.99", () => {
    expect(metricOf(record, "Model B", "price_input")?.value).toBe(0.99);
  });

  it("cost is unknown, not a saving: the candidate's output price was refused", () => {
    const report = evaluate(record);
    expect(report.cost.candidate.monthly).toBeNull();
    expect(report.cost.monthlyChange.pct).toBeNull();
    expect(report.verdict).toBe("HOLD");
  });
});

describe("European decimal prices, the whole record in one convention", () => {
  const record = load(readFileSync(`${HOSTILE}/numbers-european-decimal-prices.txt`, "utf8"));

  it("`$1,00/1M` → `$0,99/1M` is $1.00 → $0.99, and the cost change is −11/140, not −100 %", () => {
    expect(metricOf(record, "Model A", "price_input")?.value).toBe(1);
    expect(metricOf(record, "Model B", "price_input")?.value).toBe(0.99);
    expect(metricOf(record, "Model B", "price_output")?.value).toBe(1.5);
    const report = evaluate(record);
    // 100M × $1.00 + 20M × $2.00 = $140; 100M × $0.99 + 20M × $1.50 = $129.
    expect(report.cost.baseline.monthly).toBeCloseTo(140, 9);
    expect(report.cost.candidate.monthly).toBeCloseTo(129, 9);
    expect(report.cost.monthlyChange?.pct).toBeCloseTo((-11 / 140) * 100, 6);
  });

  it("the built binary gates on it: HOLD under --fail-on hold exits 1", () => {
    let status = 0;
    try {
      execFileSync(process.execPath, ["bin/migrate-eval.js", "compare", `${HOSTILE}/numbers-european-decimal-prices.txt`, "--fail-on", "hold", "--format", "json"], {
        env: { ...process.env, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      status = (e as { status: number }).status;
    }
    expect(status).toBe(1);
  });
});

/**
 * A reference reader for the values this property writes: digits, at most one `.`, and `,`
 * groups of three, in a record whose other figures use `.` for decimals. It returns every value
 * a careful reader could mean, or none where the text is not a number.
 */
function referenceReadings(text: string): number[] {
  if (/^\d+$/.test(text)) return [Number(text)];
  if (/^\d+\.\d+$/.test(text)) return [Number(text)];
  // `0,99`, `0,050`, `1,5`: a comma that cannot group thousands is a decimal comma.
  if (/^\d+,\d{1,2}$/.test(text) || /^0,\d+$/.test(text)) return [Number(text.replace(",", "."))];
  if (/^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/.test(text)) return [Number(text.replace(/,/g, ""))];
  return [];
}

const piece = fc.constantFrom("0", "1", "2", "5", "9", "00", "000", "50", "125", ",", ".", "O", "o", "e", "x", "½", "e3", "-", " ");

describe("property: a price is the reference reading or absent with a warning on its line", () => {
  it("for any value built from digits, separators and look-alike letters", () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (parts) => {
        const value = parts.join("").trim();
        if (value === "" || /\d\s+\d/.test(value)) return;
        const text = [
          "---", "id: PROP_NUM", "title: property", "old_model: Model A", "new_model: Model B", "---", "",
          "| Metric | Model A | Model B |", "|---|---|---|",
          "| Input price | $0.50/1M | $" + value + "/1M |",
          "| Output price | $1.50/1M | $2.25/1M |",
          "",
        ].join("\n");
        const record = load(text);
        const got = metricOf(record, "Model B", "price_input");
        const readings = referenceReadings(value);
        if (got === undefined) {
          expect(warnedAt(record, 10), `"${value}" dropped without a warning`).toBe(true);
          return;
        }
        expect(readings, `"${value}" read as ${got.value}, which it cannot mean`).toContain(got.value);
      }),
      { numRuns: RUNS },
    );
  });

  it("and a plain decimal price is always read (the property cannot pass by refusing everything)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const value = `${whole}.${String(cents).padStart(2, "0")}`;
        const text = `---\nid: P\ntitle: p\nold_model: Model A\nnew_model: Model B\n---\n\n| Metric | Model A | Model B |\n|---|---|---|\n| Input price | $0.50/1M | $${value}/1M |\n`;
        expect(metricOf(load(text), "Model B", "price_input")?.value).toBe(Number(value));
      }),
      { numRuns: RUNS },
    );
  });
});
