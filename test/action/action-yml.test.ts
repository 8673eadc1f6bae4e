/**
 * action.yml holds together: every input it reads is declared, every INPUT_ variable the shell step
 * reads is passed, the files its steps run exist (the comment step is built), no expression is
 * pasted into a shell line, and the workflow in docs/ and in the README is one and the same and
 * uses only inputs the action has.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../helpers.js";

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

const text = readFileSync(join(ROOT, "action.yml"), "utf8");
const action = parse(text) as { inputs: Record<string, { default?: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } };
const script = readFileSync(join(ROOT, "scripts/action/run.sh"), "utf8");
const workflow = (md: string) => /```yaml\n(name: migrate-eval\n[\s\S]*?)```/.exec(md)?.[1];

describe("action.yml", () => {
  it("is a composite action whose expressions name only declared inputs", () => {
    expect(action.runs.using).toBe("composite");
    const used = [...text.matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(5);
    for (const name of used) expect(Object.keys(action.inputs), name).toContain(name);
  });

  it("passes every INPUT_ variable the shell step reads", () => {
    const step = action.runs.steps.find((s) => s.run?.includes("scripts/action/run.sh"))!;
    const read = new Set([...script.matchAll(/\bINPUT_[A-Z_]+/g)].map((m) => m[0]));
    expect(read.size).toBeGreaterThan(5);
    for (const v of read) expect(Object.keys(step.env ?? {}), v).toContain(v);
  });

  it("runs files that exist: the shell step, and the comment step the build makes", () => {
    const runs = action.runs.steps.flatMap((s) => [...(s.run ?? "").matchAll(/\$GITHUB_ACTION_PATH\/([\w./-]+)/g)].map((m) => m[1]!));
    expect(runs).toEqual(["scripts/action/run.sh", "dist/action-comment.js"]);
    for (const f of runs) expect(existsSync(join(ROOT, f)), f).toBe(true);
  });

  it("never pastes an expression into a shell line (values reach the shell as environment variables)", () => {
    for (const s of action.runs.steps) expect(s.run ?? "", s.run).not.toMatch(/\$\{\{/);
  });

  it("the step outputs it declares are the ones the shell step writes", () => {
    const written = new Set([...script.matchAll(/^\s*(?:.*; )?output ([a-z]+) /gm)].map((m) => m[1]!));
    for (const [name, o] of Object.entries(action.outputs)) {
      expect(o.value).toBe(`\${{ steps.run.outputs.${name} }}`);
      expect([...written], name).toContain(name);
    }
  });
});

describe("the documented workflow", () => {
  const doc = workflow(readFileSync(join(ROOT, "docs/github-action.md"), "utf8"));
  const readme = workflow(readFileSync(join(ROOT, "README.md"), "utf8"));

  it("is the same in docs/github-action.md and in the README", () => {
    expect(doc).toBeDefined();
    expect(readme).toBe(doc);
  });

  it("uses the action with inputs it has, after a checkout with the base branch's history", () => {
    const wf = parse(doc!) as { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
    const steps = Object.values(wf.jobs)[0]!.steps;
    expect(steps[0]).toMatchObject({ uses: "actions/checkout@v4", with: { "fetch-depth": 0 } });
    const ours = steps.find((s) => s.uses?.endsWith("/migrate-eval@main"))!;
    for (const k of Object.keys(ours.with ?? {})) expect(Object.keys(action.inputs)).toContain(k);
    expect(wf.permissions["pull-requests"]).toBe("write");
  });
});
