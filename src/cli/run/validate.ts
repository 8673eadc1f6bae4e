/** `migrate-eval validate PATH...`: are these records readable? Exit 1 when any is not. */
import { formatError } from "../../record/findings.js";
import { loadRecord } from "../../record/load.js";
import { EXIT } from "../errors.js";
import { err, out } from "../io.js";
import { nothingFound } from "../collect.js";
import { expandPaths } from "../paths.js";

type Problem = { file: string; line: number | null; message: string; code?: string };

/** `validate --format json`: one entry a file, in the order found, then the counts. */
interface ValidateJson {
  schemaVersion: 1;
  records: Array<{ file: string; valid: boolean; errors: Problem[]; warnings: Problem[] }>;
  missing: Problem[];
  summary: { total: number; valid: number; invalid: number; warnings: number };
}

export async function validate(paths: string[], o: { quiet?: boolean; followLinks?: boolean; ext?: string[]; format?: "text" | "json" }): Promise<void> {
  // As JSON, every problem goes to stdout in the document, and stderr stays quiet.
  const json: ValidateJson | null = o.format === "json" ? { schemaVersion: 1, records: [], missing: [], summary: { total: 0, valid: 0, invalid: 0, warnings: 0 } } : null;
  const say = (e: Problem) => (json ? undefined : err(formatError(e)));
  let valid = 0;
  let invalid = 0;
  let warnings = 0;
  let missing = 0;
  const walk = { followLinks: o.followLinks, extensions: o.ext ?? [] };
  for await (const entry of expandPaths(paths, walk)) {
    if ("missing" in entry) {
      missing++;
      say(entry.missing);
      json?.missing.push(entry.missing);
      continue;
    }
    if ("error" in entry) {
      invalid++;
      say(entry.error);
      json?.records.push({ file: entry.error.file, valid: false, errors: [entry.error], warnings: [] });
      continue;
    }
    const loaded = await loadRecord(entry.file);
    if (!loaded.ok) {
      invalid++;
      for (const e of loaded.errors) say(e);
      json?.records.push({ file: loaded.errors[0]!.file, valid: false, errors: loaded.errors.map((e) => ({ file: e.file, line: e.line, message: e.message, code: e.code })), warnings: [] });
      continue;
    }
    valid++;
    warnings += loaded.record.warnings.length;
    json?.records.push({ file: loaded.record.file, valid: true, errors: [], warnings: o.quiet ? [] : loaded.record.warnings.map((w) => ({ file: loaded.record.file, line: w.line, message: w.message, code: w.code })) });
    if (!o.quiet && !json) {
      for (const w of loaded.record.warnings) err(formatError({ file: loaded.record.file, line: w.line, message: `warning: ${w.message}` }));
    }
  }
  const total = valid + invalid;
  if (json) {
    json.summary = { total, valid, invalid, warnings };
    out(`${JSON.stringify(json, null, 2)}\n`);
  }
  // Nothing to check, or a path that names nothing: the command could not do its job.
  if (total === 0) {
    if (missing === 0) err(nothingFound(paths, walk));
    process.exitCode = EXIT.cannotRun;
    return;
  }
  if (!json) out(`${total} record${total === 1 ? "" : "s"}: ${valid} valid, ${invalid} invalid${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}\n`);
  process.exitCode = missing > 0 ? EXIT.cannotRun : invalid > 0 ? EXIT.gate : EXIT.ok;
}

