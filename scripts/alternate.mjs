// Start-up measured in alternating rounds: each case (a Node command line) runs once a round,
// in an order reversed every other round, so drift in the machine's speed hits every case alike.
// Gives the median wall time and the median of the process's own CPU time (user + system,
// steadier on a shared machine) of each case.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** `cases`: name → Node arguments. `warm`: one round first that is not counted (the file cache). */
export function alternate(cases, runs, { warm = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "migrate-eval-startup-"));
  const cpu = join(dir, "cpu.cjs");
  writeFileSync(cpu, 'process.on("exit", () => { const u = process.cpuUsage(); require("fs").writeSync(2, `\\nCPU ${(u.user + u.system) / 1000}\\n`); });\n');
  const wall = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  const own = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  try {
    for (let i = warm ? -1 : 0; i < runs; i++) {
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return Object.fromEntries(Object.keys(cases).map((k) => [k, { wall: median(wall[k]), cpu: median(own[k]) }]));
}
