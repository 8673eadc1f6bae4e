/** `migrate-eval schema record|report|policy`: JSON Schemas for editors and CI. */
import type { Command } from "commander";
import { z } from "zod";
import { RecordSchema } from "../../record/schema.js";
import { ReportSchema } from "../../report/schema.js";
import { PolicySchema } from "../../rules/schema.js";
import { out } from "../io.js";
import { choice } from "../options.js";

const SCHEMAS = {
  record: () => z.toJSONSchema(RecordSchema, { io: "output", unrepresentable: "any" }),
  report: () => z.toJSONSchema(ReportSchema, { io: "output", unrepresentable: "any" }),
  // What people write: defaults are optional, token counts may be strings like "100M".
  policy: () => z.toJSONSchema(PolicySchema, { io: "input", unrepresentable: "any" }),
};

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema of a record, a report or a policy")
    .argument("<which>", "record, report or policy", choice(Object.keys(SCHEMAS) as Array<keyof typeof SCHEMAS>))
    .action((which: keyof typeof SCHEMAS) => {
      out(`${JSON.stringify(SCHEMAS[which](), null, 2)}\n`);
    });
}
