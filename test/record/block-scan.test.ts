// The line scanner against markdown-it: the same block tokens (kind, tag, first line, text) and
// the same blocks for the extractor, on every record in the repository, the seed when it is
// there, and generated documents that mix every construct the scanner follows and some it
// leaves to markdown-it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanBlocks, type BlockToken } from "../../src/record/block-scan.js";
import { markdownTokens, toBlocks } from "../../src/record/blocks.js";
import { normalizeText } from "../../src/record/quantity/text.js";

const READ = new Set([
  "heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline", "hr", "fence",
  "bullet_list_open", "bullet_list_close", "ordered_list_open", "ordered_list_close", "list_item_open", "list_item_close",
  "table_open", "table_close", "thead_open", "thead_close", "tr_open", "tr_close", "th_open", "td_open",
]);

function shape(tokens: readonly BlockToken[]): string[] {
  return tokens
    .filter((t) => READ.has(t.type))
    .map((t) => `${t.type} ${t.tag} ${t.map ? t.map[0] : "-"}${t.type === "inline" ? ` ${JSON.stringify(t.content)}` : ""}`);
}

/** Whether the scanner agrees with markdown-it on `text`; null when it leaves the text to markdown-it. */
function agrees(text: string): boolean | null {
  const scanned = scanBlocks(text);
  if (scanned === null) return null;
  expect(shape(scanned), JSON.stringify(text)).toEqual(shape(markdownTokens(text)));
  return true;
}

function markdownFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) markdownFiles(path, out);
    else if (/\.(md|txt)$/.test(name)) out.push(path);
  }
  return out;
}

const root = join(import.meta.dirname, "../..");
const seeds = join(root, "../shared/seeds");
const HAS_SEEDS = existsSync(seeds);

describe("the line scanner reads blocks as markdown-it does", () => {
  const files = [...markdownFiles(join(root, "fixtures")), ...markdownFiles(join(root, "examples"))];

  it("on every record in the repository, and reads most of them itself", () => {
    let scanned = 0;
    for (const file of files) {
      const text = normalizeText(readFileSync(file, "utf8"));
      if (agrees(text)) scanned++;
      // The blocks the extractor gets are the same whichever parser made them.
      expect(toBlocks(text, 0, true), file).toEqual(toBlocks(text, 0, false));
    }
    expect(files.length).toBeGreaterThan(150);
    expect(scanned / files.length).toBeGreaterThan(0.8);
  });

  it.skipIf(!HAS_SEEDS)("on the seed records", () => {
    for (const file of markdownFiles(seeds)) {
      const text = normalizeText(readFileSync(file, "utf8"));
      expect(agrees(text), file).toBe(true);
    }
  });
  if (!HAS_SEEDS) it.skip("on the seed records (../shared/seeds is not beside this clone)", () => {});

  it("leaves quotes, tabs and indented code to markdown-it", () => {
    for (const text of ["> quoted 5%", "- > quoted in an item", "a\tb", "    code 5%", "-      code in an item", "para\n\n    code after a blank"]) {
      expect(scanBlocks(text), JSON.stringify(text)).toBeNull();
    }
  });

  it("on hand-picked edges of lists, tables and headings", () => {
    const cases = [
      "- a\n- b\n+ c\n* d",
      "1. a\n2) b\n3. c",
      "text\n2. not a list\n1. a list",
      "text\n-\n- item",
      "- a\n  - b\n    - c\n  - d\n- e",
      "- a\n   - b\n - c",
      "- a\n\n  para in item\n- b",
      "- a\nlazy line\n- b",
      "- a\n\n\n- b",
      "-\n  a",
      "-\n\n  a",
      "- # heading in item\n- ---",
      "* * *\n- - -\n___\n---",
      "# a #\n## b ##   \n### c\\#\n####### seven\n#nospace\n#",
      "| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 |\n| 4 | 5 | 6 |\ntrailing row",
      "a | b\n--|--\n1 | 2",
      "para\n| a | b |\n| - | - |\n| 1 | 2 |",
      "| a \\| b | c |\n|---|---|\n| x \\| y | z |",
      "| a | b |\n|---|\n| 1 | 2 |",
      "| a |\n| - |\n- item ends the table",
      "| a |\n|:--|\n# heading ends it",
      "- | a | b |\n  |---|---|\n  | 1 | 2 |",
      "|a|\n-|-\nx",
      "   | a | b |\n   |---|---|\n   | 1 | 2 |",
      "  # indented heading\n   1. indented list",
      "- a\n     - five spaces is a continuation",
      "10. ten\n11. eleven",
      "1234567890. too long\n123456789. fine",
      "- a\n\n\tb",
      "```\n| a | b |\n|---|---|\n```\n| c | d |\n|---|---|",
      "~~~ info\n# not a heading\n~~~~\n# a heading",
      "``` a`b\nnot a fence",
      "- x\n  ```\n  - in code\n  ```\n- y",
      "para\n```\ncode\n```",
      "| a |\n|---|\n```\nfence ends the table",
      "- item\n```\nfence ends the list\n```",
      "````\n```\nstill code\n````",
      "```\nnever closed\n- 5%",
      "a\r\nb\r\n- 5%\rc",
      "a\u0000b",
      "a | b\n- | - |\nc",
      "10.  a\n    - b is lazy text, four past the list",
      "10.  a\n   - b",
      // Short rows are padded with empty cells only up to a bound.
      `${"| h ".repeat(200)}|\n${"|---".repeat(200)}|\n${"| x |\n".repeat(400)}after`,
    ];
    let scanned = 0;
    for (const text of cases) if (agrees(text)) scanned++;
    expect(scanned).toBeGreaterThan(cases.length * 0.8);
  });

  it("on 4,000 generated documents", () => {
    // A seeded generator: the same documents every run.
    let seed = 0x2545f491;
    const rand = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x100000000;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const indent = () => " ".repeat(pick([0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 3, 3, 4, 6]));
    const words = ["cost", "$3.00", "12%", "p95 1.2 s", "MMLU 70.6%", "→", "a|b", "\\|", "#", "-", "1.", "**x**", "：", "約", ""];
    const phrase = () => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(words)).join(pick([" ", "", "  "]));
    const row = (n: number) => {
      const cells = Array.from({ length: n }, phrase);
      return pick(["| ", "", "|"]) + cells.join(pick([" | ", "|", " \\| "])) + pick([" |", "", "|", " | "]);
    };
    const lines: Array<() => string> = [
      () => "",
      () => "",
      () => " ".repeat(pick([1, 3])),
      () => `${indent()}${phrase()}`,
      () => `${indent()}${"#".repeat(1 + Math.floor(rand() * 7))}${pick([" ", "", "  "])}${phrase()}${pick(["", " #", " ##", "#"])}`,
      () => `${indent()}${pick(["-", "*", "+"])}${pick([" ", "  ", "   ", "      ", ""])}${phrase()}`,
      () => `${indent()}${pick(["1", "2", "10", "0", "123456789"])}${pick([".", ")"])}${pick([" ", "  ", ""])}${phrase()}`,
      () => `${indent()}${pick(["---", "***", "* * *", "- - -", "___", "--", "-- -"])}`,
      () => {
        const n = 1 + Math.floor(rand() * 4);
        const delim = Array.from({ length: pick([n, n, n, n + 1, n - 1]) }, () => pick(["---", ":--", "--:", ":-:", "-", " --- "])).join("|");
        const body = Array.from({ length: Math.floor(rand() * 4) }, () => row(pick([n, n, n - 1, n + 1]))).join("\n");
        return `${row(n)}\n${pick(["|", ""])}${delim}${pick(["|", ""])}${body ? `\n${body}` : ""}`;
      },
      () => `${indent()}${pick(["```", "~~~", "````", "``` js", "```a`"])}`,
      () => (rand() < 0.2 ? pick(["> quote", "\tx"]) : ""),
    ];
    let scanned = 0;
    const total = 4000;
    for (let d = 0; d < total; d++) {
      const n = 2 + Math.floor(rand() * 14);
      const text = Array.from({ length: n }, () => pick(lines)()).join("\n") + pick(["", "\n", "\n\n"]);
      if (agrees(text)) {
        scanned++;
        expect(toBlocks(text, 0, true)).toEqual(toBlocks(text, 0, false));
      }
    }
    expect(scanned).toBeGreaterThan(total / 2);
  });
});
