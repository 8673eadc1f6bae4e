/**
 * The action's shell steps (scripts/action/run.sh) in a fake job: a git repository whose `origin`
 * is a bare repository on disk (no network), a pull request branch that changes, adds and deletes
 * records, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / RUNNER_TEMP as temporary files.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, fixture, ROOT } from "../helpers.js";

const SCRIPT = join(ROOT, "scripts/action/run.sh");
const dir = mkdtempSync(join(tmpdir(), "migrate-eval-action-"));
const origin = join(dir, "origin.git");
const repo = join(dir, "repo");
const GIT_ENV = { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.invalid", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.invalid", GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: { ...process.env, ...GIT_ENV }, encoding: "utf8" });

/** A file named to run a command if it were ever pasted into a shell line unquoted. */
const EVIL = "records/evil;$(touch pwned).md";

beforeAll(() => {
  execFileSync("git", ["init", "-q", "--bare", "-b", "main", origin]);
  mkdirSync(join(repo, "records"), { recursive: true });
  git("init", "-q", "-b", "main");
  git("remote", "add", "origin", origin);
  copyFileSync(fixture("records/english-migrate-clear-win.md"), join(repo, "records/win.md"));
  copyFileSync(fixture("records/english-hold-rollback.md"), join(repo, "records/gone.md"));
  copyFileSync(join(ROOT, "examples/qwen-replaces-llama.md"), join(repo, "records/same.md"));
  writeFileSync(join(repo, "records/README.md"), "# records\n");
  writeFileSync(join(repo, "records/notes.txt"), "notes\n");
  // The base branch's policy: the built-in default, written out.
  writeFileSync(join(repo, "migrate-eval.policy.yaml"), execFileSync(process.execPath, [BIN, "policy", "--default"], { encoding: "utf8" }));
  git("add", "-A");
  git("commit", "-q", "-m", "base");
  git("push", "-q", "origin", "main");
  // The pull request: quality falls on win.md (MIGRATE → HOLD), gone.md deleted, a record added,
  // files that are not records changed, and the policy loosened so that everything would pass.
  git("checkout", "-q", "-b", "feature");
  const win = readFileSync(join(repo, "records/win.md"), "utf8");
  writeFileSync(join(repo, "records/win.md"), win.replace("Task success rate: 70% → 83% (+13%)", "Task success rate: 70% → 72% (+2%)"));
  rmSync(join(repo, "records/gone.md"));
  copyFileSync(fixture("records/stated-sample-size.md"), join(repo, EVIL));
  // A link to a file outside the repository, whose text must not reach the summary or the comment.
  writeFileSync(join(dir, "secret.md"), readFileSync(fixture("records/english-seed-style-cost-up.md"), "utf8").replace("GENAI_MODEL_UPDATE_101", "SECRET_OF_THE_RUNNER"));
  symlinkSync(join(dir, "secret.md"), join(repo, "records/leak.md"));
  writeFileSync(join(repo, "records/README.md"), "# records, edited\n");
  writeFileSync(join(repo, "records/notes.txt"), "notes, edited\n");
  writeFileSync(join(repo, "migrate-eval.policy.yaml"), "version: 1\nrules:\n  - id: anything-goes\n    metric: cost.monthly\n    change_pct: { max: 100000 }\n");
  git("add", "-A");
  git("commit", "-q", "-m", "pull request");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Job {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

let jobs = 0;
function job(env: Record<string, string>): Job {
  const n = ++jobs;
  const out = join(dir, `output-${n}`);
  const summary = join(dir, `summary-${n}`);
  const temp = join(dir, `runner-${n}`);
  mkdirSync(temp);
  writeFileSync(out, "");
  writeFileSync(summary, "");
  const r = spawnSync("bash", [SCRIPT], {
    cwd: repo,
    encoding: "utf8",
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      NO_COLOR: "1",
      ...GIT_ENV,
      GITHUB_BASE_REF: "main",
      GITHUB_OUTPUT: out,
      GITHUB_STEP_SUMMARY: summary,
      RUNNER_TEMP: temp,
      MIGRATE_EVAL_CLI: BIN,
      INPUT_RECORDS: "records",
      ...env,
    },
  });
  const outputs = Object.fromEntries(readFileSync(out, "utf8").trim().split("\n").filter(Boolean).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: readFileSync(summary, "utf8") };
}

describe("scripts/action/run.sh in a fake job", () => {
  it("diffs the changed records against the base branch, writes the summary and the outputs, and fails the gate on the regression", () => {
    const r = job({ INPUT_FAIL_ON: "verdict-regression", INPUT_SARIF: "true" });
    expect(r.status, r.stderr).toBe(0);
    // win.md, gone.md, the new record and the link; README.md, notes.txt and same.md are not changed records.
    expect(r.outputs).toMatchObject({ changed: "4", regressions: "1", gate: "fail" });
    expect(r.stdout).toContain("::warning file=records/leak.md,title=migrate-eval::a symbolic link, not read as a record");
    expect(r.summary + r.stdout + readFileSync(r.outputs.sarif!, "utf8")).not.toContain("SECRET_OF_THE_RUNNER");
    expect(r.summary).toMatch(/^## migrate-eval diff: 1 verdict flip, 1 regression\n/);
    expect(r.summary).toContain("GENAI\\_MODEL\\_UPDATE\\_107: Claude 3 Haiku → Gemini 1.5 Flash, verdict MIGRATE → HOLD — verdict regressed");
    expect(r.summary).toContain("GENAI\\_MODEL\\_UPDATE\\_109: only in HEAD (MIGRATE)");
    expect(r.summary).toContain("GENAI\\_MODEL\\_UPDATE\\_108: only in BASE (HOLD)");
    expect(readFileSync(r.outputs.report!, "utf8")).toBe(r.summary);
    // The base branch's policy decided, not the pull request's looser one.
    expect(readFileSync(join(r.outputs.json!.replace(/diff\.json$/, ""), "policy.yaml"), "utf8")).toContain("id: cost-reduction");
    // Annotations on the pull request's lines, paths from the repository's root.
    expect(r.stdout).toMatch(/^::error file=records\/win\.md,line=\d+,title=migrate-eval rule\/quality-gain::/m);
    const sarif = JSON.parse(readFileSync(r.outputs.sarif!, "utf8")) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    const uris = new Set(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
    expect([...uris].sort()).toEqual(["records/evil%3B%24(touch%20pwned).md", "records/win.md"]);
    expect(existsSync(join(repo, "pwned"))).toBe(false);
  });

  it("fail-on none passes the gate; fail-on hold fails it on any HOLD", () => {
    expect(job({ INPUT_FAIL_ON: "none" }).outputs.gate).toBe("pass");
    expect(job({ INPUT_FAIL_ON: "hold" }).outputs.gate).toBe("fail");
  });

  it("fetches the base branch when the checkout does not have it (from the origin on disk)", () => {
    git("update-ref", "-d", "refs/remotes/origin/main");
    const r = job({});
    expect(r.status, r.stderr).toBe(0);
    expect(r.outputs).toMatchObject({ changed: "4", regressions: "1" });
    expect(git("rev-parse", "--verify", "refs/remotes/origin/main").trim()).toMatch(/^[0-9a-f]{40}$/);
  });

  it("no record changed: a line in the summary, nothing to gate", () => {
    const r = job({ INPUT_RECORDS: "examples" });
    expect(r.status).toBe(0);
    expect(r.outputs).toMatchObject({ changed: "0", gate: "pass" });
    expect(r.summary).toMatch(/^migrate-eval: no record changed/);
  });

  it("a base-ref that is not a branch name, or a fail-on it does not know, cannot run: exit 2 and an error annotation", () => {
    const cases: Array<Record<string, string>> = [{ INPUT_BASE_REF: "--upload-pack=touch pwned" }, { INPUT_BASE_REF: "main..HEAD" }, { INPUT_FAIL_ON: "sometimes" }, { GITHUB_BASE_REF: "" }];
    for (const env of cases) {
      const r = job(env);
      expect(r.status).toBe(2);
      expect(r.stdout).toMatch(/^::error title=migrate-eval::/);
    }
    expect(existsSync(join(repo, "pwned"))).toBe(false);
  });
});
