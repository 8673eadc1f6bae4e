/** Where the policy comes from: --policy, else ./migrate-eval.policy.yaml, else the default. */
import { isUtf8 } from "node:buffer";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { finding } from "../record/findings.js";
import { readBoundedSync } from "../record/load.js";
import { cleanPath } from "../record/quantity/text.js";
import { defaultPolicy } from "../rules/default-policy.js";
import { MAX_POLICY_BYTES, parsePolicy } from "../rules/parse-policy.js";
import type { Policy } from "../rules/schema.js";
import { LoadErrors } from "./errors.js";

export const POLICY_FILE = "migrate-eval.policy.yaml";

export interface PolicyChoice {
  policy: Policy;
  source: string;
}

/** A policy is read as a record is: a regular file, its size bounded while it is read. */
export function readPolicyFile(file: string): Policy {
  const bytes = readBoundedSync(file, MAX_POLICY_BYTES);
  if (!Buffer.isBuffer(bytes)) throw new LoadErrors([{ ...bytes, file: cleanPath(file) }]);
  if (!isUtf8(bytes)) throw new LoadErrors([{ ...finding("invalid-utf8"), file: cleanPath(file) }]);
  const parsed = parsePolicy(bytes.toString("utf8"), file);
  if (!parsed.ok) throw new LoadErrors(parsed.errors);
  return parsed.policy;
}

export function choosePolicy(flag: string | undefined, cwd = process.cwd()): PolicyChoice {
  // `--policy ""` is a mistake, not a request for the default.
  if (flag !== undefined && flag.trim() === "") throw new LoadErrors([{ ...finding("file-unreadable", { reason: "an empty path" }), file: "--policy" }]);
  if (flag !== undefined) return { policy: readPolicyFile(flag), source: flag };
  const local = resolve(cwd, POLICY_FILE);
  if (existsSync(local)) return { policy: readPolicyFile(local), source: POLICY_FILE };
  return { policy: defaultPolicy, source: "built-in default" };
}
