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

/**
 * What is known of a task before a thread runs it: its result already (from the cache), or the
 * record's bytes and their hash (read to look it up), or nothing.
 */
export type Prepared = { result: BatchResult } | { bytes: Uint8Array; hash: string } | null;

export async function* runInOrder(
  files: readonly (string | Uint8Array)[],
  settings: BatchSettings,
  jobs: number,
  prepare: (index: number, file: string | Uint8Array) => Prepared = () => null,
): AsyncGenerator<BatchResult> {
  if (jobs <= 1 || files.length < 2) {
    for (let i = 0; i < files.length; i++) {
      const p = prepare(i, files[i]!);
      if (p && "result" in p) {
        yield p.result;
        continue;
      }
      const r = runTask(i, files[i]!, settings, p?.bytes);
      if (p) r.hash = p.hash;
      yield r;
    }
    return;
  }
  const url = join(distDir(), "worker.js");
  const threads = Math.min(jobs, files.length);
  const window = threads * 32;
  const done = new Map<number, BatchResult>();
  let next = 0; // next index to hand out
  let emit = 0; // next index to yield
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const workers: Worker[] = [];
  /** Free places on the threads: two each, so that none waits between tasks. */
  const free: Worker[] = [];

  /** The next task that needs a thread, keeping results already known on the way. */
  const nextTask = (): { index: number; p: Prepared } | null => {
    while (next < files.length && next - emit < window) {
      const index = next++;
      const p = prepare(index, files[index]!);
      if (p && "result" in p) done.set(index, p.result);
      else return { index, p };
    }
    return null;
  };
  const post = (w: Worker, { index, p }: { index: number; p: Prepared }) => {
    // A copy of the bytes is handed over: a Buffer may share its memory with others.
    const bytes = p && "bytes" in p ? new Uint8Array(p.bytes) : undefined;
    w.postMessage({ index, file: files[index], bytes, hash: p && "hash" in p ? p.hash : undefined }, bytes ? [bytes.buffer] : []);
  };
  /** Threads start when the first task needs one: a batch answered from the cache starts none. */
  const start = () => {
    for (let k = 0; k < threads; k++) {
      const w = new Worker(url, { workerData: settings });
      workers.push(w);
      w.on("message", (r: BatchResult) => {
        done.set(r.index, r);
        free.push(w);
        fill();
        wake?.();
      });
      w.on("error", (e) => {
        failure = e;
        wake?.();
      });
      free.push(w, w);
    }
  };
  function fill(): void {
    while (workers.length === 0 || free.length > 0) {
      const task = nextTask();
      if (!task) return;
      if (workers.length === 0) start();
      post(free.pop()!, task);
    }
  }
  try {
    fill();
    while (emit < files.length) {
      const ready = done.get(emit);
      if (ready) {
        done.delete(emit);
        emit++;
        fill();
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
