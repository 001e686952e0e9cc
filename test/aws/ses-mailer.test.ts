import "aws-sdk-client-mock-vitest/extend";
import type { AddressInfo } from "node:net";
import {
  AccountSuspendedException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  SendingPausedException,
  TooManyRequestsException,
} from "@aws-sdk/client-sesv2";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSesMailer } from "../../core/aws/ses-mailer.js";
import { MailRejectedError } from "../../core/errors.js";
import type { OutgoingMail } from "../../core/ports.js";
import { closeServer } from "../../local/close-server.js";
import { startSesOutbox } from "../../local/ses-outbox.js";

const mail: OutgoingMail = {
  to: "you@example.com\r\nBcc: victim@evil.test",
  from: "coffeechat@coffee.test",
  replyTo: "reply+abc@coffee.test\n",
  subject: "Prep: coffee with <b>Jane</b>\r\nBcc: victim@evil.test",
  text: "Hi,\r\nline two",
  html: "<p>Hi</p>",
  headers: {
    "List-Unsubscribe": "<https://web.coffee.test/u/tok>,\r\n <mailto:unsubscribe@coffee.test>",
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  },
};

describe("with a mocked SES", () => {
  const ses = mockClient(SESv2Client);
  const mailer = () => createSesMailer(new SESv2Client({ region: "us-east-1" }));
  beforeEach(() => ses.reset());
  afterAll(() => ses.restore());

  it("sends Simple content with the custom headers, every header value stripped of CR/LF", async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: "ses-123" });

    expect(await mailer().send(mail)).toEqual({ messageId: "ses-123" });

    expect(ses).toReceiveCommandTimes(SendEmailCommand, 1);
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input).toEqual({
      FromEmailAddress: "coffeechat@coffee.test",
      Destination: { ToAddresses: ["you@example.com Bcc: victim@evil.test"] },
      ReplyToAddresses: ["reply+abc@coffee.test"],
      Content: {
        Simple: {
          Subject: { Data: "Prep: coffee with <b>Jane</b> Bcc: victim@evil.test", Charset: "UTF-8" },
          Body: {
            Text: { Data: "Hi,\r\nline two", Charset: "UTF-8" },
            Html: { Data: "<p>Hi</p>", Charset: "UTF-8" },
          },
          Headers: [
            {
              Name: "List-Unsubscribe",
              Value: "<https://web.coffee.test/u/tok>, <mailto:unsubscribe@coffee.test>",
            },
            { Name: "List-Unsubscribe-Post", Value: "List-Unsubscribe=One-Click" },
          ],
        },
      },
    });
  });

  it("attaches the export as a file", async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: "ses-124" });
    await mailer().send({
      ...mail,
      attachments: [
        { filename: "coffeechat\r\n-export.json", contentType: "application/json", content: '{"a":"é"}' },
      ],
    });
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.Content?.Simple?.Attachments).toEqual([
      {
        FileName: "coffeechat -export.json",
        ContentType: "application/json",
        ContentDisposition: "ATTACHMENT",
        RawContent: new TextEncoder().encode('{"a":"é"}'),
      },
    ]);
  });

  it.each([
    ["MessageRejected", new MessageRejected({ message: "Email address is not verified.", $metadata: {} })],
    ["AccountSuspended", new AccountSuspendedException({ message: "suspended", $metadata: {} })],
    ["SendingPaused", new SendingPausedException({ message: "paused", $metadata: {} })],
    [
      "MailFromDomainNotVerified",
      new MailFromDomainNotVerifiedException({ message: "mail from", $metadata: {} }),
    ],
  ])("turns %s into a MailRejectedError", async (_name, error) => {
    ses.on(SendEmailCommand).rejects(error);
    const sent = mailer().send(mail);
    await expect(sent).rejects.toBeInstanceOf(MailRejectedError);
    await expect(sent).rejects.toMatchObject({ code: "mail.rejected", cause: error });
  });

  it("turns IAM's refusal to send to an address outside the sandbox list into a MailRejectedError that says why", async () => {
    const denied = Object.assign(
      new Error(
        "User: arn:aws:sts::123456789012:assumed-role/coffeechat-prod-InboundRole/coffeechat-prod-Inbound is not authorized to perform: ses:SendEmail on resource: arn:aws:ses:us-east-1:123456789012:identity/sam@work.com because no identity-based policy allows the ses:SendEmail action",
      ),
      { name: "AccessDeniedException", $fault: "client", $metadata: { httpStatusCode: 403 } },
    );
    ses.on(SendEmailCommand).rejects(denied);
    const sent = mailer().send({ ...mail, to: "sam@work.com" });
    await expect(sent).rejects.toBeInstanceOf(MailRejectedError);
    await expect(sent).rejects.toMatchObject({ code: "mail.rejected", cause: denied });
    await expect(sent).rejects.toThrow(/sandbox/);
  });

  it("rethrows any other AccessDenied as it is (a broken deploy, not a refused address)", async () => {
    const denied = Object.assign(new Error("not authorized to perform: dynamodb:PutItem"), {
      name: "AccessDeniedException",
    });
    ses.on(SendEmailCommand).rejects(denied);
    await expect(mailer().send(mail)).rejects.toBe(denied);
  });

  it("rethrows throttling as it is, for the caller to retry", async () => {
    const throttled = new TooManyRequestsException({
      message: "Maximum sending rate exceeded.",
      $metadata: {},
    });
    ses.on(SendEmailCommand).rejects(throttled);
    await expect(mailer().send(mail)).rejects.toBe(throttled);
  });

  it("refuses a header name that could inject another header", async () => {
    await expect(mailer().send({ ...mail, headers: { "X-A\r\nBcc": "x" } })).rejects.toThrow(
      /not a header name/,
    );
    expect(ses).toReceiveCommandTimes(SendEmailCommand, 0);
  });
});

describe("against the local SES (aws-ses-v2-local)", () => {
  let server: import("node:http").Server;
  let endpoint: string;
  beforeAll(async () => {
    server = await startSesOutbox("127.0.0.1", 0);
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => closeServer(server));

  it("delivers headers and the attachment as the outbox shows them", async () => {
    const client = new SESv2Client({
      region: "us-east-1",
      endpoint,
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
    });
    const { messageId } = await createSesMailer(client).send({
      ...mail,
      attachments: [{ filename: "export.json", contentType: "application/json", content: '{"ok":true}' }],
    });

    const store = (await (await fetch(`${endpoint}/store`)).json()) as {
      emails: {
        messageId: string;
        subject: string;
        destination: { to: string[]; bcc: string[] };
        headers: { name: string; value: string }[];
        attachments: { filename: string; content: string }[];
      }[];
    };
    const sent = store.emails.find((e) => e.messageId === messageId);
    expect(sent?.subject).toBe("Prep: coffee with <b>Jane</b> Bcc: victim@evil.test");
    expect(sent?.destination.bcc).toEqual([]);
    expect(sent?.headers).toEqual([
      {
        name: "List-Unsubscribe",
        value: "<https://web.coffee.test/u/tok>, <mailto:unsubscribe@coffee.test>",
      },
      { name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click" },
    ]);
    expect(sent?.attachments.map((a) => [a.filename, Buffer.from(a.content, "base64").toString()])).toEqual([
      ["export.json", '{"ok":true}'],
    ]);
  });
});
