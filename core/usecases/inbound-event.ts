import * as v from "valibot";
import type { InboundMail } from "./receive-mail.js";

/** Where the receipt rule's S3 action writes each message: `<prefix><SES messageId>`. */
export const RAW_MAIL_PREFIX = "inbound/";

const Verdict = v.optional(v.object({ status: v.string() }));

/** The SES receipt event (Lambda action) — only the fields we use. */
export const SesReceiptEvent = v.object({
  Records: v.pipe(
    v.array(
      v.object({
        ses: v.object({
          mail: v.object({
            messageId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
            commonHeaders: v.optional(v.object({ from: v.optional(v.array(v.string())) })),
          }),
          receipt: v.object({
            recipients: v.optional(v.array(v.string()), []),
            spfVerdict: Verdict,
            dkimVerdict: Verdict,
            dmarcVerdict: Verdict,
            spamVerdict: Verdict,
            virusVerdict: Verdict,
          }),
        }),
      }),
    ),
    v.minLength(1),
  ),
});
export type SesReceiptEvent = v.InferOutput<typeof SesReceiptEvent>;

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
