import { inboundDeps } from "../core/aws/raw-mail-client.js";
import { loadConfig } from "../core/config.js";
import type { Deps } from "../core/deps.js";
import { inboundMailsOf, sesReceiptEventSchema } from "../core/usecases/inbound-event.js";
import { receiveMail } from "../core/usecases/receive-mail.js";

/** SES receipt rule → (S3 action stored the raw mail) → here. */
export function createInboundHandler(deps: Deps) {
  return async (event: unknown): Promise<void> => {
    const parsed = sesReceiptEventSchema().safeParse(event);
    if (!parsed.success) {
      deps.log.error("inbound.bad_event", { issues: parsed.error.issues.length });
      return;
    }
    if (!deps.config.rawMailBucket) throw new Error("RawMail bucket is not linked to the inbound function");
    for (const mail of inboundMailsOf(parsed.data, deps.config.rawMailBucket)) {
      const outcome = await receiveMail(deps, mail);
      deps.log.info("inbound.done", { sesMessageId: mail.sesMessageId, outcome });
    }
  };
}

let handle: ((event: unknown) => Promise<void>) | undefined;

export const handler = (event: unknown) => {
  handle ??= createInboundHandler(inboundDeps(loadConfig()));
  return handle(event);
};
