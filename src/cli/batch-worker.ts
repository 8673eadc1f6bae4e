/** Worker thread of a batch: takes tasks several to a message, answers with their BatchResults in one. */
import { getHeapSpaceStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { runTask, type BatchSettings } from "./batch-task.js";
import { collectGarbage } from "./heap.js";

interface Task {
  index: number;
  file: string | Uint8Array;
  bytes?: Uint8Array;
  hash?: string;
}

/**
 * A thread's heap after reading a record holds little (about 13 MB live), but V8 puts off full
 * collections while the old generation is far from its limit, so over thousands of records it
 * grows by megabytes a thousand. Once the old generation holds this much more than after the
 * thread's last full collection, it collects once after a message: a few milliseconds every
 * few thousand records, and memory flat in the number of records.
 */
const GROWTH_BYTES = 16 * 1024 * 1024;
const oldSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === "old_space")?.space_used_size ?? 0;
let settled = oldSpace();

const settings = workerData as BatchSettings;
parentPort!.on("message", (tasks: Task[]) => {
  const results = tasks.map((task) => {
    const result = runTask(task.index, task.file, settings, task.bytes);
    if (task.hash) result.hash = task.hash;
    return result;
  });
  // The reports' bytes are handed over, not copied.
  parentPort!.postMessage(results, results.flatMap((r) => (r.report ? [r.report.buffer as ArrayBuffer] : [])));
  if (oldSpace() > settled + GROWTH_BYTES) {
    collectGarbage();
    settled = oldSpace();
  }
});
