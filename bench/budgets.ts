import type { HandlerName } from "./handlers.js";

/** The limits `npm run bench` holds the build to. Changing one is a product decision, not a fix. */
export const budgets = {
  bundleKb: { inbound: 800, dispatch: 550, web: 550 } satisfies Record<HandlerName, number>,
  coldImportRatio: 1.3,
  perEmailMs: { p50: 5, p99: 150 },
  awsCallsPerInvite: 8,
  awsCallsPerPromptFired: 3,
  /**
   * DynamoDB calls per page view: the profile, one bounded page per section (prompts, upcoming
   * and past meetings, five stages) and one BatchGet of the contacts those rows name, whatever N is.
   */
  awsCallsPerPageView: 10,
  /** A mail at 5,000 contacts reads at most this many items, and at most this multiple of a 10-contact account's. */
  itemsReadPerMail: 60,
  itemsReadGrowth: 1.5,
  pageKb: 512,
  pagePeakMb: 200,
  pauseAwsCalls: 5,
  /** Import plus the first call, ÷ a floor making the same AWS calls with the same clients. */
  coldStartRatio: 1.3,
  /** For a 1,000-user deployment, the fixed cost shared. */
  costPerActiveUserMonthUsd: 0.005,
  costSingleUserDeploymentMonthUsd: 0.3,
} as const;

export interface BudgetCheck {
  what: string;
  measured: number;
  limit: number;
  unit: string;
  pass: boolean;
}

/** A check passes when measured ≤ limit; anything not measured (NaN) fails. */
export function check(what: string, measured: number, limit: number, unit: string): BudgetCheck {
  return { what, measured, limit, unit, pass: Number.isFinite(measured) && measured <= limit };
}
