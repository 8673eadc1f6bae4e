// Compares what migrate-eval read from a corpus record with the record's hand-computed
// `.expected.json` (fixtures/corpus/README.md). Used by the corpus test and by `npm run corpus`.
// Every expected figure ends in one of:
//   ok      — read, with the expected value and line;
//   absent  — not read, and a warning names its line (allowed: right or absent);
//   missing — not read, and no warning on its line;
//   wrong   — read as another value, or from another line;
// and every figure read that the expected file does not list is `extra`.

const close = (a, b) => {
  if (a === null || b === null || a === undefined || b === undefined) return a === b || (a == null && b == null);
  return Math.abs(a - b) <= Math.max(1e-9, 1e-6 * Math.max(Math.abs(a), Math.abs(b)));
};

const SOURCES = { derived: "success_rate" };

/**
 * @param {any} expected the parsed `.expected.json`
 * @param {any} record the loaded record (parseRecord's `record`)
 * @param {any} report evaluate()'s report under the default policy
 * @param {{ keyForLabel: (label: string) => string, foldName: (name: string) => string }} lib
 * @returns {Array<{ what: string, line: number | null, name: string, expected: unknown, actual: unknown, status: "ok" | "absent" | "missing" | "wrong" | "extra" }>}
 */
export function compareRecord(expected, record, report, lib) {
  const checks = [];
  const warned = new Set(report.warnings.map((w) => w.line));
  const push = (what, line, name, exp, actual, status) => checks.push({ what, line, name, expected: exp, actual, status });
  const modelOf = (name) => {
    const f = lib.foldName(name);
    return record.models.find((m) => lib.foldName(m.name) === f) ?? record.models.find((m) => lib.foldName(m.name).includes(f) || f.includes(lib.foldName(m.name)));
  };
  const claimed = new Set();

  for (const v of expected.values ?? []) {
    const key = v.metric ?? lib.keyForLabel(v.label);
    const name = `${v.model} ${key}`;
    const model = modelOf(v.model);
    const got = model && Object.hasOwn(model.metrics, key) ? model.metrics[key] : undefined;
    if (model) claimed.add(`${model.name}\u0000${key}`);
    if (!got) push("value", v.line, name, v.value, null, warned.has(v.line) ? "absent" : "missing");
    else if (!close(got.value, v.value) || (v.currency && (got.currency ?? "USD") !== v.currency)) push("value", v.line, name, v.value, `${got.value}${got.currency ? ` ${got.currency}` : ""} (line ${got.line})`, "wrong");
    else if (got.line !== v.line) push("value", v.line, name, v.value, `line ${got.line}`, "wrong");
    else push("value", v.line, name, v.value, got.value, "ok");
  }
  for (const m of record.models) {
    for (const [key, got] of Object.entries(m.metrics)) {
      if (got.source !== "body" || claimed.has(`${m.name}\u0000${key}`)) continue;
      push("value", got.line, `${m.name} ${key}`, null, got.value, "extra");
    }
  }
  for (const r of expected.ranges ?? []) {
    const key = r.metric ?? lib.keyForLabel(r.label);
    const model = modelOf(r.model);
    const got = record.ranges.find((x) => x.line === r.line && x.key === key && (!model || lib.foldName(x.model) === lib.foldName(model.name)));
    push("range", r.line, `${r.model} ${key}`, r.range, got?.range ?? null, got && close(got.range[0], r.range[0]) && close(got.range[1], r.range[1]) ? "ok" : warned.has(r.line) ? "absent" : "missing");
  }
  for (const r of expected.refused ?? []) push("refused", r.line, r.why ?? "", "a warning", warned.has(r.line) ? "warned" : null, warned.has(r.line) ? "ok" : "missing");
  for (const w of expected.warnings ?? []) push("warning", w.line, "", "a warning", warned.has(w.line) ? "warned" : null, warned.has(w.line) ? "ok" : "missing");

  const eu = expected.usage ?? null;
  const u = record.usage;
  if (eu === null) {
    if (u && (u.inputTokens !== null || u.totalTokens)) push("usage", u.line, "usage", null, `${u.inputTokens}:${u.outputTokens}`, "extra");
  } else {
    const fields = eu.totalTokens !== undefined && eu.inputTokens === undefined ? ["totalTokens"] : ["inputTokens", "outputTokens"];
    for (const f of fields) {
      const got = u ? u[f] ?? null : null;
      const status = got === null ? (warned.has(eu.line) ? "absent" : "missing") : close(got, eu[f]) && (u.line === eu.line || u.source === "frontmatter") ? "ok" : "wrong";
      push("usage", eu.line, f, eu[f], got === null ? null : `${got} (line ${u.line})`, status);
    }
  }

  if (expected.currency && report.usage.source !== "none") push("currency", null, "cost currency", expected.currency, report.cost.currency, report.cost.currency === expected.currency ? "ok" : "wrong");
  if (expected.cost) {
    for (const side of ["baseline", "candidate"]) {
      const e = expected.cost[side];
      const a = report.cost[side];
      for (const f of ["monthly", "attempts", "retryAdjustedMonthly"]) {
        if (e[f] === undefined) continue;
        const ok = close(a[f], e[f]);
        push("cost", null, `${side}.${f}`, e[f], a[f], ok ? "ok" : a[f] === null ? "absent" : e[f] === null ? "extra" : "wrong");
      }
      if (e.attemptsSource) {
        const want = SOURCES[e.attemptsSource] ?? e.attemptsSource;
        push("cost", null, `${side}.attemptsSource`, want, a.attemptsSource, a.attemptsSource === want ? "ok" : "wrong");
      }
    }
  } else if (expected.cost === null && report.cost.baseline.monthly !== null && report.usage.source === "record") {
    push("cost", null, "cost", null, report.cost.baseline.monthly, "extra");
  }

  const es = expected.selfHost;
  if (es === null && report.selfHost && (report.selfHost.capex !== null || report.selfHost.opexPerMonth !== null)) {
    push("selfHost", null, "selfHost", null, "present", "extra");
  } else if (es) {
    for (const f of ["capex", "opexPerMonth", "fixedPerMonth", "breakEvenTokensPerMonth"]) {
      if (es[f] === undefined) continue;
      const a = report.selfHost ? report.selfHost[f] : null;
      push("selfHost", null, f, es[f], a, close(a, es[f]) ? "ok" : a === null ? "absent" : es[f] === null ? "extra" : "wrong");
    }
  }

  // The audit by line: a line holds when all its checkable claims hold.
  const byLine = new Map();
  for (const e of report.audit) {
    const list = byLine.get(e.line) ?? [];
    list.push(e);
    byLine.set(e.line, list);
  }
  const lineOk = (entries) => {
    if (!entries || entries.length === 0) return undefined;
    if (entries.some((e) => e.ok === false)) return false;
    if (entries.some((e) => e.ok === true)) return true;
    return null;
  };
  const expectedLines = new Set();
  for (const a of expected.audit ?? []) {
    expectedLines.add(a.line);
    const got = lineOk(byLine.get(a.line));
    let status;
    if (a.ok === null) status = got === false ? "wrong" : "ok";
    else if (got === a.ok) status = "ok";
    else if (got === false || (got === true && a.ok === false)) status = "wrong";
    else status = "absent";
    push("audit", a.line, "stated result", a.ok, got === undefined ? "not read" : got, status);
  }
  for (const [line, entries] of byLine) {
    if (expectedLines.has(line)) continue;
    if (lineOk(entries) === false) push("audit", line, "stated result", "not a checkable claim", false, "wrong");
  }
  if (expected.verdict) push("verdict", null, "verdict", expected.verdict, report.verdict, report.verdict === expected.verdict ? "ok" : "wrong");
  return checks;
}

/** Shares of a set of checks, by kind: read (ok) of all expected. */
export function summarise(checks) {
  const by = {};
  for (const c of checks) {
    const s = (by[c.what] ??= { ok: 0, absent: 0, missing: 0, wrong: 0, extra: 0 });
    s[c.status]++;
  }
  return by;
}
