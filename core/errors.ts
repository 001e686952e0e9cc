export const ErrorCode = {
  UnknownSender: "mail.unknown_sender",
  Untrusted: "mail.untrusted",
  AmbiguousFrom: "mail.ambiguous_from",
  TooLarge: "mail.too_large",
  TooManyParts: "mail.too_many_parts",
  ParseBudget: "mail.parse_budget",
  Unparseable: "mail.unparseable",
  Spam: "mail.spam",
  ForwardingUnmatched: "mail.forwarding_unmatched",
  UnknownCommand: "command.unknown",
  InvalidToken: "token.invalid",
  MailRejected: "mail.rejected",
  NotFound: "not_found",
  Forbidden: "forbidden",
  BadRequest: "bad_request",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A failure the edges turn into a reply mail or an HTTP status; its message is safe to show. */
export class CoffeechatError extends Error {
  override readonly name = "CoffeechatError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** SES refused the mail for good (sandbox, suppressed address): retrying would not help. */
export class MailRejectedError extends CoffeechatError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.MailRejected, message, options);
  }
}
