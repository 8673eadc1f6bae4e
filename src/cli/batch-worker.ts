/** Worker thread of a batch: takes file paths, answers with BatchResults. */
import { parentPort, workerData } from "node:worker_threads";
import { runTask, type BatchSettings } from "./batch-task.js";

const settings = workerData as BatchSettings;
parentPort!.on("message", (task: { index: number; file: string | Uint8Array }) => {
  const result = runTask(task.index, task.file, settings);
  // The report's bytes are handed over, not copied.
  parentPort!.postMessage(result, result.report ? [result.report.buffer as ArrayBuffer] : []);
});
