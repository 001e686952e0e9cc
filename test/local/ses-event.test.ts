import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sesReceiptEventSchema } from "../../core/usecases/inbound-event.js";
import { sesReceiptEvent, splitAddressList } from "../../local/ses-event.js";

const RAW = [
  "Return-Path: <you@example.com>",
  'From: "Doe, You" <you@example.com>',
  "To: log@localhost,",
  " Jane <jane@acme.com>",
  'Cc: a@x.com, "B, b" <b@x.com>',
  "Subject: Fwd: Coffee",
  "Message-ID: <abc@example.com>",
  "Date: Thu, 30 Oct 2025 12:00:00 +0000",
  "Content-Type: text/plain",
  "",
  "Subject: not a header",
  "",
].join("\r\n");

const event = sesReceiptEvent({
  raw: Buffer.from(RAW),
  envelope: { from: "you@example.com", recipients: ["log@localhost"] },
  messageId: "abc123",
  receivedAt: new Date("2025-10-30T12:00:01Z"),
  functionArn: "arn:aws:lambda:us-east-1:000000000000:function:inbound",
});

describe("the SES receipt event for a locally received message", () => {
  it("has the shape of a real SES Lambda event (corpus) and of what the inbound handler parses", () => {
    const record = event.Records[0];
    expect(record?.ses.mail).toMatchObject({
      messageId: "abc123",
      source: "you@example.com",
      destination: ["log@localhost"],
      timestamp: "2025-10-30T12:00:01.000Z",
      headersTruncated: false,
      commonHeaders: {
        returnPath: "you@example.com",
        from: ['"Doe, You" <you@example.com>'],
        to: ["log@localhost", "Jane <jane@acme.com>"],
        cc: ["a@x.com", '"B, b" <b@x.com>'],
        messageId: "<abc@example.com>",
        subject: "Fwd: Coffee",
      },
    });
    expect(record?.ses.receipt).toMatchObject({
      recipients: ["log@localhost"],
      spfVerdict: { status: "PASS" },
      dkimVerdict: { status: "PASS" },
      dmarcVerdict: { status: "PASS" },
      spamVerdict: { status: "PASS" },
      virusVerdict: { status: "PASS" },
      action: { type: "Lambda", invocationType: "Event" },
    });
    expect(record?.ses.mail.headers.map((h) => h.name)).toEqual([
      "Return-Path",
      "From",
      "To",
      "Cc",
      "Subject",
      "Message-ID",
      "Date",
      "Content-Type",
    ]);
    expect(sesReceiptEventSchema().safeParse(event).success).toBe(true);
  });

  const corpusEvent = new URL(
    "../../../shared/corpus/lambda/powertools-ts_ses_receipt_lambda.json",
    import.meta.url,
  );
  it.skipIf(!existsSync(corpusEvent))(
    "has every key a real SES event has (skipped: ../shared/corpus is absent)",
    () => {
      const real = JSON.parse(readFileSync(corpusEvent, "utf8"));
      const keys = (o: object) => Object.keys(o).sort();
      expect(keys(event.Records[0]?.ses.mail ?? {})).toEqual(keys(real.Records[0].ses.mail));
      expect(keys(event.Records[0]?.ses.receipt ?? {})).toEqual(keys(real.Records[0].ses.receipt));
    },
  );

  it("bounds the headers it copies from a hostile message", () => {
    const huge = `X-Big: ${"a".repeat(200_000)}\r\nFrom: x@y.z\r\n\r\nbody`;
    const e = sesReceiptEvent({
      raw: Buffer.from(huge),
      envelope: { from: "", recipients: ["log@localhost"] },
      messageId: "m",
      receivedAt: new Date(),
      functionArn: "f",
    });
    expect(e.Records[0]?.ses.mail.headersTruncated).toBe(true);
    expect(JSON.stringify(e).length).toBeLessThan(20_000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("ignores a __proto__ header name without touching Object.prototype", () => {
    const e = sesReceiptEvent({
      raw: Buffer.from("__proto__: polluted\r\nconstructor: x\r\n\r\n"),
      envelope: { from: "a@b.c", recipients: ["log@localhost"] },
      messageId: "m",
      receivedAt: new Date(),
      functionArn: "f",
    });
    expect(e.Records[0]?.ses.mail.headers).toEqual([
      { name: "__proto__", value: "polluted" },
      { name: "constructor", value: "x" },
    ]);
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});

describe("splitting address headers", () => {
  it("splits at top-level commas only", () => {
    expect(splitAddressList('"Roe, Bob" <bob@x.com>, ann@y.com (Ann, A), <c@z.com>')).toEqual([
      '"Roe, Bob" <bob@x.com>',
      "ann@y.com (Ann, A)",
      "<c@z.com>",
    ]);
  });
});
