import { Resource } from "sst/resource";
import * as z from "zod/mini";
import { lazySchema, parseOrThrow, wholeNumber } from "./model/parse.js";

/** A list of addresses (or domains), or one string of them separated by commas or spaces. */
const addressList = () =>
  z.union([
    z.array(z.string()),
    z.pipe(
      z.string(),
      z.transform((s) => s.split(/[\s,]+/)),
    ),
  ]);

/**
 * Configuration comes from SST links (`Resource.X`), on AWS and in the local stack alike
 * (the local stack sets the same SST_RESOURCE_* shape). Parsed once, on the first call; the
 * schema is built then too (parse.ts, `lazySchema`).
 */
const linkedSchema = lazySchema(() =>
  z.object({
    Table: z.object({ name: z.string() }),
    TokenKey: z.object({ value: z.string().check(z.minLength(32)) }),
    Settings: z.object({
      mailDomain: z.string(),
      webUrl: z.string(),
      defaultTimeZone: z._default(z.string(), "UTC"),
      promptHour: z._default(wholeNumber(0, 23), 9),
      cadenceMonths: z._default(wholeNumber(1, 36), 6),
      /** Addresses allowed to use coffeechat: each becomes a user on its first mail. */
      users: z.pipe(
        z._default(addressList(), () => []),
        z.transform((list: string[]) => list.map((a) => a.trim().toLowerCase()).filter(Boolean)),
      ),
      /**
       * ARC sealers (ARC-Seal d=, e.g. `google.com`) whose chain vouches for From when the mail's
       * own DKIM does not (forwarders, mailing lists). None by default: ARC is not consulted.
       */
      trustedArcSealers: z.pipe(
        z._default(addressList(), () => []),
        z.transform((list: string[]) =>
          list.map((d) => d.trim().toLowerCase().replace(/\.$/, "")).filter(Boolean),
        ),
      ),
    }),
    RawMail: z.optional(z.object({ name: z.string() })),
    Schedules: z.optional(
      z.object({
        group: z.string(),
        roleArn: z.string(),
        targetArn: z.string(),
        deadLetterArn: z.string(),
      }),
    ),
  }),
);

export interface AppConfig {
  tableName: string;
  /** Secret key tokens are derived from (tokens.ts). */
  tokenKey: string;
  mailDomain: string;
  /** `log@<domain>`: where the user forwards mail. */
  inboxAddress: string;
  /** The From of everything coffeechat sends. */
  fromAddress: string;
  webUrl: string;
  /** Registered addresses (SST `Users` secret; `COFFEECHAT_USERS` locally). */
  users: string[];
  /** ARC sealers trusted to vouch for From (docs/reliability.md, case 11); empty by default. */
  trustedArcSealers: string[];
  rawMailBucket: string | null;
  schedules: z.output<ReturnType<typeof linkedSchema>>["Schedules"] | null;
  defaults: { timeZone: string; promptHour: number; cadenceMonths: number };
  limits: MailLimits;
}

export interface MailLimits {
  /** SES accepts up to 40 MB; we parse far less: nobody forwards a coffee invite that large. */
  maxBytes: number;
  maxParts: number;
  maxHeaderBytes: number;
  parseBudgetMs: number;
}

export const defaultLimits: MailLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxParts: 200,
  maxHeaderBytes: 256 * 1024,
  parseBudgetMs: 2_000,
};

export function configFrom(linked: unknown): AppConfig {
  const r = parseOrThrow(linkedSchema(), linked);
  const domain = r.Settings.mailDomain;
  return {
    tableName: r.Table.name,
    tokenKey: r.TokenKey.value,
    mailDomain: domain,
    inboxAddress: `log@${domain}`,
    fromAddress: `coffeechat@${domain}`,
    webUrl: r.Settings.webUrl.replace(/\/+$/, ""),
    users: r.Settings.users,
    trustedArcSealers: r.Settings.trustedArcSealers,
    rawMailBucket: r.RawMail?.name ?? null,
    schedules: r.Schedules ?? null,
    defaults: {
      timeZone: r.Settings.defaultTimeZone,
      promptHour: r.Settings.promptHour,
      cadenceMonths: r.Settings.cadenceMonths,
    },
    limits: defaultLimits,
  };
}

let cached: AppConfig | undefined;

export function loadConfig(): AppConfig {
  if (!cached) {
    const resource = Resource as unknown as Record<string, unknown>;
    cached = configFrom({
      Table: resource.Table,
      TokenKey: resource.TokenKey,
      Settings: resource.Settings,
      RawMail: safe(() => resource.RawMail),
      Schedules: safe(() => resource.Schedules),
    });
  }
  return cached;
}

/** SST's Resource proxy throws for a resource that is not linked; unlinked optional parts are null. */
function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
