/**
 * Runs batch tasks over worker threads and hands results back in input order, as soon as each
 * is next in line. At most 32 tasks a thread are in flight or waiting to be emitted, and their
 * bytes are bounded too, so memory stays flat however many records there are and however large.
 * Tasks go to a thread several to a message and come back the same way: a message costs more
 * than a small record's bytes.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { distDir } from "./here.js";
import { runTask, type BatchResult, type BatchSettings } from "./batch-task.js";
import { collectGarbage } from "./heap.js";

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
/**
 * Report bytes handed over by the threads after which this thread collects its garbage: bytes
 * written out are garbage, which V8 frees late (filling the cache with 10,000 bench records:
 * peak RSS 222–235 MB without, 218–219 MB with, three alternating runs each).
 */
const COLLECT_AFTER_BYTES = 16 * 1024 * 1024;

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
/**
 * The young generation of each thread's heap: V8's default (it measures as 32 MB does) costs 30 MB of peak memory
 * over 10,000 records for no speed (measured: 14.4–14.7 s and 282–286 MB at 32; 14.4–14.6 s and
 * 254–257 MB at 16; 16.0–16.5 s at 8).
 */
const YOUNG_GENERATION_MB = 16;

/** Tasks a thread is given in one message, and answers in one. */
const CHUNK = 8;

interface Task {
  index: number;
  /** The record's bytes and hash, when the cache has read them (a copy the task owns). */
  bytes?: Uint8Array;
  hash?: string;
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

/**
 * What is known of a task before a thread runs it: its result already (from the cache), or the
 * record's bytes and their hash (read to look it up), or nothing.
 */
export type Prepared = { result: BatchResult } | { bytes: Uint8Array; hash: string } | null;
type Prepare = (index: number, file: string | Uint8Array) => Prepared;

/** `idle` is called whenever the next result is not ready yet and the batch waits for it. */
export async function* runInOrder(files: readonly (string | Uint8Array)[], settings: BatchSettings, jobs: number, prepare: Prepare = () => null, idle: () => void = () => {}): AsyncGenerator<BatchResult> {
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
  const pool = new Pool(files, settings, Math.min(jobs, files.length), prepare, idle);
  try {
    yield* pool.results();
  } finally {
    await pool.close();
  }
}

class Pool {
  private readonly done = new Map<number, BatchResult>();
  private next = 0; // next index to hand out
  private emit = 0; // next index to yield
  private readonly window: number;
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private readonly workers: Worker[] = [];
  /** Free places on the threads: two each, so that none waits between messages. */
  private readonly free: Worker[] = [];
  /** Bytes of the records the threads are reading, and of reports waiting their turn. */
  private inFlight = 0;
  private waiting = 0;
  private readonly sizes = new Map<number, number>();
  /** Report bytes received since this thread last collected its garbage. */
  private received = 0;
  /** A task held back until the records being read leave room for it. */
  private held: Task | null = null;

  constructor(
    private readonly files: readonly (string | Uint8Array)[],
    private readonly settings: BatchSettings,
    private readonly threads: number,
    private readonly prepare: Prepare,
    private readonly idle: () => void,
  ) {
    this.window = threads * 32;
  }

  async *results(): AsyncGenerator<BatchResult> {
    this.fill();
    while (this.emit < this.files.length) {
      const ready = this.done.get(this.emit);
      if (ready) {
        this.done.delete(this.emit);
        this.waiting -= ready.report?.length ?? 0;
        this.emit++;
        this.fill();
        yield ready;
        continue;
      }
      if (this.failure) throw this.failure;
      this.idle();
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  close(): Promise<unknown> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }

  private keep(r: BatchResult): void {
    this.done.set(r.index, r);
    this.waiting += r.report?.length ?? 0;
  }

  /** The next task that needs a thread, keeping results already known on the way. */
  private nextTask(): Task | null {
    if (this.held) {
      const task = this.held;
      this.held = null;
      return task;
    }
    while (this.next < this.files.length && this.next - this.emit < this.window && this.waiting < MAX_BYTES_WAITING) {
      const index = this.next++;
      const p = this.prepare(index, this.files[index]!);
      if (p && "result" in p) this.keep(p.result);
      // The bytes read may be in a buffer that the next read reuses: the task keeps a copy.
      else if (p) return { index, bytes: new Uint8Array(p.bytes), hash: p.hash, size: p.bytes.length };
      else return { index, size: sizeOf(this.files[index]!) };
    }
    return null;
  }

  /** Whether a task may be read beside those in flight (and those taken for this message). */
  private fits(task: Task, taken: number): boolean {
    return (this.sizes.size === 0 && taken === 0) || this.inFlight + taken + task.size <= MAX_BYTES_IN_FLIGHT;
  }

  /** Hands tasks to free threads, up to CHUNK a message; large records go alone, to the first thread. */
  private fill(): void {
    while (this.workers.length === 0 || this.free.length > 0) {
      const chunk: Task[] = [];
      let taken = 0;
      while (chunk.length < CHUNK) {
        const task = this.nextTask();
        if (!task) break;
        const large = task.size >= LARGE_RECORD;
        if (!this.fits(task, taken) || (large && chunk.length > 0)) {
          this.held = task;
          break;
        }
        chunk.push(task);
        taken += task.size;
        if (large) break;
      }
      if (chunk.length === 0) return;
      if (this.workers.length === 0) this.start();
      const slot = chunk[0]!.size >= LARGE_RECORD ? this.free.lastIndexOf(this.workers[0]!) : this.free.length - 1;
      if (slot === -1) {
        this.held = chunk[0]!;
        return;
      }
      this.post(this.free.splice(slot, 1)[0]!, chunk);
      if (this.held) return;
    }
  }

  private post(w: Worker, chunk: Task[]): void {
    for (const t of chunk) {
      this.inFlight += t.size;
      this.sizes.set(t.index, t.size);
    }
    const tasks = chunk.map((t) => ({ index: t.index, file: this.files[t.index], bytes: t.bytes, hash: t.hash }));
    w.postMessage(tasks, chunk.flatMap((t) => (t.bytes ? [t.bytes.buffer as ArrayBuffer] : [])));
  }

  /** Threads start when the first task needs one: a batch answered from the cache starts none. */
  private start(): void {
    const url = join(distDir(), "worker.js");
    for (let k = 0; k < this.threads; k++) {
      const w = new Worker(url, { workerData: this.settings, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      this.workers.push(w);
      w.on("message", (results: BatchResult[]) => {
        for (const r of results) {
          this.inFlight -= this.sizes.get(r.index) ?? 0;
          this.sizes.delete(r.index);
          this.received += r.report?.length ?? 0;
          this.keep(r);
        }
        if (this.received > COLLECT_AFTER_BYTES) {
          this.received = 0;
          collectGarbage();
        }
        this.free.push(w);
        this.fill();
        this.wake?.();
      });
      w.on("error", (e) => {
        this.failure = e;
        this.wake?.();
      });
      this.free.push(w, w);
    }
  }
}
