/**
 * The HTML report in a real browser: headless Chromium loads it from a file, with no page error,
 * console error or failed request, nothing fetched, and the SVG's series where they should be.
 * Skipped, and said so, where Chromium is not installed (`apt-get install chromium`).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script, shared with scripts/screenshots.mjs
import { CHROMIUM, HAS_CHROMIUM, openReport } from "../../scripts/browser.mjs";
import { run } from "../helpers.js";

interface Seen {
  ok: boolean; problems: string[]; requests: string[]; title: string; h1: string | null;
  series: string[]; crossovers: number; usage: number; tornadoBars: number; scripts: number; handlers: number; text: string;
}

if (!HAS_CHROMIUM) process.stdout.write(`migrate-eval tests: no Chromium at ${CHROMIUM as string}, so the HTML report's browser test is skipped\n`);

const dir = mkdtempSync(join(tmpdir(), "migrate-eval-html-"));

function htmlOf(record: string): string {
  const r = run(["compare", record, "--format", "html"]);
  expect(r.status).toBe(0);
  const file = join(dir, `${record.replace(/\W+/g, "-")}.html`);
  writeFileSync(file, r.stdout);
  return file;
}

describe.skipIf(!HAS_CHROMIUM)("the HTML report in headless Chromium", () => {
  it("loads without errors and draws the three cost lines, the crossings, the usage and the tornado", async () => {
    const seen = (await openReport(htmlOf("fixtures/whatif/capacity-steps.md"), { png: join(dir, "capacity.png") })) as Seen;
    expect(seen.problems).toEqual([]);
    expect(seen.requests).toEqual([]);
    expect(seen.ok).toBe(true);
    expect(seen.h1).toBe("HOLD: Model A → Model B");
    expect(seen.series).toEqual(["baseline", "candidate", "self_host"]);
    // The chart goes a third past 4B tokens (the usage is 4B, the fourth crossing 5B): 6.5B shows 3.333B, 4B, 5B, 5B.
    expect(seen.crossovers).toBe(4);
    expect(seen.usage).toBe(1);
    expect(seen.tornadoBars).toBeGreaterThan(0);
  }, 60_000);

  it("a record with markup in its names runs nothing and shows its names as text", async () => {
    const seen = (await openReport(htmlOf("fixtures/whatif/markup-in-names.md"), { colorScheme: "dark" })) as Seen;
    expect(seen.problems).toEqual([]);
    expect(seen.requests).toEqual([]);
    expect(seen.scripts).toBe(0);
    expect(seen.handlers).toBe(0);
    expect(seen.h1).toBe(`HOLD: Old</title><script>alert(3)</script> → New" onload="alert(4)`);
    expect(seen.text).toContain(`</svg><script>alert(1)</script><img src=x onerror=alert(2)>`);
    expect(seen.series).toEqual(["baseline", "candidate", "self_host"]);
  }, 60_000);
});
