import * as z from "zod/mini";
import { awsDeps } from "../core/aws/clients.js";
import { sesMailerOnFirstSend } from "../core/aws/ses-on-first-send.js";
import { loadConfig } from "../core/config.js";
import type { Deps } from "../core/deps.js";
import { recordMailFeedback, SesFeedback } from "../core/usecases/mail-feedback.js";

const SnsEvent = z.object({ Records: z.array(z.object({ Sns: z.object({ Message: z.string() }) })) });

/** SES configuration-set events (via SNS) → here: bounces and complaints stop a user's prompts. */
export function createMailFeedbackHandler(deps: Deps) {
  return async (event: unknown): Promise<void> => {
    const records = SnsEvent.safeParse(event);
    if (!records.success) {
      deps.log.error("feedback.bad_event", {});
      return;
    }
    for (const record of records.data.Records) {
      const feedback = SesFeedback.safeParse(safeJson(record.Sns.Message));
      if (feedback.success) await recordMailFeedback(deps, feedback.data);
      else deps.log.warn("feedback.unreadable", {});
    }
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

let handle: ((event: unknown) => Promise<void>) | undefined;

export const handler = (event: unknown) => {
  // Feedback never sends mail; the mailer is there because every function gets the same ports.
  handle ??= createMailFeedbackHandler(awsDeps(loadConfig(), sesMailerOnFirstSend));
  return handle(event);
};
