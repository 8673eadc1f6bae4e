/**
 * Runs batch tasks over worker threads and hands results back in input order, as soon as each
 * is next in line. At most `window` tasks are in flight or waiting to be emitted, so memory
 * stays flat however many records there are.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { distDir } from "./here.js";
import { runTask, type BatchResult, type BatchSettings } from "./batch-task.js";

/**
 * Records per core below which one thread is faster than several: each worker starts cold and
 * spends its first thousand or so records warming up (measured: 2,000 seed-sized records take
 * 4.0 s in one thread and 4.6 s in two workers; 10,000 take 16.8 s and 12.5 s).
 */
const RECORDS_PER_WORKER = 1500;

/** Threads for a batch: what `--jobs` says, else the cores when the batch is big enough for them. */
export function jobsFor(requested: number | undefined, records: number): number {
  if (requested !== undefined) return requested;
  const cores = Math.max(1, availableParallelism());
  return records < RECORDS_PER_WORKER * cores ? 1 : cores;
}

export async function* runInOrder(
  files: readonly (string | Uint8Array)[],
  settings: BatchSettings,
  jobs: number,
): AsyncGenerator<BatchResult> {
  if (jobs <= 1 || files.length < 2) {
    for (let i = 0; i < files.length; i++) yield runTask(i, files[i]!, settings);
    return;
  }
  const url = join(distDir(), "worker.js");
  const workers = Array.from({ length: Math.min(jobs, files.length) }, () => new Worker(url, { workerData: settings }));
  const window = workers.length * 32;
  const done = new Map<number, BatchResult>();
  let next = 0; // next index to hand out
  let emit = 0; // next index to yield
  let wake: (() => void) | null = null;
  let failure: Error | null = null;

  const feed = (w: Worker) => {
    if (next < files.length && next - emit < window) {
      w.postMessage({ index: next, file: files[next] });
      next++;
      return true;
    }
    return false;
  };
  const idle: Worker[] = [];
  for (const w of workers) {
    w.on("message", (r: BatchResult) => {
      done.set(r.index, r);
      if (!feed(w)) idle.push(w);
      wake?.();
    });
    w.on("error", (e) => {
      failure = e;
      wake?.();
    });
    for (let k = 0; k < 2; k++) if (!feed(w)) idle.push(w);
  }
  try {
    while (emit < files.length) {
      const ready = done.get(emit);
      if (ready) {
        done.delete(emit);
        emit++;
        while (idle.length > 0 && feed(idle[idle.length - 1]!)) idle.pop();
        yield ready;
        continue;
      }
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
