/** parsePolicy: safe YAML, then the strict schema; every problem with its line. */
import { describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { defaultPolicy } from "../../src/rules/default-policy.js";
import { MAX_POLICY_BYTES, parsePolicy, type PolicyResult } from "../../src/rules/parse-policy.js";
import { MAX_RULES } from "../../src/rules/schema.js";

function errorsOf(result: PolicyResult) {
  if (result.ok) throw new Error("expected the policy to be refused");
  return result.errors;
}

function ok(text: string) {
  const result = parsePolicy(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.policy;
}

const rulesText = (n: number) =>
  "version: 1\nrules:\n" + Array.from({ length: n }, (_, i) => `  - { id: r${i}, metric: mmlu, candidate: { min: 1 } }\n`).join("");

describe("valid policies", () => {
  test("the default policy's YAML parses back equal to defaultPolicy", () => {
    expect(ok(stringify(defaultPolicy))).toEqual(defaultPolicy);
  });

  test("defaults: severity required, amortization 36 months, no attempts cap, no usage", () => {
    const p = ok("version: 1\nrules:\n  - id: gain\n    metric: mmlu\n    change_pp: { min: 5 }\n");
    expect(p.amortization_months).toBe(36);
    expect(p.max_attempts).toBeNull();
    expect(p.usage).toBeUndefined();
    expect(p.rules[0]).toMatchObject({ id: "gain", severity: "required", metric: "mmlu", change_pp: { min: 5 } });
  });

  test("usage strings with K/M/B suffixes are token counts", () => {
    const p = ok("version: 1\nusage: { input_tokens: 100M, output_tokens: 50M }\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n");
    expect(p.usage).toEqual({ input_tokens: 100_000_000, output_tokens: 50_000_000 });
    expect(ok("version: 1\nusage: { input_tokens: 1.5B, output_tokens: 2K }\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n").usage).toEqual({
      input_tokens: 1_500_000_000, // 1.5 × 1e9
      output_tokens: 2_000, // 2 × 1e3
    });
    expect(ok("version: 1\nusage: { input_tokens: 1000, output_tokens: 0 }\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n").usage).toEqual({ input_tokens: 1000, output_tokens: 0 });
  });

  test("a BOM and CRLF line endings are normal input", () => {
    expect(ok("\uFEFFversion: 1\r\nrules:\r\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\r\n").rules).toHaveLength(1);
  });

  test("exactly the maximum number of rules is accepted", () => {
    expect(ok(rulesText(MAX_RULES)).rules).toHaveLength(MAX_RULES);
  });
});

describe("invalid policies, each error with its line", () => {
  test("a misspelt condition key (change_pcnt)", () => {
    const errors = errorsOf(parsePolicy("version: 1\nrules:\n  - id: cost\n    metric: cost.monthly\n    change_pcnt: { max: -20 }\n", "p.yaml"));
    const unknown = errors.find((e) => e.message.includes("change_pcnt"));
    expect(unknown).toMatchObject({ code: "policy-invalid", line: 5, file: "p.yaml" });
  });

  test("an unknown top-level key", () => {
    const errors = errorsOf(parsePolicy("version: 1\nrulez: []\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n"));
    expect(errors.find((e) => e.message.includes("rulez"))?.line).toBe(2);
  });

  test("a wrong type: a string for a number", () => {
    const errors = errorsOf(parsePolicy("version: 1\namortization_months: thirty\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "policy-invalid", line: 2 });
    expect(errors[0]!.message).toContain("amortization_months");
  });

  test("a wrong type deep in a rule", () => {
    const errors = errorsOf(parsePolicy('version: 1\nrules:\n  - id: a\n    metric: mmlu\n    change_pp: { min: "5" }\n'));
    expect(errors[0]).toMatchObject({ code: "policy-invalid", line: 5 });
    expect(errors[0]!.message).toContain(`rules[0] ("a").change_pp.min`);
  });

  test("a wrong severity", () => {
    const errors = errorsOf(parsePolicy("version: 1\nrules:\n  - id: a\n    metric: mmlu\n    candidate: { min: 1 }\n    severity: fatal\n"));
    expect(errors[0]).toMatchObject({ line: 6 });
  });

  test("missing version", () => {
    const errors = errorsOf(parsePolicy("rules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n"));
    expect(errors[0]).toMatchObject({ code: "policy-invalid", line: 1 });
    expect(errors[0]!.message).toContain("version");
  });

  test("another version", () => {
    expect(errorsOf(parsePolicy("version: 2\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n"))[0]).toMatchObject({ code: "policy-invalid", line: 1 });
  });

  test("missing rules", () => {
    expect(errorsOf(parsePolicy("version: 1\n"))[0]!.message).toContain("rules");
  });

  test("duplicate rule ids: the second one's line", () => {
    const errors = errorsOf(parsePolicy("version: 1\nrules:\n  - { id: a, metric: mmlu, candidate: { min: 1 } }\n  - { id: a, metric: gsm8k, candidate: { min: 2 } }\n"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "policy-invalid", line: 4 });
  });

  test("a rule with two conditions", () => {
    const errors = errorsOf(parsePolicy("version: 1\nrules:\n  - id: a\n    metric: mmlu\n    candidate: { min: 1 }\n    baseline: { min: 1 }\n"));
    expect(errors[0]).toMatchObject({ code: "policy-invalid", line: 3 });
  });

  test("a rule with no condition, or metric and any together", () => {
    expect(parsePolicy("version: 1\nrules:\n  - { id: a, metric: mmlu }\n").ok).toBe(false);
    expect(parsePolicy("version: 1\nrules:\n  - { id: a }\n").ok).toBe(false);
    expect(
      parsePolicy("version: 1\nrules:\n  - id: a\n    metric: mmlu\n    candidate: { min: 1 }\n    any: [{ metric: mmlu, candidate: { min: 1 } }]\n").ok,
    ).toBe(false);
    expect(parsePolicy("version: 1\nrules:\n  - id: a\n    any: [{ metric: mmlu, candidate: { min: 1 }, baseline: { min: 1 } }]\n").ok).toBe(false);
  });

  test("bounds: empty, or min above max", () => {
    expect(errorsOf(parsePolicy("version: 1\nrules:\n  - id: a\n    metric: mmlu\n    candidate: {}\n"))[0]!.line).toBe(5);
    expect(errorsOf(parsePolicy("version: 1\nrules:\n  - id: a\n    metric: mmlu\n    candidate: { min: 5, max: 1 }\n"))[0]!.line).toBe(5);
  });

  test("a usage that is not a token count", () => {
    const errors = errorsOf(parsePolicy("version: 1\nusage: { input_tokens: 100M, output_tokens: lots }\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n"));
    expect(errors[0]).toMatchObject({ code: "policy-invalid", line: 2 });
    expect(parsePolicy("version: 1\nusage: { input_tokens: -5, output_tokens: 1 }\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n").ok).toBe(false);
  });

  test("YAML syntax errors carry a line", () => {
    const errors = errorsOf(parsePolicy("version: 1\nrules:\n  - id: [unclosed\n"));
    expect(errors[0]!.code).toBe("yaml-syntax");
    expect(errors[0]!.line).not.toBeNull();
  });

  test("duplicate keys are refused", () => {
    expect(errorsOf(parsePolicy("version: 1\nversion: 1\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n"))[0]!.code).toBe("yaml-syntax");
  });
});

describe("untrusted policies", () => {
  test("YAML tags are refused", () => {
    expect(errorsOf(parsePolicy("version: 1\nrules: !!js/function 'function () {}'\n"))[0]).toMatchObject({ code: "yaml-tag", line: 2 });
    expect(errorsOf(parsePolicy("version: !custom 1\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n"))[0]).toMatchObject({ code: "yaml-tag", line: 1 });
    expect(errorsOf(parsePolicy("version: 1\nrules: []\nmax_attempts: !!binary aGVsbG8=\n"))[0]!.code).toBe("yaml-tag");
  });

  test("a __proto__ key is refused and pollutes nothing", () => {
    const errors = errorsOf(parsePolicy("version: 1\n__proto__: { polluted: true }\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n"));
    expect(errors[0]).toMatchObject({ code: "policy-invalid", line: 2 });
    expect(errors[0]!.message).toContain("__proto__");
    const nested = errorsOf(parsePolicy("version: 1\nrules:\n  - id: a\n    metric: mmlu\n    candidate: { min: 1, __proto__: { max: 0 } }\n"));
    expect(nested[0]!.line).toBe(5);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("over 500 rules refused, and quickly", () => {
    const started = performance.now();
    const errors = errorsOf(parsePolicy(rulesText(MAX_RULES + 1)));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "policy-invalid", line: 2 }); // the line of `rules:`, whose value is the block below it
    expect(performance.now() - started).toBeLessThan(3000);
  });

  test("2,000 rules: still one error, not one per rule", () => {
    const errors = errorsOf(parsePolicy(rulesText(2000)));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(String(MAX_RULES));
  });

  test("at most 20 errors are listed", () => {
    const text = "version: 1\nrules:\n" + Array.from({ length: 50 }, (_, i) => `  - { id: r${i}, metric: mmlu }\n`).join("");
    expect(errorsOf(parsePolicy(text)).length).toBeLessThanOrEqual(20);
  });

  test("a file over the size limit is refused before it is parsed", () => {
    const started = performance.now();
    const errors = errorsOf(parsePolicy("version: 1\n#" + "x".repeat(MAX_POLICY_BYTES)));
    expect(errors[0]!.code).toBe("file-too-large");
    expect(performance.now() - started).toBeLessThan(500);
  });

  test("alias expansion is bounded", () => {
    const levels = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(", ")}]`);
    const started = performance.now();
    const result = parsePolicy(`version: 1\nrules: []\n${levels.join("\n")}\n`);
    expect(result.ok).toBe(false);
    expect(errorsOf(result)[0]!.code).toBe("yaml-aliases");
    expect(performance.now() - started).toBeLessThan(3000);
  });

  test("empty and binary files", () => {
    expect(errorsOf(parsePolicy("  \n"))[0]!.code).toBe("file-empty");
    expect(errorsOf(parsePolicy("version: 1\u0000"))[0]!.code).toBe("file-binary");
  });

  test("a non-map document", () => {
    expect(parsePolicy("- 1\n- 2\n").ok).toBe(false);
    expect(parsePolicy("just text\n").ok).toBe(false);
  });
});
