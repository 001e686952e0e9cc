import { type SESv2Client, SendEmailCommand, type SendEmailCommandInput } from "@aws-sdk/client-sesv2";
import { MailRejectedError } from "../errors.js";
import type { Mailer, OutgoingMail } from "../ports.js";
import { headerValue, isHeaderName } from "./header-value.js";

/** SES refusals that no retry can fix; anything else (throttling, 5xx) is rethrown for the caller to retry. */
const PERMANENT = new Set([
  "MessageRejected",
  "AccountSuspendedException",
  "SendingPausedException",
  "MailFromDomainNotVerifiedException",
]);

/**
 * While SES is in the sandbox, recipients are identities too, and the functions may send only to
 * those the deploy lists (the users' own addresses): mail to any other address (`address add` of a
 * new one) is refused by IAM, for good, until the operator verifies it or leaves the sandbox.
 */
const NOT_ALLOWED_REASON =
  "not sent: while this coffeechat's SES account is in the sandbox it may mail only its users' registered addresses (docs/deploy.md, SES sandbox)";

function isSendingNotAllowed(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === "AccessDeniedException" || error.name === "AccessDenied") &&
    /ses:Send(Raw)?Email/.test(error.message)
  );
}

/**
 * Mail through SES v2 `SendEmail` with Simple content: SES builds the MIME, and Simple carries
 * both the custom headers (List-Unsubscribe) and attachments (export), in SES and in the local
 * SES emulator alike. Every header value is stripped of CR/LF here, whatever the caller passed.
 */
export function createSesMailer(client: SESv2Client): Mailer {
  return {
    async send(mail) {
      try {
        const out = await client.send(new SendEmailCommand(sendEmailInput(mail)));
        if (!out.MessageId) throw new Error("SES answered without a MessageId");
        return { messageId: out.MessageId };
      } catch (error) {
        if (error instanceof Error && PERMANENT.has(error.name)) {
          throw new MailRejectedError(`SES refused the mail (${error.name})`, { cause: error });
        }
        if (isSendingNotAllowed(error)) {
          throw new MailRejectedError(NOT_ALLOWED_REASON, { cause: error });
        }
        throw error;
      }
    },
  };
}

function sendEmailInput(mail: OutgoingMail): SendEmailCommandInput {
  const headers = Object.entries(mail.headers).map(([name, value]) => {
    if (!isHeaderName(name)) throw new Error(`not a header name: ${JSON.stringify(name.slice(0, 40))}`);
    return { Name: name, Value: headerValue(value) };
  });
  const attachments = (mail.attachments ?? []).map((a) => ({
    FileName: headerValue(a.filename),
    ContentType: headerValue(a.contentType),
    ContentDisposition: "ATTACHMENT" as const,
    RawContent: new TextEncoder().encode(a.content),
  }));
  return {
    FromEmailAddress: headerValue(mail.from),
    Destination: { ToAddresses: [headerValue(mail.to)] },
    ReplyToAddresses: [headerValue(mail.replyTo)],
    Content: {
      Simple: {
        Subject: { Data: headerValue(mail.subject), Charset: "UTF-8" },
        Body: { Text: { Data: mail.text, Charset: "UTF-8" }, Html: { Data: mail.html, Charset: "UTF-8" } },
        ...(headers.length > 0 ? { Headers: headers } : {}),
        ...(attachments.length > 0 ? { Attachments: attachments } : {}),
      },
    },
  };
}
