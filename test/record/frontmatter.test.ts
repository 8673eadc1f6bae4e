/**
 * parseRecord on small inline records: what the frontmatter accepts, what it refuses, and that
 * nothing in it runs, grows without bound or reaches a prototype.
 */
import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRecord, type LoadResult } from "../../src/record/parse.js";
import type { LoadedRecord } from "../../src/record/schema.js";

/** A valid frontmatter (lines 1–5) with `extra` lines before the closing `---`, then `body`. */
const record = (extra = "", body = "") => `---\nid: X1\ntitle: t\nold_model: "Old 1"\nnew_model: "New 2"\n${extra}---\n${body}`;

function ok(result: LoadResult): LoadedRecord {
  if (!result.ok) throw new Error(`expected a valid record: ${JSON.stringify(result.errors)}`);
  return result.record;
}

/** The single error's code and line. */
function error(result: LoadResult): [string, number | null] {
  if (result.ok) throw new Error("expected the record to be refused");
  expect(result.errors).toHaveLength(1);
  return [result.errors[0]!.code, result.errors[0]!.line];
}

const figure = (r: LoadedRecord, role: "old" | "new", key: string) => {
  const v = r.models.find((m) => m.role === role)?.metrics[key];
  return v && [v.value, v.line, v.source];
};

describe("frontmatter fields", () => {
  it.each(['"2024-01-08"', "2024-01-08", "'2024-01-08'", "2024-1-8"])("update_date %s → 2024-01-08", (date) => {
    expect(ok(parseRecord(record(`update_date: ${date}\n`))).updateDate).toBe("2024-01-08");
  });

  it("keeps unknown keys without an error", () => {
    const r = ok(parseRecord(record('reviewer: "platform-team"\nextra: { a: 1 }\n')));
    expect(r.warnings).toEqual([]);
  });

  it.each([
    ["old_model", "---\nid: X1\ntitle: t\nnew_model: B\n---\n"],
    ["new_model", "---\nid: X1\ntitle: t\nold_model: A\n---\n"],
    ["id", "---\ntitle: t\nold_model: A\nnew_model: B\n---\n"],
  ])("a missing %s is frontmatter-invalid on line 1", (_key, text) => {
    expect(error(parseRecord(text))).toEqual(["frontmatter-invalid", 1]);
  });

  it("points a wrong value at its own line", () => {
    expect(error(parseRecord(record("tier: two\n")))).toEqual(["frontmatter-invalid", 6]);
  });
});

describe("refused frontmatter", () => {
  it("refuses ---js and runs nothing", () => {
    const marker = join(tmpdir(), `migrate-eval-js-${process.pid}-${Date.now()}`);
    rmSync(marker, { force: true });
    const js = [
      "---js",
      "{",
      "  id: (function () {",
      '    const fs = typeof require === "function" ? require("fs") : process.getBuiltinModule("fs");',
      `    fs.writeFileSync(${JSON.stringify(marker)}, "ran");`,
      '    return "X1";',
      "  })(),",
      '  title: "t", old_model: "A", new_model: "B"',
      "}",
      "---",
      "",
    ].join("\n");
    expect(error(parseRecord(js))).toEqual(["frontmatter-language", 1]);
    expect(existsSync(marker)).toBe(false);
  });

  it.each(["---coffee\nid: 1\n---\n", '---json\n{ "id": 1 }\n---\n', "---javascript\n{}\n---\n", '---toml\nid = 1\n---\n', "---JS\n{}\n---\n"])(
    "refuses %j",
    (text) => {
      expect(error(parseRecord(text))).toEqual(["frontmatter-language", 1]);
    },
  );

  it.each(["---yaml", "---yml"])("accepts %s", (open) => {
    expect(ok(parseRecord(record().replace(/^---/, open))).id).toBe("X1");
  });

  it.each([
    ["x: !!js/function 'function () { return 1 }'\n", 6],
    ["x: !!js/regexp /a/\n", 6],
    ["x:\n  y: !custom 1\n", 7],
    ["when: !!timestamp 2024-01-08\n", 6],
  ])("refuses the YAML tag in %j", (extra, line) => {
    expect(error(parseRecord(record(extra)))).toEqual(["yaml-tag", line]);
  });

  it("bounds alias expansion (billion laughs)", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) {
      const [prev, cur] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    const started = Date.now();
    const [code] = error(parseRecord(record(`${levels.join("\n")}\n`)));
    expect(code).toBe("yaml-aliases");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("reports a YAML syntax error on its file line", () => {
    expect(error(parseRecord(record("tags: [a, b\n")))[0]).toBe("yaml-syntax");
    expect(error(parseRecord(record(" tier: 2\n")))).toEqual(["yaml-syntax", 6]);
  });
});

describe("prototype keys", () => {
  it.each([
    ["__proto__: { polluted: true }\n", "__proto__", 6],
    ["metrics:\n  __proto__: { old: 1, new: 2 }\n", "metrics.__proto__", 7],
    ["constructor: { prototype: { polluted: true } }\n", "constructor", 6],
  ])("drops %j with an unsafe-key warning", (extra, key, line) => {
    const r = ok(parseRecord(record(extra)));
    expect(r.warnings.map((w) => [w.code, w.line])).toEqual([["unsafe-key", line]]);
    expect(r.warnings[0]?.message).toContain(key);
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.models.every((m) => Object.keys(m.metrics).length === 0)).toBe(true);
  });

  it.each(["__proto__:\n  polluted: true\n", "constructor:\n  prototype:\n    polluted: true\n"])("drops the block map %j", (extra) => {
    const r = ok(parseRecord(record(extra)));
    expect(r.warnings.map((w) => w.code)).toEqual(["unsafe-key"]);
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.models.every((m) => Object.keys(m.metrics).length === 0)).toBe(true);
  });
});

describe("line endings and BOM", () => {
  const lf = record(
    'update_date: "2024-01-08"\n',
    "\n| Metric | Old 1 | New 2 | Change |\n|---|---|---|---|\n| MMLU | 60.0% | 70.0% | +10.0% |\n\n" +
      "- Task success rate: 68% → 82%（+14%）\n- Monthly usage: 100M Input tokens, 50M Output tokens\n",
  );
  const crlfBom = `\uFEFF${lf.replace(/\n/g, "\r\n")}`;

  it("reads CRLF with a BOM exactly as LF", () => {
    const a = ok(parseRecord(lf, "r.md"));
    const b = ok(parseRecord(crlfBom, "r.md"));
    expect(b).toEqual(a);
    expect(figure(b, "new", "mmlu")).toEqual([70, 11, "body"]);
    expect(figure(b, "new", "task_success")).toEqual([82, 13, "body"]);
    expect(b.usage?.line).toBe(14);
    expect(b.claims.map((c) => c.line)).toEqual([11, 13]);
  });

  it("reads old-Mac CR line endings too", () => {
    expect(ok(parseRecord(lf.replace(/\n/g, "\r"), "r.md"))).toEqual(ok(parseRecord(lf, "r.md")));
  });
});

describe("body line numbers", () => {
  it("stay right when the frontmatter has comments and blank lines", () => {
    const text = [
      "---", //                                  1
      "# a comment before the keys", //          2
      "id: X1", //                               3
      "", //                                     4
      "title: t   # trailing comment", //        5
      "", //                                     6
      "# another comment", //                    7
      "old_model: A", //                         8
      "new_model: B", //                         9
      "tier: 2", //                              10
      "---", //                                  11
      "", //                                     12
      "## Results", //                           13
      "", //                                     14
      "- Task success rate: 70% → 80%", //       15
      "- Average attempts: 1.5 → 1.2", //        16
      "",
    ].join("\n");
    const r = ok(parseRecord(text));
    expect(figure(r, "old", "task_success")).toEqual([70, 15, "body"]);
    expect(figure(r, "new", "attempts")).toEqual([1.2, 16, "body"]);
  });

  it("count from the file's first line when the body follows the closing --- directly", () => {
    const r = ok(parseRecord(record("", "- Task success rate: 70% → 80%\n")));
    expect(figure(r, "new", "task_success")).toEqual([80, 7, "body"]);
  });
});

describe("structured frontmatter wins over the body", () => {
  const text = record(
    [
      "metrics:", //                                                           6
      "  mmlu: { old: 60, new: 70 }", //                                       7
      "usage: { input_tokens: 10M, output_tokens: 5M }", //                    8
      "self_host: { capex: 30000, opex_per_month: 500, gpus: 1x H100 }", //    9
      "alternatives:", //                                                      10
      '  - { model: "Alt 3", price_input: 0.25, price_output: 1.25 }', //      11
      "",
    ].join("\n"),
    [
      "", //                                                                   13
      "| Metric | Old 1 | New 2 | Change |", //                               14
      "|---|---|---|---|", //                                                  15
      "| MMLU | 60% | 71% | +11% |", //                                        16
      "", //                                                                   17
      "- Monthly usage: 20M Input tokens, 5M Output tokens", //                18
      "- Alt 3: $0.30/1M Input, $1.25/1M Output", //                           19
      "- 初期投資: $40,000", //                                                 20
      "- 月次運用コスト: $500", //                                               21
      "",
    ].join("\n"),
  );
  const r = ok(parseRecord(text));
  const mismatches = r.warnings.filter((w) => w.code === "frontmatter-body-mismatch");

  it("takes metric values from the frontmatter, with their lines", () => {
    expect(figure(r, "old", "mmlu")).toEqual([60, 7, "frontmatter"]);
    expect(figure(r, "new", "mmlu")).toEqual([70, 7, "frontmatter"]);
  });

  it("takes usage, self-hosting and alternatives from the frontmatter", () => {
    expect(r.usage).toMatchObject({ inputTokens: 10e6, outputTokens: 5e6, line: 8, source: "frontmatter" });
    expect(r.selfHost?.capex).toEqual({ value: 30000, line: 9, currency: "USD" });
    expect(r.selfHost?.gpus).toMatchObject({ value: "1x H100", line: 9 });
    const alt = r.models.find((m) => m.name === "Alt 3");
    expect(alt?.metrics.price_input).toMatchObject({ value: 0.25, line: 11, source: "frontmatter" });
  });

  it.each([
    ["MMLU (new)", 7, 16],
    ["usage", 8, 18],
    ["Alt 3 input price", 11, 19],
  ])("warns frontmatter-body-mismatch for %s, naming lines %d and %d", (_what, front, body) => {
    const hit = mismatches.find((w) => w.line === front && w.message.includes(`line ${body}`));
    expect(hit, JSON.stringify(mismatches)).toBeDefined();
    expect(hit?.message).toContain(`line ${front}`);
  });

  it("does not warn where the two agree", () => {
    const named = (body: number) => mismatches.filter((w) => w.message.includes(`line ${body})`));
    expect(named(16)).toHaveLength(1); // MMLU: the new value only, old 60 = 60
    expect(named(19)).toHaveLength(1); // Alt 3: input only, output 1.25 = 1.25
    expect(named(21)).toEqual([]); // opex 500 = 500
  });
});
