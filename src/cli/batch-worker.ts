/** Worker thread of a batch: takes tasks several to a message, answers with their BatchResults in one. */
import { parentPort, workerData } from "node:worker_threads";
import { runTask, type BatchSettings } from "./batch-task.js";

interface Task {
  index: number;
  file: string | Uint8Array;
  bytes?: Uint8Array;
  hash?: string;
}

const settings = workerData as BatchSettings;
parentPort!.on("message", (tasks: Task[]) => {
  const results = tasks.map((task) => {
    const result = runTask(task.index, task.file, settings, task.bytes);
    if (task.hash) result.hash = task.hash;
    return result;
  });
  // The reports' bytes are handed over, not copied.
  parentPort!.postMessage(results, results.flatMap((r) => (r.report ? [r.report.buffer as ArrayBuffer] : [])));
});
