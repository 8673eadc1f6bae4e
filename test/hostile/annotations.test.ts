/**
 * `--format github`: a record whose strings try to end a workflow command and start another, read
 * back the way the runner reads commands — each line one command, properties up to `::`, each value
 * unescaped — must give exactly the commands migrate-eval meant, with the record's text as data.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../helpers.js";
import { escapeData, escapeProperty } from "../../src/report/github.js";

interface Command {
  name: string;
  props: Record<string, string>;
  message: string;
}

const unescape = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");

/** The runner's reading of one line: `::name k=v,k=v::message`, or not a command. */
function parse(line: string): Command | null {
  const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  if (!m) return null;
  const props: Record<string, string> = {};
  for (const pair of (m[2] ?? "").split(",").filter(Boolean)) {
    const eq = pair.indexOf("=");
    props[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
  }
  return { name: m[1]!, props, message: unescape(m[3]!) };
}

const FORGE = "%0A::error file=forged.md,line=1::forged%0D::warning::forged";

const dir = mkdtempSync(join(tmpdir(), "migrate-eval-annotations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The file's own name tries to close the `file` property and add a line.
const file = join(dir, "rec,line=9,title=x::forged.md");
writeFileSync(
  file,
  [
    "---",
    `id: "ID ${FORGE}"`,
    `title: "t"`,
    `old_model: "Old ::error::forged"`,
    `new_model: "New, line=3"`,
    "---",
    "",
    "| Metric | Old ::error::forged | New, line=3 |",
    "|---|---|---|",
    "| MMLU | 60% | 70% |",
    `| ${FORGE} | 1 | n/a ${FORGE} |`,
    "",
  ].join("\n"),
);

describe("--format github against forged commands", () => {
  it("escapes data and properties as the runner unescapes them", () => {
    expect(escapeData("50% a\r\nb")).toBe("50%25 a%0D%0Ab");
    expect(escapeProperty("a:b,c%")).toBe("a%3Ab%2Cc%25");
    expect(unescape(escapeProperty("x%0A:,y"))).toBe("x%0A:,y");
  });

  it("each line is one command of ours; the record's text is only ever data", () => {
    const r = run(["compare", file, "--format", "github"], { cwd: dir });
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    const commands = lines.map(parse);
    expect(commands.every((c) => c !== null), r.stdout).toBe(true);
    for (const c of commands as Command[]) {
      expect(["error", "warning", "notice"]).toContain(c.name);
      expect(Object.keys(c.props).every((k) => ["file", "line", "title"].includes(k)), JSON.stringify(c.props)).toBe(true);
      expect(c.props.file).toBe("rec,line=9,title=x::forged.md");
      if (c.props.line !== undefined) expect(c.props.line).toMatch(/^\d+$/);
      expect(c.props.title).toMatch(/^migrate-eval /);
    }
    // The forged text reaches a message as text (its % escaped), never as a command or a line break.
    const verdict = (commands as Command[]).find((c) => c.props.title?.startsWith("migrate-eval verdict"));
    expect(verdict?.message).toContain(`ID ${FORGE}`);
    expect((commands as Command[]).filter((c) => c.props.file === "forged.md")).toEqual([]);
  });

  it("batch: each record's annotations and its verdict, and a file that cannot be read as an error on its line", () => {
    const r = run(["batch", "fixtures/records", "fixtures/broken/wrong-outcome.md", "--format", "github"]);
    expect(r.status).toBe(2);
    const commands = r.stdout.trimEnd().split("\n").map(parse);
    expect(commands.every((c) => c !== null)).toBe(true);
    expect((commands as Command[]).filter((c) => c.props.title?.startsWith("migrate-eval verdict"))).toHaveLength(11);
    expect(commands.at(-1)).toEqual({ name: "error", props: { file: "fixtures/broken/wrong-outcome.md", line: "10", title: "migrate-eval record/unreadable" }, message: 'outcome: "maybe" is not one of success, failure, rollback, partial, pending' });
  });
});
