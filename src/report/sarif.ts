/**
 * SARIF 2.1.0 for code scanning: one run, a result per finding of every record, each on the
 * record's line (GitHub places an alert only where it has a file and a line).
 */
import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import { clip } from "../record/quantity/text.js";
import { type FindingLevel, type ReportFinding } from "./findings.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** The key of the fingerprint that lets code scanning match a finding across pushes. */
export const FINGERPRINT_KEY = "migrateEvalFinding/v1";

/** What each family of ids is about, for the rule's description. */
const FAMILY = {
  rule: "a policy rule that failed or could not be judged",
  audit: "a figure the record states that its own figures do not give",
  extract: "a line of the record that could not be read as a figure",
  record: "a record that could not be read",
} satisfies Record<string, string>;

/** A record's path as an artifact URI: relative to the working directory (as GitHub needs), with `/`. */
export function artifactUri(file: string, cwd: string): string {
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  if (isAbsolute(rel) || rel.startsWith("..")) return pathToFileURL(file).href;
  return rel.split(sep).join("/").split("/").map(encodeURIComponent).join("/");
}

function describe(ruleId: string, level: FindingLevel): Sarif.ReportingDescriptor {
  const family = ruleId.slice(0, ruleId.indexOf("/")) as keyof typeof FAMILY;
  return {
    id: ruleId,
    name: ruleId.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase()),
    shortDescription: { text: clip(`${ruleId}: ${FAMILY[family] ?? "a finding"}`, 1000) },
    defaultConfiguration: { level },
  };
}

export function renderSarif(findings: readonly ReportFinding[], o: { cwd: string; version: string }): string {
  const rules: Sarif.ReportingDescriptor[] = [];
  const index = new Map<string, number>();
  const results: Sarif.Result[] = findings.map((f) => {
    let i = index.get(f.ruleId);
    if (i === undefined) {
      i = rules.length;
      index.set(f.ruleId, i);
      rules.push(describe(f.ruleId, f.level));
    }
    const physical: Sarif.PhysicalLocation = {
      artifactLocation: { uri: artifactUri(f.file, o.cwd) },
      // A finding of the whole record sits on its first line, where its frontmatter names the models.
      region: { startLine: f.line ?? 1 },
    };
    return {
      ruleId: f.ruleId,
      ruleIndex: i,
      level: f.level,
      message: { text: f.message },
      locations: [{ physicalLocation: physical }],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    };
  });
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "migrate-eval", version: o.version, rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
