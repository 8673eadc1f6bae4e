// The flat frontmatter reader against the full reading (gray-matter and the `yaml` package): on
// every record in the repository, the seeds when they are there, hand-picked edges and generated
// frontmatter, it either leaves the text to the full reading or gives the same data, body, lines
// and findings.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFlatFrontmatter } from "../../src/record/flat-frontmatter.js";
import { splitFrontmatter } from "../../src/record/frontmatter.js";

const root = join(import.meta.dirname, "../..");
const seeds = join(root, "../shared/seeds");
const HAS_SEEDS = existsSync(seeds);

function recordFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) recordFiles(path, out);
    else if (/\.(md|txt)$/.test(name)) out.push(path);
  }
  return out;
}

/** As parseRecord hands text to splitFrontmatter: no BOM, no CR. */
const prepared = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, "\n");

/** Every path a caller could ask of `data`, and some no caller could answer. */
function pathsOf(data: Record<string, unknown>): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [[], ["missing"], [0], ["0"], [""], ["metrics", "x", "old"], ["alternatives", 0, "model"], ["self_host", "capex"], ["usage"]];
  for (const [key, value] of Object.entries(data)) {
    paths.push([key], [key, "x"], [key, 0, "x"], [key, ""], [key, -1], [key, 1.5], [key, "01"], [key, " 1"], [key, "0x1"]);
    if (Array.isArray(value)) {
      for (let i = 0; i <= value.length; i++) paths.push([key, i], [key, String(i)], [key, i, 0]);
    }
  }
  return paths;
}

/**
 * Reads `text` both ways and checks they agree; whether the flat reader took it. A text the
 * full reading refuses must never be taken.
 */
function agrees(text: string): boolean {
  let took = false;
  const fast = splitFrontmatter(text, (source, offset) => {
    const read = readFlatFrontmatter(source, offset);
    took = read !== null;
    return read;
  });
  const full = splitFrontmatter(text, null);
  const label = JSON.stringify(text.slice(0, 400));
  // Left to the full reading, both sides are the same code's.
  if (!took) return false;
  if ("code" in full || "code" in fast) {
    expect(fast, label).toEqual(full);
    return took;
  }
  expect(fast.data, label).toStrictEqual(full.data);
  expect(Object.keys(fast.data), label).toEqual(Object.keys(full.data));
  expect(fast.body, label).toBe(full.body);
  expect(fast.bodyOffset, label).toBe(full.bodyOffset);
  for (const path of pathsOf(full.data)) expect(fast.lineOf(path), `${label} at ${JSON.stringify(path)}`).toBe(full.lineOf(path));
  return took;
}

const withFrontmatter = (fm: string, body = "\n## Body\n\ntext\n") => `---\n${fm}---\n${body}`;

/** Frontmatter the flat reader must take (and read as the full reading does). */
const TAKEN = [
  'id: GENAI_MODEL_UPDATE_101\ntitle: "Qwen2.5 14B replaces Llama 3.1 8B - better answers, bigger bill"\nold_model: "Llama 3.1 8B"\nnew_model: Qwen2.5 14B\nupdate_date: "2024-10-14"\nprovider: \'Alibaba Cloud\'\ntags: ["Model Update", "Qwen", "Cost", "OSS"]\ntier: 2\noutcome: failure\n',
  "id: 101\n",
  "id: -12.50\n",
  "id: 12345678901234567890123\n",
  "tier: 2\nscore: -3.25\nbig: 12345678901234567890123\nzero: 0\nneg: -0\nf0: 0.0\n",
  "tags: []\n",
  "tags: [ ]\n",
  "tags: [a,b,c]\n",
  "tags: [ a , b ]\n",
  'tags: ["a, b", \'c]\', "d # e"]\n',
  "tags: [1, 2.5, -3, x]\n",
  "id: [1, 2]\n",
  "tags:\n  - a\n  - b\n",
  "tags:\n- a\n- b\nnext: 1\n",
  "tags:\n    - 'a'\n    - \"b\"\n    - 3\n",
  "tags:\n  - a\n\n  - b\n\nnext: x\n",
  'title: "She said \\"no\\""\n',
  'title: "back\\\\slash and \\/ slash"\n',
  'title: "line\\nbreak and\\ttab"\n',
  "title: 'it''s'\n",
  "title: ''''\n",
  'title: ""\n',
  "title: ''\n",
  "title: 'a \"quoted\" word'\n",
  'title: "it\'s"\n',
  "title: Mixtral 8x7B登場 - MoE効率化、GPT-3.5超え性能\n",
  'title: "検証メモ：効率化"\n',
  "title: 全角　スペース\n",
  "title: trailing spaces   \n",
  "title: 'quoted, then spaces'   \n",
  "title:    many spaces before\n",
  "title: a#b and a:b and http://x.y/z?q=1\n",
  "title: brackets [beta] and {x} and a, b\n",
  "title: it's a \"word\" 50% & more * ! | > @ ` %\n",
  "title: ends with dash -\n",
  "title: emoji 🚀 ok\n",
  "title: nbsp\u00a0#not a comment\n",
  "title: ends with nbsp\u00a0\n",
  "update_date: 2024-10-14\n",
  "new_model: 3.5 Sonnet\n",
  "old-model: x\nnew_model_2: y\n_private: z\nA_B-c: w\n",
  "a: 1\n\n\nb: 2\n",
  "a: 1\n   \nb: 2\n",
  "\n\na: 1\n",
  "yes: no\non: off\ny: n\n",
  "note: null-ish\n",
  "note: truely\n",
  "note: .nan-ish thing\n",
  "outcome: success\ntier: 3\ntags: [Model Update, OSS, 効率化]\n",
];

/** Frontmatter the flat reader must leave to the full reading. */
const LEFT = [
  "",
  "# a comment only\n",
  "title: x # a comment\n",
  "# comment\ntitle: x\n",
  "a: &anchor x\nb: *anchor\n",
  "a: !!str 1\n",
  "? a\n: b\n",
  "title: first\n  continued\n",
  "title: |\n  block\n",
  "title: >\n  folded\n",
  'title: "a \\u00e9 escape"\n',
  'title: "a \\x41 escape"\n',
  'title: "a \\0 escape"\n',
  'title: "unclosed\n',
  'title: "two\n  lines"\n',
  "title: 'x' y\n",
  "a: x\na: y\n",
  "a:\tx\n",
  "\ta: x\n",
  " a: x\n b: y\n",
  "a: null\n",
  "a: ~\n",
  "a: Null\n",
  "a: true\n",
  "a: False\n",
  "a: TRUE\n",
  "a: 0o17\n",
  "a: 0x1F\n",
  "a: .inf\n",
  "a: -.inf\n",
  "a: .nan\n",
  "a: 1e3\n",
  "a: +1\n",
  "a: 1_000\n",
  "a: 1:20\n",
  "a: .5\n",
  "a: 1.\n",
  "a: x: y\n",
  "a: x:\n",
  "a: {b: 1}\n",
  "a: [[1, 2]]\n",
  "a: [b: 1]\n",
  "a: [a, ]\n",
  "a: [a,, b]\n",
  '["a": b]\n',
  'a: ["b": c]\n',
  "a: [x] y\n",
  "a:\n",
  "a:\nb: 1\n",
  "a:\n  b: 1\n",
  "a:\n  - x\n    - y\n",
  "a:\n  - x\n - y\n",
  "a:\n  -  x\n",
  "a:\n  -\n",
  "a:\n  - - x\n",
  "a:\n  - [x]\n",
  "a:\n  - k: v\n",
  "a: 1\n  - x\n",
  "...\na: 1\n",
  "a: 1\n...\n",
  "%YAML 1.2\na: 1\n",
  "\ufeffa: 1\n",
  "a: x\u2028y\n",
  "a: x\u0085y\n",
  "a: x\u0007y\n",
  "a: x\ud800y\n",
  "a: x\udc00y\n",
  "a: \udc00\ud800\n",
  "a: x\ud800\n",
  "null: x\n",
  "True: x\n",
  "__proto__: x\n",
  "constructor: x\n",
  "1: x\n",
  '"quoted key": x\n',
  "a b: x\n",
  "a : x\n",
  "a:x\n",
  "- a\n- b\n",
  "just a scalar\n",
  "a: -\n",
  "a: - x\n",
  "a: @x\n",
  "a: `x`\n",
  "a: %x\n",
  "a: 70B\n",
  "id: 007\n",
  "title: -5%\n",
  "a: 2024-1-8\n",
  "<<: {a: 1}\n",
  "a: --- x\n",
  "---x: 1\n",
];

describe("the flat frontmatter reader reads as the full reading does", () => {
  const files = [...recordFiles(join(root, "fixtures")), ...recordFiles(join(root, "examples"))];

  it("on every record in the repository, and takes most of them itself", () => {
    let valid = 0;
    let taken = 0;
    for (const file of files) {
      const text = prepared(readFileSync(file, "utf8"));
      if (agrees(text)) taken++;
      if (!("code" in splitFrontmatter(text, null))) valid++;
    }
    expect(files.length).toBeGreaterThan(150);
    expect(valid).toBeGreaterThan(100);
    expect(taken / valid).toBeGreaterThanOrEqual(0.8);
  });

  it.skipIf(!HAS_SEEDS)("on the seed records, and takes them", () => {
    for (const file of recordFiles(seeds)) expect(agrees(prepared(readFileSync(file, "utf8"))), file).toBe(true);
  });
  if (!HAS_SEEDS) it.skip("on the seed records (../shared/seeds is not beside this clone)", () => {});

  it.each(TAKEN.map((fm) => [JSON.stringify(fm).slice(0, 70), fm]))("takes %s", (_name, fm) => {
    expect(agrees(withFrontmatter(fm))).toBe(true);
  });

  it.each(LEFT.map((fm) => [JSON.stringify(fm).slice(0, 70), fm]))("leaves %s to the full reading", (_name, fm) => {
    expect(agrees(withFrontmatter(fm))).toBe(false);
  });

  it("on a body right after the frontmatter, an empty body and no final newline", () => {
    for (const text of ["---\na: 1\n---\nbody", "---\na: 1\n---\n", "---\na: 1\n---", "---\na: 1\n---  \n\nbody\n", "---yaml\na: 1\n---\n"]) {
      expect(agrees(text), JSON.stringify(text)).toBe(true);
    }
  });

  it("on generated frontmatter mixing the forms above", () => {
    let seed = 20241014;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const keys = ["id", "title", "old_model", "new_model", "tags", "tier", "a-b", "_x", "k", "yes", "K9", "provider", "outcome", "update_date", "notes", "owner"];
    const oddKeys = ["null", "constructor", "__proto__", "1", "a b", '"q"', "?"];
    const common = ["x", "Qwen2.5 14B", "GPT-4o mini", "2024-10-14", "101", "-3", "2.50", "0", "a b", "a:b", "a#b", "a,b", "a]", "検証", "全角　空白", "🚀", "é", "\\\"", "\\n", "it''s"];
    const odd = [
      "2024-1-8", "007", "1e3", "0x1F", "+1", ".inf", "~", "null", "True", "false", "1:20", "1_000", "a: b", "a #b", "[a]", "{a}", "&a", "*a", "!x",
      "|", ">", "-", "- a", "-a", "?", "? a", "%", "@", "`", "\u00a0", "\t", "\u2028", "'", '"', "\\", "\\u0041", " ", "  ", "", ":", "#",
    ];
    const atom = () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random() < 0.93 ? common : odd)).join(pick(["", " ", ""]));
    const quote = (s: string) => pick([s, `'${s}'`, `"${s}"`, `'${s.replace(/'/g, "''")}'`]);
    const value = (): string => {
      const r = random();
      if (r < 0.15) return `[${Array.from({ length: Math.floor(random() * 4) }, () => quote(atom())).join(pick([", ", ",", " , "]))}${pick(["", "", ",", " "])}]`;
      if (r < 0.25) return `\n${Array.from({ length: Math.floor(random() * 4) }, () => `${pick(["  ", "  ", "", "    ", " "])}-${pick([" ", " ", "  ", ""])}${quote(atom())}`).join("\n")}`;
      return quote(atom()) + pick(["", "", "", "", "", "  ", " ", " # c"]);
    };
    let taken = 0;
    const total = 5000;
    for (let n = 0; n < total; n++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 6) }, () => `${random() < 0.97 ? pick(keys) : pick(oddKeys)}:${pick([" ", " ", " ", " ", "  ", ""])}${value()}`);
      if (random() < 0.1) lines.splice(Math.floor(random() * lines.length), 0, pick(["", "  ", "# c", "  x", "...", "- y"]));
      if (agrees(withFrontmatter(`${lines.join("\n")}\n`))) taken++;
    }
    // The generator should reach both readings often.
    expect(taken).toBeGreaterThan(total * 0.1);
    expect(taken).toBeLessThan(total * 0.9);
  });
});
