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

/** Below this many records, starting worker threads costs more than it saves. */
export const IN_PROCESS_BELOW = 48;

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export async function* runInOrder(
  files: readonly string[],
  settings: BatchSettings,
  jobs: number,
): AsyncGenerator<BatchResult> {
  if (jobs <= 1 || files.length < IN_PROCESS_BELOW) {
    for (let i = 0; i < files.length; i++) yield await runTask(i, files[i]!, settings);
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
