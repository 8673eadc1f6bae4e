import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "migrate-eval-exit-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("exit codes", () => {
  it("no command is a usage error: help on stderr, exit 2", () => {
    const r = run([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage: migrate-eval");
  });

  it("--help and --version exit 0", () => {
    expect(run(["--help"]).status).toBe(0);
    expect(run(["--version"]).status).toBe(0);
  });

  it("a record with several problems counts once in the batch summary", () => {
    const file = join(tmp, "many-problems.md");
    writeFileSync(file, "---\nid: X\ntier: high\noutcome: maybe\n---\nbody\n");
    const r = run(["batch", file, "--format", "json"]);
    expect(r.status).toBe(2);
    const json = JSON.parse(r.stdout) as { errors: unknown[]; summary: Record<string, number> };
    expect(json.errors.length).toBeGreaterThan(1);
    expect(json.summary).toEqual({ total: 1, migrate: 0, hold: 0, errors: 1 });
  });
});
