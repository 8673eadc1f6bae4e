/** `migrate-eval validate PATH...`: are these records readable? Exit 1 when any is not. */
import { formatError } from "../../record/findings.js";
import { loadRecord } from "../../record/load.js";
import { EXIT } from "../errors.js";
import { err, out } from "../io.js";
import { expandPaths } from "../paths.js";

export async function validate(paths: string[], o: { quiet?: boolean; followLinks?: boolean }): Promise<void> {
  let valid = 0;
  let invalid = 0;
  let warnings = 0;
  for await (const entry of expandPaths(paths, { followLinks: o.followLinks })) {
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
  out(`${total} record${total === 1 ? "" : "s"}: ${valid} valid, ${invalid} invalid${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}\n`);
  process.exitCode = invalid > 0 || total === 0 ? EXIT.gate : EXIT.ok;
}

