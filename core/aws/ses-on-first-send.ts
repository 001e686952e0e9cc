import type { Mailer } from "../ports.js";

/**
 * Mail through SES, its client (and its part of the SDK) loaded with the first mail sent: the web
 * function sends only now and then (an answer due at once after a button), the feedback function
 * never. Functions that exist to send (inbound, dispatch, sweep) use `sesMailer()` instead.
 */
export const sesMailerOnFirstSend: Mailer = {
  async send(mail) {
    const { sesMailer } = await import("./ses-client.js");
    return sesMailer().send(mail);
  },
};
