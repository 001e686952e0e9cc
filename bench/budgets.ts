import type { HandlerName } from "./handlers.js";

/** The limits `npm run bench` holds the build to. Changing one is a product decision, not a fix. */
export const budgets = {
  bundleKb: { inbound: 800, dispatch: 550, web: 550 } satisfies Record<HandlerName, number>,
  coldImportRatio: 1.3,
  perEmailMs: { p50: 5, p99: 150 },
  awsCallsPerInvite: 8,
  awsCallsPerPromptFired: 3,
  /** DynamoDB queries per page view; nothing else may be called. */
  awsCallsPerPageView: 1,
  costPerActiveUserMonthUsd: 0.005,
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
