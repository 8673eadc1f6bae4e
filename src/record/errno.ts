/** What a failed file-system call means, in words: one table for every reader of files. */
const REASONS: Record<string, string> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "not a folder",
  ELOOP: "symbolic link loop",
  EMFILE: "too many open files",
  ENAMETOOLONG: "name too long",
};

export function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return (code && REASONS[code]) ?? (e instanceof Error ? e.message : String(e));
}
