/** Shared test helpers: paths, loading fixtures, running the built binary with colour off. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseRecord } from "../src/record/parse.js";
import type { LoadedRecord } from "../src/record/schema.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SEED = resolve(ROOT, "../shared/seeds/000_d883105029fc529a.txt");
/**
 * The shared seed record sits beside the repository in CI, not in a user's clone: the tests that
 * read it run when it is there and are skipped (test/global-setup.ts says so once) when it is not.
 */
export const HAS_SEED = existsSync(SEED);
export const BIN = join(ROOT, "bin/migrate-eval.js");

export function fixture(path: string): string {
  return join(ROOT, "fixtures", path);
}

/** Parses a file and fails the test when it is not a valid record. */
export function load(path: string): LoadedRecord {
  const result = parseRecord(readFileSync(path, "utf8"), path);
  if (!result.ok) throw new Error(`expected a valid record: ${JSON.stringify(result.errors)}`);
  return result.record;
}

export interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Runs the built CLI with colour off, from `cwd` (the repository root by default). */
export function run(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", CI: "1", ...options.env },
    input: options.input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}
