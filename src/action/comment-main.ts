/**
 * `node dist/action-comment.js REPORT.md`: posts the markdown report as the pull request's one
 * migrate-eval comment, or updates it. Everything comes from the job's environment:
 * GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_EVENT_PATH (the pull request's number), the token in
 * GITHUB_TOKEN; MIGRATE_EVAL_PR overrides the number, MIGRATE_EVAL_COMMENT_AUTHOR the login whose
 * comment is ours (default github-actions[bot]; empty: anyone's), and MIGRATE_EVAL_COMMENT_CREATE=false
 * updates a comment already there but makes none. Exit 0 done, 1 the API refused, 2 the job is
 * not set up for it.
 */
import { readFileSync } from "node:fs";
import { ActionError, commentBody, upsertComment } from "./comment.js";

function prNumber(env: NodeJS.ProcessEnv): number {
  if (env.MIGRATE_EVAL_PR) return Number(env.MIGRATE_EVAL_PR);
  if (!env.GITHUB_EVENT_PATH) return NaN;
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")) as { pull_request?: { number?: unknown }; issue?: { number?: unknown } };
    return Number(event.pull_request?.number ?? event.issue?.number);
  } catch {
    return NaN;
  }
}

/** Where the whole report is: the run's page, whose summary has it. */
function runUrl(env: NodeJS.ProcessEnv): string | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run && /^\d+$/.test(run) ? `${server.replace(/\/+$/, "")}/${repo}/actions/runs/${run}` : null;
}

async function main(): Promise<void> {
  const env = process.env;
  const token = env.GITHUB_TOKEN ?? "";
  const scrub = (s: string) => (token ? s.split(token).join("***") : s);
  try {
    const file = process.argv[2];
    if (!file) throw new ActionError("usage: action-comment.js REPORT.md", 2);
    if (!token) throw new ActionError("GITHUB_TOKEN is not set: pass the job's token (github-token input)", 2);
    if (!env.GITHUB_REPOSITORY) throw new ActionError("GITHUB_REPOSITORY is not set", 2);
    let markdown: string;
    try {
      markdown = readFileSync(file, "utf8");
    } catch (e) {
      throw new ActionError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? "error"}`, 2);
    }
    const author = env.MIGRATE_EVAL_COMMENT_AUTHOR ?? "github-actions[bot]";
    const result = await upsertComment(
      { apiUrl: env.GITHUB_API_URL || "https://api.github.com", repository: env.GITHUB_REPOSITORY, issue: prNumber(env), token, author: author || null },
      commentBody(markdown, runUrl(env)),
      { create: env.MIGRATE_EVAL_COMMENT_CREATE !== "false" },
    );
    if (result.action === "none") process.stdout.write("migrate-eval: no record changed and no comment of ours to update\n");
    else process.stdout.write(`migrate-eval: ${result.action} the pull request comment${result.url ? ` ${scrub(result.url)}` : ""}\n`);
  } catch (e) {
    if (e instanceof ActionError) {
      process.stderr.write(`migrate-eval: ${scrub(e.message)}\n`);
      process.exitCode = e.exitCode;
      return;
    }
    process.stderr.write(`migrate-eval: unexpected error posting the comment: ${scrub(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
    process.exitCode = 1;
  }
}

void main();
