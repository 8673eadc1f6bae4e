/** Gathering a batch's files up front (paths only), and a progress line for long batches. */
import { formatError } from "../record/findings.js";
import { cleanPath } from "../record/quantity/text.js";
import { EXIT } from "./errors.js";
import { err, stderr } from "./io.js";
import { expandPaths, type RecordPath, type WalkOptions } from "./paths.js";

export interface Collected {
  files: RecordPath[];
  /** Entries that could not be read: each is a record the batch counts as not read. */
  errors: Array<{ file: string; line: number | null; message: string }>;
  /** Paths given that name nothing: mistakes in the command. */
  missing: Array<{ file: string; line: null; message: string }>;
}

export async function collectFiles(paths: readonly string[], o: WalkOptions = {}): Promise<Collected> {
  const files: RecordPath[] = [];
  const errors: Collected["errors"] = [];
  const missing: Collected["missing"] = [];
  const seen = new Set<string>();
  for await (const entry of expandPaths(paths, o)) {
    if ("error" in entry) errors.push(entry.error);
    else if ("missing" in entry) missing.push(entry.missing);
    else {
      // A name as bytes is keyed by its bytes (latin1 keeps one character per byte).
      const key = typeof entry.file === "string" ? entry.file : `\u0000${Buffer.from(entry.file).toString("latin1")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      files.push(entry.file);
    }
  }
  return { files, errors, missing };
}

/**
 * The records a batch or backtest runs on, with what could not be found said on stderr: null (and
 * exit 2) when the paths hold no record at all.
 */
export async function gather(paths: readonly string[], o: WalkOptions): Promise<Collected | null> {
  const found = await collectFiles(paths, o);
  for (const e of found.missing) err(formatError(e));
  if (found.files.length === 0 && found.errors.length === 0) {
    if (found.missing.length === 0) err(nothingFound(paths, o));
    process.exitCode = EXIT.cannotRun;
    return null;
  }
  for (const e of found.errors) err(formatError(e));
  return found;
}

/** What to say when the paths given hold no record at all. */
export function nothingFound(paths: readonly string[], o: WalkOptions = {}): string {
  const exts = ["md", ...(o.extensions ?? [])].map((e) => `*.${e.replace(/^\./, "")}`).join(", ");
  return `migrate-eval: no records found in ${paths.map((p) => cleanPath(p)).join(", ")} (folders are searched for ${exts}; --ext adds extensions)`;
}

const LONG_BATCH = 200;

/** A progress line on stderr, only on a terminal, never in CI, only for long batches. */
export function progress(total: number, streaming = false, stream: Pick<NodeJS.WriteStream, "isTTY" | "write"> = stderr(), env = process.env, stdout: Pick<NodeJS.WriteStream, "isTTY"> = process.stdout) {
  // Reports streamed to the same terminal would be written after an uncleared progress line.
  const on = Boolean(stream.isTTY) && !env.CI && total >= LONG_BATCH && !(streaming && stdout.isTTY);
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
