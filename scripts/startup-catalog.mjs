// What the price catalog costs at start-up: `compare` without a catalog option, with one
// (`--baseline provider:model`), and a bare `node -e 0`, run alternately; medians of wall time and
// of the process's own CPU time (steadier on a shared machine). Usage:
//   node scripts/startup-catalog.mjs [RECORD] [--runs N]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 20;
const record = args[0] ?? "examples/qwen-replaces-llama.md";
const dir = mkdtempSync(join(tmpdir(), "migrate-eval-startup-"));
const cpu = join(dir, "cpu.cjs");
writeFileSync(cpu, 'process.on("exit", () => { const u = process.cpuUsage(); require("fs").writeSync(2, `\\nCPU ${(u.user + u.system) / 1000}\\n`); });\n');

const cases = {
  "node -e 0": ["-e", "0"],
  "compare --format json": ["bin/migrate-eval.js", "compare", record, "--format", "json"],
  "compare --baseline openai:gpt-4o-mini --format json": ["bin/migrate-eval.js", "compare", record, "--baseline", "openai:gpt-4o-mini", "--format", "json"],
};
const wall = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
const own = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  const order = i % 2 ? Object.entries(cases).reverse() : Object.entries(cases);
  for (const [name, argv] of order) {
    const started = performance.now();
    const r = spawnSync(process.execPath, ["-r", cpu, ...argv], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    wall[name].push(performance.now() - started);
    own[name].push(Number(/CPU ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN));
  }
}
rmSync(dir, { recursive: true, force: true });
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`node ${process.version}; ${runs} alternating runs each on ${record}; medians`);
for (const name of Object.keys(cases)) console.log(`${name}: ${median(wall[name]).toFixed(0)} ms wall, ${median(own[name]).toFixed(0)} ms CPU`);
