/**
 * Expands PATH arguments to record files: a file as given, a folder to every *.md below it
 * (symbolic links followed once, loops detected), anything else as a glob. What cannot be read
 * becomes an error entry in place, so a batch reports it and goes on.
 */
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import { Buffer, isUtf8 } from "node:buffer";
import { sep } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { errnoReason } from "../record/errno.js";
import { cleanPath } from "../record/quantity/text.js";

/** A record's path: a string, or the bytes of a name that is not UTF-8. */
export type RecordPath = string | Uint8Array;
/**
 * A record to read, an entry that could not be read (one of the records the batch counts), or a
 * path given that names nothing (`missing`): a mistake in the command, not a record.
 */
export type PathEntry =
  | { file: RecordPath }
  | { error: { file: string; line: null; message: string } }
  | { missing: { file: string; line: null; message: string } };

/** A folder's README describes the records; it is not one. Named explicitly, it is read. */
const README = /^readme\.md$/i;

function problem(file: string, e: unknown): PathEntry {
  return { error: { file: cleanPath(file), line: null, message: errnoReason(e) } };
}

function notRegular(file: string): PathEntry {
  return { error: { file: cleanPath(file), line: null, message: "not a regular file (a pipe, socket or device)" } };
}

export interface WalkOptions {
  /** Follow symbolic links that lead out of the folder given (default: an error entry each). */
  followLinks?: boolean;
  /** Extensions, besides `md`, of the files a folder's records are (`txt`, `markdown`). */
  extensions?: readonly string[];
}

/** Which names in a folder are records: `*.md`, and any extension given. */
function recordName(o: WalkOptions): RegExp {
  const exts = ["md", ...(o.extensions ?? [])].map((e) => e.replace(/^\./, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`\\.(?:${exts.join("|")})$`, "i");
}

interface Frame {
  dir: Buffer;
  real: string;
  entries: import("node:fs").Dirent<Buffer>[];
  next: number;
}

const SEP = Buffer.from(sep);
/** A path as fs takes it: a string when its bytes are UTF-8, else the bytes (a file name need not be text). */
const asPath = (b: Buffer): RecordPath => (isUtf8(b) ? b.toString("utf8") : b);
/** A path as it is shown. */
const shown = (p: RecordPath | Buffer) => cleanPath(typeof p === "string" ? p : Buffer.from(p).toString("utf8"));
const joined = (dir: Buffer, name: Buffer) => Buffer.concat(dir.length && dir[dir.length - 1] === SEP[0] ? [dir, name] : [dir, SEP, name]);
/** Real paths compared byte for byte (latin1 keeps every byte as one character). */
const realOf = async (p: Buffer) => (await realpath(p, { encoding: "buffer" })).toString("latin1");
const inside = (root: string, real: string) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Every record below `root`, depth first in name order, without recursion: a folder thousands of
 * levels deep is walked in time linear in its entries and in constant stack. Names are read as
 * bytes, so a file whose name is not UTF-8 is read like any other. `seen` holds every folder read
 * (by real path), so one reached twice is read once; the folders on the current path are the open
 * frames, so a link back into one of them is a loop, and an error. A symbolic link whose target is
 * outside `root` is an error entry unless `followLinks`.
 */
async function* walk(rootPath: string, seen: Set<string>, o: WalkOptions): AsyncGenerator<PathEntry> {
  const MD = recordName(o);
  const root = Buffer.from(rootPath);
  let rootReal: string;
  try {
    rootReal = await realOf(root);
  } catch (e) {
    yield problem(rootPath, e);
    return;
  }
  const stack: Frame[] = [];
  const open = new Set<string>();
  const enter = async function* (dir: Buffer, real: string): AsyncGenerator<PathEntry> {
    if (open.has(real)) {
      yield { error: { file: shown(dir), line: null, message: `symbolic link loop: leads back to ${shown(Buffer.from(real, "latin1"))}` } };
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true, encoding: "buffer" });
    } catch (e) {
      yield problem(shown(dir), e);
      return;
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    open.add(real);
    stack.push({ dir, real, entries, next: 0 });
  };
  yield* enter(root, rootReal);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.entries.length) {
      stack.pop();
      open.delete(top.real);
      continue;
    }
    const entry = top.entries[top.next++]!;
    const name = entry.name.toString("utf8");
    const path = joined(top.dir, entry.name);
    if (entry.isDirectory()) {
      if (name === "node_modules" || name === ".git") continue;
      yield* enter(path, top.real + sep + entry.name.toString("latin1"));
    } else if (entry.isSymbolicLink()) {
      let target;
      let real;
      try {
        real = await realOf(path);
        target = await stat(Buffer.from(real, "latin1"));
      } catch (e) {
        if (MD.test(name)) yield (e as NodeJS.ErrnoException).code === "ENOENT" ? { error: { file: shown(path), line: null, message: "broken symbolic link" } } : problem(shown(path), e);
        continue;
      }
      if (!target.isDirectory() && !MD.test(name)) continue;
      if (!o.followLinks && !inside(rootReal, real)) {
        yield { error: { file: shown(path), line: null, message: `symbolic link to ${shown(Buffer.from(real, "latin1"))}, outside ${cleanPath(rootPath)}: not followed (--follow-links to follow it)` } };
        continue;
      }
      if (target.isDirectory()) yield* enter(path, real);
      else if (README.test(name)) continue;
      else yield target.isFile() ? { file: asPath(path) } : notRegular(shown(path));
    } else if (MD.test(name) && !README.test(name)) {
      yield entry.isFile() ? { file: asPath(path) } : notRegular(shown(path));
    }
  }
}

export async function* expandPaths(inputs: readonly string[], o: WalkOptions = {}): AsyncGenerator<PathEntry> {
  const seen = new Set<string>();
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch (e) {
      if (isDynamicPattern(input)) {
        const files = (await glob(input, { onlyFiles: true, followSymbolicLinks: false, dot: false, expandDirectories: false })).sort();
        if (files.length === 0) yield { missing: { file: cleanPath(input), line: null, message: "the pattern matches no file" } };
        for (const file of files) yield { file };
        continue;
      }
      const broken = await lstat(input).then(() => true, () => false);
      if (broken) yield { error: { file: cleanPath(input), line: null, message: "broken symbolic link" } };
      else yield { missing: { file: cleanPath(input), line: null, message: errnoReason(e) } };
      continue;
    }
    if (info.isDirectory()) yield* walk(input, seen, o);
    else yield { file: input };
  }
}
