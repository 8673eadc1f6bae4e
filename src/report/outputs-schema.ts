/** The JSON of `batch --format json` and `validate --format json`: contracts for CI, like the report. */
import * as z from "zod";
import { ReportSchema } from "./schema.js";

const ErrorEntry = z.object({ file: z.string(), line: z.number().int().nullable(), message: z.string() });
const Problem = z.object({ file: z.string(), line: z.number().int().nullable(), message: z.string(), code: z.optional(z.string()) });

export const BatchSchema = z.object({
  schemaVersion: z.literal(1),
  reports: z.array(ReportSchema),
  errors: z.array(ErrorEntry.extend({ code: z.optional(z.string()) })),
  summary: z.object({ total: z.number().int(), migrate: z.number().int(), hold: z.number().int(), errors: z.number().int() }),
});

export const ValidateSchema = z.object({
  schemaVersion: z.literal(1),
  records: z.array(z.object({ file: z.string(), valid: z.boolean(), errors: z.array(Problem), warnings: z.array(Problem) })),
  missing: z.array(Problem),
  summary: z.object({ total: z.number().int(), valid: z.number().int(), invalid: z.number().int(), warnings: z.number().int() }),
});
