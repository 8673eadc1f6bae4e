/** JUnit XML for test reporters: one testcase per rule; failed or unknown required rules fail. */
import type { Report } from "./schema.js";

export function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Seconds as JUnit writes them. */
const secs = (s: number | undefined) => (s === undefined ? "" : ` time="${s.toFixed(3)}"`);

export function junitCases(r: Report, seconds?: number): { cases: string[]; failures: number } {
  let failures = 0;
  const suite = `migrate-eval.${r.record.id}`;
  // The rules are judged together: each case carries an equal share of the record's time.
  const each = seconds === undefined || r.rules.length === 0 ? undefined : seconds / r.rules.length;
  const cases = r.rules.map((rule) => {
    // The line of the figure the rule judged, where it is one of the record's (not a derived cost).
    const line = r.metrics.find((m) => m.key === rule.metric)?.line;
    const at = line === null || line === undefined ? "" : ` line="${line}"`;
    const open = `    <testcase classname="${xml(suite)}" name="${xml(`${rule.id} (${rule.severity})`)}" file="${xml(r.record.file)}"${at}${secs(each)}>`;
    if (rule.severity === "required" && rule.status !== "pass") {
      failures++;
      const type = rule.status === "fail" ? "RuleFailed" : "RuleUnknown";
      return `${open}\n      <failure message="${xml(rule.message)}" type="${type}">${xml(rule.message)}</failure>\n    </testcase>`;
    }
    if (rule.status !== "pass") return `${open}\n      <system-out>${xml(`${rule.status}: ${rule.message}`)}</system-out>\n    </testcase>`;
    return `${open}</testcase>`;
  });
  return { cases, failures };
}

/** The price catalog a report used, as properties: its version, data date and where prices came from. */
function catalogProperties(r: Report): string {
  const p = r.prices;
  if (!p) return "";
  return [["prices.source", p.source], ["catalog", `${p.catalog.package} ${p.catalog.version}`], ["catalog.dataDate", p.catalog.dataDate], ["prices.asOf", p.asOf]]
    .map(([k, v]) => `<property name="${k}" value="${xml(v!)}"/>`)
    .join("");
}

/** One record's testsuite: a testcase per rule, the policy as properties; `seconds` to read and evaluate it. */
export function junitSuite(r: Report, seconds?: number): { xml: string; tests: number; failures: number } {
  const { cases, failures } = junitCases(r, seconds);
  const name = `${r.record.id}: ${r.baseline} → ${r.candidate} = ${r.verdict}`;
  return {
    xml: [
      `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0"${secs(seconds)}>`,
      `    <properties><property name="policy" value="${xml(r.policy.source)}"/><property name="policy.sha256" value="${r.policy.sha256}"/>${catalogProperties(r)}</properties>`,
      ...cases,
      "  </testsuite>",
    ].join("\n"),
    tests: cases.length,
    failures,
  };
}

export function renderJunit(r: Report, seconds?: number): string {
  const suite = junitSuite(r, seconds);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="migrate-eval" tests="${suite.tests}" failures="${suite.failures}">`, suite.xml, "</testsuites>", ""].join("\n");
}

/** A batch as JUnit: a testsuite per record, and one errored testcase per file that could not be read. */
export function renderJunitBatch(suites: ReadonlyArray<{ xml: string; tests: number; failures: number }>, errors: ReadonlyArray<{ file: string; line: number | null; message: string }>): string {
  const errored = errors.length
    ? [`  <testsuite name="could not be read" tests="${errors.length}" failures="0" errors="${errors.length}" skipped="0">`, ...errorCases(errors), "  </testsuite>"].join("\n")
    : null;
  const tests = suites.reduce((n, s) => n + s.tests, 0) + errors.length;
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="migrate-eval" tests="${tests}" failures="${failures}" errors="${errors.length}">`, ...suites.map((s) => s.xml), ...(errored ? [errored] : []), "</testsuites>", ""].join("\n");
}

function errorCases(errors: ReadonlyArray<{ file: string; line: number | null; message: string }>): string[] {
  return errors.map((e) => {
    const where = e.line === null ? "" : ` line="${e.line}"`;
    return `    <testcase classname="migrate-eval" name="${xml(`read ${e.file}${e.line === null ? "" : `:${e.line}`}`)}" file="${xml(e.file)}"${where}>\n      <error message="${xml(e.message)}" type="RecordUnreadable">${xml(e.message)}</error>\n    </testcase>`;
  });
}

/**
 * A record that could not be read, as JUnit: one errored testcase per problem, with its file and
 * line, so a CI reporter shows why rather than nothing.
 */
export function renderJunitErrors(file: string, errors: ReadonlyArray<{ file: string; line: number | null; message: string }>): string {
  const cases = errorCases(errors);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="migrate-eval" tests="${cases.length}" failures="0" errors="${cases.length}">`,
    `  <testsuite name="${xml(`${file}: could not be read`)}" tests="${cases.length}" failures="0" errors="${cases.length}" skipped="0">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

