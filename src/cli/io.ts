/** The only place that touches the process's streams and decides on colour. */
import { openSync, writeSync } from "node:fs";
import { cleanPath } from "../record/quantity/text.js";
import { plainStyle, type Style } from "../report/style.js";

/** `--output FILE`: the report goes to this file instead of stdout. */
let outputFd: number | null = null;

export function setOutput(file: string): void {
  try {
    outputFd = openSync(file, "w");
  } catch (e) {
    err(`migrate-eval: cannot write ${cleanPath(file)}: ${(e as NodeJS.ErrnoException).code ?? "error"}`);
    process.exit(2);
  }
}

export function colorEnabled(flag: boolean, stream: NodeJS.WriteStream = process.stdout, env = process.env): boolean {
  if (!flag) return false;
  // A file is not a terminal, whatever stdout is.
  if (outputFd !== null && (env.FORCE_COLOR === undefined || env.FORCE_COLOR === "0")) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return Boolean(stream.isTTY) && env.TERM !== "dumb";
}

/** chalk is loaded only when colour is on: a piped or CI run does not pay for it. */
export async function makeStyle(enabled: boolean): Promise<Style> {
  const width = tableWidth();
  if (!enabled) return { ...plainStyle, width };
  const { Chalk } = await import("chalk");
  const c = new Chalk({ level: 1 });
  return { bold: c.bold, dim: c.dim, good: c.green, bad: c.red, warn: c.yellow, width };
}

/** Whether the report goes to a terminal (not a pipe, not `--output FILE`): charts drawn in text are for one. */
export function isTerminal(stream: NodeJS.WriteStream = process.stdout, env = process.env): boolean {
  return outputFd === null && Boolean(stream.isTTY) && env.TERM !== "dumb";
}

/** Tables fit the terminal; piped, or where the terminal does not say, 100 columns. */
export function tableWidth(stream: NodeJS.WriteStream = process.stdout): number {
  return outputFd === null && stream.isTTY && stream.columns > 0 ? Math.max(40, stream.columns) : 100;
}

let pipeClosed = false;
let stderrClosed = false;

/**
 * Output that cannot be written — a full disk (`> /dev/full`), a closed or broken descriptor — is
 * not a verdict: one line on stderr and exit 2, never a stack trace or the gate's exit 1.
 */
function cannotWrite(e: NodeJS.ErrnoException): never {
  pipeClosed = true;
  err(`migrate-eval: cannot write the output: ${e.code ?? "error"}${e.code === "ENOSPC" ? " (no space left on device)" : ""}`);
  process.exit(2);
}

/** A reader closed our stdout (`… | head -1`): stop quietly, as Unix tools do. */
function onStdoutError(e: NodeJS.ErrnoException): void {
  if (e.code === "EPIPE") {
    pipeClosed = true;
    process.exit(process.exitCode ?? 0);
  }
  cannotWrite(e);
}
process.stdout.on("error", onStdoutError);

/**
 * Standard error, watched from its first use: a reader of stderr that goes away costs the
 * warnings, never the reports on stdout. Not at load: made for a pipe, the stream loads Node's
 * socket modules, some 2 ms of a run that may never write a warning.
 */
export function stderr(): NodeJS.WriteStream {
  if (!stderrWatched) {
    stderrWatched = true;
    process.stderr.on("error", () => {
      stderrClosed = true;
    });
  }
  return process.stderr;
}
let stderrWatched = false;

/** How long a stopped run waits for stdout to take what it was given before it exits anyway. */
const DRAIN_ON_STOP_MS = 2000;

// Stopped by a signal: what has been handed to stdout is whole lines (lines held for the next
// write are whole too, and are handed over first), so the run exits once stdout has taken it —
// a pipe that is full takes a large write in pieces — and the output ends on a whole line.
// Nothing more is written.
for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130]] as const) {
  process.on(signal, () => {
    if (pipeClosed) return;
    flushOut();
    pipeClosed = true;
    if (outputFd !== null || process.stdout.writableLength === 0) process.exit(code);
    const stop = () => process.exit(code);
    // An empty write is called back once every write before it is done.
    process.stdout.write("", stop);
    setTimeout(stop, DRAIN_ON_STOP_MS).unref();
  });
}

/** Whole lines waiting to be written together: a batch writes about this much at a time, not a write a line. */
const WRITE_BYTES = 64 * 1024;
/** Nor are lines held past the next output this long (ms) after them: a slow batch still shows its reports soon. */
const WRITE_WITHIN_MS = 100;
let held: Uint8Array[] = [];
let heldBytes = 0;
let heldSince = 0;

/**
 * Output to be written with what follows it: the parts are held (together, so a write never
 * ends inside them) until they come to WRITE_BYTES or have waited WRITE_WITHIN_MS, any other
 * output is written, or `flushOut`.
 * False, like `out`, when stdout wants the writer to wait.
 */
export function outLater(...parts: Array<string | Uint8Array>): boolean {
  if (heldBytes === 0) heldSince = performance.now();
  for (const part of parts) {
    const bytes = typeof part === "string" ? Buffer.from(part) : part;
    held.push(bytes);
    heldBytes += bytes.length;
  }
  return heldBytes >= WRITE_BYTES || performance.now() - heldSince > WRITE_WITHIN_MS ? flushOut() : true;
}

/** Writes what `outLater` holds. */
export function flushOut(): boolean {
  if (heldBytes === 0) return true;
  const bytes = held.length === 1 ? held[0]! : Buffer.concat(held, heldBytes);
  held = [];
  heldBytes = 0;
  return write(bytes);
}

export function out(text: string | Uint8Array): boolean {
  if (heldBytes > 0 && !flushOut()) {
    write(text);
    return false;
  }
  return write(text);
}

function write(text: string | Uint8Array): boolean {
  if (pipeClosed) return false;
  if (outputFd !== null) {
    try {
      if (typeof text === "string") writeSync(outputFd, text);
      else writeSync(outputFd, text);
    } catch (e) {
      cannotWrite(e as NodeJS.ErrnoException);
    }
    return true;
  }
  try {
    return process.stdout.write(text);
  } catch (e) {
    // A file or device is written synchronously: its error is thrown here, not emitted.
    onStdoutError(e as NodeJS.ErrnoException);
    return false;
  }
}

export function err(text: string): void {
  // What stdout holds was made before this: written first, for a reader of both in one place.
  flushOut();
  if (stderrClosed) return;
  try {
    stderr().write(text.endsWith("\n") ? text : `${text}\n`);
  } catch {
    stderrClosed = true;
  }
}

/** Resolves when stdout can take more: a batch waits instead of buffering without bound. */
export function drained(): Promise<void> {
  return new Promise((resolve) => process.stdout.once("drain", () => resolve()));
}
