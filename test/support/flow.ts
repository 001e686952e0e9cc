import { RAW_MAIL_PREFIX } from "../../core/usecases/inbound-event.js";
import { registerUser } from "../../core/usecases/register-user.js";
import { createInboundHandler } from "../../functions/inbound-mail.js";
import { createDispatchHandler } from "../../functions/prompt-due.js";
import { accountOf } from "./account-of.js";
import type { TestDeps } from "./fake-deps.js";
import { sesEvent } from "./mail-builder.js";

/** Drives the real handlers in-process: mail in through SES-shaped events, schedules fired by hand. */
export class Flow {
  private readonly inbound;
  private readonly dispatch;
  private count = 0;

  constructor(readonly deps: TestDeps) {
    this.inbound = createInboundHandler(deps);
    this.dispatch = createDispatchHandler(deps);
  }

  register(address = "you@example.com") {
    return registerUser(this.deps, address);
  }

  /** Stores the raw mail where the S3 action would, then invokes the inbound handler. */
  async receive(
    raw: string,
    options: Omit<Parameters<typeof sesEvent>[0], "messageId"> & { sesMessageId?: string } = {},
  ): Promise<string> {
    const sesMessageId = options.sesMessageId ?? `ses-in-${++this.count}`;
    this.deps.rawMail.put(`${RAW_MAIL_PREFIX}${sesMessageId}`, raw);
    await this.inbound(sesEvent({ ...options, messageId: sesMessageId }));
    return sesMessageId;
  }

  /** Re-delivers an already stored message (SES retries). */
  redeliver(sesMessageId: string, options: Omit<Parameters<typeof sesEvent>[0], "messageId"> = {}) {
    return this.inbound(sesEvent({ ...options, messageId: sesMessageId }));
  }

  /** Moves the clock and fires every schedule that came due, in order, like EventBridge would. */
  async advance(ms: number): Promise<void> {
    const target = this.deps.clock.now().getTime() + ms;
    for (;;) {
      const next = this.deps.scheduler.due(new Date(target))[0];
      if (!next) break;
      this.deps.clock.set(new Date(Math.max(next.at.getTime(), this.deps.clock.now().getTime())));
      this.deps.scheduler.schedules.delete(next.name); // ActionAfterCompletion: DELETE
      await this.dispatch(next.input);
    }
    this.deps.clock.set(new Date(target));
  }

  fire(input: unknown) {
    return this.dispatch(input);
  }

  get mails() {
    return this.deps.mailer.sent;
  }

  account(userId: string) {
    return accountOf(this.deps, userId);
  }
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
