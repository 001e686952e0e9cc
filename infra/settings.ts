import * as z from "zod/mini";
import { EmailAddress } from "../core/model/email-address.js";
import { describeIssues, safeParseInEnglish, wholeNumber } from "../core/model/parse.js";
import { isIntlZone } from "../core/time/wall-clock.js";

/**
 * Deploy-time settings, read from the environment (SST loads `.env` and `.env.<stage>` before
 * running sst.config.ts). Plain code, no SST globals, so it is tested like any other module.
 * Secrets (the mail domain, the users, the token key) are SST secrets, see infra/config.ts.
 */
export interface StageSettings {
  /** AWS Region; must be one where SES receives mail. */
  region: string;
  /** `route53`: DNS records are created in the domain's hosted zone. `manual`: you add them. */
  dns: "route53" | "manual";
  dmarc: string;
  defaultTimeZone: string;
  promptHour: number;
  cadenceMonths: number;
  rawMailRetentionDays: number;
  /** Where DLQ alarms are emailed (a subscription to confirm); none if unset. */
  alarmEmail: string | null;
  /** ARC sealers (ARC-Seal d=) trusted to vouch for From; none by default (docs/reliability.md). */
  trustedArcSealers: string[];
}

export const defaultRegion = "us-east-1";

const Env = z.object({
  COFFEECHAT_REGION: z._default(
    z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS Region such as us-east-1")),
    defaultRegion,
  ),
  COFFEECHAT_DNS: z._default(z.enum(["route53", "manual"]), "route53"),
  COFFEECHAT_DMARC: z._default(
    z.string().check(z.startsWith("v=DMARC1")),
    "v=DMARC1; p=quarantine; adkim=s;",
  ),
  COFFEECHAT_TIME_ZONE: z._default(
    z.string().check(z.refine(isIntlZone, "an IANA time zone such as Europe/Berlin")),
    "UTC",
  ),
  COFFEECHAT_PROMPT_HOUR: z._default(wholeNumber(0, 23), 9),
  COFFEECHAT_CADENCE_MONTHS: z._default(wholeNumber(1, 36), 6),
  COFFEECHAT_RAW_MAIL_DAYS: z._default(wholeNumber(1, 3650), 30),
  COFFEECHAT_ALARM_EMAIL: z.optional(EmailAddress),
  COFFEECHAT_TRUSTED_ARC_SEALERS: z._default(
    z
      .pipe(
        z.string(),
        z.transform((list) =>
          list
            .split(/[\s,;]+/)
            .map((d) => d.trim().toLowerCase().replace(/\.$/, ""))
            .filter(Boolean),
        ),
      )
      .check(
        z.refine(
          (list: string[]) => list.every((d) => DOMAIN.test(d)),
          "domain names such as google.com, comma-separated",
        ),
      ),
    () => [],
  ),
});

/** Reads and checks the settings; a bad value stops the deploy with the variable's name. */
export function stageSettings(env: Record<string, string | undefined>): StageSettings {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key.startsWith("COFFEECHAT_") && value !== ""),
  );
  const parsed = safeParseInEnglish(Env, present);
  if (!parsed.success)
    throw new Error(`Invalid coffeechat settings — ${describeIssues(parsed.error.issues)}`);
  const e = parsed.data;
  return {
    region: e.COFFEECHAT_REGION,
    dns: e.COFFEECHAT_DNS,
    dmarc: e.COFFEECHAT_DMARC,
    defaultTimeZone: e.COFFEECHAT_TIME_ZONE,
    promptHour: e.COFFEECHAT_PROMPT_HOUR,
    cadenceMonths: e.COFFEECHAT_CADENCE_MONTHS,
    rawMailRetentionDays: e.COFFEECHAT_RAW_MAIL_DAYS,
    alarmEmail: e.COFFEECHAT_ALARM_EMAIL ?? null,
    trustedArcSealers: e.COFFEECHAT_TRUSTED_ARC_SEALERS,
  };
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The mail domain secret: a bare host name (`coffee.example.com`), lower-cased. */
export function parseMailDomain(value: string): string {
  const domain = value.trim().toLowerCase().replace(/\.$/, "");
  if (!DOMAIN.test(domain)) {
    throw new Error(
      `MailDomain "${value}" is not a domain name (expected something like coffee.example.com).`,
    );
  }
  return domain;
}

/** The users secret: comma- (or space-) separated addresses allowed to use coffeechat. */
export function parseUsers(value: string): string[] {
  const addresses = value
    .split(/[\s,;]+/)
    .map((a) => a.trim().toLowerCase())
    .filter((a) => a !== "");
  const invalid = addresses.filter((a) => !EmailAddress.safeParse(a).success);
  if (invalid.length > 0) throw new Error(`Users contains invalid addresses: ${invalid.join(", ")}`);
  if (addresses.length === 0) throw new Error("Users is empty: set at least one address.");
  return [...new Set(addresses)];
}
