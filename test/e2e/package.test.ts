/**
 * The published package: what an installed copy needs and nothing else, and the library for both
 * `import` and `require`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

describe("npm pack", () => {
  const packed = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  const files: string[] = packed.status === 0 ? (JSON.parse(packed.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path) : [];

  it("ships the CLI, the library in both module systems, its types, the example and the licence", () => {
    expect(packed.status, packed.stderr).toBe(0);
    for (const f of ["bin/migrate-eval.js", "dist/cli.cjs", "dist/worker.js", "dist/index.js", "dist/index.cjs", "dist/index.d.ts", "examples/qwen-replaces-llama.md", "LICENSE", "README.md", "package.json"]) {
      expect(files).toContain(f);
    }
  });

  it("ships no code cache for one Node version, no sources, tests, fixtures or build scripts", () => {
    expect(files.filter((f) => /\.cache$|^src\/|^test\/|^fixtures\/|^scripts\//.test(f))).toEqual([]);
  });
});

describe("prepare", () => {
  it("builds in a clone, and does nothing in an installed copy, which has no build script", () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { prepare: string } };
    const empty = mkdtempSync(join(tmpdir(), "migrate-eval-prepare-"));
    const r = spawnSync("sh", ["-c", scripts.prepare], { cwd: empty, encoding: "utf8" });
    rmSync(empty, { recursive: true, force: true });
    expect(r.status).toBe(0);
    expect(scripts.prepare).toContain("node scripts/build.mjs");
  });
});

describe("the library from an installed copy", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "migrate-eval-install-"));
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(ROOT, join(dir, "node_modules", "migrate-eval"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const script = `const fs = require("fs");
const text = fs.readFileSync(${JSON.stringify(join(ROOT, "examples/qwen-replaces-llama.md"))}, "utf8");`;

  it("require(\"migrate-eval\") gives CommonJS callers the library", () => {
    const r = spawnSync(process.execPath, ["-e", `${script}\nconst m = require("migrate-eval");\nconst l = m.parseRecord(text, "x.md");\nconsole.log(m.evaluate(l.record).verdict);`], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("HOLD");
  });

  it("import gives ES modules the same", () => {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", `import * as m from "migrate-eval";\nimport { readFileSync } from "node:fs";\nconst l = m.parseRecord(readFileSync(${JSON.stringify(join(ROOT, "examples/qwen-replaces-llama.md"))}, "utf8"), "x.md");\nconsole.log(m.evaluate(l.record).verdict);`], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("HOLD");
  });
});
