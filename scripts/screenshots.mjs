/**
 * Regenerates the README's screenshots of the HTML report: one PNG per fixture under
 * docs/screenshots/, from the built CLI (`npm run build` first) and headless Chromium.
 *   node scripts/screenshots.mjs
 * Japanese records need a CJK font for the browser (Debian: apt-get install fonts-noto-cjk).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HAS_CHROMIUM, CHROMIUM, openReport } from "./browser.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SEED = resolve(root, "../shared/seeds/000_d883105029fc529a.txt");
const FIXTURES = [
  ...(existsSync(SEED) ? [["seed", "../shared/seeds/000_d883105029fc529a.txt"]] : []),
  ["qwen-replaces-llama", "examples/qwen-replaces-llama.md"],
  ["capacity-steps", "fixtures/whatif/capacity-steps.md"],
  ["english-seed-style-cost-up", "fixtures/records/english-seed-style-cost-up.md"],
];

if (!HAS_CHROMIUM) {
  console.error(`screenshots: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`);
  process.exit(2);
}
const out = join(root, "docs/screenshots");
mkdirSync(out, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), "migrate-eval-shots-"));
for (const [name, file] of FIXTURES) {
  const r = spawnSync(process.execPath, [join(root, "bin/migrate-eval.js"), "compare", file, "--format", "html"], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  if (r.status !== 0) throw new Error(`compare ${file} --format html: exit ${r.status}\n${r.stderr}`);
  const html = join(tmp, `${name}.html`);
  writeFileSync(html, r.stdout);
  const png = join(out, `${name}.png`);
  const seen = await openReport(html, { png, height: 1700 });
  if (seen.problems.length || seen.requests.length) throw new Error(`${basename(file)}: ${[...seen.problems, ...seen.requests].join("; ")}`);
  console.log(`${png.slice(root.length + 1)}  (${seen.series.join(", ") || "no cost chart"})`);
}
