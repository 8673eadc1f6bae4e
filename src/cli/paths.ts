/**
 * Expands PATH arguments to record files: a file as given, a folder to every *.md below it
 * (symbolic links followed once, loops detected), anything else as a glob. What cannot be read
 * becomes an error entry in place, so a batch reports it and goes on.
 */
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { errnoReason } from "../record/errno.js";
import { cleanPath } from "../record/quantity/text.js";

export type PathEntry = { file: string } | { error: { file: string; line: null; message: string } };

const MD = /\.md$/i;
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
}

interface Frame {
  dir: string;
  real: string;
  entries: import("node:fs").Dirent[];
  next: number;
}

const inside = (root: string, real: string) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Every record below `root`, depth first in name order, without recursion: a folder thousands of
 * levels deep is walked in time linear in its entries and in constant stack. `seen` holds every
 * folder read (by real path), so one reached twice is read once; the folders on the current path
 * are the open frames, so a link back into one of them is a loop, and an error. A symbolic link
 * whose target is outside `root` is an error entry unless `followLinks`.
 */
async function* walk(root: string, seen: Set<string>, o: WalkOptions): AsyncGenerator<PathEntry> {
  let rootReal: string;
  try {
    rootReal = await realpath(root);
  } catch (e) {
    yield problem(root, e);
    return;
  }
  const stack: Frame[] = [];
  const open = new Set<string>();
  const enter = async function* (dir: string, real: string): AsyncGenerator<PathEntry> {
    if (open.has(real)) {
      yield { error: { file: cleanPath(dir), line: null, message: `symbolic link loop: leads back to ${cleanPath(real)}` } };
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      yield problem(dir, e);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
    const path = join(top.dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "node_modules" || entry.name === ".git") continue;
      yield* enter(path, join(top.real, entry.name));
    } else if (entry.isSymbolicLink()) {
      let target;
      let real;
      try {
        real = await realpath(path);
        target = await stat(real);
      } catch (e) {
        if (MD.test(entry.name)) yield (e as NodeJS.ErrnoException).code === "ENOENT" ? { error: { file: cleanPath(path), line: null, message: "broken symbolic link" } } : problem(path, e);
        continue;
      }
      if (!target.isDirectory() && !MD.test(entry.name)) continue;
      if (!o.followLinks && !inside(rootReal, real)) {
        yield { error: { file: cleanPath(path), line: null, message: `symbolic link to ${cleanPath(real)}, outside ${cleanPath(root)}: not followed (--follow-links to follow it)` } };
        continue;
      }
      if (target.isDirectory()) yield* enter(path, real);
      else if (README.test(entry.name)) continue;
      else yield target.isFile() ? { file: path } : notRegular(path);
    } else if (MD.test(entry.name) && !README.test(entry.name)) {
      yield entry.isFile() ? { file: path } : notRegular(path);
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
        if (files.length === 0) yield { error: { file: cleanPath(input), line: null, message: "the pattern matches no file" } };
        for (const file of files) yield { file };
        continue;
      }
      const broken = await lstat(input).then(() => true, () => false);
      yield broken ? { error: { file: cleanPath(input), line: null, message: "broken symbolic link" } } : problem(input, e);
      continue;
    }
    if (info.isDirectory()) yield* walk(input, seen, o);
    else yield { file: input };
  }
}
