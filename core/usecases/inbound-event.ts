import * as z from "zod/mini";
import { lazySchema } from "../model/parse.js";
import type { InboundMail } from "./receive-mail.js";

/** Where the receipt rule's S3 action writes each message: `<prefix><SES messageId>`. */
export const RAW_MAIL_PREFIX = "inbound/";

const verdict = () => z.optional(z.object({ status: z.string() }));

/** The SES receipt event (Lambda action) — only the fields we use. Built on first use (parse.ts, `lazySchema`). */
export const sesReceiptEventSchema = lazySchema(() =>
  z.object({
    Records: z
      .array(
        z.object({
          ses: z.object({
            mail: z.object({
              messageId: z.string().check(z.minLength(1), z.maxLength(200)),
              commonHeaders: z.optional(z.object({ from: z.optional(z.array(z.string())) })),
            }),
            receipt: z.object({
              recipients: z._default(z.array(z.string()), () => []),
              spfVerdict: verdict(),
              dkimVerdict: verdict(),
              dmarcVerdict: verdict(),
              spamVerdict: verdict(),
              virusVerdict: verdict(),
            }),
          }),
        }),
      )
      .check(z.minLength(1)),
  }),
);
export type SesReceiptEvent = z.output<ReturnType<typeof sesReceiptEventSchema>>;

/** A missing verdict counts as GRAY: neither pass nor fail. */
export function inboundMailsOf(event: SesReceiptEvent, bucket: string): InboundMail[] {
  return event.Records.map(({ ses: { mail, receipt } }) => ({
    sesMessageId: mail.messageId,
    headerFrom: mail.commonHeaders?.from ?? [],
    recipients: receipt.recipients.map((r) => r.toLowerCase()),
    verdicts: {
      spf: receipt.spfVerdict?.status ?? "GRAY",
      dkim: receipt.dkimVerdict?.status ?? "GRAY",
      dmarc: receipt.dmarcVerdict?.status ?? "GRAY",
      spam: receipt.spamVerdict?.status ?? "GRAY",
      virus: receipt.virusVerdict?.status ?? "GRAY",
    },
    raw: { bucket, key: `${RAW_MAIL_PREFIX}${mail.messageId}` },
  }));
}
