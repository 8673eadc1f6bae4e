/**
 * loadRecord: reads one record from disk with its size checked before the file is read whole,
 * then parses it. Errors come back as values with the file's path.
 */
import { Buffer, isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
import { errnoReason } from "./errno.js";
import { finding, type Finding } from "./findings.js";
import { MAX_RECORD_BYTES, parseRecord, type LoadResult, type ParseOptions } from "./parse.js";
import { cleanPath } from "./quantity/text.js";


function failed(file: string, f: Finding): LoadResult {
  return { ok: false, errors: [{ ...f, file: cleanPath(file) }] };
}


/** Decodes file bytes: refuses binary content and invalid UTF-8. */
export function decodeRecord(bytes: Uint8Array, file: string): string | LoadResult {
  if (bytes.length === 0) return failed(file, finding("file-empty"));
  if (bytes.subarray(0, 8192).includes(0)) return failed(file, finding("file-binary"));
  if (!isUtf8(bytes)) return failed(file, finding("invalid-utf8"));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8");
}

/**
 * Reads a regular file of at most `maxBytes`: checked before it is opened (a named pipe would wait
 * for a writer forever), opened once without blocking, its size checked before it is read whole,
 * and read with one byte to spare so that a file that grows while it is read is caught. Records and
 * policies are both read this way. With `scratch`, a file that fits is read into it (the bytes
 * returned are then valid until the next read into it).
 */
export function readBoundedSync(path0: string | Uint8Array, maxBytes: number, scratch?: Buffer): Buffer | Finding {
  // Bytes from a worker arrive as a plain Uint8Array; fs takes them as a Buffer.
  const path = typeof path0 === "string" ? path0 : Buffer.from(path0.buffer, path0.byteOffset, path0.byteLength);
  let fd: number;
  try {
    const info = statSync(path);
    if (!info.isFile()) return finding("file-unreadable", { reason: info.isDirectory() ? "is a directory" : "not a regular file" });
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return finding("file-unreadable", { reason: errnoReason(e) });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return finding("file-unreadable", { reason: "not a regular file" });
    if (stat.size > maxBytes) return finding("file-too-large", { size: stat.size, limit: maxBytes });
    const buffer = scratch && scratch.length > stat.size ? scratch.subarray(0, stat.size + 1) : Buffer.allocUnsafe(stat.size + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) return finding("file-too-large", { size: length, limit: maxBytes });
    if (length > stat.size) return finding("file-unreadable", { reason: "the file grew while it was read" });
    return buffer.subarray(0, length);
  } catch (e) {
    return finding("file-unreadable", { reason: errnoReason(e) });
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads and parses one record. Reading is synchronous — a record is small, and in a batch worker
 * an asynchronous read costs more in event-loop round trips than the read itself.
 */
export function loadRecordSync(path: string | Uint8Array, maxBytes = MAX_RECORD_BYTES, options: ParseOptions = {}): LoadResult {
  // A name that is not UTF-8 is read by its bytes and shown with U+FFFD where they are not text.
  const name = typeof path === "string" ? path : Buffer.from(path).toString("utf8");
  const bytes = readBoundedSync(path, maxBytes);
  if (!Buffer.isBuffer(bytes)) return failed(name, bytes);
  return parseRecordBytes(bytes, name, options);
}

/** A record's bytes, already read with the limits a file has, decoded and parsed. */
export function parseRecordBytes(bytes: Uint8Array, name: string, options: ParseOptions = {}): LoadResult {
  const text = decodeRecord(bytes, name);
  return typeof text === "string" ? parseRecord(text, name, options) : text;
}

/** loadRecordSync behind a promise, for callers that await. */
export async function loadRecord(path: string | Uint8Array, maxBytes = MAX_RECORD_BYTES, options: ParseOptions = {}): Promise<LoadResult> {
  return loadRecordSync(path, maxBytes, options);
}

/**
 * A record from standard input (`-`), with the limits a file has: read up to one byte past the
 * size limit, decoded as UTF-8, named `<stdin>` in every message.
 */
export function loadStdinSync(maxBytes = MAX_RECORD_BYTES, options: ParseOptions = {}, fd = 0): LoadResult {
  const name = "<stdin>";
  const chunks: Buffer[] = [];
  let length = 0;
  const chunk = Buffer.allocUnsafe(65_536);
  try {
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        // A non-blocking stdin with nothing yet: wait for it rather than read a short record.
        if ((e as NodeJS.ErrnoException).code === "EAGAIN") {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        if ((e as NodeJS.ErrnoException).code === "EOF") break;
        throw e;
      }
      if (n === 0) break;
      length += n;
      if (length > maxBytes) return failed(name, finding("file-too-large", { size: length, limit: maxBytes }));
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
  } catch (e) {
    return failed(name, finding("file-unreadable", { reason: errnoReason(e) }));
  }
  const text = decodeRecord(Buffer.concat(chunks, length), name);
  return typeof text === "string" ? parseRecord(text, name, options) : text;
}

