/**
 * A markdown report stays a comment GitHub accepts (65,536 characters) on a huge record: long
 * tables fold into `<details>`, and a report cut to fit says so and where the whole one is, with
 * every fold it opened closed.
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluate.js";
import { parseRecord } from "../../src/record/parse.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderBatchMarkdown, type BatchRow } from "../../src/report/batch.js";

/** `rows` metrics the registry does not know, each with a stated change that does not hold. */
function huge(rows: number, label: string): string {
  const table = Array.from({ length: rows }, (_, i) => `| ${i} ${label} | ${i % 80 + 10}% | ${i % 80 + 11}% | +${30 + i}% |`);
  return ["---", "id: HUGE_1", "title: huge", "old_model: Old A", "new_model: New B", "---", "", "| Metric | Old A | New B | Change |", "|---|---|---|---|", ...table, ""].join("\n");
}

function markdown(text: string): string {
  const parsed = parseRecord(text, "records/huge.md");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return renderMarkdown(evaluate(parsed.record));
}

const balanced = (md: string) => (md.match(/<details>/g) ?? []).length === (md.match(/<\/details>/g) ?? []).length;

describe("markdown on a huge record", () => {
  it("folds the long metric and audit tables, and fits whole", () => {
    const md = markdown(huge(450, "Custom metric"));
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md).toContain("<details><summary>Metrics (450)</summary>");
    expect(md).toContain("<details><summary>450 stated figures</summary>");
    expect(md).toContain("_350 more metrics are in the JSON report (`--format json`)._");
    expect(md).not.toContain("The report is cut here");
    expect(balanced(md)).toBe(true);
  });

  it("past the limit, is cut at a line's end and says so, with its folds closed", () => {
    const md = markdown(huge(490, "custom metric measured on the invoice extraction pipeline for enterprise customers"));
    expect(md.length).toBeLessThanOrEqual(60_000);
    expect(md).toMatch(/\|\n\n<\/details>\n\n_The report is cut here to fit a comment; `--format json` has all of it\._\n$/);
    expect(balanced(md)).toBe(true);
  });

  it("a short report is not folded (the seed-sized example keeps its tables open)", () => {
    const md = markdown(huge(12, "Custom metric"));
    expect(md).not.toContain("<details><summary>Metrics");
  });
});

describe("batch markdown on many records", () => {
  it("keeps whole rows up to the limit, counts the rest, and says where they all are", () => {
    const rows: BatchRow[] = Array.from({ length: 3000 }, (_, i) => ({
      file: `records/r${i}.md`, id: `GENAI_MODEL_UPDATE_${i}`, baseline: "Llama 3.1 8B", candidate: "Qwen2.5 14B", costChangePct: -21, qualityChangePp: 6, verdict: "MIGRATE", outcome: null,
    }));
    const errors = Array.from({ length: 2000 }, (_, i) => ({ file: `records/bad${i}.md`, line: 3, message: "outcome: \"maybe\" is not one of success, failure" }));
    const md = renderBatchMarkdown(rows, { total: 5000, migrate: 3000, hold: 0, errors: 2000 }, errors);
    expect(md.length).toBeLessThanOrEqual(60_000);
    // Ids are escaped in markdown: GENAI\_MODEL\_UPDATE\_1.
    const shown = md.match(/^\| GENAI\\_MODEL\\_UPDATE\\_\d+ /gm)!.length;
    const more = Number(/_(\d+) more records are not shown, to fit a comment; `--format json` has them all\._/.exec(md)![1]);
    expect(shown + more).toBe(3000);
    expect(md).toContain("_More files could not be read; stderr lists them all._");
    expect(md).toMatch(/5000 records: 3000 MIGRATE, 0 HOLD, 2000 could not be read\.\n$/);
  });
});
