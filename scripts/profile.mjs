// `npm run bench -- --profile`: a CPU profile of a one-thread batch, and the share of its time
// by phase. The CLI is built unminified into a temporary folder so that every sampled frame can
// be traced to the source file it came from (esbuild marks each module with a `// path` line).
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Phases by the source a frame's code came from: the first prefix that matches wins. */
const PHASES = [
  ["frontmatter: flat reader, gray-matter, yaml, zod", ["node_modules/gray-matter", "node_modules/yaml", "node_modules/zod", "node_modules/section-matter", "node_modules/kind-of", "node_modules/strip-bom-string", "src/record/frontmatter", "src/record/flat-frontmatter", "src/record/yaml", "src/record/schema-issues"]],
  ["markdown blocks: line scanner, markdown-it, conversion", ["node_modules/markdown-it", "node_modules/mdurl", "node_modules/uc.micro", "node_modules/entities", "node_modules/linkify-it", "node_modules/punycode", "src/record/blocks", "src/record/block-scan"]],
  ["quantity grammar: scanner, numbers, units", ["src/record/quantity"]],
  ["readers: tables, lines, prose, labels, names", ["src/record/"]],
  ["evaluate: calculations and rules", ["src/calc", "src/rules", "src/evaluate"]],
  ["report rendering", ["src/report", "src/format"]],
  ["batch plumbing: paths, tasks, output", ["src/cli"]],
];
const SERIALISE = "serialise the report: JSON.stringify, UTF-8";
const FS = new Set(["read", "open", "close", "stat", "fstat", "lstat", "readdir", "writeString", "writeBuffer", "realpath", "access"]);

/** Source markers of a bundle: [line, path] in line order. */
function markers(file) {
  const lines = readFileSync(file, "utf8").split("\n");
  const found = [];
  lines.forEach((l, i) => {
    const m = /^\/\/ ((?:src|node_modules)\/\S+)$/.exec(l);
    if (m) found.push([i, m[1]]);
  });
  return found;
}

function sourceAt(marks, line) {
  let lo = 0;
  let hi = marks.length - 1;
  let best = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid][0] <= line) {
      best = marks[mid][1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

function phaseOf(frame, marks) {
  const { functionName: name, url, lineNumber } = frame;
  if (name === "(garbage collector)") return "garbage collection";
  if (name === "(program)" || name === "(idle)" || name === "(root)") return "V8 and idle";
  if (name === "encodeReport") return SERIALISE;
  if (url === "" && FS.has(name)) return "file system";
  // A built-in (a regular expression, String.prototype.split) counts for the code that called it.
  if (url === "") return null;
  if (url.startsWith("node:")) return /node:fs|node:internal\/fs/.test(url) ? "file system" : "Node: module loading, streams, workers";
  const bundle = marks.get(url);
  if (!bundle) return "other";
  const source = sourceAt(bundle, lineNumber);
  if (source === null) return "other";
  for (const [phase, prefixes] of PHASES) if (prefixes.some((p) => source.startsWith(p))) return phase;
  return `other (${source.replace(/^node_modules\//, "").split("/")[0]})`;
}

/**
 * `prebuilt`: a folder with an unminified cli.cjs and worker.js already built (another checkout's
 * dist/, built with --no-minify, to compare its phases with these).
 */
export function profileBatch(root, recordsDir, count, out, prebuilt = null) {
  const scratch = mkdtempSync(join(tmpdir(), "migrate-eval-profile-"));
  const build = prebuilt ?? scratch;
  try {
    if (!prebuilt) execFileSync(process.execPath, [join(root, "scripts/build.mjs"), "--outdir", build, "--no-minify"], { cwd: root, stdio: "inherit" });
    const profiles = join(scratch, "profiles");
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", profiles, join(build, "cli.cjs"), "batch", recordsDir, "--jobs", "1", "--format", "ndjson"], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 1 << 26 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`batch exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
    const file = readdirSync(profiles).find((f) => f.endsWith(".cpuprofile"));
    copyFileSync(join(profiles, file), out);
    const profile = JSON.parse(readFileSync(out, "utf8"));
    const marks = new Map();
    for (const name of ["cli.cjs", "worker.js"]) {
      const path = join(build, name);
      marks.set(`file://${path}`, markers(path));
      marks.set(path, markers(path));
    }
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parents = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
    const phases = new Map();
    const phaseOfNode = (id) => {
      if (phases.has(id)) return phases.get(id);
      const own = phaseOf(nodes.get(id).callFrame, marks);
      const parent = parents.get(id);
      const phase = own ?? (parent === undefined ? "built-ins" : phaseOfNode(parent));
      phases.set(id, phase);
      return phase;
    };
    const byPhase = new Map();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const dt = profile.timeDeltas[i] ?? 0;
      const phase = phaseOfNode(id);
      byPhase.set(phase, (byPhase.get(phase) ?? 0) + dt);
      total += dt;
    });
    console.log(`batch --jobs 1 over ${count} records: ${ms.toFixed(0)} ms wall, ${(total / 1000).toFixed(0)} ms sampled (${((ms / count) * 1000).toFixed(0)} µs a record)`);
    console.log(`CPU profile: ${out} (open it in Chrome DevTools or speedscope)`);
    console.log("share of the main thread's time by phase (self time of the code each sample was in):");
    for (const [phase, t] of [...byPhase].sort((a, b) => b[1] - a[1])) {
      console.log(`  ${((t / total) * 100).toFixed(1).padStart(5)} %  ${(t / count).toFixed(0).padStart(5)} µs/record  ${phase}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
