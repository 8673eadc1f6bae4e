/**
 * What the paths given to batch, backtest and validate mean: nothing found is said and is exit 2,
 * a path that names nothing is a mistake (exit 2) rather than a record that could not be read,
 * files named are read whatever their extension, `--ext` widens what folders hold, and the gate's
 * exit code follows what was written before a reader stopped.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, fixture, run } from "../helpers.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "migrate-eval-paths-"));
  mkdirSync(join(dir, "empty"));
  mkdirSync(join(dir, "txt"));
  copyFileSync(fixture("records/english-hold-rollback.md"), join(dir, "txt", "record.txt"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("nothing found", () => {
  it.each(["batch", "validate", "backtest"])("%s on a folder with no records says where it looked, exit 2", (command) => {
    const r = run([command, join(dir, "empty")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`migrate-eval: no records found in ${join(dir, "empty")} (folders are searched for *.md; --ext adds extensions)\n`);
  });

  it("a pattern that matches nothing is exit 2 with the pattern named", () => {
    const r = run(["batch", "no-such-folder-*/*.md"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("no-such-folder-*/*.md: the pattern matches no file\n");
  });
});

describe("a missing path is a mistake in the command, not a record", () => {
  it("batch reports the others, does not count it, and exits 2", () => {
    const r = run(["batch", "fixtures/records", join(dir, "nope.md"), "--format", "json"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nope\.md: no such file or folder/);
    const json = JSON.parse(r.stdout) as { summary: { total: number; errors: number } };
    expect(json.summary).toMatchObject({ total: 11, errors: 0 });
  });

  it("validate likewise", () => {
    const r = run(["validate", "fixtures/records", join(dir, "nope.md")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("11 records: 11 valid, 0 invalid, 2 warnings\n");
  });
});

describe("extensions", () => {
  it("a file named is read whatever its extension", () => {
    expect(run(["validate", join(dir, "txt", "record.txt")]).stdout).toBe("1 record: 1 valid, 0 invalid\n");
  });

  it("a folder holds *.md records, and --ext adds others", () => {
    expect(run(["validate", join(dir, "txt")]).status).toBe(2);
    const r = run(["validate", join(dir, "txt"), "--ext", "txt"]);
    expect(r.stdout).toBe("1 record: 1 valid, 0 invalid\n");
    expect(r.status).toBe(0);
    expect(run(["validate", join(dir, "txt"), "--ext", "../x"]).status).toBe(2);
  });
});

describe("the gate follows what was written", () => {
  it("batch --fail-on hold | head -1 exits 1 when the records written were HOLD", () => {
    const r = spawnSync("bash", ["-c", `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} batch fixtures/records --fail-on hold --format ndjson | head -1 >/dev/null; exit \${PIPESTATUS[0]}`], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", CI: "1" },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
  });
});
