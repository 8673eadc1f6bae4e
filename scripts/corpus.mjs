// `npm run corpus [DIR]`: reads every record of a corpus (fixtures/corpus by default) with the
// built library and prints, per record and in all, the share of expected figures read, those
// refused with a warning, and any figure that is wrong, extra or missing without a warning.
// `--verbose` lists every expected figure that is not read, and why.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { compareRecord, summarise } from "./corpus-compare.mjs";

const lib = await import(new URL("../dist/index.js", import.meta.url).href);
const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const dir = resolve(args.find((a) => !a.startsWith("--")) ?? "fixtures/corpus");
const files = readdirSync(dir).filter((f) => f.endsWith(".expected.json")).sort();
const all = [];
const rows = [];
for (const f of files) {
  const name = f.replace(/\.expected\.json$/, "");
  const expected = JSON.parse(readFileSync(join(dir, f), "utf8"));
  const loaded = lib.parseRecord(readFileSync(join(dir, `${name}.md`), "utf8"), `${name}.md`);
  if (!loaded.ok) {
    rows.push([name, "could not be read: " + loaded.errors.map((e) => e.message).join("; ")]);
    continue;
  }
  const report = lib.evaluate(loaded.record);
  const checks = compareRecord(expected, loaded.record, report, lib);
  all.push(...checks);
  const values = checks.filter((c) => c.what === "value" && c.status !== "extra");
  const bad = checks.filter((c) => c.status === "wrong" || c.status === "extra" || c.status === "missing");
  rows.push([name, `${values.filter((c) => c.status === "ok").length}/${values.length} figures`, `${bad.length} wrong/extra/missing`, `verdict ${report.verdict === expected.verdict ? "ok" : "WRONG"}`]);
  if (verbose) for (const c of checks.filter((x) => x.status !== "ok")) rows.push([`    ${c.status}`, `${c.what} ${c.name}`, `line ${c.line ?? "—"}`, `expected ${JSON.stringify(c.expected)} got ${JSON.stringify(c.actual)}`]);
}
for (const r of rows) console.log(r.join("  "));
const s = summarise(all);
console.log("");
for (const [what, x] of Object.entries(s)) {
  const total = x.ok + x.absent + x.missing + x.wrong;
  console.log(`${what.padEnd(9)} ${x.ok}/${total} read (${total ? ((100 * x.ok) / total).toFixed(1) : "—"} %), ${x.absent} refused with a warning, ${x.missing} missing, ${x.wrong} wrong, ${x.extra} extra`);
}
