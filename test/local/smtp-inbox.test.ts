import { createTransport } from "nodemailer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freePort } from "../../local/ports.js";
import type { Envelope } from "../../local/ses-event.js";
import { inboxMatcher, type SmtpInbox, startSmtpInbox } from "../../local/smtp-inbox.js";

let inbox: SmtpInbox;
let port: number;
let received: { raw: string; envelope: Envelope }[];
let failDelivery: boolean;

beforeEach(async () => {
  received = [];
  failDelivery = false;
  port = await freePort();
  inbox = await startSmtpInbox({
    port,
    domain: "localhost",
    maxBytes: 50_000,
    deliver: async (raw, envelope) => {
      if (failDelivery) throw new Error("S3 is down");
      received.push({ raw: raw.toString(), envelope });
    },
  });
});
afterEach(() => inbox.stop());

const send = (to: string[], raw: string, from = "you@example.com") => {
  const transport = createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  return transport.sendMail({ envelope: { from, to }, raw }).finally(() => transport.close());
};

describe("the local SMTP inbox", () => {
  it("takes mail for log@ and reply+<token>@ and passes on the message and its envelope", async () => {
    const raw = "From: you@example.com\r\nTo: log@localhost\r\nSubject: hi\r\n\r\nhello\r\n";
    await send(["log@localhost", "Reply+abc234@LOCALHOST"], raw);
    expect(received).toHaveLength(1);
    expect(received[0]?.envelope).toEqual({
      from: "you@example.com",
      recipients: ["log@localhost", "Reply+abc234@localhost"],
    });
    expect(received[0]?.raw).toContain("Subject: hi");
  });

  it("refuses other recipients with 550", async () => {
    await expect(send(["someone@localhost"], "Subject: x\r\n\r\nx")).rejects.toMatchObject({
      responseCode: 550,
    });
    await expect(send(["log@example.com"], "Subject: x\r\n\r\nx")).rejects.toMatchObject({
      responseCode: 550,
    });
    expect(received).toHaveLength(0);
  });

  it("refuses a message over the size limit with 552", async () => {
    await expect(send(["log@localhost"], `Subject: big\r\n\r\n${"x".repeat(60_000)}`)).rejects.toMatchObject({
      responseCode: 552,
    });
    expect(received).toHaveLength(0);
  });

  it("answers 451 (try later) when the message cannot be stored", async () => {
    failDelivery = true;
    await expect(send(["log@localhost"], "Subject: x\r\n\r\nx")).rejects.toMatchObject({ responseCode: 451 });
  });
});

describe("which addresses the inbox takes", () => {
  const accepts = inboxMatcher("localhost");
  it.each(["log@localhost", "LOG@localhost", "reply+abc@localhost"])("takes %s", (a) =>
    expect(accepts(a)).toBe(true),
  );
  it.each([
    "reply+@localhost",
    "reply+a.b@localhost",
    "log@localhost.evil",
    "x@localhost",
    "log@",
    "reply+abc@other",
  ])("refuses %s", (a) => expect(accepts(a)).toBe(false));
});
