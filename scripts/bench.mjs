// Benchmark: start-up of `compare` against a bare `node -e 0`, and `batch` over 1,000 and
// 10,000 seed-sized records (wall time, records per second, peak memory).
//
//   npm run bench                      # defaults
//   npm run bench -- --records 2000 --runs 9 --template path/to/record.md
//   npm run bench -- --start-record ../shared/seeds/000_d883105029fc529a.txt   # start-up on a given record
//   npm run bench -- --profile [--records N]   # a CPU profile of a one-thread batch (2,000 records), by phase
//   npm run bench -- --profile --prebuilt ../other/dist   # the same of another checkout, built with --no-minify
//
// Records are generated in a temporary folder from a template record (by default the bundled
// example), padded with extra sections to the size of a real record and given varied figures.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin/migrate-eval.js");
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const runs = Number(flag("runs", 15));
const profiling = args.includes("--profile");
const big = Number(flag("records", profiling ? 2000 : 10000));
const small = Math.min(1000, big);
const template = readFileSync(flag("template", join(root, "examples/qwen-replaces-llama.md")), "utf8");
const TARGET_BYTES = 14_700;

if (!existsSync(join(root, "dist/cli.cjs"))) {
  console.error("dist/cli.cjs is missing: run `npm run build` first");
  process.exit(2);
}

/** A record like the template, with figures varied by `i` and padded to a real record's size. */
function makeRecord(i) {
  const vary = (n, k) => (n * (1 + (((i * 7919 + k * 104729) % 41) - 20) / 200)).toFixed(1);
  let k = 0;
  let text = template
    .replace(/^id: .*$/m, `id: BENCH_${String(i).padStart(6, "0")}`)
    .replace(/(\d+\.\d+)%/g, (_, n) => `${Math.min(99, Number(vary(Number(n), k++)))}%`);
  const pad = [
    "",
    "## Appendix",
    "",
    "| Metric | Week 1 | Week 2 | Week 3 | Note |",
    "|--------|--------|--------|--------|------|",
  ];
  let row = 0;
  while (text.length + pad.join("\n").length < TARGET_BYTES) {
    row++;
    pad.push(`| **Check ${row}** | ${vary(70, row)}% | ${vary(72, row + 1)}% | ${vary(74, row + 2)}% | steady |`);
    if (row % 10 === 0) pad.push("", `- Observation ${row}: rollout ${row}% → ${row + 5}% of traffic`, `- Error rate: ${vary(0.8, row)}%`, "");
  }
  return `${text}\n${pad.join("\n")}\n`;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeOnce(cmd, cmdArgs) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, cmdArgs, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmdArgs.join(" ")} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Runs a command, polling its peak resident memory (VmHWM) from /proc while it runs. */
function measured(cmdArgs) {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(process.execPath, cmdArgs, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let peakKb = 0;
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // the process has just ended
      }
    }, 10);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(poll);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (code !== 0 && code !== 1) reject(new Error(`batch exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ ms, peakMb: peakKb / 1024 });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "migrate-eval-bench-"));
if (profiling) {
  try {
    const records = join(dir, "records");
    mkdirSync(records);
    for (let i = 0; i < big; i++) writeFileSync(join(records, `record-${String(i).padStart(6, "0")}.md`), makeRecord(i));
    const { profileBatch } = await import("./profile.mjs");
    profileBatch(root, records, big, join(process.cwd(), "migrate-eval-batch.cpuprofile"), flag("prebuilt", null));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}
try {
  const bigDir = join(dir, "big");
  const smallDir = join(dir, "small");
  mkdirSync(bigDir);
  mkdirSync(smallDir);
  for (let i = 0; i < big; i++) {
    const text = makeRecord(i);
    writeFileSync(join(bigDir, `record-${String(i).padStart(6, "0")}.md`), text);
    if (i < small) writeFileSync(join(smallDir, `record-${String(i).padStart(6, "0")}.md`), text);
  }
  const one = flag("start-record", join(bigDir, "record-000000.md"));
  const size = readFileSync(one).length;

  // Warm the file cache, then alternate the two commands so load on the machine hits both alike.
  timeOnce(process.execPath, ["-e", "0"]);
  timeOnce(process.execPath, [bin, "compare", one, "--format", "json"]);
  const bare = [];
  const compare = [];
  const compareTable = [];
  const show = [];
  for (let r = 0; r < runs; r++) {
    bare.push(timeOnce(process.execPath, ["-e", "0"]));
    compare.push(timeOnce(process.execPath, [bin, "compare", one, "--format", "json"]));
    compareTable.push(timeOnce(process.execPath, [bin, "compare", one]));
    show.push(timeOnce(process.execPath, [bin, "show", one]));
  }
  const bareMs = median(bare);
  const compareMs = median(compare);
  const tableMs = median(compareTable);

  // Both sizes with the same threads, one per core, so their memory compares like with like.
  const jobs = String(cpus().length);
  const smallRun = await measured([bin, "batch", smallDir, "--format", "ndjson", "--jobs", jobs]);
  const bigRun = await measured([bin, "batch", bigDir, "--format", "ndjson", "--jobs", jobs]);

  // The result cache: one run to fill it, then runs that reuse every result.
  const cacheDir = join(dir, "cache");
  const cached = (format) => [bin, "batch", bigDir, "--format", format, "--jobs", jobs, "--cache-location", cacheDir];
  const cold = await measured(cached("ndjson"));
  const warm = { table: [], ndjson: [] };
  for (let r = 0; r < 3; r++) for (const format of ["table", "ndjson"]) warm[format].push(await measured(cached(format)));
  const warmOf = (format) => ({ ms: median(warm[format].map((x) => x.ms)), peakMb: median(warm[format].map((x) => x.peakMb)) });

  const f = (n, d = 0) => n.toFixed(d);
  console.log(`machine: ${cpus().length} cores, node ${process.version}; start-up record ${one} (${size} bytes)`);
  console.log(`bare node -e 0: ${f(bareMs)} ms (median of ${runs})`);
  console.log(`compare --format json, cold start: ${f(compareMs)} ms; ratio ${f(compareMs / bareMs, 2)}x (goal <= 1.5x)`);
  console.log(`compare (table), cold start: ${f(tableMs)} ms; ratio ${f(tableMs / bareMs, 2)}x (goal <= 1.5x)`);
  console.log(`show, cold start: ${f(median(show))} ms; ratio ${f(median(show) / bareMs, 2)}x`);
  console.log(`batch --jobs ${jobs} ${small} records: ${f(smallRun.ms)} ms, ${f((small / smallRun.ms) * 1000)} records/s, peak RSS ${f(smallRun.peakMb)} MB`);
  console.log(`batch --jobs ${jobs} ${big} records: ${f(bigRun.ms)} ms, ${f((big / bigRun.ms) * 1000)} records/s, peak RSS ${f(bigRun.peakMb)} MB (goal for 10,000 records: <= 4000 ms, <= 200 MB, memory flat)`);

  console.log(`batch --cache ${big} records, filling the cache: ${f(cold.ms)} ms, peak RSS ${f(cold.peakMb)} MB`);
  for (const format of ["table", "ndjson"]) console.log(`batch --cache ${big} records, every result reused, --format ${format}: ${f(warmOf(format).ms)} ms, peak RSS ${f(warmOf(format).peakMb)} MB (median of 3; goal <= 500 ms)`);

  // Reading one record in process: a real-sized one, and two hostile ones of about 1 MB.
  const lib = await import(new URL("../dist/index.js", import.meta.url).href);
  const inProcess = (text, n) => {
    lib.parseRecord(text, "bench.md");
    const times = [];
    for (let r = 0; r < n; r++) {
      const t = process.hrtime.bigint();
      const loaded = lib.parseRecord(text, "bench.md");
      if (loaded.ok) lib.evaluate(loaded.record);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return median(times);
  };
  const fm = "---\nid: BENCH\ntitle: bench\nold_model: Llama 3.1 8B\nnew_model: Qwen2.5 14B\n---\n";
  const priceList = `${fm}## Pricing\n\n${Array.from({ length: 24_000 }, (_, i) => `- Model ${i}: $0.5/1M Input, $1.5/1M Output`).join("\n")}\n`;
  const modelTable = `${fm}| Model | MMLU |\n|---|---|\n${Array.from({ length: 5_000 }, (_, i) => `| Model ${i} | ${50 + (i % 40)}% |`).join("\n")}\n`;
  console.log(`parse + evaluate in process, one ${size}-byte record: ${f(inProcess(readFileSync(one, "utf8"), runs * 4), 2)} ms (median of ${runs * 4})`);
  console.log(`parse + evaluate in process, 24,000 price lines (${f(priceList.length / 1e6, 2)} MB): ${f(inProcess(priceList, 3))} ms (median of 3)`);
  console.log(`parse + evaluate in process, 5,000-row model table: ${f(inProcess(modelTable, 3))} ms (median of 3)`);
  // The table format against JSON on a record of 3,000 metric rows: drawing the table must be
  // linear in its rows, so the two differ by a small constant.
  const rowsRecord = join(dir, "metric-rows.md");
  writeFileSync(rowsRecord, `${fm}| Metric | Llama 3.1 8B | Qwen2.5 14B |\n|---|---|---|\n${Array.from({ length: 3_000 }, (_, i) => `| Custom metric ${i} | ${i % 90}% | ${(i + 3) % 90}% |`).join("\n")}\n`);
  const timed = (format) => median(Array.from({ length: 3 }, () => timeOnce(process.execPath, [bin, "compare", rowsRecord, "--format", format])));
  const rowsJson = timed("json");
  const rowsTable = timed("table");
  console.log(`compare on 3,000 metric rows: json ${f(rowsJson)} ms, table ${f(rowsTable)} ms (${f(rowsTable / rowsJson, 2)}x; median of 3)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
