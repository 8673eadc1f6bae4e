/**
 * Faults of the machine rather than the record: output that cannot be written, a reader of stderr
 * that goes away, folders walked deeper than a call stack, and symbolic links out of the tree.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, run } from "../helpers.js";

const EXAMPLE = join(ROOT, "examples/qwen-replaces-llama.md");
const HAS_DEV_FULL = existsSync("/dev/full");

function shell(script: string) {
  return spawnSync("bash", ["-c", script], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", CI: "1" }, encoding: "utf8", timeout: 60_000 });
}

describe("output that cannot be written is exit 2 with one line, never the gate's 1 or a stack", () => {
  it.skipIf(!HAS_DEV_FULL).each([
    ["compare", EXAMPLE, "--format", "json"],
    ["compare", EXAMPLE],
    ["batch", "fixtures/records", "--format", "ndjson"],
    ["show", EXAMPLE],
    ["--help"],
  ])("%s … > /dev/full", (...args) => {
    const r = shell(`${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${args.map((a) => JSON.stringify(a)).join(" ")} > /dev/full`);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual(["migrate-eval: cannot write the output: ENOSPC (no space left on device)"]);
  });

  it("when stderr's reader goes away, stdout still carries every report", () => {
    // Eleven records and one unreadable file: its error goes to a stderr nobody reads.
    const r = shell(
      `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} batch fixtures/records fixtures/hostile/empty.txt --format ndjson 2> >(head -c 1 >/dev/null) | wc -l`,
    );
    expect(r.stderr).toBe("");
    expect(Number(r.stdout.trim())).toBe(11);
  });
});

describe("folders", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "migrate-eval-faults-"));
    let deep = join(dir, "deep");
    mkdirSync(deep);
    for (let i = 0; i < 2000; i++) {
      deep = join(deep, "d");
      mkdirSync(deep);
    }
    writeFileSync(join(deep, "record.md"), readFileSync(EXAMPLE));
    const tree = join(dir, "tree");
    mkdirSync(tree);
    writeFileSync(join(tree, "a.md"), readFileSync(EXAMPLE));
    symlinkSync("/etc/passwd", join(tree, "passwd.md"));
    symlinkSync("/", join(tree, "root"));
    symlinkSync(join(tree, "a.md"), join(tree, "b.md"));
    symlinkSync(join(tree, "a.md"), join(tree, "README.md"));
  });
  // fs.rmSync recurses, and a folder 2,000 deep overflows its stack: rm walks it.
  afterAll(() => void spawnSync("rm", ["-rf", dir]));

  it("a folder 2,000 levels deep is walked, not a stack overflow", () => {
    const r = run(["validate", join(dir, "deep")]);
    expect(r.stderr).not.toMatch(/call stack|RangeError/);
    expect(r.stdout).toBe("1 record: 1 valid, 0 invalid\n");
    expect(r.status).toBe(0);
  });

  it("links out of the tree are one error each and not read; a link inside it is read; a README is not a record", () => {
    const r = run(["batch", join(dir, "tree"), "--format", "ndjson"]);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { record?: { file: string } });
    expect(lines.map((l) => l.record?.file.replace(dir, ""))).toEqual(["/tree/a.md", "/tree/b.md"]);
    expect(r.stderr).toContain("passwd.md: symbolic link to /etc/passwd, outside");
    expect(r.stderr).toMatch(/root: symbolic link to \/, outside/);
    expect(r.stderr).not.toMatch(/root:x:0:0/);
  });

  it("a file whose name is not UTF-8 is read like any other, and shown with U+FFFD", () => {
    const folder = join(dir, "bytes");
    mkdirSync(folder);
    writeFileSync(Buffer.concat([Buffer.from(`${folder}/`), Buffer.from([0x72, 0xff, 0xfe, 0x2e, 0x6d, 0x64])]), readFileSync(EXAMPLE));
    const v = run(["validate", folder]);
    expect(v.stdout).toBe("1 record: 1 valid, 0 invalid\n");
    for (const jobs of ["1", "2"]) {
      const r = run(["batch", folder, join(ROOT, "fixtures/records"), "--format", "ndjson", "--jobs", jobs]);
      expect(r.status, r.stderr).toBe(0);
      const files = r.stdout.trim().split("\n").map((l) => (JSON.parse(l) as { record: { file: string } }).record.file);
      expect(files).toContain(`${folder}/r\ufffd\ufffd.md`);
    }
  });

  it("--follow-links follows a link out of the tree", () => {
    const outside = join(dir, "outside");
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, "c.md"), readFileSync(EXAMPLE));
    const tree = join(dir, "tree2");
    mkdirSync(tree, { recursive: true });
    symlinkSync(outside, join(tree, "elsewhere"));
    expect(run(["validate", tree]).status).toBe(1);
    const r = run(["validate", tree, "--follow-links"]);
    expect(r.stdout).toBe("1 record: 1 valid, 0 invalid\n");
  });
});
