/**
 * GitHub Actions workflow commands: `::error file=…,line=…::message` per finding, which the
 * runner shows as annotations on the record's lines, and a `::notice` with the verdict.
 * Every line printed starts with a command of ours, and every string in one is escaped as the
 * runner unescapes it, so text from a record can neither end a command nor start another.
 */
import { stripControls } from "../record/quantity/text.js";
import { artifactUri } from "./sarif.js";
import type { FindingLevel, ReportFinding } from "./findings.js";
import type { Report } from "./schema.js";
import { verdictReason } from "./words.js";

const COMMAND = { error: "error", warning: "warning", note: "notice" } satisfies Record<FindingLevel, string>;

/** The message of a command: `%`, CR and LF escaped (the runner's rules, `%` first). */
export function escapeData(s: string): string {
  return stripControls(s).replace(/[\u2028\u2029]/g, " ").replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value: as data, and `:` and `,`, which end a property. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** A path in an annotation: relative to the working directory, as the runner matches it to the checkout. */
function annotationPath(file: string, cwd: string): string {
  const uri = artifactUri(file, cwd);
  return uri.startsWith("file:") ? file : decodeURIComponent(uri);
}

export function githubCommand(f: ReportFinding, cwd: string): string {
  const props = [`file=${escapeProperty(annotationPath(f.file, cwd))}`];
  if (f.line !== null) props.push(`line=${f.line}`);
  props.push(`title=${escapeProperty(`migrate-eval ${f.ruleId}`)}`);
  return `::${COMMAND[f.level]} ${props.join(",")}::${escapeData(f.message)}`;
}

/** The verdict of one record, as a notice on its file. */
export function githubVerdict(r: Report, cwd: string): string {
  const text = `${r.record.id}: ${r.verdict} (${r.baseline} → ${r.candidate}): ${verdictReason(r)}`;
  return `::notice file=${escapeProperty(annotationPath(r.record.file, cwd))},title=${escapeProperty(`migrate-eval verdict ${r.verdict}`)}::${escapeData(text)}`;
}

export function renderGithub(findings: readonly ReportFinding[], verdicts: readonly Report[], cwd: string): string {
  const lines = [...findings.map((f) => githubCommand(f, cwd)), ...verdicts.map((r) => githubVerdict(r, cwd))];
  return lines.length ? `${lines.join("\n")}\n` : "";
}
