/** Gathering a batch's files up front (paths only), and a progress line for long batches. */
import { expandPaths, type RecordPath, type WalkOptions } from "./paths.js";

export async function collectFiles(paths: readonly string[], o: WalkOptions = {}) {
  const files: RecordPath[] = [];
  const errors: Array<{ file: string; line: number | null; message: string }> = [];
  const seen = new Set<string>();
  for await (const entry of expandPaths(paths, o)) {
    if ("error" in entry) errors.push(entry.error);
    else {
      // A name as bytes is keyed by its bytes (latin1 keeps one character per byte).
      const key = typeof entry.file === "string" ? entry.file : `\u0000${Buffer.from(entry.file).toString("latin1")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      files.push(entry.file);
    }
  }
  return { files, errors };
}

const LONG_BATCH = 200;

/** A progress line on stderr, only on a terminal, never in CI, only for long batches. */
export function progress(total: number, stream: NodeJS.WriteStream = process.stderr, env = process.env) {
  const on = Boolean(stream.isTTY) && !env.CI && total >= LONG_BATCH;
  let done = 0;
  let last = 0;
  const tick = () => {
    done++;
    const now = Date.now();
    if (on && (now - last > 100 || done === total)) {
      last = now;
      stream.write(`\r${done}/${total} records`);
    }
  };
  tick.done = () => {
    if (on) stream.write("\r\u001b[K");
  };
  return tick;
}
