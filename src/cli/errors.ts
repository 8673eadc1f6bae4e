/** Errors the shell reports to the user: one line each, no stack trace, exit code 2. */
import { formatError } from "../record/findings.js";

export class UserError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/** Several `file:line: message` problems that stop a command from running. */
export class LoadErrors extends UserError {
  constructor(readonly errors: ReadonlyArray<{ file: string; line: number | null; message: string }>) {
    super(errors.map(formatError).join("\n"));
  }
}

export const EXIT = { ok: 0, gate: 1, cannotRun: 2 } as const;
