import { describe, expect, it } from "vitest";
import { defaultLimits } from "../../core/config.js";
import { CoffeechatError } from "../../core/errors.js";
import { parseMail } from "../../core/mail/parse-mail.js";
import { forwardedInvite } from "../support/mail-builder.js";

const options = { userAddresses: ["sam@gmail.com"], mailDomain: "localhost" };
const head = "From: Sam <sam@gmail.com>\r\nTo: log@localhost\r\nSubject: big\r\nMessage-ID: <big@x>\r\n";

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

async function refusal(raw: Uint8Array, limits = defaultLimits): Promise<{ code: string; ms: number }> {
  const started = performance.now();
  try {
    await parseMail(raw, { ...options, limits });
  } catch (error) {
    if (!(error instanceof CoffeechatError)) throw error;
    return { code: error.code, ms: performance.now() - started };
  }
  throw new Error("expected the mail to be refused");
}

function siblings(count: number): string {
  let body = `${head}Content-Type: multipart/mixed; boundary="b"\r\n\r\n`;
  for (let i = 0; i < count; i++) body += "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n";
  return `${body}--b--\r\n`;
}

function nestedMultipart(depth: number): string {
  let open = head;
  let close = "";
  for (let i = 0; i < depth; i++) {
    open += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    close = `\r\n--b${i}--\r\n${close}`;
  }
  return `${open}Content-Type: text/plain\r\n\r\nhi${close}`;
}

function nestedForwards(depth: number): string {
  let message =
    "From: Jane <jane@acme.com>\r\nTo: sam@gmail.com\r\nSubject: hi\r\nMessage-ID: <in@acme.com>\r\n\r\nhello\r\n";
  for (let i = 0; i < depth; i++) {
    message = `From: Sam <sam@gmail.com>\r\nTo: log@localhost\r\nSubject: fwd ${i}\r\nMessage-ID: <f${i}@x>\r\nContent-Type: multipart/mixed; boundary="f${i}"\r\n\r\n--f${i}\r\nContent-Type: text/plain\r\n\r\nlevel ${i}\r\n--f${i}\r\nContent-Type: message/rfc822\r\n\r\n${message}\r\n--f${i}--\r\n`;
  }
  return message;
}

describe("limits are checked before and while parsing", () => {
  it("refuses 100k sibling parts quickly with mail.too_many_parts", async () => {
    const result = await refusal(bytes(siblings(100_000)));
    expect(result.code).toBe("mail.too_many_parts");
    expect(result.ms).toBeLessThan(2_000);
  });

  it("refuses a 300-deep multipart with mail.too_many_parts", async () => {
    const result = await refusal(bytes(nestedMultipart(300)));
    expect(result.code).toBe("mail.too_many_parts");
    expect(result.ms).toBeLessThan(2_000);
  });

  it("refuses 3 MB of headers with mail.too_large", async () => {
    const filler = `X-Filler: ${"a".repeat(990)}\r\n`.repeat(3_100);
    const result = await refusal(bytes(`${head}${filler}\r\nbody\r\n`));
    expect(result.code).toBe("mail.too_large");
    expect(result.ms).toBeLessThan(2_000);
  });

  it("refuses forwards nested 20 deep, and still reads one nested 3 deep", async () => {
    const deep = await refusal(bytes(nestedForwards(20)));
    expect(deep.code).toBe("mail.too_many_parts");
    expect(deep.ms).toBeLessThan(2_000);

    const shallow = await parseMail(bytes(nestedForwards(3)), options);
    expect(shallow.kind).toBe("answer");
    expect(shallow.contact?.email).toBe("jane@acme.com");
    expect(shallow.originalKey).toBe("in@acme.com");
  });

  it("refuses with mail.parse_budget when the budget is spent", async () => {
    const result = await refusal(bytes(siblings(150)), { ...defaultLimits, parseBudgetMs: -1 });
    expect(result.code).toBe("mail.parse_budget");
  });

  it("accepts a mail within the limits", async () => {
    const mail = await parseMail(bytes(siblings(150)), options);
    expect(mail.kind).toBe("command");
  });

  it("reads an invite forwarded with a 9 MB PDF attached (base64: ~129k lines)", async () => {
    const invite = forwardedInvite({ from: "sam@gmail.com" }).replace(
      "To: log@coffee.test",
      "To: log@localhost",
    );
    const pdf = Buffer.alloc(7 * 1024 * 1024, 37)
      .toString("base64")
      .replace(/.{76}/g, "$&\r\n");
    const raw = invite.replace(
      "--outer--",
      `--outer\r\nContent-Type: application/pdf; name="cv.pdf"\r\nContent-Disposition: attachment; filename="cv.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${pdf}\r\n--outer--`,
    );
    expect(raw.length).toBeGreaterThan(9 * 1024 * 1024);
    expect(raw.length).toBeLessThan(defaultLimits.maxBytes);
    const mail = await parseMail(bytes(raw), options);
    expect(mail.kind).toBe("invite");
    expect(mail.contact?.email).toBe("jane@acme.com");
  });

  it("does not throw on bytes that are not mail", async () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const outcome = await parseMail(junk, options).then(
      (mail) => mail.kind,
      (error: unknown) => (error instanceof CoffeechatError ? error.code : "crash"),
    );
    expect(["unknown", "mail.unparseable"]).toContain(outcome);
  });
});
