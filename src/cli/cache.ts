/**
 * The batch result cache (`--cache`): a record's report is reused when the record's bytes, its
 * path, the policy, the options and the build of migrate-eval are all the same as when it was made.
 *
 * On disk, per context (a hash of policy, options and build): an index, one line per record
 * (path, content hash, where its report's bytes are, its row), and data files holding the report
 * bytes. Only the index is held in memory; report bytes are read when they are printed. A run
 * writes one new data file for the records it evaluated and, unless every result was reused as it
 * was, a new index, committed by renaming it into place: a run that stops half-way leaves the last
 * complete cache as it was.
 *
 * A record whose file is as it was when its bytes were last hashed — the same size, modification
 * and change times, inode and device — is known by that hash without reading it again, as git
 * knows its files from its index. A change time cannot be set back by a program, so an edit always
 * changes the stamp; a file changed in the seconds before it was hashed is hashed again each time
 * (a later edit within the file system's clock tick would leave its stamp as it was).
 *
 * The cache is trusted input: keep it out of version control (node_modules/ is, by convention).
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, utimesSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { BatchRow } from "../report/batch.js";
import { errnoReason } from "../record/errno.js";

/** What a cached result depends on besides the record: every input of the report. */
export interface CacheContext {
  /** migrate-eval's version and build. */
  tool: string;
  /** The policy as checked, in full. */
  policy: unknown;
  policySource: string;
  usage: unknown;
  fx: unknown;
  /** The price catalog's options and the day, when a batch uses the catalog. */
  prices?: unknown;
}

export interface CachedResult {
  row: BatchRow;
  seconds: number | undefined;
  /** The report's JSON bytes, when they were asked for. */
  report: Uint8Array | null;
}

interface Entry {
  /** Content hash of the record's bytes. */
  h: string;
  /** Data file, offset and length of the report's bytes. */
  f: string;
  o: number;
  n: number;
  r: BatchRow;
  s?: number;
  /** The file's stamp when its bytes were hashed, and when (ms since the epoch) they were read. */
  t?: string;
  c?: number;
}

/** A file's stamp, and the later of its modification and change times (ms since the epoch). */
export interface Stamp {
  key: string;
  changedMs: number;
}

/** What the cache keeps of a file besides its hash: its stamp and when its bytes were read. */
export interface Seen {
  t: string;
  c: number;
}

/** How recently before its bytes were read a file may have changed and still be known by its stamp. */
const SETTLED_MS = 3000;

/** The stamp of a regular file, or null (gone, not a file, not readable). */
export function stampOf(path: string | Buffer): Stamp | null {
  try {
    const s = statSync(path, { bigint: true, throwIfNoEntry: false });
    if (s === undefined || !s.isFile()) return null;
    const changed = s.mtimeNs > s.ctimeNs ? s.mtimeNs : s.ctimeNs;
    return { key: `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}:${s.dev}`, changedMs: Number(changed / 1_000_000n) };
  } catch {
    return null;
  }
}

const FORMAT = 1;
/** An index larger than this is not read: the batch starts a new cache. */
const MAX_INDEX_BYTES = 256 * 1024 * 1024;
/** Data files an index may point into before a run copies every reused report into its own. */
const MAX_DATA_FILES = 8;
/** Contexts kept in one cache folder; the least recently written go first. */
const MAX_CONTEXTS = 8;
const FLUSH_BYTES = 256 * 1024;
/** The most a data file is read ahead of the report asked for. */
const MAX_READ_AHEAD = 1024 * 1024;

export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("base64url");
}

function contextKey(context: CacheContext): string {
  const { tool, policy, policySource, usage, fx, prices } = context;
  return createHash("sha256").update(JSON.stringify([FORMAT, tool, policy, policySource, usage ?? null, fx ?? null, prices ?? null])).digest("hex").slice(0, 32);
}

const isRow = (r: unknown): r is BatchRow =>
  typeof r === "object" && r !== null && typeof (r as BatchRow).file === "string" && typeof (r as BatchRow).id === "string" && ((r as BatchRow).verdict === "MIGRATE" || (r as BatchRow).verdict === "HOLD");

function isEntry(e: unknown): e is Entry {
  const x = e as Entry;
  return typeof x === "object" && x !== null && typeof x.h === "string" && typeof x.f === "string" && /^[0-9a-f]{32}\.[0-9a-f]{16}\.data$/.test(x.f) && Number.isSafeInteger(x.o) && x.o >= 0 && Number.isSafeInteger(x.n) && x.n > 0 && isRow(x.r) &&
    (x.t === undefined || (typeof x.t === "string" && x.t.length <= 200 && Number.isSafeInteger(x.c)));
}

/** A buffered append-only file written with plain syscalls. */
class Appender {
  private chunks: Uint8Array[] = [];
  private pending = 0;
  size = 0;
  constructor(private readonly fd: number) {}
  write(bytes: Uint8Array): number {
    const at = this.size;
    this.chunks.push(bytes);
    this.pending += bytes.length;
    this.size += bytes.length;
    if (this.pending >= FLUSH_BYTES) this.flush();
    return at;
  }
  flush(): void {
    if (this.pending === 0) return;
    const all = Buffer.concat(this.chunks, this.pending);
    for (let off = 0; off < all.length; ) off += writeSync(this.fd, all, off);
    this.chunks = [];
    this.pending = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export class ResultCache {
  private readonly key: string;
  private readonly old = new Map<string, Entry>();
  private readonly fds = new Map<string, number>();
  private readonly dataName: string;
  private data: Appender | null = null;
  private readonly compact: boolean;
  private readonly tmp: string[] = [];
  /** Data files the index being written points into. */
  private readonly referenced = new Set<string>();
  hits = 0;
  misses = 0;

  /** Opens the cache in `dir` (made if need be) for one context; a cache it cannot read is started anew. */
  constructor(readonly dir: string, context: CacheContext) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.key = contextKey(context);
    this.dataName = `${this.key}.${randomBytes(8).toString("hex")}.data`;
    this.load();
    this.compact = new Set([...this.old.values()].map((e) => e.f)).size >= MAX_DATA_FILES;
  }

  private get indexPath(): string {
    return join(this.dir, `${this.key}.index`);
  }

  private load(): void {
    let text: string;
    try {
      if (statSync(this.indexPath).size > MAX_INDEX_BYTES) return;
      text = readFileSync(this.indexPath, "utf8");
    } catch {
      return;
    }
    const lines = text.split("\n");
    if (lines[0] !== JSON.stringify({ format: FORMAT, context: this.key })) return;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (line === "") continue;
      try {
        const [path, entry] = JSON.parse(line) as [unknown, unknown];
        if (typeof path === "string" && isEntry(entry)) this.old.set(path, entry);
      } catch {
        // A damaged line is a record evaluated again.
      }
    }
  }

  private fd(name: string): number {
    let fd = this.fds.get(name);
    if (fd === undefined) {
      fd = openSync(join(this.dir, name), "r");
      this.fds.set(name, fd);
    }
    return fd;
  }

  private readonly sizes = new Map<string, number>();

  /** A data file's size (0 when it is gone), asked of the file once. */
  private sizeOf(name: string): number {
    let size = this.sizes.get(name);
    if (size === undefined) {
      try {
        size = statSync(join(this.dir, name)).size;
      } catch {
        size = 0;
      }
      this.sizes.set(name, size);
    }
    return size;
  }

  /** The bytes of a data file read last, and where they start in it. */
  private ahead: { f: string; o: number; bytes: Buffer } | null = null;
  /** How many bytes the next read of a data file takes: more while reports are read in the order they were written. */
  private aheadSize = 0;

  /**
   * A report's bytes, as a view into the data file's bytes read around it. Results reused in the
   * order they were kept are read a large piece at a time; one here and there, alone.
   */
  private readAt(e: Entry): Uint8Array | null {
    try {
      let a = this.ahead;
      if (a === null || a.f !== e.f || e.o < a.o || e.o + e.n > a.o + a.bytes.length) {
        const next = a !== null && a.f === e.f && e.o === a.o + a.bytes.length;
        this.aheadSize = next ? Math.min(MAX_READ_AHEAD, Math.max(this.aheadSize * 2, 64 * 1024)) : 0;
        const size = Math.max(e.n, this.aheadSize);
        // A new buffer each time: views into the last one may still wait to be written.
        const bytes = Buffer.allocUnsafe(size);
        let got = 0;
        for (let n = -1; n !== 0 && got < size; got += n) n = readSync(this.fd(e.f), bytes, got, size - got, e.o + got);
        a = this.ahead = { f: e.f, o: e.o, bytes: bytes.subarray(0, got) };
      }
      const view = a.bytes.subarray(e.o - a.o, e.o - a.o + e.n);
      return view.length === e.n && view[0] === 0x7b && view[e.n - 1] === 0x7d ? view : null;
    } catch {
      return null;
    }
  }

  /**
   * The cached result for a record, when its path and bytes are what they were. The report's
   * bytes are read now when `withReport` (a report that is gone or damaged is made again), else
   * only the row is given and the bytes are checked to be there.
   */
  lookup(path: string, hash: string, withReport: boolean): CachedResult | null {
    const found = this.find(path, hash, withReport);
    if (found) this.hits++;
    else this.misses++;
    return found;
  }

  /**
   * The hash of a record's bytes without reading them, when its file's stamp is the one kept with
   * the hash and the file had settled before its bytes were read.
   */
  knownHash(path: string, stamp: Stamp): string | null {
    const e = this.old.get(path);
    if (!e || e.t !== stamp.key || e.c === undefined || stamp.changedMs > e.c - SETTLED_MS) return null;
    return e.h;
  }

  private find(path: string, hash: string, withReport: boolean): CachedResult | null {
    const e = this.old.get(path);
    if (!e || e.h !== hash) return null;
    if (withReport || this.compact) {
      const bytes = this.readAt(e);
      return bytes ? { row: e.r, seconds: e.s, report: bytes } : null;
    }
    return e.o + e.n <= this.sizeOf(e.f) ? { row: e.r, seconds: e.s, report: null } : null;
  }

  private open(name: string): Appender {
    const path = join(this.dir, `${name}.tmp`);
    this.tmp.push(path);
    return new Appender(openSync(path, "w", 0o600));
  }

  /** This run's entries, written out when it commits. */
  private readonly entries: Array<[string, Entry]> = [];
  /** Whether this run found nothing new: every entry reused as it was, so the index stands. */
  private unchanged = true;

  private line(path: string, entry: Entry, reused: boolean): void {
    this.referenced.add(entry.f);
    if (!reused) this.unchanged = false;
    this.entries.push([path, entry]);
  }

  private store(bytes: Uint8Array): { f: string; o: number } {
    this.data ??= this.open(this.dataName);
    return { f: this.dataName, o: this.data.write(bytes) };
  }

  /** Why the cache stopped keeping results (a full disk, say); the batch goes on without it. */
  failure: string | null = null;

  private guard(write: () => void): void {
    if (this.failure !== null) return;
    try {
      write();
    } catch (e) {
      this.failure = errnoReason(e);
      this.abandon();
    }
  }

  /**
   * Keeps a result that was reused: pointing at its old bytes, or copied when the cache compacts;
   * with the file's new stamp when its bytes were read again.
   */
  keep(path: string, hash: string, report: Uint8Array | null, seen: Seen | null = null): void {
    this.guard(() => {
      const old = this.old.get(path)!;
      const e = seen && (seen.t !== old.t || seen.c !== old.c) ? { ...old, ...seen } : old;
      if (this.compact && report) this.line(path, { ...e, h: hash, ...this.store(report) }, false);
      else this.line(path, e, e === old);
    });
  }

  /** Keeps a result just evaluated, with its file's stamp when the bytes hashed were its file's. */
  add(path: string, hash: string, row: BatchRow, report: Uint8Array, seconds: number | undefined, seen: Seen | null = null): void {
    this.guard(() => {
      const at = this.store(report);
      this.line(path, { h: hash, ...at, n: report.length, r: row, ...(seconds === undefined ? {} : { s: seconds }), ...(seen ?? {}) }, false);
    });
  }

  /** Makes this run's index the cache's, and removes data no index points into; false with `failure` set if it could not. */
  commit(): boolean {
    this.guard(() => this.save());
    return this.failure === null;
  }

  private save(): void {
    this.data?.close();
    this.data = null;
    if (this.unchanged && this.entries.length === this.old.size && this.old.size > 0) {
      // Nothing new: the index stands, marked as used now for the pruning of old contexts.
      const now = new Date();
      utimesSync(this.indexPath, now, now);
    } else {
      const index = this.open(`${this.key}.index`);
      index.write(Buffer.from(`${JSON.stringify({ format: FORMAT, context: this.key })}\n`));
      for (const [path, entry] of this.entries) index.write(Buffer.from(`${JSON.stringify([path, entry])}\n`));
      index.close();
      if (this.referenced.has(this.dataName)) renameSync(join(this.dir, `${this.dataName}.tmp`), join(this.dir, this.dataName));
      renameSync(join(this.dir, `${this.key}.index.tmp`), this.indexPath);
    }
    this.tmp.length = 0;
    this.closeReaders();
    this.prune();
  }

  /** Leaves the cache as it was (a run that failed or was stopped). */
  abandon(): void {
    try {
      this.data?.close();
    } catch {
      // the file is removed below
    }
    this.data = null;
    for (const path of this.tmp) {
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    }
    this.closeReaders();
  }

  private closeReaders(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
    this.ahead = null;
  }

  /** Removes contexts beyond the newest few, and data files no kept index points into. */
  private prune(): void {
    const names = readdirSync(this.dir);
    const indexes: Array<{ key: string; mtime: number }> = [];
    for (const name of names) {
      const m = /^([0-9a-f]{32})\.index$/.exec(name);
      if (!m) continue;
      try {
        indexes.push({ key: m[1]!, mtime: statSync(join(this.dir, name)).mtimeMs });
      } catch {
        // removed meanwhile
      }
    }
    indexes.sort((a, b) => b.mtime - a.mtime);
    const kept = new Set(indexes.slice(0, MAX_CONTEXTS).map((i) => i.key));
    kept.add(this.key);
    const remove = (name: string) => {
      try {
        unlinkSync(join(this.dir, name));
      } catch {
        // removed meanwhile
      }
    };
    for (const { key } of indexes) if (!kept.has(key)) remove(`${key}.index`);
    for (const name of names) {
      const m = /^([0-9a-f]{32})\.[0-9a-f]{16}\.data$/.exec(name);
      if (!m) continue;
      // Another kept context's data is its own business; this context keeps what its index points into.
      if (m[1] === this.key ? !this.referenced.has(name) : !kept.has(m[1]!)) remove(name);
    }
  }

}
