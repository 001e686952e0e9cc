import * as v from "valibot";
import { awsDeps } from "../core/aws/clients.js";
import { sesMailerOnFirstSend } from "../core/aws/ses-on-first-send.js";
import { loadConfig } from "../core/config.js";
import type { Deps } from "../core/deps.js";
import { recordMailFeedback, SesFeedback } from "../core/usecases/mail-feedback.js";

const SnsEvent = v.object({ Records: v.array(v.object({ Sns: v.object({ Message: v.string() }) })) });

/** SES configuration-set events (via SNS) → here: bounces and complaints stop a user's prompts. */
export function createMailFeedbackHandler(deps: Deps) {
  return async (event: unknown): Promise<void> => {
    const records = v.safeParse(SnsEvent, event);
    if (!records.success) {
      deps.log.error("feedback.bad_event", {});
      return;
    }
    for (const record of records.output.Records) {
      const feedback = v.safeParse(SesFeedback, safeJson(record.Sns.Message));
      if (feedback.success) await recordMailFeedback(deps, feedback.output);
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
