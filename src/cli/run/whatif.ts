/** `migrate-eval whatif RECORD`: how far the record is from the other answer. */
import type { Fx } from "../../calc/compare-cost.js";
import type { TokenUsage } from "../../calc/cost.js";
import { REPORT_FORMATS } from "../../report/index.js";
import { renderWhatIf } from "../../report/whatif.js";
import type { WHATIF_FORMATS } from "../commands/whatif.js";
import { EXIT } from "../errors.js";
import { colorEnabled, isTerminal, makeStyle, out } from "../io.js";
import { reportOf } from "./compare.js";

interface WhatIfOptions {
  swing: number;
  capacity?: number;
  baseline?: string;
  usage?: TokenUsage;
  fx?: Fx;
  policy?: string;
  format: (typeof WHATIF_FORMATS)[number];
  color: boolean;
}

export async function whatif(record: string | undefined, o: WhatIfOptions): Promise<void> {
  const { report } = await reportOf(record, { ...o, whatif: true });
  const style = await makeStyle(colorEnabled(o.color));
  // The chart is for a person at a terminal; a pipe or a file gets the tables alone.
  if (o.format === "table") out(renderWhatIf(report, style, { chart: isTerminal() }));
  else out((await REPORT_FORMATS[o.format]())(report));
  process.exitCode = EXIT.ok;
}
