/**
 * Self-hosting against the candidate's API price: the fixed monthly cost
 * F = opex + capex / amortization months, the break-even volume F / P at the blended API
 * price P, and the months until capex pays back at the current usage. Both capex and opex are
 * needed: a break-even from one of them alone would be silently wrong.
 */
import type { Currency } from "../record/quantity/lexicon.js";
import type { LoadedRecord } from "../record/schema.js";
import { convert, type Fx } from "./compare-cost.js";
import { finite } from "./delta.js";
import type { SelfHost } from "./schema.js";

export interface SelfHostInput {
  selfHost: NonNullable<LoadedRecord["selfHost"]>;
  amortizationMonths: number;
  /** Candidate API price per 1M tokens at the usage mix, in `currency`. */
  blendedPricePerMTok: number | null;
  /** Tokens per month (input + output), when usage is known. */
  tokensPerMonth: number | null;
  currency: Currency;
  fx?: Fx;
}

export interface SelfHostResult {
  selfHost: SelfHost;
  /** Amounts stated in another currency that could not be converted. */
  unconverted: Array<{ what: string; currency: Currency; line: number | null }>;
}

export function selfHosting(input: SelfHostInput): SelfHostResult {
  const { selfHost, amortizationMonths: months, blendedPricePerMTok: price, tokensPerMonth, currency } = input;
  const unconverted: SelfHostResult["unconverted"] = [];
  const amount = (m: { value: number; currency: Currency | null; line: number | null } | null, what: string): number | null => {
    if (!m) return null;
    const v = convert(m.value, m.currency ?? currency, currency, input.fx ?? {});
    if (v === null) unconverted.push({ what, currency: m.currency!, line: m.line });
    return v;
  };
  const capex = amount(selfHost.capex, "capex");
  const opex = amount(selfHost.opexPerMonth, "opex");
  const fixed = capex !== null && opex !== null && months > 0 ? finite(opex + capex / months) : null;
  const breakEven = fixed !== null && price !== null && price > 0 ? finite((fixed / price) * 1e6) : null;
  const apiMonthly = price !== null && tokensPerMonth !== null ? finite((tokensPerMonth / 1e6) * price) : null;
  let payback: number | null = null;
  if (apiMonthly !== null && capex !== null && opex !== null) {
    const monthlySaving = apiMonthly - opex;
    payback = monthlySaving > 0 ? finite(capex / monthlySaving) : null;
  }
  return {
    unconverted,
    selfHost: {
      currency,
      capex,
      opexPerMonth: opex,
      gpus: selfHost.gpus?.value ?? null,
      amortizationMonths: months,
      fixedPerMonth: fixed,
      blendedPricePerMTok: price,
      breakEvenTokensPerMonth: breakEven,
      apiMonthly,
      paybackMonths: payback,
      cheaperAtCurrentUsage: fixed !== null && apiMonthly !== null ? fixed < apiMonthly : null,
      stated: selfHost.statedBreakEvenTokensPerMonth?.value ?? null,
      lines: {
        capex: selfHost.capex?.line ?? null,
        opexPerMonth: selfHost.opexPerMonth?.line ?? null,
        stated: selfHost.statedBreakEvenTokensPerMonth?.line ?? null,
      },
    },
  };
}
