/**
 * One pull-request comment kept up to date: the comment that starts with the hidden marker is
 * found (every page of the list), then updated, or created when there is none. Through GitHub's
 * REST API with Node's `fetch`; the token goes only to the API's own origin and is never printed.
 */

export const MARKER = "<!-- migrate-eval -->";
/** GitHub refuses a comment body longer than this (characters). */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** A pull request with more comments than this many pages of 100 is not searched further. */
const MAX_PAGES = 50;
const CLOSE_ROOM = 240;

export class ActionError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export interface CommentTarget {
  /** `https://api.github.com`, or GitHub Enterprise's `https://host/api/v3` (GITHUB_API_URL). */
  apiUrl: string;
  /** `owner/name` (GITHUB_REPOSITORY). */
  repository: string;
  /** The pull request's number. */
  issue: number;
  token: string;
  /** Only a comment by this login is taken as ours (another's with the marker is left alone); null: any. */
  author: string | null;
  fetch?: typeof fetch;
}

export interface CommentResult {
  /** `none`: there was no comment of ours and none was to be made. */
  action: "created" | "updated" | "none";
  id: number | null;
  url: string | null;
}

interface ApiComment {
  id: number;
  body?: string | null;
  html_url?: string;
  user?: { login?: string } | null;
}

/**
 * The body as it is posted: the marker first, and never past GitHub's limit — a cut body says
 * so and where the whole report is.
 */
export function commentBody(markdown: string, fullReportAt: string | null, limit = GITHUB_COMMENT_LIMIT): string {
  const body = `${MARKER}\n${markdown}`;
  if (body.length <= limit) return body;
  const note = `\n\n_This report is cut to fit a comment (GitHub allows ${limit.toLocaleString("en-US")} characters). The whole report is ${fullReportAt ? `in the job's summary: ${fullReportAt}` : "in the job's summary"}._\n`;
  // Room for the note and for closing the folds left open (a few; they do not nest deep).
  let cut = body.slice(0, limit - note.length - CLOSE_ROOM);
  // At a line's end, never inside a surrogate pair or a table row.
  cut = cut.slice(0, Math.max(cut.lastIndexOf("\n"), MARKER.length));
  const open = (cut.match(/<details>/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
  const close = "\n\n</details>".repeat(Math.max(0, Math.min(open, CLOSE_ROOM / 12)));
  return `${cut}${close}${note}`;
}

/** The API path of a repository's resource, each part checked: nothing from the environment reaches the URL unescaped. */
function repoPath(repository: string): string {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository);
  if (!m) throw new ActionError(`GITHUB_REPOSITORY must be owner/name, got "${repository.replace(/[^\x20-\x7e]/g, "?").slice(0, 100)}"`, 2);
  return `/repos/${m[1]}/${m[2]}`;
}

/** The next page from a `Link` header, only when it is on the API's own origin. */
export function nextLink(header: string | null, origin: string): string | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (!m) continue;
    const url = new URL(m[1]!);
    if (url.origin !== origin) throw new ActionError(`GitHub API: the next page of comments is on another host (${url.origin}); not sending the token there`);
    return url.href;
  }
  return null;
}

async function call(t: CommentTarget, method: string, url: string, body?: unknown): Promise<Response> {
  const f = t.fetch ?? fetch;
  let res: Response;
  try {
    res = await f(url, {
      method,
      headers: {
        Accept: "application/vnd.github+json",
        Authorization: `Bearer ${t.token}`,
        "X-GitHub-Api-Version": "2022-11-28",
        "User-Agent": "migrate-eval",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (e) {
    throw new ActionError(`GitHub API: ${method} ${new URL(url).pathname} could not be sent: ${(e as Error).message}`);
  }
  if (!res.ok) {
    let why = "";
    try {
      const data = (await res.json()) as { message?: unknown };
      if (typeof data.message === "string") why = `: ${data.message.replace(/[^\x20-\x7e]/g, " ").slice(0, 300)}`;
    } catch {
      // no JSON body: the status says enough
    }
    const hint = res.status === 401 || res.status === 403 || res.status === 404 ? " (does the job's token have `pull-requests: write`?)" : "";
    throw new ActionError(`GitHub API: ${method} ${new URL(url).pathname} answered ${res.status} ${res.statusText}${why}${hint}`);
  }
  return res;
}

export async function findComment(t: CommentTarget): Promise<ApiComment | null> {
  const base = new URL(t.apiUrl.replace(/\/+$/, "") + "/");
  let url: string | null = new URL(`.${repoPath(t.repository)}/issues/${t.issue}/comments?per_page=100`, base).href;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const res = await call(t, "GET", url);
    const list = (await res.json()) as ApiComment[];
    if (!Array.isArray(list)) throw new ActionError("GitHub API: the list of comments is not a list");
    const ours = list.find((c) => typeof c.body === "string" && c.body.startsWith(MARKER) && (t.author === null || c.user?.login === t.author));
    if (ours) return ours;
    url = nextLink(res.headers.get("link"), base.origin);
  }
  return null;
}

/**
 * Updates our comment, or creates it. With `create: false` (a push that leaves no record changed)
 * only a comment already there is updated, so that it does not go on showing a report that no
 * longer holds, and a pull request that never touched a record gets no comment.
 */
export async function upsertComment(t: CommentTarget, body: string, { create = true } = {}): Promise<CommentResult> {
  if (!Number.isInteger(t.issue) || t.issue < 1) throw new ActionError("no pull request number: run on a pull_request event or pass the number", 2);
  const base = new URL(t.apiUrl.replace(/\/+$/, "") + "/");
  const found = await findComment(t);
  if (!found && !create) return { action: "none", id: null, url: null };
  if (found && !(Number.isSafeInteger(found.id) && found.id > 0)) throw new ActionError("GitHub API: a comment without a numeric id");
  const url = found
    ? new URL(`.${repoPath(t.repository)}/issues/comments/${found.id}`, base).href
    : new URL(`.${repoPath(t.repository)}/issues/${t.issue}/comments`, base).href;
  const res = await call(t, found ? "PATCH" : "POST", url, { body });
  const data = (await res.json()) as ApiComment;
  return { action: found ? "updated" : "created", id: data.id, url: data.html_url ?? null };
}
