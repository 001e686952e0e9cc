import type { HandlerName } from "./handlers.js";

/** The limits `npm run bench` holds the build to. Changing one is a product decision, not a fix. */
export const budgets = {
  bundleKb: { inbound: 800, dispatch: 550, web: 550 } satisfies Record<HandlerName, number>,
  coldImportRatio: 1.3,
  perEmailMs: { p50: 5, p99: 150 },
  /**
   * A mail reads the person it is about by key, with the user in one BatchGetItem (never the whole
   * account, see itemsReadPerMail); the first invite that tells a user's zone also lists the
   * pending prompts to re-time them (one Query of the view index): the bench's invite is that
   * one. S3, the commit, the confirmation's claim and send, and three schedules make the rest.
   */
  awsCallsPerInvite: 9,
  /**
   * The claim, one BatchGetItem of the live user, contact and meeting the send decides from
   * (DESIGN §2: a prompt stores ids and reads them when it fires, so `pause` or a bounce is one
   * write), SendEmail and the `sent` mark. A referred contact's referrer is one read more.
   */
  awsCallsPerPromptFired: 4,
  /**
   * DynamoDB calls per page view: the profile and one bounded page per section, whatever N is:
   * follow-ups, could-not-be-sent, upcoming and past meetings, and each of the seven stages. The
   * sections are separate ranges of the view index, each with its own "more" link, so they do not
   * merge into fewer queries. A page whose rows name contacts it does not list reads them in one
   * BatchGet more (not so in the bench's page).
   */
  awsCallsPerPageView: 12,
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
