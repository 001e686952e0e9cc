import * as z from "zod/mini";
import { EmailAddress } from "../core/model/email-address.js";
import { describeIssues, safeParseInEnglish, wholeNumber } from "../core/model/parse.js";
import { isIntlZone } from "../core/time/wall-clock.js";

/**
 * Deploy-time settings, read from the environment (SST loads `.env` and `.env.<stage>` before
 * running sst.config.ts). Plain code, no SST globals, so it is tested like any other module.
 * The mail domain and the users are SST secrets and the token key is generated, see infra/config.ts.
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
  /** Where alarms are emailed (a subscription to confirm); none if unset. */
  alarmEmail: string | null;
  /**
   * Where the status pages are served: `null` on CloudFront's own `*.cloudfront.net` name, `"@"` on
   * the stage's mail domain itself, or a label (`links` → `links.<mail domain>`).
   */
  webSubdomain: string | null;
  /** ACM certificate (us-east-1) for the web domain; needed only when DNS is `manual`. */
  webCertArn: string | null;
  /** Cap each function's concurrency (reserved concurrency); `false` for accounts whose quota is 10. */
  reservedConcurrency: boolean;
  /** Changing it generates a new token key (docs/deploy.md, rotating the token key). */
  tokenKeyVersion: string;
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
  COFFEECHAT_WEB_SUBDOMAIN: z.optional(
    z.string().check(z.regex(/^(@|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)$/, "@ or one DNS label such as links")),
  ),
  COFFEECHAT_WEB_CERT_ARN: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/,
          "an ACM certificate ARN in us-east-1",
        ),
      ),
  ),
  COFFEECHAT_RESERVED_CONCURRENCY: z._default(z.enum(["on", "off"]), "on"),
  COFFEECHAT_TOKEN_KEY_VERSION: z._default(
    z.string().check(z.regex(/^[\w.-]{1,32}$/, "a short version tag such as 2")),
    "1",
  ),
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
  const settings: StageSettings = {
    region: e.COFFEECHAT_REGION,
    dns: e.COFFEECHAT_DNS,
    dmarc: e.COFFEECHAT_DMARC,
    defaultTimeZone: e.COFFEECHAT_TIME_ZONE,
    promptHour: e.COFFEECHAT_PROMPT_HOUR,
    cadenceMonths: e.COFFEECHAT_CADENCE_MONTHS,
    rawMailRetentionDays: e.COFFEECHAT_RAW_MAIL_DAYS,
    alarmEmail: e.COFFEECHAT_ALARM_EMAIL ?? null,
    webSubdomain: e.COFFEECHAT_WEB_SUBDOMAIN ?? null,
    webCertArn: e.COFFEECHAT_WEB_CERT_ARN ?? null,
    reservedConcurrency: e.COFFEECHAT_RESERVED_CONCURRENCY === "on",
    tokenKeyVersion: e.COFFEECHAT_TOKEN_KEY_VERSION,
    trustedArcSealers: e.COFFEECHAT_TRUSTED_ARC_SEALERS,
  };
  if (settings.webSubdomain && settings.dns === "manual" && !settings.webCertArn) {
    throw new Error(
      "Invalid coffeechat settings — COFFEECHAT_WEB_SUBDOMAIN with COFFEECHAT_DNS=manual needs COFFEECHAT_WEB_CERT_ARN (an ACM certificate in us-east-1 for the web domain)",
    );
  }
  return settings;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The stage that owns the mail domain itself; every other stage gets a subdomain of its own. */
export const prodStage = "prod";

/**
 * The domain a stage receives and sends mail at: `prod` at the MailDomain secret itself, any other
 * stage (a test stage, the personal stage of `sst dev`) at `<stage>.<MailDomain>`. Two stages thus
 * never claim the same recipients, DNS records or SES identity, even when they share the secret.
 */
export function stageMailDomain(baseDomain: string, stage: string): string {
  checkStageName(stage, baseDomain);
  if (stage === prodStage) return baseDomain;
  const domain = `${stage}.${baseDomain}`;
  if (domain.length > 253 - "bounce.".length) {
    throw new Error(
      `The stage "${stage}" makes the mail domain "${domain}" too long: use a shorter stage name.`,
    );
  }
  return domain;
}

/** A non-prod stage name becomes a DNS label: refuse one that cannot be, before anything is created. */
export function checkStageName(stage: string, baseDomain = "<MailDomain>"): void {
  if (stage === prodStage) return;
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(stage)) {
    throw new Error(
      `The stage "${stage}" would receive mail at "${stage}.${baseDomain}", which is not a domain name: use a stage name of lower-case letters, digits and hyphens.`,
    );
  }
}

/** The web domain for the settings, or null for CloudFront's own name. */
export function webDomainOf(
  settings: Pick<StageSettings, "webSubdomain">,
  mailDomain: string,
): string | null {
  if (settings.webSubdomain === null) return null;
  return settings.webSubdomain === "@" ? mailDomain : `${settings.webSubdomain}.${mailDomain}`;
}

/** The custom MAIL FROM domain: bounces come back to it, and SPF aligns with the sender's domain. */
export function mailFromDomainOf(mailDomain: string): string {
  return `bounce.${mailDomain}`;
}

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
