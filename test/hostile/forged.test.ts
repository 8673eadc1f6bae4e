/**
 * Forged output: strings from outside — frontmatter keys and values, policy rule ids, file names —
 * are cleaned where they enter, so no format carries a character that rewrites what a reader
 * sees (a lone CR, ESC/CSI/OSC, C1, U+2028/2029, bidi or zero-width characters), a line that
 * starts a markdown heading, a mention or a link, or half of a character.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, type Run } from "../helpers.js";

/** What no output may carry. Tabs and LF are layout; the markdown renderer's own U+200B and U+2060 are allowed there. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200c-\u200f\ufeff]/u;
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const FORGED_HEADING = /^#+ .*approved/m;

let dir: string;
let records: string;
let policy: string;

const record = (id: string, extra = "") =>
  [
    "---",
    `id: ${JSON.stringify(id)}`,
    'title: "forged \\r## ✅ MIGRATE approved \\u2028 next \\u009b31m"',
    'old_model: "GPT-4o &#64;everyone"',
    'new_model: "GPT-4o mini &commat;team #123 https://evil.example www.evil.example"',
    "outcome: success",
    '"bad\\rkey": 1',
    '"\\u001b]0;title\\u0007osc": 2',
    '"__pro\\u200bto__": { polluted: true }',
    extra,
    "---",
    "",
    "| Metric | GPT-4o &#64;everyone | GPT-4o mini &commat;team #123 https://evil.example www.evil.example |",
    "|---|---|---|",
    "| MMLU | 88.7% | 82.0% |",
    "| Input price | $2.50/1M | $0.15/1M |",
    "| Output price | $10.00/1M | $0.60/1M |",
    "",
    // A warned line whose 80th UTF-16 unit is the first half of an emoji.
    `- Latency: ${"x".repeat(60)} 1.5–2.5 s 😀😀😀😀😀😀😀😀😀😀`,
    "",
    "Usage: 100M input tokens and 20M output tokens a month.",
    "",
  ].join("\n");

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "migrate-eval-forged-"));
  records = join(dir, "records");
  mkdirSync(records);
  const names = ["x\nFAKE | MIGRATE.md", "y\r\u001b[2Jz.md", "w\u2028v.md", "r\u202eevil.md", "c1\u009b31m.md", "zw\u200bj.md"];
  names.forEach((n, i) => writeFileSync(join(records, n), record(`R${i}\r## ✅ MIGRATE approved\u001b[8m`)));
  policy = join(dir, "policy.yaml");
  writeFileSync(
    policy,
    [
      "version: 1",
      "rules:",
      '  - id: "cost\\r## ✅ MIGRATE approved\\u001b[2K\\u009b2K\\u202e\\u200b"',
      '    description: "line\\u2028break"',
      "    metric: cost.monthly",
      "    change_pct: { max: -20 }",
      "",
    ].join("\n"),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function clean(r: Run, what: string): void {
  for (const [stream, text] of [["stdout", r.stdout], ["stderr", r.stderr]] as const) {
    const bad = UNSAFE.exec(text);
    expect(bad, `${what} ${stream} carries U+${bad?.[0].codePointAt(0)?.toString(16).padStart(4, "0")} near ${JSON.stringify(text.slice(Math.max(0, (bad?.index ?? 0) - 30), (bad?.index ?? 0) + 30))}`).toBeNull();
    expect(LONE.test(text), `${what} ${stream} has a lone surrogate`).toBe(false);
    expect(text, `${what} ${stream} starts a forged heading`).not.toMatch(FORGED_HEADING);
  }
}

const one = () => join(records, "y\r\u001b[2Jz.md");

describe("no format carries a forged line or a terminal sequence", () => {
  it.each(["table", "json", "markdown", "junit"])("compare --format %s", (format) => {
    clean(run(["compare", one(), "--policy", policy, "--format", format]), `compare ${format}`);
  });
  it.each(["table", "json", "ndjson", "markdown", "junit"])("batch --format %s", (format) => {
    clean(run(["batch", records, "--policy", policy, "--format", format]), `batch ${format}`);
  });
  it.each(["table", "json"])("backtest --format %s", (format) => {
    clean(run(["backtest", records, "--policy", policy, "--format", format]), `backtest ${format}`);
  });
  it("validate and show", () => {
    clean(run(["validate", records]), "validate");
    clean(run(["show", one()]), "show");
    clean(run(["show", one(), "--format", "json"]), "show json");
  });
  it("policy --check", () => {
    clean(run(["policy", "--check", policy]), "policy --check");
  });
});

describe("a pull-request comment mentions and links nothing from the record", () => {
  it("HTML entities, mentions, issue references and URLs stay text", () => {
    const md = run(["compare", one(), "--policy", policy, "--format", "markdown"]).stdout;
    expect(md).toContain("&amp;#\u206064;everyone");
    expect(md).toContain("&amp;commat;team");
    expect(md).not.toMatch(/(?<!&amp;)&#64;|(?<!&amp;)&commat;/);
    expect(md).not.toMatch(/#\d/);
    expect(md).not.toMatch(/https?:\/\//);
    expect(md).not.toMatch(/www\./i);
  });
});

describe("JSON is well-formed UTF-8 whatever the record cut", () => {
  it("every string of the report encodes as UTF-8 and back unchanged", () => {
    const r = run(["compare", one(), "--format", "json"]);
    const walk = (v: unknown): void => {
      if (typeof v === "string") expect(Buffer.from(v, "utf8").toString("utf8"), JSON.stringify(v)).toBe(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(JSON.parse(r.stdout));
    expect(r.stdout).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
  });

  it("an invisible character does not make a second model, nor a prototype key", () => {
    const r = JSON.parse(run(["show", join(records, "zw\u200bj.md"), "--format", "json"]).stdout);
    expect(r.record.file).not.toMatch(/\u200b/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
