// Start-up of the CLI against a bare `node -e 0`: compare --format json, compare (table),
// --version and show, run alternately with the bare node (the machine's speed drifts over
// minutes, and load on it then hits every command alike); medians of wall time and of the
// process's own CPU time (user + system, steadier on a shared machine). `--against DIR` runs
// another checkout's built CLI in the same rounds, to compare a change with what it changes.
//   node scripts/startup.mjs [RECORD] [--runs N] [--against ../other-checkout]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args.splice(at, 2)[1];
};
const runs = Number(option("runs", 21));
const against = option("against", null);
const record = args[0] ?? join(root, "examples/qwen-replaces-llama.md");
const dir = mkdtempSync(join(tmpdir(), "migrate-eval-startup-"));
const cpu = join(dir, "cpu.cjs");
writeFileSync(cpu, 'process.on("exit", () => { const u = process.cpuUsage(); require("fs").writeSync(2, `\\nCPU ${(u.user + u.system) / 1000}\\n`); });\n');

const commands = (bin) => ({
  "compare --format json": [bin, "compare", record, "--format", "json"],
  "compare (table)": [bin, "compare", record],
  "--version": [bin, "--version"],
  show: [bin, "show", record],
});
const cases = { "node -e 0": ["-e", "0"] };
for (const [name, argv] of Object.entries(commands(join(root, "bin/migrate-eval.js")))) cases[name] = argv;
if (against) for (const [name, argv] of Object.entries(commands(join(against, "bin/migrate-eval.js")))) cases[`${name} (${against})`] = argv;

const wall = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
const own = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const loadBefore = load();
for (let i = -1; i < runs; i++) {
  // The first round warms the file cache and is not counted.
  const order = i % 2 ? Object.entries(cases).reverse() : Object.entries(cases);
  for (const [name, argv] of order) {
    const started = performance.now();
    const r = spawnSync(process.execPath, ["-r", cpu, ...argv], { encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: "1" } });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${name} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    if (i < 0) continue;
    wall[name].push(performance.now() - started);
    own[name].push(Number(/CPU ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN));
  }
}
rmSync(dir, { recursive: true, force: true });
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const bare = median(wall["node -e 0"]);
console.log(`${cpus().length} cores, node ${process.version}; ${runs} alternating runs each on ${record} (${readFileSync(record).length} bytes); medians; load average ${loadBefore} before, ${load()} after`);
for (const name of Object.keys(cases)) {
  const ms = median(wall[name]);
  console.log(`${name}: ${ms.toFixed(0)} ms wall (${(ms / bare).toFixed(2)}x), ${median(own[name]).toFixed(0)} ms CPU`);
}
