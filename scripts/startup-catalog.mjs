// What the price catalog costs at start-up: `compare` without a catalog option, with one
// (`--baseline provider:model`), and a bare `node -e 0`, run alternately; medians of wall time and
// of the process's own CPU time (steadier on a shared machine). Usage:
//   node scripts/startup-catalog.mjs [RECORD] [--runs N]
import { alternate } from "./alternate.mjs";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 20;
const record = args[0] ?? "examples/qwen-replaces-llama.md";

const cases = {
  "node -e 0": ["-e", "0"],
  "compare --format json": ["bin/migrate-eval.js", "compare", record, "--format", "json"],
  "compare --baseline openai:gpt-4o-mini --format json": ["bin/migrate-eval.js", "compare", record, "--baseline", "openai:gpt-4o-mini", "--format", "json"],
};
const times = alternate(cases, runs);
console.log(`node ${process.version}; ${runs} alternating runs each on ${record}; medians`);
for (const [name, { wall, cpu }] of Object.entries(times)) console.log(`${name}: ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU`);
