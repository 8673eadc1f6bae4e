/** Prints a JSON Schema made from the zod schema that defines the type. */
import * as z from "zod";
import { RecordSchema } from "../../record/schema.js";
import { BacktestSchema } from "../../report/backtest-schema.js";
import { ReportSchema } from "../../report/schema.js";
import { BatchSchema, ValidateSchema } from "../../report/outputs-schema.js";
import { DiffSchema } from "../../report/diff-schema.js";
import { PolicySchema } from "../../rules/schema.js";
import { PriceListSchema } from "../../prices/schema.js";
import { out } from "../io.js";
import type { SCHEMA_NAMES } from "../commands/schema.js";

const SCHEMAS = {
  record: () => z.toJSONSchema(RecordSchema, { io: "output", unrepresentable: "any" }),
  report: () => z.toJSONSchema(ReportSchema, { io: "output", unrepresentable: "any" }),
  // What people write: defaults are optional, token counts may be strings like "100M".
  policy: () => z.toJSONSchema(PolicySchema, { io: "input", unrepresentable: "any" }),
  backtest: () => z.toJSONSchema(BacktestSchema, { io: "output", unrepresentable: "any" }),
  batch: () => z.toJSONSchema(BatchSchema, { io: "output", unrepresentable: "any" }),
  validate: () => z.toJSONSchema(ValidateSchema, { io: "output", unrepresentable: "any" }),
  diff: () => z.toJSONSchema(DiffSchema, { io: "output", unrepresentable: "any" }),
  prices: () => z.toJSONSchema(PriceListSchema, { io: "output", unrepresentable: "any" }),
} satisfies Record<(typeof SCHEMA_NAMES)[number], () => unknown>;

export function schema(which: (typeof SCHEMA_NAMES)[number]): void {
  out(`${JSON.stringify(SCHEMAS[which](), null, 2)}\n`);
}
