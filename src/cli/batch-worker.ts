/** Worker thread of a batch: takes file paths, answers with BatchResults. */
import { parentPort, workerData } from "node:worker_threads";
import { runTask, type BatchSettings } from "./batch-task.js";

const settings = workerData as BatchSettings;
parentPort!.on("message", (task: { index: number; file: string | Uint8Array; bytes?: Uint8Array; hash?: string }) => {
  const result = runTask(task.index, task.file, settings, task.bytes);
  if (task.hash) result.hash = task.hash;
  // The report's bytes are handed over, not copied.
  parentPort!.postMessage(result, result.report ? [result.report.buffer as ArrayBuffer] : []);
});
