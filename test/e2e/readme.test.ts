/**
 * The README runs as shown: every `$ migrate-eval …` block is run from the repository root with
 * the built CLI and must print exactly the lines below it, and every quick-start command must run
 * on the files a fresh clone has.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT } from "../helpers.js";

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const blocks = [...README.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

// `migrate-eval` on the PATH is the built CLI, as `npm install -g` or `npx` would give it.
const shim = mkdtempSync(join(tmpdir(), "migrate-eval-readme-"));
writeFileSync(join(shim, "migrate-eval"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
chmodSync(join(shim, "migrate-eval"), 0o755);
afterAll(() => rmSync(shim, { recursive: true, force: true }));

function withoutForceColor(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _, ...rest } = env;
  return rest;
}

function sh(command: string) {
  return spawnSync("bash", ["-c", command], {
    cwd: ROOT,
    env: { ...withoutForceColor(process.env), PATH: `${shim}:${process.env.PATH}`, NO_COLOR: "1", CI: "1" },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("every `$ migrate-eval` example in the README prints what it shows", () => {
  const examples = blocks
    .filter((b) => b.startsWith("$ migrate-eval "))
    .map((b) => {
      const [first, ...rest] = b.replace(/\n$/, "").split("\n");
      return { command: first!.slice(2), expected: rest.join("\n") };
    });

  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((e) => [e.command, e] as const))("%s", (_command, e) => {
    const r = sh(`{ ${e.command}; } 2>&1`);
    expect(r.stdout.replace(/\n$/, "")).toBe(e.expected);
  });
});

describe("the quick start runs on a fresh clone's files", () => {
  const quick = blocks.find((b) => b.startsWith("npm install\n"))!;
  const commands = quick.split("\n").filter((l) => l.startsWith("npx migrate-eval ")).map((l) => l.replace(/\s+#.*$/, ""));

  it("has its three commands", () => {
    expect(commands).toHaveLength(3);
  });

  it.each(commands)("%s", (command) => {
    const r = sh(command.replace(/^npx migrate-eval /, "migrate-eval "));
    // `--fail-on hold` on a HOLD record is the gate's exit 1, which is what the line says it shows.
    expect([0, 1]).toContain(r.status);
    expect(r.stderr).toBe("");
    expect(r.stdout.length).toBeGreaterThan(0);
  });
});
