/** The result cache's keys: each input of a report is part of it, the build of migrate-eval too. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contentHash, ResultCache, stampOf, type CacheContext } from "../../src/cli/cache.js";
import type { BatchRow } from "../../src/report/batch.js";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "migrate-eval-cache-unit-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const context: CacheContext = { tool: "0.1.0+aaaa", policy: { version: 1, rules: [] }, policySource: "built-in default", usage: null, fx: null };
const row: BatchRow = { file: "a.md", id: "A", baseline: "x", candidate: "y", costChangePct: -25, qualityChangePp: 6, verdict: "MIGRATE", outcome: null };
const report = new TextEncoder().encode('{"schemaVersion":1}');
const bytes = new TextEncoder().encode("---\nid: A\n---\n");

function saved(ctx: CacheContext = context): void {
  const cache = new ResultCache(dir, ctx);
  cache.add("a.md", contentHash(bytes), row, report, 0.001);
  expect(cache.commit()).toBe(true);
}

describe("ResultCache", () => {
  it("gives back the row and the report's bytes for the same path and content", () => {
    saved();
    const hit = new ResultCache(dir, context).lookup("a.md", contentHash(bytes), true);
    expect(hit?.row).toEqual(row);
    expect(new TextDecoder().decode(hit!.report!)).toBe('{"schemaVersion":1}');
    expect(hit?.seconds).toBe(0.001);
  });

  it("gives the row alone when the report is not wanted", () => {
    saved();
    const hit = new ResultCache(dir, context).lookup("a.md", contentHash(bytes), false);
    expect(hit?.row).toEqual(row);
    expect(hit?.report).toBeNull();
  });

  it.each<[string, Partial<CacheContext>]>([
    ["another build", { tool: "0.1.0+bbbb" }],
    ["another version", { tool: "0.2.0+aaaa" }],
    ["another policy", { policy: { version: 1, rules: [{ id: "r" }] } }],
    ["another policy source", { policySource: "team.yaml" }],
    ["other usage", { usage: { inputTokens: 1, outputTokens: 2 } }],
    ["other rates", { fx: { JPY: 0.0067 } }],
  ])("finds nothing under %s", (_, change) => {
    saved();
    expect(new ResultCache(dir, { ...context, ...change }).lookup("a.md", contentHash(bytes), true)).toBeNull();
    expect(new ResultCache(dir, context).lookup("a.md", contentHash(bytes), true)).not.toBeNull();
  });

  it("finds nothing for other content or another path", () => {
    saved();
    const cache = new ResultCache(dir, context);
    expect(cache.lookup("a.md", contentHash(new TextEncoder().encode("---\nid: B\n---\n")), true)).toBeNull();
    expect(cache.lookup("b.md", contentHash(bytes), true)).toBeNull();
    expect([cache.hits, cache.misses]).toEqual([0, 2]);
  });

  it("a run abandoned leaves the last cache as it was", () => {
    saved();
    const cache = new ResultCache(dir, context);
    cache.add("a.md", contentHash(new TextEncoder().encode("other")), row, report, undefined);
    cache.abandon();
    expect(new ResultCache(dir, context).lookup("a.md", contentHash(bytes), true)).not.toBeNull();
  });

  it("a record left out of a run is left out of the cache", () => {
    saved();
    const cache = new ResultCache(dir, context);
    expect(cache.commit()).toBe(true);
    expect(new ResultCache(dir, context).lookup("a.md", contentHash(bytes), true)).toBeNull();
  });

  it("keeps results reused before and after a new one", () => {
    const other = new TextEncoder().encode("---\nid: B\n---\n");
    const first = new ResultCache(dir, context);
    first.add("a.md", contentHash(bytes), row, report, undefined);
    first.add("b.md", contentHash(other), row, report, undefined);
    expect(first.commit()).toBe(true);
    const next = new ResultCache(dir, context);
    expect(next.lookup("a.md", contentHash(bytes), false)).not.toBeNull();
    next.keep("a.md", contentHash(bytes), null);
    next.add("c.md", contentHash(bytes), row, report, undefined);
    next.keep("b.md", contentHash(other), null);
    expect(next.commit()).toBe(true);
    const after = new ResultCache(dir, context);
    for (const [path, content] of [["a.md", bytes], ["b.md", other], ["c.md", bytes]] as const) {
      expect(after.lookup(path, contentHash(content), true), path).not.toBeNull();
    }
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a run that reuses every result leaves the index as it was", () => {
    saved();
    const index = readdirSync(dir).find((f) => f.endsWith(".index"))!;
    const before = readFileSync(join(dir, index), "utf8");
    const cache = new ResultCache(dir, context);
    cache.keep("a.md", contentHash(bytes), null);
    expect(cache.commit()).toBe(true);
    expect(readFileSync(join(dir, index), "utf8")).toBe(before);
  });

  it("a run abandoned after writing results leaves no file of its own", () => {
    saved();
    const files = readdirSync(dir).sort();
    const cache = new ResultCache(dir, context);
    cache.add("b.md", contentHash(bytes), row, report, undefined);
    cache.abandon();
    expect(readdirSync(dir).sort()).toEqual(files);
  });

  it("gives back each report's own bytes, read in order, out of order or here and there", () => {
    const first = new ResultCache(dir, context);
    const body = (i: number) => new TextEncoder().encode(`{"i":${i},"pad":"${"x".repeat((i * 7919) % 40_000)}"}`);
    for (let i = 0; i < 300; i++) first.add(`r${i}.md`, `h${i}`, row, body(i), undefined);
    expect(first.commit()).toBe(true);
    const decode = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));
    for (const order of [[...Array(300).keys()], [...Array(300).keys()].reverse(), [5, 200, 6, 7, 100, 8, 299, 0]]) {
      const cache = new ResultCache(dir, context);
      for (const i of order) expect(decode(cache.lookup(`r${i}.md`, `h${i}`, true)!.report), `report ${i}`).toBe(decode(body(i)));
    }
  });

  describe("a file known by its stamp", () => {
    /** A record file, its stamp, and a cache holding its result as seen `readAfterMs` after it last changed. */
    function stamped(readAfterMs: number) {
      const file = join(dir, "a.md");
      writeFileSync(file, bytes);
      const stamp = stampOf(file)!;
      const cache = new ResultCache(dir, context);
      cache.add("a.md", contentHash(bytes), row, report, undefined, { t: stamp.key, c: stamp.changedMs + readAfterMs });
      expect(cache.commit()).toBe(true);
      return { file, stamp };
    }

    it("is known by its hash, unread, when its stamp is the one kept and it had settled when read", () => {
      const { stamp } = stamped(10_000);
      expect(new ResultCache(dir, context).knownHash("a.md", stamp)).toBe(contentHash(bytes));
    });

    it("is read again when it changed in the seconds before its bytes were read", () => {
      const { stamp } = stamped(1_000);
      expect(new ResultCache(dir, context).knownHash("a.md", stamp)).toBeNull();
    });

    it("is read again when any part of its stamp differs, or under another path", () => {
      const { stamp } = stamped(10_000);
      const cache = new ResultCache(dir, context);
      const [size, mtime, ctime, ino, dev] = stamp.key.split(":");
      for (const key of [`${Number(size) + 1}:${mtime}:${ctime}:${ino}:${dev}`, `${size}:${mtime}1:${ctime}:${ino}:${dev}`, `${size}:${mtime}:${ctime}1:${ino}:${dev}`, `${size}:${mtime}:${ctime}:${ino}1:${dev}`, `${size}:${mtime}:${ctime}:${ino}:${dev}1`]) {
        expect(cache.knownHash("a.md", { ...stamp, key })).toBeNull();
      }
      expect(cache.knownHash("b.md", stamp)).toBeNull();
    });

    it("an edit changes its stamp, even with its modification time put back", async () => {
      const { file, stamp } = stamped(10_000);
      const { utimesSync, statSync } = await import("node:fs");
      const before = statSync(file);
      await new Promise((r) => setTimeout(r, 20));
      writeFileSync(file, new TextEncoder().encode("---\nid: B\n---\n"));
      utimesSync(file, before.atime, before.mtime);
      expect(stampOf(file)!.key).not.toBe(stamp.key);
    });

    it("a stamp seen anew when a result is reused is kept for the next run", () => {
      saved();
      const file = join(dir, "a.md");
      writeFileSync(file, bytes);
      const stamp = stampOf(file)!;
      expect(new ResultCache(dir, context).knownHash("a.md", stamp)).toBeNull();
      const cache = new ResultCache(dir, context);
      cache.keep("a.md", contentHash(bytes), null, { t: stamp.key, c: stamp.changedMs + 10_000 });
      expect(cache.commit()).toBe(true);
      expect(new ResultCache(dir, context).knownHash("a.md", stamp)).toBe(contentHash(bytes));
    });

    it("has no stamp when it is not a regular file or is gone", () => {
      expect(stampOf(dir)).toBeNull();
      expect(stampOf(join(dir, "missing.md"))).toBeNull();
    });
  });
});
