/**
 * The pull-request comment step against a local HTTP server on 127.0.0.1 that plays GitHub's REST
 * API and records every request: create, update (found on a later page), another's comment with
 * the marker left alone, API errors as a clear line and exit code, the token never printed and
 * never sent to another host, and a body cut to GitHub's limit.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { commentBody, GITHUB_COMMENT_LIMIT, MARKER, upsertComment } from "../../src/action/comment.js";
import { ROOT } from "../helpers.js";

interface Seen {
  method: string;
  url: string;
  auth: string | undefined;
  body: unknown;
}

type Handler = (req: IncomingMessage, body: unknown, res: ServerResponse) => void;

const TOKEN = "ghs_secretTOKEN1234567890";
let server: Server;
let api: string;
let seen: Seen[] = [];
let handler: Handler = () => undefined;

const json = (res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(data));
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const body = text ? (JSON.parse(text) as unknown) : null;
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
      handler(req, body, res);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());
beforeEach(() => {
  seen = [];
});

const target = () => ({ apiUrl: api, repository: "team/records", issue: 7, token: TOKEN, author: "github-actions[bot]" });
const bot = { login: "github-actions[bot]" };

describe("upsertComment", () => {
  it("creates the comment when the pull request has none of ours", async () => {
    handler = (req, body, res) => {
      if (req.method === "GET") return json(res, 200, [{ id: 1, body: "LGTM", user: { login: "alice" } }]);
      json(res, 201, { id: 99, html_url: "https://github.example/team/records/pull/7#issuecomment-99", body: (body as { body: string }).body });
    };
    const r = await upsertComment(target(), `${MARKER}\nreport`);
    expect(r).toEqual({ action: "created", id: 99, url: "https://github.example/team/records/pull/7#issuecomment-99" });
    expect(seen.map((s) => [s.method, s.url])).toEqual([
      ["GET", "/repos/team/records/issues/7/comments?per_page=100"],
      ["POST", "/repos/team/records/issues/7/comments"],
    ]);
    expect(seen[1]!.body).toEqual({ body: `${MARKER}\nreport` });
    expect(seen.every((s) => s.auth === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("with create: false (no record changed any more) makes no comment where there is none of ours", async () => {
    handler = (req, _body, res) => {
      if (req.method === "GET") return json(res, 200, [{ id: 1, body: "LGTM", user: { login: "alice" } }]);
      json(res, 500, { message: "nothing should be written" });
    };
    const r = await upsertComment(target(), `${MARKER}\nno record changed`, { create: false });
    expect(r).toEqual({ action: "none", id: null, url: null });
    expect(seen.map((s) => s.method)).toEqual(["GET"]);
  });

  it("with create: false updates ours, so that it does not go on showing a report that no longer holds", async () => {
    handler = (req, body, res) => {
      if (req.method === "GET") return json(res, 200, [{ id: 42, body: `${MARKER}\nold report`, user: bot }]);
      json(res, 200, { id: 42, html_url: null, body: (body as { body: string }).body });
    };
    const r = await upsertComment(target(), `${MARKER}\nno record changed`, { create: false });
    expect(r.action).toBe("updated");
    expect(seen.map((s) => [s.method, s.url])).toEqual([
      ["GET", "/repos/team/records/issues/7/comments?per_page=100"],
      ["PATCH", "/repos/team/records/issues/comments/42"],
    ]);
  });

  it("updates ours, found on the second page; another's comment with the marker is left alone", async () => {
    handler = (req, _body, res) => {
      if (req.method === "GET" && req.url!.includes("page=2")) return json(res, 200, [{ id: 42, body: `${MARKER}\nold report`, user: bot }]);
      if (req.method === "GET") return json(res, 200, [{ id: 5, body: `${MARKER}\nforged by a user`, user: { login: "mallory" } }], { Link: `<${api}/repositories/1/issues/7/comments?per_page=100&page=2>; rel="next", <${api}/repositories/1/issues/7/comments?per_page=100&page=2>; rel="last"` });
      json(res, 200, { id: 42, html_url: "https://github.example/c/42" });
    };
    const r = await upsertComment(target(), `${MARKER}\nnew report`);
    expect(r.action).toBe("updated");
    expect(seen.map((s) => [s.method, s.url])).toEqual([
      ["GET", "/repos/team/records/issues/7/comments?per_page=100"],
      ["GET", "/repositories/1/issues/7/comments?per_page=100&page=2"],
      ["PATCH", "/repos/team/records/issues/comments/42"],
    ]);
    expect(seen[2]!.body).toEqual({ body: `${MARKER}\nnew report` });
  });

  it("a next page on another host is not followed: the token goes only to the API", async () => {
    handler = (_req, _body, res) => json(res, 200, [], { Link: '<https://elsewhere.example/steal?page=2>; rel="next"' });
    await expect(upsertComment(target(), "x")).rejects.toThrow(/another host \(https:\/\/elsewhere\.example\); not sending the token there/);
    expect(seen).toHaveLength(1);
  });
});

describe("the comment step as the action runs it (dist/action-comment.js)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "migrate-eval-comment-"));
    writeFileSync(join(dir, "report.md"), "## migrate-eval diff: 0 verdict flips, 0 regressions\n");
    writeFileSync(join(dir, "event.json"), JSON.stringify({ pull_request: { number: 12 } }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the built step with a fake job environment (asynchronously: the server is in this process). */
  async function step(env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [join(ROOT, "dist/action-comment.js"), join(dir, "report.md")], {
      env: { PATH: process.env.PATH ?? "", GITHUB_API_URL: api, GITHUB_REPOSITORY: "team/records", GITHUB_EVENT_PATH: join(dir, "event.json"), GITHUB_TOKEN: TOKEN, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const [status] = (await once(child, "close")) as [number | null];
    return { status, stdout, stderr };
  }

  it("creates the comment on the event's pull request, the marker first", async () => {
    handler = (req, _b, res) => (req.method === "GET" ? json(res, 200, []) : json(res, 201, { id: 3, html_url: "https://github.example/c/3" }));
    const r = await step({});
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("migrate-eval: created the pull request comment https://github.example/c/3\n");
    expect(seen[1]).toMatchObject({ method: "POST", url: "/repos/team/records/issues/12/comments", body: { body: `${MARKER}\n## migrate-eval diff: 0 verdict flips, 0 regressions\n` } });
  });

  it("an API error is one clear line and exit 1, without the token — even when the API echoes it", async () => {
    handler = (_req, _b, res) => json(res, 403, { message: `Resource not accessible by integration (token ${TOKEN})` });
    const r = await step({});
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^migrate-eval: GitHub API: GET \/repos\/team\/records\/issues\/12\/comments answered 403 Forbidden: Resource not accessible by integration \(token \*\*\*\) \(does the job's token have `pull-requests: write`\?\)\n$/);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it("no token, or no pull request, is exit 2 with what to do", async () => {
    const noToken = await step({ GITHUB_TOKEN: "" });
    expect([noToken.status, noToken.stderr]).toEqual([2, "migrate-eval: GITHUB_TOKEN is not set: pass the job's token (github-token input)\n"]);
    const noPr = await step({ GITHUB_EVENT_PATH: join(dir, "missing.json") });
    expect(noPr.status).toBe(2);
    expect(noPr.stderr).toMatch(/no pull request number/);
    expect(seen).toEqual([]);
  });

  it("a server that cannot be reached is exit 1, not a stack trace", async () => {
    const r = await step({ GITHUB_API_URL: "http://127.0.0.1:1" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^migrate-eval: GitHub API: GET \/repos\/team\/records\/issues\/12\/comments could not be sent: /);
  });
});

describe("commentBody", () => {
  it("a short report is the marker and the report", () => {
    expect(commentBody("hello\n", null)).toBe(`${MARKER}\nhello\n`);
  });

  it("a huge report is cut at a line's end under GitHub's limit, its open fold closed, and says where the whole report is", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `| metric ${i} | ${"x".repeat(20)} |`).join("\n");
    const body = commentBody(`## report\n\n<details><summary>Metrics</summary>\n\n${rows}\n\n</details>\n`, "https://github.example/team/records/actions/runs/9");
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toMatch(/\| metric \d+ \| x{20} \|\n\n<\/details>\n\n_This report is cut to fit a comment \(GitHub allows 65,536 characters\)\. The whole report is in the job's summary: https:\/\/github\.example\/team\/records\/actions\/runs\/9\._\n$/);
  });
});
