/**
 * Golden files for end-to-end cases: one readable text file per case holding the command line,
 * the exit code, stdout and stderr, exactly as a user would see them with colour off.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT, SEED, type Run } from "../helpers.js";

export const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), "golden");
export const UPDATE = process.env.UPDATE_GOLDEN === "1";

/** The real seed record as a path relative to the repository root, so output is stable. */
export const SEED_ARG = relative(ROOT, SEED);

const ANSI = /\u001b\[[0-9;]*m/;

/** Absolute paths depend on the checkout; `<root>` does not. */
export function normalise(text: string): string {
  // JUnit's times are measured: the golden file keeps their place, not their value.
  return text.split(ROOT).join("<root>").replace(/ time="\d+\.\d{3}"/g, ' time="<seconds>"');
}

/** Quotes an argument the way a shell user would type it. */
function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(args: readonly string[]): string {
  return ["migrate-eval", ...args.map(quote)].join(" ");
}

function section(title: string, text: string): string {
  const body = normalise(text);
  if (body === "") return `# ${title} (empty)\n`;
  return `# ${title}\n${body}${body.endsWith("\n") ? "" : "\n# (no newline at end)\n"}`;
}

/**
 * How stdout is shown: as printed, or, for machine formats that put a whole report on one line
 * (batch json, ndjson), parsed and pretty-printed so the golden file can be read and diffed.
 */
export type View = "raw" | "json" | "ndjson";

function prettyStdout(stdout: string, view: View): string {
  if (view === "raw") return section("stdout", stdout);
  const values = view === "json" ? [JSON.parse(stdout)] : stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
  const title = view === "json" ? "stdout (JSON, pretty-printed here)" : `stdout (${values.length} NDJSON lines, each pretty-printed here)`;
  return section(title, values.map((v) => `${JSON.stringify(v, null, 2)}\n`).join(""));
}

/** The golden text for one run. */
export function render(args: readonly string[], r: Run, view: View = "raw"): string {
  return `$ ${commandLine(args)}\n# exit ${r.status}\n${prettyStdout(r.stdout, view)}${section("stderr", r.stderr)}`;
}

export function goldenPath(name: string): string {
  return join(GOLDEN_DIR, `${name}.txt`);
}

/** Writes the golden file under UPDATE_GOLDEN=1; otherwise returns what is on disk (or null). */
export function readOrUpdate(name: string, actual: string): string | null {
  const file = goldenPath(name);
  if (UPDATE) {
    writeFileSync(file, actual);
    return actual;
  }
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

/** Problems every run must be free of, whatever the command. */
export function hygiene(r: Run): string[] {
  const problems: string[] = [];
  if (r.status === null) problems.push("the process was killed (timeout or signal)");
  if (ANSI.test(r.stdout)) problems.push("colour codes on stdout with NO_COLOR=1");
  if (ANSI.test(r.stderr)) problems.push("colour codes on stderr with NO_COLOR=1");
  if (/^\s+at .+:\d+:\d+\)?$/m.test(r.stderr)) problems.push("a stack trace on stderr");
  if (/this is a bug/i.test(r.stderr)) problems.push("an unexpected error on stderr");
  return problems;
}
