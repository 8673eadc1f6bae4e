/** `migrate-eval validate PATH...`: are these records readable? Exit 1 when any is not. */
import { formatError } from "../../record/findings.js";
import { loadRecord } from "../../record/load.js";
import { EXIT } from "../errors.js";
import { err, out } from "../io.js";
import { nothingFound } from "../collect.js";
import { expandPaths } from "../paths.js";

export async function validate(paths: string[], o: { quiet?: boolean; followLinks?: boolean; ext?: string[] }): Promise<void> {
  let valid = 0;
  let invalid = 0;
  let warnings = 0;
  let missing = 0;
  const walk = { followLinks: o.followLinks, extensions: o.ext ?? [] };
  for await (const entry of expandPaths(paths, walk)) {
    if ("missing" in entry) {
      missing++;
      err(formatError(entry.missing));
      continue;
    }
    if ("error" in entry) {
      invalid++;
      err(formatError(entry.error));
      continue;
    }
    const loaded = await loadRecord(entry.file);
    if (!loaded.ok) {
      invalid++;
      for (const e of loaded.errors) err(formatError(e));
      continue;
    }
    valid++;
    warnings += loaded.record.warnings.length;
    if (!o.quiet) {
      for (const w of loaded.record.warnings) err(formatError({ file: loaded.record.file, line: w.line, message: `warning: ${w.message}` }));
    }
  }
  const total = valid + invalid;
  // Nothing to check, or a path that names nothing: the command could not do its job.
  if (total === 0) {
    if (missing === 0) err(nothingFound(paths, walk));
    process.exitCode = EXIT.cannotRun;
    return;
  }
  out(`${total} record${total === 1 ? "" : "s"}: ${valid} valid, ${invalid} invalid${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}\n`);
  process.exitCode = missing > 0 ? EXIT.cannotRun : invalid > 0 ? EXIT.gate : EXIT.ok;
}

