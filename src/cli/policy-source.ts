/** Where the policy comes from: --policy, else ./migrate-eval.policy.yaml, else the default. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { errnoReason } from "../record/errno.js";
import { finding } from "../record/findings.js";
import { defaultPolicy } from "../rules/default-policy.js";
import { MAX_POLICY_BYTES, parsePolicy } from "../rules/parse-policy.js";
import type { Policy } from "../rules/schema.js";
import { LoadErrors } from "./errors.js";

export const POLICY_FILE = "migrate-eval.policy.yaml";

export interface PolicyChoice {
  policy: Policy;
  source: string;
}

export function readPolicyFile(file: string): Policy {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_POLICY_BYTES) throw new LoadErrors([{ ...finding("file-too-large", { size, limit: MAX_POLICY_BYTES }), file }]);
    text = readFileSync(file, "utf8");
  } catch (e) {
    if (e instanceof LoadErrors) throw e;
    throw new LoadErrors([{ ...finding("file-unreadable", { reason: errnoReason(e) }), file }]);
  }
  const parsed = parsePolicy(text, file);
  if (!parsed.ok) throw new LoadErrors(parsed.errors);
  return parsed.policy;
}

export function choosePolicy(flag: string | undefined, cwd = process.cwd()): PolicyChoice {
  if (flag) return { policy: readPolicyFile(flag), source: flag };
  const local = resolve(cwd, POLICY_FILE);
  if (existsSync(local)) return { policy: readPolicyFile(local), source: POLICY_FILE };
  return { policy: defaultPolicy, source: "built-in default" };
}
