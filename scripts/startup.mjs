// Start-up of the CLI against a bare `node -e 0`: compare --format json, compare (table),
// --version and show, run alternately with the bare node (the machine's speed drifts over
// minutes, and load on it then hits every command alike); medians of wall time and of the
// process's own CPU time (user + system, steadier on a shared machine). `--against DIR` runs
// another checkout's built CLI in the same rounds, to compare a change with what it changes.
//   node scripts/startup.mjs [RECORD] [--runs N] [--against ../other-checkout]
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { alternate } from "./alternate.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args.splice(at, 2)[1];
};
const runs = Number(option("runs", 21));
const against = option("against", null);
const record = args[0] ?? join(root, "examples/qwen-replaces-llama.md");

const commands = (bin) => ({
  "compare --format json": [bin, "compare", record, "--format", "json"],
  "compare (table)": [bin, "compare", record],
  "--version": [bin, "--version"],
  show: [bin, "show", record],
});
const cases = { "node -e 0": ["-e", "0"] };
for (const [name, argv] of Object.entries(commands(join(root, "bin/migrate-eval.js")))) cases[name] = argv;
if (against) for (const [name, argv] of Object.entries(commands(join(against, "bin/migrate-eval.js")))) cases[`${name} (${against})`] = argv;

const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const loadBefore = load();
const times = alternate(cases, runs, { warm: true });
const bare = times["node -e 0"].wall;
console.log(`${cpus().length} cores, node ${process.version}; ${runs} alternating runs each on ${record} (${readFileSync(record).length} bytes); medians; load average ${loadBefore} before, ${load()} after`);
for (const name of Object.keys(cases)) {
  const { wall, cpu } = times[name];
  console.log(`${name}: ${wall.toFixed(0)} ms wall (${(wall / bare).toFixed(2)}x), ${cpu.toFixed(0)} ms CPU`);
}
