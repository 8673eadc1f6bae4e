/**
 * The library and the smaller paths in: what a script passes to parseRecord and evaluate, ids as
 * written, a policy that is not a regular file, structured values no more trusted than written ones.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluate.js";
import { parseRecord } from "../../src/record/parse.js";
import { parsePolicy } from "../../src/rules/parse-policy.js";
import { run } from "../helpers.js";

const RECORD = [
  "---", "id: LIB", "title: t", "old_model: Model A", "new_model: Model B", "---", "",
  "| Metric | Model A | Model B |", "|---|---|---|",
  "| Input price | $1.00/1M | $0.50/1M |", "| Output price | $2.00/1M | $1.00/1M |", "| Task success | 80% | 90% |", "",
].join("\n");

const loaded = () => {
  const r = parseRecord(RECORD, "lib.md");
  if (!r.ok) throw new Error("the fixture record must load");
  return r.record;
};

describe("parseRecord never throws, whatever it is given", () => {
  it.each<[string, unknown]>([["null", null], ["a number", 42], ["an object", {}], ["undefined", undefined]])("%s is an error, not a throw", (_name, input) => {
    const r = parseRecord(input as string, "x.md");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/not text/);
  });

  it("UTF-8 bytes are read as the text they encode; invalid bytes are an error", () => {
    const r = parseRecord(Buffer.from(RECORD, "utf8"), "bytes.md");
    expect(r.ok).toBe(true);
    const bad = parseRecord(new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xc3, 0x28]), "bad.md");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]!.code).toBe("invalid-utf8");
  });
});

describe("evaluate refuses usage --usage would refuse", () => {
  it.each<[string, unknown]>([
    ["negative", { inputTokens: -1, outputTokens: 10 }],
    ["NaN", { inputTokens: Number.NaN, outputTokens: 10 }],
    ["infinite", { inputTokens: 10, outputTokens: Infinity }],
    ["a string", { inputTokens: "100M", outputTokens: 10 }],
    ["beyond 10^15", { inputTokens: 1e16, outputTokens: 10 }],
  ])("%s usage is a TypeError", (_name, usage) => {
    expect(() => evaluate(loaded(), { usage: usage as never })).toThrow(TypeError);
  });

  it("plausible usage gives the hand-computed cost: 100M × $1 + 50M × $2 = $200 → $100", () => {
    const r = evaluate(loaded(), { usage: { inputTokens: 100e6, outputTokens: 50e6 } });
    expect(r.cost.baseline.monthly).toBeCloseTo(200, 9);
    expect(r.cost.candidate.monthly).toBeCloseTo(100, 9);
  });
});

describe("a policy is checked again unless it is frozen all the way down", () => {
  it("changing a rule under a top-level freeze changes the verdict", () => {
    const parsed = parsePolicy("version: 1\nrules:\n  - { id: cost, metric: cost.monthly, change_pct: { max: -20 } }\n");
    if (!parsed.ok) throw new Error("policy must parse");
    const policy = Object.freeze({ ...parsed.policy, rules: [{ ...parsed.policy.rules[0]! }] });
    const usage = { inputTokens: 100e6, outputTokens: 50e6 };
    expect(evaluate(loaded(), { usage, policy }).verdict).toBe("MIGRATE");
    (policy.rules[0] as { change_pct?: { max?: number } }).change_pct = { max: -80 };
    expect(evaluate(loaded(), { usage, policy }).verdict).toBe("HOLD");
  });
});

describe("ids are strings as written", () => {
  it.each(["007", "0x1F", "12345678901234567890123"])("id: %s", (id) => {
    const r = parseRecord(RECORD.replace("id: LIB", `id: ${id}`), "id.md");
    expect(r.ok && r.record.id).toBe(id);
  });
});

describe("structured values have the bounds written ones have", () => {
  it("a per-1M price below a tenth of a cent and an absurd one are warnings, not figures", () => {
    const r = parseRecord(RECORD.replace("new_model: Model B", "new_model: Model B\nmetrics: { price_input: { old: 1e300, new: 0.000001 } }"), "fm.md");
    if (!r.ok) throw new Error("must load");
    const a = r.record.models.find((m) => m.name === "Model A")!;
    const b = r.record.models.find((m) => m.name === "Model B")!;
    // The body's figures stand; the frontmatter's implausible ones are refused with their line.
    expect(a.metrics.price_input?.value).toBe(1);
    expect(b.metrics.price_input?.value).toBe(0.5);
    expect(r.record.warnings.filter((w) => w.code === "out-of-range").map((w) => w.line)).toContain(6);
  });
});

describe("a policy that is not a regular file", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "migrate-eval-policy-"));
    writeFileSync(join(dir, "r.md"), RECORD);
    symlinkSync("/dev/zero", join(dir, "migrate-eval.policy.yaml"));
    spawnSync("mkfifo", [join(dir, "fifo.yaml")]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a found policy linked to /dev/zero is refused at once, not read forever", () => {
    const r = run(["compare", "r.md"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/migrate-eval\.policy\.yaml: cannot read file: not a regular file/);
  });

  it("--policy FIFO is refused at once, --policy '' is an error", () => {
    const fifo = run(["compare", "r.md", "--policy", "fifo.yaml"], { cwd: dir });
    expect(fifo.status).toBe(2);
    expect(fifo.stderr).toMatch(/not a regular file/);
    const empty = run(["compare", "r.md", "--policy", ""], { cwd: dir });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/--policy: cannot read file: an empty path/);
  });
});

describe("what one record or policy may produce is bounded", () => {
  it("a 60 KB model name is refused by name; a name read from the text is at most 80 characters", () => {
    const long = parseRecord(RECORD.replace("old_model: Model A", `old_model: ${"A".repeat(60_000)}`), "long.md");
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.errors[0]!.message).toMatch(/at most 200 characters/);
    const r = parseRecord(`${RECORD}\nWe also tried gpt ${"4 ".repeat(20_000)}and it scored 80%.\n`, "detected.md");
    expect(r.ok).toBe(true);
    if (r.ok) for (const m of r.record.models) expect(m.name.length).toBeLessThanOrEqual(200);
  });

  it("past 500 metrics a model's further figures are a counted warning, and the report stays small", () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `| Custom metric ${i} | ${i % 90}% | ${(i + 3) % 90}% |`).join("\n");
    const r = parseRecord(RECORD.replace("| Task success | 80% | 90% |", `| Task success | 80% | 90% |\n${rows}`), "many.md");
    if (!r.ok) throw new Error("must load");
    for (const m of r.record.models) expect(Object.keys(m.metrics).length).toBeLessThanOrEqual(500);
    expect(r.record.warnings.filter((w) => w.code === "too-many-metrics")).toHaveLength(2);
    expect(JSON.stringify(evaluate(r.record)).length).toBeLessThan(1_000_000);
  });

  it("a policy's conditions are bounded in all: rules × any: members", () => {
    const members = Array.from({ length: 50 }, () => "{ metric: mmlu, change_pp: { min: 1 } }").join(", ");
    const rules = Array.from({ length: 25 }, (_, i) => `  - { id: r${i}, any: [${members}] }`).join("\n");
    const p = parsePolicy(`version: 1\nrules:\n${rules}\n`);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.errors[0]!.message).toMatch(/1250 conditions in all.*at most 1000/);
  });

  it("a markdown comment stays under GitHub's limit and says where the rest is", () => {
    const rows = Array.from({ length: 400 }, (_, i) => `| Custom metric ${i} | ${i % 90}% | ${(i + 3) % 90}% |`).join("\n");
    const dir = mkdtempSync(join(tmpdir(), "migrate-eval-comment-"));
    writeFileSync(join(dir, "r.md"), RECORD.replace("| Task success | 80% | 90% |", `| Task success | 80% | 90% |\n${rows}`));
    const md = run(["compare", join(dir, "r.md"), "--format", "markdown"]).stdout;
    rmSync(dir, { recursive: true, force: true });
    expect(md.length).toBeLessThanOrEqual(60_000);
    // 400 rows, task success and two prices: 403 metrics, 100 shown.
    expect(md).toMatch(/303 more metrics are in the JSON report/);
  });
});

describe("smaller holes", () => {
  it("a policy given as an empty string is an error, not the default", () => {
    expect(() => evaluate(loaded(), { policy: "" as never })).toThrow(TypeError);
  });

  it("names that differ only by invisible characters are one model", () => {
    const r = parseRecord(RECORD.replace("| Metric | Model A | Model B |", "| Metric | Model\u200b A | Model B\ufeff |"), "zw.md");
    if (!r.ok) throw new Error("must load");
    expect(r.record.models.map((m) => m.name)).toEqual(["Model A", "Model B"]);
    expect(r.record.models[1]!.metrics.price_input?.value).toBe(0.5);
  });

  /** A batch of 400 records stopped by SIGTERM: `reader` is given the child and what it wrote so far. */
  async function stoppedBatch(reader: (child: import("node:child_process").ChildProcess, chunks: Buffer[]) => void): Promise<{ code: number | null; text: string }> {
    const dir = mkdtempSync(join(tmpdir(), "migrate-eval-sigterm-"));
    for (let i = 0; i < 400; i++) writeFileSync(join(dir, `r${i}.md`), RECORD.replace("id: LIB", `id: LIB_${i}`));
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [join(process.cwd(), "bin/migrate-eval.js"), "batch", dir, "--format", "ndjson", "--jobs", "1"], { stdio: ["ignore", "pipe", "ignore"] });
    const chunks: Buffer[] = [];
    reader(child, chunks);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    rmSync(dir, { recursive: true, force: true });
    return { code, text: Buffer.concat(chunks).toString("utf8") };
  }

  function endsOnAWholeLine({ code, text }: { code: number | null; text: string }): void {
    expect(code === 143 || code === 0).toBe(true);
    expect(text.endsWith("\n")).toBe(true);
    for (const line of text.trim().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
  }

  it("a batch stopped by SIGTERM ends its ndjson on a whole line", async () => {
    endsOnAWholeLine(await stoppedBatch((child, chunks) => {
      child.stdout!.on("data", (c: Buffer) => {
        chunks.push(c);
        if (chunks.length === 1) child.kill("SIGTERM");
      });
    }));
  });

  it("a batch stopped by SIGTERM while its reader lags still ends on a whole line", async () => {
    // The reader stops reading, so the pipe fills and a write is left half done; then the run is stopped.
    endsOnAWholeLine(await stoppedBatch((child, chunks) => {
      child.stdout!.once("data", (c: Buffer) => {
        chunks.push(c);
        child.stdout!.pause();
        setTimeout(() => {
          child.kill("SIGTERM");
          setTimeout(() => {
            child.stdout!.on("data", (d: Buffer) => chunks.push(d));
            child.stdout!.resume();
          }, 300);
        }, 300);
      });
    }));
  }, 20_000);
});

