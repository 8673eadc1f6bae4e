/**
 * Expands PATH arguments to record files: a file as given, a folder to every *.md below it
 * (symbolic links followed once, loops detected), anything else as a glob. What cannot be read
 * becomes an error entry in place, so a batch reports it and goes on.
 */
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { errnoReason } from "../record/errno.js";

export type PathEntry = { file: string } | { error: { file: string; line: null; message: string } };

const MD = /\.md$/i;
/** A folder's README describes the records; it is not one. Named explicitly, it is read. */
const README = /^readme\.md$/i;

function problem(file: string, e: unknown): PathEntry {
  return { error: { file, line: null, message: errnoReason(e) } };
}

function notRegular(file: string): PathEntry {
  return { error: { file, line: null, message: "not a regular file (a pipe, socket or device)" } };
}

/**
 * `seen` holds every folder read (by real path), so one reached twice is read once; `open` holds
 * the folders being read right now, so a link back into one of them is a loop, and an error.
 */
async function* walk(dir: string, seen: Set<string>, open = new Set<string>()): AsyncGenerator<PathEntry> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch (e) {
    yield problem(dir, e);
    return;
  }
  if (open.has(real)) {
    yield { error: { file: dir, line: null, message: `symbolic link loop: leads back to ${real}` } };
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  open.add(real);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    yield problem(dir, e);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "node_modules" || entry.name === ".git") continue;
      yield* walk(path, seen, open);
    } else if (entry.isSymbolicLink()) {
      let target;
      try {
        target = await stat(path);
      } catch (e) {
        if (MD.test(entry.name)) yield (e as NodeJS.ErrnoException).code === "ENOENT" ? { error: { file: path, line: null, message: "broken symbolic link" } } : problem(path, e);
        continue;
      }
      if (target.isDirectory()) yield* walk(path, seen, open);
      else if (MD.test(entry.name)) yield target.isFile() ? { file: path } : notRegular(path);
    } else if (MD.test(entry.name) && !README.test(entry.name)) {
      yield entry.isFile() ? { file: path } : notRegular(path);
    }
  }
  open.delete(real);
}

export async function* expandPaths(inputs: readonly string[]): AsyncGenerator<PathEntry> {
  const seen = new Set<string>();
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch (e) {
      if (isDynamicPattern(input)) {
        const files = (await glob(input, { onlyFiles: true, followSymbolicLinks: false, dot: false, expandDirectories: false })).sort();
        if (files.length === 0) yield { error: { file: input, line: null, message: "the pattern matches no file" } };
        for (const file of files) yield { file };
        continue;
      }
      const broken = await lstat(input).then(() => true, () => false);
      yield broken ? { error: { file: input, line: null, message: "broken symbolic link" } } : problem(input, e);
      continue;
    }
    if (info.isDirectory()) yield* walk(input, seen);
    else yield { file: input };
  }
}
