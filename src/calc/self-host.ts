/**
 * Self-hosting against the candidate's API price: the fixed monthly cost
 * F = opex + capex / amortization months, the break-even volume F / P at the blended API
 * price P, and the months until capex pays back at the current usage.
 */
import type { LoadedRecord } from "../record/schema.js";
import { finite } from "./delta.js";
import type { SelfHost } from "./schema.js";

export interface SelfHostInput {
  selfHost: NonNullable<LoadedRecord["selfHost"]>;
  amortizationMonths: number;
  /** Candidate API price, USD per 1M tokens at the usage mix. */
  blendedPricePerMTok: number | null;
  /** Tokens per month (input + output), when usage is known. */
  tokensPerMonth: number | null;
}

export function selfHosting(input: SelfHostInput): SelfHost {
  const { selfHost, amortizationMonths: months, blendedPricePerMTok: price, tokensPerMonth } = input;
  const capex = selfHost.capex?.value ?? null;
  const opex = selfHost.opexPerMonth?.value ?? null;
  const known = capex !== null || opex !== null;
  const fixed = known && months > 0 ? finite((opex ?? 0) + (capex ?? 0) / months) : null;
  const breakEven = fixed !== null && price !== null && price > 0 ? finite((fixed / price) * 1e6) : null;
  const apiMonthly = price !== null && tokensPerMonth !== null ? finite((tokensPerMonth / 1e6) * price) : null;
  let payback: number | null = null;
  if (apiMonthly !== null && capex !== null) {
    const monthlySaving = apiMonthly - (opex ?? 0);
    payback = monthlySaving > 0 ? finite(capex / monthlySaving) : null;
  }
  return {
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
  };
}
