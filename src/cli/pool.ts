/**
 * Runs batch tasks over worker threads and hands results back in input order, as soon as each
 * is next in line. At most `window` tasks are in flight or waiting to be emitted, so memory
 * stays flat however many records there are.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { distDir } from "./here.js";
import { runTask, type BatchResult, type BatchSettings } from "./batch-task.js";

/**
 * Records per core below which one thread is faster than several: each worker starts cold and
 * spends its first thousand or so records warming up (measured: 2,000 seed-sized records take
 * 4.0 s in one thread and 4.6 s in two workers; 10,000 take 16.8 s and 12.5 s).
 */
const RECORDS_PER_WORKER = 1500;

/**
 * Bytes of records the threads may read at once, and of reports waiting for their turn to be
 * written: memory follows the size of the records, not only their number (reading a record costs
 * tens of times its size). One record is always let through, however large.
 */
const MAX_BYTES_IN_FLIGHT = 8 * 1024 * 1024;
/**
 * Records at least this large are all read by the first thread: a thread's memory, once grown for
 * a large record, is slow to shrink, so large records spread over every thread would cost that
 * memory once per thread.
 */
const LARGE_RECORD = 1024 * 1024;
const MAX_BYTES_WAITING = 64 * 1024 * 1024;

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
interface Task {
  index: number;
  p: Prepared;
  /** The record's size in bytes, as read or as its file says (0 when it cannot be told). */
  size: number;
}

function sizeOf(file: string | Uint8Array): number {
  try {
    return statSync(typeof file === "string" ? file : Buffer.from(file.buffer, file.byteOffset, file.byteLength)).size;
  } catch {
    return 0;
  }
}

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

  let inFlight = 0;
  let waiting = 0;
  const sizes = new Map<number, number>();
  /** A task held back until the records being read leave room for it. */
  let held: Task | null = null;
  const keep = (r: BatchResult) => {
    done.set(r.index, r);
    waiting += r.report?.length ?? 0;
  };

  /** The next task that needs a thread, keeping results already known on the way. */
  const nextTask = (): Task | null => {
    while (next < files.length && next - emit < window && waiting < MAX_BYTES_WAITING) {
      const index = next++;
      const p = prepare(index, files[index]!);
      if (p && "result" in p) keep(p.result);
      else return { index, p, size: p ? p.bytes.length : sizeOf(files[index]!) };
    }
    return null;
  };
  const post = (w: Worker, { index, p, size }: Task) => {
    inFlight += size;
    sizes.set(index, size);
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
        inFlight -= sizes.get(r.index) ?? 0;
        sizes.delete(r.index);
        keep(r);
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
      const task = held ?? nextTask();
      held = null;
      if (!task) return;
      if (sizes.size > 0 && inFlight + task.size > MAX_BYTES_IN_FLIGHT) {
        held = task;
        return;
      }
      if (workers.length === 0) start();
      const slot = task.size >= LARGE_RECORD ? free.lastIndexOf(workers[0]!) : free.length - 1;
      if (slot === -1) {
        held = task;
        return;
      }
      post(free.splice(slot, 1)[0]!, task);
    }
  }
  try {
    fill();
    while (emit < files.length) {
      const ready = done.get(emit);
      if (ready) {
        done.delete(emit);
        waiting -= ready.report?.length ?? 0;
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
