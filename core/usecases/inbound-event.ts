import * as z from "zod";
import type { InboundMail } from "./receive-mail.js";

/** Where the receipt rule's S3 action writes each message: `<prefix><SES messageId>`. */
export const RAW_MAIL_PREFIX = "inbound/";

const Verdict = z.object({ status: z.string() }).optional();

/** The SES receipt event (Lambda action) — only the fields we use. */
export const SesReceiptEvent = z.object({
  Records: z
    .array(
      z.object({
        ses: z.object({
          mail: z.object({
            messageId: z.string().min(1).max(200),
            commonHeaders: z.object({ from: z.array(z.string()).optional() }).optional(),
          }),
          receipt: z.object({
            recipients: z.array(z.string()).default([]),
            spfVerdict: Verdict,
            dkimVerdict: Verdict,
            dmarcVerdict: Verdict,
            spamVerdict: Verdict,
            virusVerdict: Verdict,
          }),
        }),
      }),
    )
    .min(1),
});
export type SesReceiptEvent = z.infer<typeof SesReceiptEvent>;

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
