/** `migrate-eval policy --default | --check FILE`. */
import { stringify } from "yaml";
import { defaultPolicy } from "../../rules/default-policy.js";
import { UserError } from "../errors.js";
import { out } from "../io.js";
import { cleanPath } from "../../record/quantity/text.js";
import { readPolicyFile } from "../policy-source.js";

const HEADER = `# migrate-eval policy. Save as migrate-eval.policy.yaml or pass with --policy FILE.
# Conditions: change_pct, change_pp, change_abs, candidate, baseline, each { min, max }.
# Derived metrics: cost.monthly, cost.annual, cost.retry_adjusted, benchmarks.mean.
# A rule whose figure is missing is unknown; an unknown or failed required rule means HOLD.
`;

export function policy(o: { default?: boolean; check?: string }): void {
  // Both flags name different jobs: doing one and ignoring the other would hide a mistake.
  if (o.default && o.check !== undefined) throw new UserError("policy: --default and --check do different things; give one");
  if (o.check !== undefined) {
    const p = readPolicyFile(o.check);
    const required = p.rules.filter((r) => r.severity === "required").length;
    out(`${cleanPath(o.check)}: valid (${p.rules.length} rule${p.rules.length === 1 ? "" : "s"}, ${required} required)\n`);
    return;
  }
  if (o.default) {
    out(HEADER + stringify(defaultPolicy, { lineWidth: 0 }));
    return;
  }
  throw new UserError("policy: give --default to print the built-in policy, or --check FILE to validate one");
}

