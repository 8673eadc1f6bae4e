import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { collectFiles } from "../../src/cli/collect.js";
import { runInOrder } from "../../src/cli/pool.js";
import { defaultPolicy } from "../../src/rules/default-policy.js";
import { fixture } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "migrate-eval-vanish-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("a record deleted after the batch listed it is one error entry; the others are still reported", async () => {
  for (const name of ["a.md", "b.md", "c.md"]) copyFileSync(fixture("records/english-hold-rollback.md"), join(dir, name));
  const { files, errors } = await collectFiles([dir]);
  expect(files).toHaveLength(3);
  expect(errors).toEqual([]);
  rmSync(join(dir, "b.md"));

  const results = [];
  for await (const r of runInOrder(files, { policy: defaultPolicy, usage: null, withReport: false }, 1)) results.push(r);
  expect(results.map((r) => r.file)).toEqual(files);
  expect(results.map((r) => r.row?.verdict ?? null)).toEqual(["HOLD", null, "HOLD"]);
  expect(results[1]!.errors).toEqual([expect.objectContaining({ file: join(dir, "b.md"), code: "file-unreadable", line: null })]);
  expect(results[1]!.errors[0]!.message).toMatch(/no such file/);
});
