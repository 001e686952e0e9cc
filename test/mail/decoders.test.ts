import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import PostalMime from "postal-mime";
import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * postal-mime is patched (patches/postal-mime+4.0.0.patch, applied by `npm install`): its body
 * decoders joined thousands of line chunks through a Blob, which takes ~300 ms for a 1 MB
 * plain-text mail in Node 20 and 22. These check the patch is in place and decodes every
 * transfer encoding byte for byte.
 */
const mail = (parts: string[]) =>
  [
    "From: Jane <jane@acme.com>",
    "To: you@example.com",
    "Subject: parts",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b"',
    "",
    ...parts.flatMap((part) => ["--b", part]),
    "--b--",
    "",
  ].join("\r\n");

afterEach(() => vi.restoreAllMocks());

describe("postal-mime's body decoders (patched)", () => {
  it("decode 7bit, quoted-printable and base64 parts exactly, without building a Blob", async () => {
    const blob = vi.spyOn(globalThis, "Blob");
    const bytes = Uint8Array.from({ length: 700 }, (_, i) => (i * 37) % 256);
    const parsed = await PostalMime.parse(
      mail([
        'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: 7bit\r\n\r\nline one\r\nline two',
        'Content-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>caf=C3=A9 =\r\nsoft break</p>',
        `Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="b.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(bytes).toString("base64").replace(/.{76}/g, "$&\r\n")}`,
      ]),
    );
    expect(parsed.text?.startsWith("line one\nline two\n")).toBe(true);
    expect(parsed.html).toContain("<p>café soft break</p>");
    const attachment = parsed.attachments[0]?.content;
    expect(attachment).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(attachment as ArrayBuffer)).toEqual(bytes);
    expect(blob).not.toHaveBeenCalled();
  });

  it("keep every line of a long plain-text body", async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} of a long message`);
    const parsed = await PostalMime.parse(
      ["From: jane@acme.com", "Subject: long", "", ...lines, ""].join("\r\n"),
    );
    expect(parsed.text?.split("\n").slice(0, 20_000)).toEqual(lines);
  });
});

/**
 * The same patch builds postal-mime's HTML entity table (2,000 names, 45 KB of the inbound
 * bundle) on first use instead of at import: most mail never needs it, and building it was
 * ~4 % of the inbound function's cold start.
 */
describe("postal-mime's HTML entity table (patched)", () => {
  it("is built on first use, not when the module loads", () => {
    const file = fileURLToPath(
      new URL("../../node_modules/postal-mime/dist/esm/html-entities.js", import.meta.url),
    );
    const source = readFileSync(file, "utf8");
    expect(source).toContain("export function htmlEntities()");
    expect(source).not.toMatch(/export const htmlEntities\b/);
  });

  it("still decodes named entities where an HTML part is turned into text", async () => {
    const parsed = await PostalMime.parse(
      mail([
        'Content-Type: text/plain; charset="utf-8"\r\n\r\nHello',
        'Content-Type: text/html; charset="utf-8"\r\n\r\n<p>Caf&eacute; &amp; tea &mdash; at three &hearts;</p>',
      ]),
    );
    expect(parsed.text).toContain("Café & tea — at three ♥");
  });
});
