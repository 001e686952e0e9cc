import { describe, expect, it } from "vitest";
import { mailtoLink } from "../../core/drafts/mailto.js";
import { decodeMailto } from "./fixtures.js";

describe("mailtoLink (RFC 6068)", () => {
  it("decodes back to the exact To, Subject and Body, with CRLF line breaks", () => {
    const parts = {
      to: "jane.o'neil+coffee@acme.co.uk",
      subject: "Thanks & a question? 100% — café #2",
      body: "Hi Jane,\n\nLine with & = ? # % + and émoji ☕\nLast line",
    };
    const link = mailtoLink(parts);
    expect(link).toMatch(
      /^mailto:[A-Za-z0-9\-._~%]+@[A-Za-z0-9\-._~%]+\?subject=[A-Za-z0-9\-._~%]*&body=[A-Za-z0-9\-._~%]*$/,
    );
    expect(link).toContain("%0D%0A%0D%0ALine");
    expect(decodeMailto(link)).toEqual({ ...parts, body: parts.body.replace(/\n/g, "\r\n") });
  });

  it("keeps the @ literal and encodes the local part", () => {
    expect(mailtoLink({ to: "a?b&c@x.com", subject: "s", body: "b" })).toBe(
      "mailto:a%3Fb%26c@x.com?subject=s&body=b",
    );
  });

  it("normalises CR, LF and CRLF alike, and keeps a subject on one line", () => {
    const link = mailtoLink({ to: "j@x.com", subject: "Hi\r\nBcc: evil@x", body: "a\rb\r\nc\nd" });
    const decoded = decodeMailto(link);
    expect(decoded.body).toBe("a\r\nb\r\nc\r\nd");
    expect(decoded.subject).toBe("Hi Bcc: evil@x");
    expect(link).not.toMatch(/[\r\n]/);
  });

  it("works with the platform URL parser too", () => {
    const url = new URL(mailtoLink({ to: "jane@acme.com", subject: "a+b c", body: "x\ny" }));
    expect(url.protocol).toBe("mailto:");
    expect(url.searchParams.get("subject")).toBe("a+b c");
    expect(url.searchParams.get("body")).toBe("x\r\ny");
  });
});
