/** The backtest's JSON (SPEC §2): a contract for CI, like the report. */
import * as z from "zod";

// `code` is the finding code of a record that could not be read (absent for a path problem).
const ErrorEntry = z.object({ file: z.string(), line: z.number().int().nullable(), message: z.string(), code: z.optional(z.string()) });

export const BacktestSchema = z.object({
  schemaVersion: z.literal(1),
  evaluated: z.number().int(),
  skipped: z.number().int(),
  matrix: z.object({
    migrateSuccess: z.number().int(),
    migrateFailure: z.number().int(),
    holdSuccess: z.number().int(),
    holdFailure: z.number().int(),
  }),
  accuracy: z.number().nullable(),
  /** Of the MIGRATE verdicts, the share that succeeded. */
  precision: z.number().nullable(),
  disagreements: z.array(
    z.object({ file: z.string(), id: z.string(), verdict: z.enum(["MIGRATE", "HOLD"]), outcome: z.string() }),
  ),
  errors: z.array(ErrorEntry),
  /** Which policy was scored: its source and a hash of its rules. */
  policy: z.optional(z.object({ source: z.string(), sha256: z.string() })),
});
export type Backtest = z.infer<typeof BacktestSchema>;
